"""Who takes part: consented answers only, aggregated, and no group under five on show."""

import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from participation.models import Profile
from stats.figures import compute
from stats.models import ReferencePopulation

from .conftest import comment, make_consultation, person, vote

pytestmark = pytest.mark.django_db


def take_part(page, governorate, n, **answers):
    """n consenting people from `governorate` comment (or vote, every other one)."""
    people = []
    for i in range(n):
        someone = person(consent=True, governorate=governorate, **answers)
        if i % 2:
            vote(page, someone)
        else:
            comment(page, someone)
        people.append(someone)
    return people


def table(html, table_id):
    start = html.index(f'id="{table_id}-caption"')
    return html[start : html.index("</table>", start)]


def row(html_table, label):
    found = re.search(r'<th scope="row">' + re.escape(label) + r"</th>(.*?)</tr>", html_table, re.S)
    assert found, label
    cells = re.findall(r"<td[^>]*>(.*?)</td>", found.group(1), re.S)
    # What a screen reader reads: the "–" shown on screen is aria-hidden, "hidden" is visually hidden.
    cells = [re.sub(r'<span aria-hidden="true">[^<]*</span>', "", cell) for cell in cells]
    return [re.sub(r"<[^>]+>", " ", cell).split() for cell in cells]


def chart_value(html, chart_id, label):
    start = html.index(f'id="chart-{chart_id}-title"')
    svg = html[start : html.index("</svg>", start)]
    found = re.search(
        r">" + re.escape(label) + r'</text>\s*(?:<rect[^>]*/>\s*)?<text class="chart__value[^"]*"[^>]*>([^<]*)<', svg
    )
    assert found, label
    return found.group(1)


@pytest.fixture
def page(site_tree):
    return make_consultation(site_tree.agency_a, "open")


def test_a_group_of_four_is_never_shown_and_cannot_be_worked_out(page):
    take_part(page, "amman", 12, gender="female")
    take_part(page, "amman", 6)  # gender not stated
    take_part(page, "irbid", 7, gender="male")
    take_part(page, "tafilah", 4, gender="unsaid")
    html = Client().get("/en/statistics/").content.decode()
    governorates = table(html, "governorate")
    assert row(governorates, "Tafilah") == [["fewer", "than", "5"], ["hidden"]]
    assert chart_value(html, "governorate", "Tafilah") == "fewer than 5"
    assert row(governorates, "Amman") == [["18"], ["62.1%"]]
    assert row(governorates, "Irbid") == [["7"], ["24.1%"]]
    assert row(governorates, "Total") == [["29"], ["100%"]]
    # 29 - 18 - 7 = 4 people in eleven hidden cells (ten governorates and "not stated"): not determined.
    assert row(governorates, "Zarqa") == [["fewer", "than", "5"], ["hidden"]]
    assert not re.search(r"[^\d.]4[^\d.]", re.sub(r"<[^>]+>", " ", governorates))
    assert "13.8" not in html  # 4 / 29

    # A single small cell would be the total minus the others: a second one is hidden with it.
    genders = table(html, "gender")
    assert row(genders, "Female") == [["12"], ["41.4%"]]
    assert row(genders, "Male") == [["7"], ["24.1%"]]
    assert row(genders, "Prefer not to say") == [["fewer", "than", "5"], ["hidden"]]
    assert row(genders, "Not stated") == [["hidden"], ["hidden"]]
    assert chart_value(html, "gender", "Not stated") == "hidden"
    assert not re.search(r"[^\d.][46][^\d.]", re.sub(r"<[^>]+>", " ", genders))
    assert "Participants who shared their details: 29." in html


def test_a_group_of_five_is_shown(page):
    take_part(page, "amman", 12)
    take_part(page, "irbid", 7)
    take_part(page, "tafilah", 5)
    html = Client().get("/en/statistics/").content.decode()
    governorates = table(html, "governorate")
    assert row(governorates, "Tafilah") == [["5"], ["20.8%"]]
    assert chart_value(html, "governorate", "Tafilah") == "20.8%"
    assert row(governorates, "Irbid") == [["7"], ["29.2%"]]


def test_demographics_come_only_from_consenting_participants(page, site_tree):
    take_part(page, "amman", 6, gender="female")
    # Six participants from Karak without consent: even with answers forced into the table, none count.
    for someone in take_part(page, "karak", 6):
        Profile.objects.filter(user=someone).update(demographics_consent=False, governorate="karak", gender="male")
    # Consenting people who did not take part (or only wrote a comment still waiting for moderation) do not count.
    for _ in range(6):
        person(consent=True, governorate="zarqa")
    for _ in range(6):
        comment(page, person(consent=True, governorate="aqaba"), status="pending")
    stats = compute()
    assert stats.total.participants == 12
    assert stats.consenting == 6
    assert {row["governorate"] for row in stats.demographics} == {"amman"}
    html = Client().get("/en/statistics/").content.decode()
    assert "Participants who shared their details: 6." in html
    assert row(table(html, "governorate"), "Amman") == [["6"], ["100%"]]
    assert row(table(html, "gender"), "Male") == [["fewer", "than", "5"], ["hidden"]]


def test_no_breakdown_for_fewer_than_five_people(page):
    take_part(page, "amman", 4)
    html = Client().get("/en/statistics/").content.decode()
    assert "Fewer than 5 participants have shared their details, so no figures are shown." in html
    assert 'id="governorate-caption"' not in html


def test_per_agency_breakdown_counts_only_that_agencys_participants(site_tree):
    take_part(make_consultation(site_tree.agency_a, "open"), "amman", 6)
    take_part(make_consultation(site_tree.agency_b, "open"), "irbid", 8)
    html = Client().get(f"/en/statistics/{site_tree.agency_b.slug}/").content.decode()
    assert "Participants who shared their details: 8." in html
    assert row(table(html, "governorate"), "Irbid") == [["8"], ["100%"]]


def test_population_shares_only_where_a_reviewer_entered_them(page):
    take_part(page, "amman", 10, gender="female")
    take_part(page, "irbid", 10, gender="male")
    html = Client().get("/en/statistics/").content.decode()
    assert "Share of the population" not in html
    assert "chart__reference" not in html

    reference = ReferencePopulation.load()
    reference.source = "Department of Statistics, 2024"
    reference.governorate_amman = Decimal("42.0")
    reference.governorate_irbid = Decimal("18.5")
    reference.full_clean()
    reference.save()
    html = Client().get("/en/statistics/").content.decode()
    governorates = table(html, "governorate")
    assert row(governorates, "Amman") == [["10"], ["50%"], ["42%"]]
    assert row(governorates, "Irbid") == [["10"], ["50%"], ["18.5%"]]
    assert row(governorates, "Zarqa")[-1] == ["no", "figure"]
    assert "Population shares: Department of Statistics, 2024." in html
    assert "Share of the population" not in table(html, "gender")  # nothing entered for gender
    assert html.count('class="chart__reference"') == 2 + 1  # two bars and the legend swatch


def test_reference_population_is_blank_by_default_and_checked():
    reference = ReferencePopulation.load()
    assert all(reference.share("governorate", g) is None for g in reference.shares("governorate"))
    reference.gender_female = Decimal("49.5")
    with pytest.raises(ValidationError) as error:
        reference.full_clean()
    assert "source" in error.value.message_dict
    reference.source = "Census"
    reference.gender_male = Decimal("55")
    with pytest.raises(ValidationError) as error:
        reference.full_clean()
    assert "gender_female" in error.value.message_dict
    reference.gender_male = Decimal("50.5")
    reference.full_clean()


def test_reviewers_can_be_given_the_setting(admin_client):
    """The permission to grant ministry reviewers (pages.roles.REVIEWER_PERMISSIONS), and the edit form."""
    from django.contrib.auth.models import Permission

    assert Permission.objects.filter(content_type__app_label="stats", codename="change_referencepopulation").exists()
    response = admin_client.get("/admin/settings/stats/referencepopulation/", follow=True)
    assert response.status_code == 200
    assert "governorate_tafilah" in response.content.decode()
