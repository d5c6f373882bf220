"""Citizens' proposals on the statistics pages (issue 12): by agency, topic and governorate, and answer deadlines."""

import re

import pytest
from django.test import Client

from proposals import opendata
from tests.proposals.conftest import (  # noqa: F401 (fixtures)
    answered,
    citizen,
    clear_cache,
    make_overdue,
    published,
    reach_threshold,
    small_threshold,
    staff,
    submit,
)

from .test_inclusion import row, table

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposals(site_tree, citizen, staff):  # noqa: F811
    """Agency A: one answered on time, one overdue (irbid). Agency B: one published, one waiting for moderation."""
    on_time = answered(
        reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a)), staff.editor_a, staff.reviewer
    )
    overdue = make_overdue(
        reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a, title="ب", governorate="irbid"))
    )
    other = published(citizen, site_tree.agency_b, staff.moderator_b, title="ج", governorate="irbid")
    submit(citizen, site_tree.agency_b, title="ينتظر")
    return on_time, overdue, other


def figure(html, label):
    start = html.index(f"<dt>{label}</dt>")
    return html[start : html.index("</dd>", start)].split("<dd>")[1]


def test_site_wide_proposals_by_agency_topic_and_governorate(site_tree, proposals):
    html = Client().get("/en/statistics/").content.decode()
    assert "Citizens’ proposals" in html
    assert figure(html, "Published proposals") == "3"
    assert figure(html, "Proposals answered") == "1"
    assert figure(html, "Answered on time") == "50%"  # one on time, one overdue
    assert figure(html, "Overdue answers") == "1"
    assert figure(html, "Median days to answer") != ""
    agencies = table(html, "proposals-agency")
    assert f'href="/en/statistics/{site_tree.agency_a.slug}/"' in agencies
    agencies = re.sub(r'<a href="[^"]*">|</a>', "", agencies)
    assert row(agencies, site_tree.agency_a.title) == [["2"], ["1"]]
    assert row(agencies, site_tree.agency_b.title) == [["1"], ["0"]]
    governorates = table(html, "proposals-governorate")
    assert row(governorates, "Irbid") == [["2"], ["0"]]
    assert row(governorates, "Not stated") == [["1"], ["1"]]
    assert "chart-proposals-agency-title" in html
    assert "ينتظر" not in html


def test_agency_page_counts_only_its_proposals(site_tree, proposals):
    html = Client().get(f"/en/statistics/{site_tree.agency_b.slug}/").content.decode()
    assert figure(html, "Published proposals") == "1"
    assert figure(html, "Proposals answered") == "0"
    assert figure(html, "Overdue answers") == "0"
    assert 'id="proposals-agency-caption"' not in html
    assert row(table(html, "proposals-governorate"), "Irbid") == [["1"], ["0"]]
    html = Client().get(f"/en/statistics/{site_tree.agency_a.slug}/").content.decode()
    assert figure(html, "Published proposals") == "2"
    assert figure(html, "Overdue answers") == "1"


def test_no_proposals_yet(site_tree):
    html = Client().get("/en/statistics/").content.decode()
    assert "No proposal has been published yet." in html


def test_open_data_statistics_for_one_agency(site_tree, proposals):
    assert [(r["key"], r["proposals"]) for r in opendata.counts_by("governorate", agency=site_tree.agency_b)] == [
        ("irbid", 1)
    ]
    assert sum(r["proposals"] for r in opendata.counts_by("topic", agency=site_tree.agency_a)) == 2
    timeliness = opendata.answer_timeliness(agency=site_tree.agency_a)
    assert timeliness["answered_on_time"] == 1 and timeliness["overdue"] == 1
    assert opendata.answer_timeliness(agency=site_tree.agency_b)["reached_threshold"] == 0
    assert opendata.answer_timeliness()["reached_threshold"] == 2


@pytest.mark.parametrize("which", ["site", "agency"])
def test_queries_do_not_grow_with_proposals(site_tree, citizen, staff, which, django_assert_max_num_queries):  # noqa: F811
    url = "/en/statistics/" if which == "site" else f"/en/statistics/{site_tree.agency_a.slug}/"
    client = Client()
    for n in (1, 4):
        for i in range(n):
            published(citizen, site_tree.agency_a, staff.moderator_a, title=f"أ{n}{i}", governorate="amman")
            make_overdue(reach_threshold(published(citizen, site_tree.agency_b, staff.moderator_b, title=f"ب{n}{i}")))
        client.get(url)
        with django_assert_max_num_queries(26):
            assert client.get(url).status_code == 200
