"""The statistics cost the same number of queries however much there is to count."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import AgencyPageFactory, add_page, translate_page

from .conftest import comment, make_consultation, person, vote

pytestmark = pytest.mark.django_db

GOVERNORATES = ["amman", "irbid", "zarqa", "tafilah"]


def add_activity(site_tree, rounds):
    """`rounds` times: a consultation in every status in each agency, with comments, votes and people."""
    agencies = [site_tree.agency_a, site_tree.agency_b]
    for _ in range(rounds):
        agencies.append(add_page(site_tree.agencies, AgencyPageFactory()))
    for n in range(rounds):
        for agency in agencies:
            pages = [
                make_consultation(agency, "upcoming"),
                make_consultation(agency, "open"),
                make_consultation(agency, "closed", closes_days_ago=5),
                make_consultation(agency, "closed", closes_days_ago=200),  # overdue
                make_consultation(agency, "concluded", closes_days_ago=100, outcome_days=n + 3),
            ]
            translate_page(pages[3], title=f"Overdue {n}")
            for i, page in enumerate(pages[1:]):
                someone = person(consent=True, governorate=GOVERNORATES[(n + i) % 4], gender="female", age_band="25_34")
                comment(page, someone, answered=bool(i % 2))
                comment(page, someone, status="pending")
                vote(page, someone)
                vote(page, person())


def count_queries(url):
    client = Client()
    client.get(url)  # warm per-process caches (site root paths, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("which", ["site", "agency"])
def test_queries_do_not_grow_with_consultations_comments_votes_or_agencies(site_tree, which):
    url = "/en/statistics/" if which == "site" else f"/en/statistics/{site_tree.agency_a.slug}/"
    add_activity(site_tree, 1)
    few = count_queries(url)
    add_activity(site_tree, 3)
    many = count_queries(url)
    assert many == few


def test_query_budget(site_tree, django_assert_max_num_queries):
    add_activity(site_tree, 2)
    client = Client()
    for url in ("/ar/statistics/", f"/ar/statistics/{site_tree.agency_b.slug}/"):
        client.get(url)
        # 20 for the consultations and inclusion figures, 2 for participation by sector (issue 11), 4 for
        # citizens' proposals (issue 12: three breakdowns and the answer deadline), 2 for events (issue 11: the
        # events held, and the view restrictions that keep private ones out).
        with django_assert_max_num_queries(28):
            assert client.get(url).status_code == 200
