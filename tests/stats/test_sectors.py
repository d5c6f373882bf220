"""Who is answering (issue 11): people by respondent sector, with no group under five on show or derivable."""

import pytest
from django.test import Client

from participation.models import QuestionnaireSubmission
from stats.agency_tables import agency_sectors

from .conftest import comment, make_consultation, person, vote
from .test_inclusion import row, table

pytestmark = pytest.mark.django_db


def answer(page, n, sector="", organisation="جمعية المزارعين"):
    """n people comment (or vote, every other one) on `page`, for an organisation of `sector` or as themselves."""
    for i in range(n):
        someone = person()
        response = vote(page, someone) if i % 2 else comment(page, someone)
        if sector:
            type(response).objects.filter(pk=response.pk).update(
                organisation_name=organisation, respondent_sector=sector
            )


def sector_table(url):
    response = Client().get(url)
    assert response.status_code == 200
    return response.content.decode(), table(response.content.decode(), "sector")


def test_agency_page_shows_people_by_sector_and_hides_small_groups(site_tree):
    page = make_consultation(site_tree.agency_a, "open")
    answer(page, 6)
    answer(page, 5, "private")
    answer(page, 2, "media")
    html, sectors = sector_table(f"/en/statistics/{site_tree.agency_a.slug}/")
    assert "People who took part: 13." in html
    assert row(sectors, "Individuals") == [["6"], ["46.2%"]]
    assert row(sectors, "Private sector") == [["5"], ["38.5%"]]
    assert row(sectors, "Media") == [["fewer", "than", "5"], ["hidden"]]
    assert row(sectors, "Government entity") == [["fewer", "than", "5"], ["hidden"]]
    # The 2 is nowhere on the page's sector table, and the chart says "fewer than 5" too.
    assert ">2<" not in sectors
    assert "chart-sector-title" in html


def test_a_person_counts_once_under_their_organisations_sector(site_tree):
    page = make_consultation(site_tree.agency_a, "open")
    answer(page, 5)
    someone = person()
    comment(page, someone)  # as themselves
    ballot = vote(page, someone)  # and for a company
    type(ballot).objects.filter(pk=ballot.pk).update(organisation_name="شركة", respondent_sector="private")
    counts = agency_sectors({page.translation_key: site_tree.agency_a.translation_key})
    assert counts[site_tree.agency_a.translation_key]["individual"] == 5
    assert counts[site_tree.agency_a.translation_key]["private"] == 1


def test_withheld_with_fewer_than_five_people(site_tree):
    page = make_consultation(site_tree.agency_a, "open")
    answer(page, 3)
    answer(page, 1, "academic")
    html = Client().get(f"/en/statistics/{site_tree.agency_a.slug}/").content.decode()
    assert "Fewer than 5 people have taken part, so no figures by sector are shown." in html
    assert 'id="sector-caption"' not in html


def test_agency_page_counts_only_the_agencys_consultations(site_tree):
    answer(make_consultation(site_tree.agency_a, "open"), 5)
    answer(make_consultation(site_tree.agency_b, "open"), 7, "civil_society")
    _html, sectors = sector_table(f"/en/statistics/{site_tree.agency_a.slug}/")
    assert row(sectors, "Individuals") == [["5"], ["100%"]]
    assert row(sectors, "Civil-society organisation") == [["fewer", "than", "5"], ["hidden"]]
    _html, sectors = sector_table(f"/en/statistics/{site_tree.agency_b.slug}/")
    assert row(sectors, "Civil-society organisation") == [["7"], ["100%"]]


def test_unpublished_responses_are_not_counted(site_tree):
    page = make_consultation(site_tree.agency_a, "open")
    answer(page, 5)
    for status in ("pending", "rejected"):
        comment(page, person(), status=status)
    comment(page, person(), official=True)
    html, sectors = sector_table(f"/en/statistics/{site_tree.agency_a.slug}/")
    assert "People who took part: 5." in html


def test_site_wide_cell_hidden_when_subtraction_would_give_an_agencys_small_group_away(site_tree):
    """Agency A: 6 individuals, 2 for companies (hidden). Agency B: 6 and 5 (shown). Site-wide private 7
    minus B's 5 would give A's 2: the site-wide cell is hidden too."""
    page_a = make_consultation(site_tree.agency_a, "open")
    answer(page_a, 6)
    answer(page_a, 2, "private")
    page_b = make_consultation(site_tree.agency_b, "open")
    answer(page_b, 6)
    answer(page_b, 5, "private")
    _html, a = sector_table(f"/en/statistics/{site_tree.agency_a.slug}/")
    assert row(a, "Private sector") == [["fewer", "than", "5"], ["hidden"]]
    _html, b = sector_table(f"/en/statistics/{site_tree.agency_b.slug}/")
    assert row(b, "Private sector") == [["5"], ["45.5%"]]
    html, site = sector_table("/en/statistics/")
    assert "People who took part: 19." in html
    assert row(site, "Private sector") == [["hidden"], ["hidden"]]
    assert row(site, "Individuals") == [["12"], ["63.2%"]]
    assert ">7<" not in site


def test_questionnaire_answers_count(site_tree):
    page = make_consultation(site_tree.agency_a, "open")
    answer(page, 4)
    someone = person()
    QuestionnaireSubmission.objects.create(
        translation_key=page.translation_key,
        block_id="q-1",
        agency_key=site_tree.agency_a.translation_key,
        respondent=someone,
        language="ar",
        organisation_name="جامعة",
        respondent_sector="academic",
    )
    counts = agency_sectors({page.translation_key: site_tree.agency_a.translation_key})
    assert counts[site_tree.agency_a.translation_key] == {
        "individual": 4,
        "government": 0,
        "private": 0,
        "civil_society": 0,
        "academic": 1,
        "media": 0,
        "other": 0,
    }


@pytest.mark.parametrize("which", ["site", "agency"])
def test_queries_do_not_grow_with_responses(site_tree, which, django_assert_max_num_queries):
    url = "/en/statistics/" if which == "site" else f"/en/statistics/{site_tree.agency_a.slug}/"
    client = Client()
    for n in (1, 4):
        for agency in (site_tree.agency_a, site_tree.agency_b):
            page = make_consultation(agency, "open")
            answer(page, n)
            answer(page, n, "private")
            answer(page, n, "media")
        client.get(url)
        with django_assert_max_num_queries(28):  # the same budget as tests/stats/test_queries.py
            assert client.get(url).status_code == 200
