"""The statistics equal counts made independently from what the test created."""

import re
import statistics
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from participation.models import ConsultationPage, ConsultationRules
from stats.charts import WIDTH
from stats.figures import compute
from tests.factories import ConsultationPageFactory, add_page, translate_page
from tests.participation.conftest import participation_body

from .conftest import DAY, comment, make_consultation, person, vote

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal(site_tree):
    """Consultations in every status in two agencies, with comments, votes and dispositions.

    Returns the pages and the expected figures, counted here by hand."""
    now = timezone.now()
    a, b = site_tree.agency_a, site_tree.agency_b
    pages = {
        "a_upcoming": make_consultation(a, "upcoming", consultation_type="draft_law"),
        "a_open": make_consultation(a, "open", consultation_type="policy"),
        "a_open2": make_consultation(a, "open", consultation_type="policy"),
        "a_closed": make_consultation(a, "closed", closes_days_ago=10),
        "a_concluded": make_consultation(a, "concluded", closes_days_ago=100, outcome_days=10),
        "a_concluded2": make_consultation(a, "concluded", closes_days_ago=100, outcome_days=31),
        "b_overdue": make_consultation(b, "closed", closes_days_ago=120, title="مشاورة متأخرة النتيجة"),
        "b_concluded": make_consultation(
            b, "concluded", closes_days_ago=200, outcome_days=20, consultation_type="public_service"
        ),
    }
    # An English translation is the same consultation; a draft is not published.
    translate_page(pages["a_open"], title="Open consultation in English")
    translate_page(pages["b_overdue"], title="Overdue consultation in English")
    draft = add_page(a, ConsultationPageFactory(body=participation_body(), live=False), publish=False)

    people = [person() for _ in range(6)]
    p0, p1, p2, p3, p4, p5 = people
    # Agency A: published comments by p0, p1 (one answered each); a reply; p2 only pending.
    comment(pages["a_open"], p0, answered=True)
    comment(pages["a_open"], p0)
    comment(pages["a_open"], p1, answered=True, block_id="art-5")
    comment(pages["a_concluded"], p1)
    comment(pages["a_open"], p2, status="pending")
    comment(pages["a_open"], p3, status="rejected")
    comment(pages["a_open"], p3, status="hidden")
    comment(pages["a_open"], p4, official=True)  # an official reply is the agency's, not the public's
    vote(pages["a_open"], p0)
    vote(pages["a_open"], p3)  # p3 takes part by voting only
    vote(pages["a_open2"], p3)
    # Agency B: p0 again (takes part with both agencies), p5 votes.
    comment(pages["b_overdue"], p0, answered=True)
    comment(pages["b_concluded"], p5)
    vote(pages["b_overdue"], p5)
    vote(pages["b_overdue"], p0)
    # Nothing on a draft counts.
    comment(draft, p2)
    vote(draft, p2)

    expected = {
        "all": {
            "consultations": 8,
            "by_status": {"upcoming": 1, "open": 2, "closed": 2, "concluded": 3},
            "by_type": {"draft_law": 1, "policy": 2, "regulation": 4, "public_service": 1},
            "participants": 4,  # p0, p1, p3, p5
            "comments": 6,
            "answered": 3,
            "votes": 5,
            "median_days": statistics.median([10, 31, 20]),
            "overdue": 1,
        },
        "a": {
            "consultations": 6,
            "by_status": {"upcoming": 1, "open": 2, "closed": 1, "concluded": 2},
            "by_type": {"draft_law": 1, "policy": 2, "regulation": 3},
            "participants": 3,  # p0, p1, p3
            "comments": 4,
            "answered": 2,
            "votes": 3,
            "median_days": statistics.median([10, 31]),
            "overdue": 0,
        },
        "b": {
            "consultations": 2,
            "by_status": {"closed": 1, "concluded": 1},
            "by_type": {"regulation": 1, "public_service": 1},
            "participants": 2,  # p0, p5
            "comments": 2,
            "answered": 1,
            "votes": 2,
            "median_days": 20,
            "overdue": 1,
        },
    }
    return pages, expected, now


def assert_record(record, expected):
    assert record.consultations == expected["consultations"]
    assert {k: v for k, v in record.by_status.items() if v} == expected["by_status"]
    assert {k: v for k, v in record.by_type.items() if v} == expected["by_type"]
    assert record.participants == expected["participants"]
    assert record.comments == expected["comments"]
    assert record.answered == expected["answered"]
    assert record.answered_share == pytest.approx(100 * expected["answered"] / expected["comments"])
    assert record.votes == expected["votes"]
    assert record.median_days == pytest.approx(expected["median_days"])
    assert record.overdue == expected["overdue"]


def test_site_wide_figures(portal):
    pages, expected, _ = portal
    stats = compute()
    assert_record(stats.total, expected["all"])
    assert [page.translation_key for page in stats.overdue] == [pages["b_overdue"].translation_key]


def test_each_agency_record(portal, site_tree):
    _, expected, _ = portal
    records = {item.agency.pk: item.record for item in compute().agencies}
    assert_record(records[site_tree.agency_a.pk], expected["a"])
    assert_record(records[site_tree.agency_b.pk], expected["b"])


def test_per_agency_figures(portal, site_tree):
    _, expected, _ = portal
    assert_record(compute(agency=site_tree.agency_a).total, expected["a"])
    assert_record(compute(agency=site_tree.agency_b).total, expected["b"])
    assert compute(agency=site_tree.agency_b).agencies == []


def test_a_consultation_counts_once_in_every_language(site_tree):
    page = make_consultation(site_tree.agency_a, "open")
    translate_page(page, title="In English")
    assert ConsultationPage.objects.live().count() == 2
    assert compute().total.consultations == 1
    assert compute(language="en").total.consultations == 1


def test_median_days_from_closing_to_outcome(site_tree):
    for days in (3, 8, 40, 12):
        make_consultation(site_tree.agency_a, "concluded", closes_days_ago=90, outcome_days=days)
    assert compute().total.median_days == pytest.approx(10)  # (8 + 12) / 2
    make_consultation(site_tree.agency_a, "concluded", closes_days_ago=90, outcome_days=9.5)
    assert compute().total.median_days == pytest.approx(9.5)
    # An outcome published before closing counts as zero days, not negative.
    early = make_consultation(site_tree.agency_b, "concluded", closes_days_ago=90, outcome_days=-2)
    assert compute(agency=site_tree.agency_b).total.median_days == 0
    # Closed or open consultations are not in the median.
    make_consultation(site_tree.agency_b, "closed", closes_days_ago=5)
    assert compute(agency=site_tree.agency_b).total.durations == [0]
    assert early.status == "concluded"


def test_no_median_without_outcomes(site_tree):
    make_consultation(site_tree.agency_a, "open")
    assert compute().total.median_days is None


@pytest.mark.parametrize("weeks", [12, 4])
def test_overdue_exactly_after_the_deadline_in_the_rules(site_tree, weeks):
    rules = ConsultationRules.load()
    rules.outcome_deadline_weeks = weeks
    rules.save()
    now = timezone.now()
    deadline = timedelta(weeks=weeks)

    def closed(title, closes_at, **fields):
        return make_consultation(
            site_tree.agency_a,
            fields.pop("status", "closed"),
            title=title,
            dates={"opens_at": closes_at - 20 * DAY, "closes_at": closes_at},
            **fields,
        )

    closed("قبل الموعد بساعة", now - deadline + timedelta(hours=1))
    closed("بعد الموعد بساعة", now - deadline - timedelta(hours=1))
    closed("متأخرة جداً", now - deadline - 100 * DAY)
    closed("نشرت النتيجة", now - deadline - 100 * DAY, status="concluded")
    make_consultation(site_tree.agency_a, "open", title="مفتوحة")
    stats = compute(now=now)
    assert [page.title for page in stats.overdue] == ["متأخرة جداً", "بعد الموعد بساعة"]
    assert stats.total.overdue == 2
    # The same consultation is overdue a little later, and agrees with the page's own flag.
    later = compute(now=now + timedelta(hours=2))
    assert later.total.overdue == 3
    flagged = {p.title for p in ConsultationPage.objects.live() if p.is_outcome_overdue}
    assert flagged == {page.title for page in stats.overdue}
    assert stats.overdue[0].due_at == stats.overdue[0].closes_at + deadline


def test_overdue_consultations_are_named_in_the_readers_language(portal):
    pages, _, _ = portal
    assert [p.title for p in compute(language="en").overdue] == ["Overdue consultation in English"]
    assert [p.title for p in compute(language="ar").overdue] == ["مشاورة متأخرة النتيجة"]


def cell_texts(html, row_label):
    """The cells of the table row headed `row_label`."""
    row = re.search(
        r"<tr>\s*<th scope=\"row\">(?:<a [^>]*>)?" + re.escape(row_label) + r"(?:</a>)?</th>(.*?)</tr>", html, re.S
    )
    assert row, row_label
    return [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)]


def test_page_shows_the_figures_and_each_agencys_record(portal, site_tree):
    html = Client().get("/en/statistics/").content.decode()
    assert 'dir="ltr"' in html
    # Consultations, open, participants, comments, votes, answered share, median days, overdue.
    assert cell_texts(html, site_tree.agency_a.title) == ["6", "2", "3", "4", "3", "50%", "20.5", "0"]
    assert cell_texts(html, site_tree.agency_b.title) == ["2", "0", "2", "2", "2", "50%", "20", "1"]
    assert cell_texts(html, "All government entities") == ["8", "2", "4", "6", "5", "50%", "20", "1"]
    assert cell_texts(html, "Outcome published")[0] == "3"
    assert "Overdue consultation in English" in html
    assert f'href="/en/statistics/{site_tree.agency_a.slug}/"' in html


def test_agency_page_shows_only_that_agencys_figures(portal, site_tree):
    client = Client()
    response = client.get(f"/en/statistics/{site_tree.agency_a.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert response.context["stats"].total.consultations == 6
    assert site_tree.agency_a.title in html
    assert site_tree.agency_b.title not in html
    assert "Overdue consultation in English" not in html
    assert "No outcome is overdue." in html
    assert "Each government entity&#x27;s record" not in html
    assert cell_texts(html, "Open") == ["2"]
    html_b = client.get(f"/en/statistics/{site_tree.agency_b.slug}/").content.decode()
    assert "Overdue consultation in English" in html_b
    assert cell_texts(html_b, "Open") == ["0"]


def test_agency_found_by_id_or_slug_in_either_language(site_tree):
    client = Client()
    by_id = client.get(f"/ar/statistics/{site_tree.agency_b.pk}/")
    assert by_id.status_code == 200 and by_id.context["agency"].pk == site_tree.agency_b.pk
    english = translate_page(site_tree.agency_b, title="Legislation and Opinion Bureau")
    response = client.get(f"/en/statistics/{site_tree.agency_b.pk}/")
    assert response.context["agency"].pk == english.pk
    assert "Legislation and Opinion Bureau" in response.content.decode()
    assert client.get("/en/statistics/no-such-agency/").status_code == 404
    assert client.get("/en/statistics/999999/").status_code == 404


def test_renders_right_to_left_in_arabic_and_left_to_right_in_english(portal):
    for language, direction in (("ar", "rtl"), ("en", "ltr")):
        response = Client().get(f"/{language}/statistics/")
        assert response.status_code == 200
        html = response.content.decode()
        assert f'<html lang="{language}" dir="{direction}">' in html
        assert f'direction="{direction}"' in html
        bars = [
            (float(x), float(width))
            for x, width in re.findall(r'<rect class="chart__bar" x="([\d.]+)" y="[\d.]+" width="([\d.]+)"', html)
        ]
        assert bars
        for x, width in bars:
            # Bars grow from the inline-start edge: the right in Arabic, the left (0) in English.
            assert (x + width == pytest.approx(WIDTH)) if direction == "rtl" else x == 0
        assert "style=" not in html[html.find("<main") :]
        assert re.search(r'<svg class="chart"[^>]*role="img"[^>]*aria-labelledby="chart-status-title', html)
        assert '<th scope="col">' in html and "<caption" in html


def test_numbers_use_the_languages_format(site_tree):
    from participation.models import Ballot

    page = make_consultation(site_tree.agency_a, "open")
    Ballot.objects.bulk_create(
        Ballot(translation_key=page.translation_key, block_id="poll-1", voter=None, language="ar") for _ in range(1234)
    )
    comment(page, person(), answered=True)
    comment(page, person())
    comment(page, person())
    en = Client().get("/en/statistics/").content.decode()
    ar = Client().get("/ar/statistics/").content.decode()
    assert "<dd>1,234</dd>" in en and "<dd>33.3%</dd>" in en
    # Our Arabic format (site/config/formats/ar): Western digits grouped by three, a decimal point.
    assert "<dd>1,234</dd>" in ar and "<dd>33.3%</dd>" in ar


def test_empty_portal(site_tree):
    for language in ("ar", "en"):
        response = Client().get(f"/{language}/statistics/")
        assert response.status_code == 200
    html = response.content.decode()
    assert "No outcome is overdue." in html
    assert "Fewer than 5 participants have shared their details, so no figures are shown." in html
    assert cell_texts(html, "Total")[0] == "0"
    assert Client().post("/en/statistics/").status_code == 405
