"""Lists of consultations cost the same number of queries however many there are."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tests.factories import ConsultationPageFactory, add_page

pytestmark = pytest.mark.django_db


def count_queries(url):
    client = Client()
    client.get(url)  # warm per-process caches (site root, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("page_name", ["consultations", "home", "agency_a"])
def test_listing_queries_do_not_grow_with_consultations(site_tree, page_name):
    url = getattr(site_tree, page_name).url
    for _ in range(2):
        add_page(site_tree.agency_a, ConsultationPageFactory())
    few = count_queries(url)
    for _ in range(8):
        add_page(site_tree.agency_a, ConsultationPageFactory())
    many = count_queries(url)
    assert many == few
    assert many <= 25


def test_consultation_page_query_budget(site_tree, django_assert_max_num_queries):
    page = add_page(site_tree.agency_a, ConsultationPageFactory())
    client = Client()
    client.get(page.url)
    # Routing and navigation, the rules setting, the date history and the responses (constant, see test_responding).
    with django_assert_max_num_queries(24):
        assert client.get(page.url).status_code == 200


def test_filters_narrow_the_list(site_tree):
    from django.utils import timezone

    now = timezone.now()
    add_page(site_tree.agency_a, ConsultationPageFactory(title="مفتوحة للتعليق", consultation_type="draft_law"))
    add_page(
        site_tree.agency_b,
        ConsultationPageFactory(
            title="قادمة قريباً",
            consultation_type="policy",
            opens_at=now + timezone.timedelta(days=3),
            closes_at=now + timezone.timedelta(days=20),
        ),
    )
    client = Client()
    url = site_tree.consultations.url
    html = client.get(url, {"status": "open"}).content.decode()
    assert "مفتوحة للتعليق" in html and "قادمة قريباً" not in html
    html = client.get(url, {"type": "policy"}).content.decode()
    assert "قادمة قريباً" in html and "مفتوحة للتعليق" not in html
    html = client.get(url, {"agency": site_tree.agency_b.pk}).content.decode()
    assert "قادمة قريباً" in html and "مفتوحة للتعليق" not in html
    # Nonsense in the query string is ignored rather than failing.
    assert client.get(url, {"status": "<script>", "agency": "x", "page": "999"}).status_code == 200
