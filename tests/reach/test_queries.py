"""A constant number of queries: feeds whatever the number of consultations, My participation whatever the
number of subscriptions, a page with a follow button for a signed-in person."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participation.models import Governorate, Topic
from reach.models import Subscription

from .conftest import make_consultation

pytestmark = pytest.mark.django_db


def count(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.mark.parametrize(
    "path", ["/ar/feeds/consultations.atom", "/ar/feeds/agencies/moh.atom", "/ar/feeds/consultations.ics"]
)
def test_feeds_cost_the_same_for_two_or_eight_consultations(health, client, path, django_assert_max_num_queries):
    for _ in range(2):
        make_consultation(health.agency, topics=[health.topic])
    few = count(client, path)
    for _ in range(6):
        make_consultation(health.agency, topics=[health.topic])
    with django_assert_max_num_queries(few):
        client.get(path)


def test_my_participation_costs_the_same_for_one_or_many_subscriptions(
    health, site_tree, make_person, signed_in, locales, django_assert_max_num_queries
):
    citizen = make_person()
    client = signed_in(citizen)
    page = make_consultation(health.agency)
    Subscription.objects.create(user=citizen, kind="agency", target=str(health.agency.translation_key), language="ar")
    Subscription.objects.create(user=citizen, kind="consultation", target=str(page.translation_key), language="ar")
    Subscription.objects.create(user=citizen, kind="topic", target=str(health.topic.translation_key), language="ar")
    few = count(client, "/ar/my-participation/")
    for agency in (site_tree.agency_a, site_tree.agency_b):
        Subscription.objects.create(user=citizen, kind="agency", target=str(agency.translation_key), language="ar")
    for _ in range(3):
        other = make_consultation(site_tree.agency_a)
        Subscription.objects.create(user=citizen, kind="consultation", target=str(other.translation_key), language="ar")
        topic = Topic.objects.create(name=f"موضوع {other.pk}", locale=locales.ar)
        Subscription.objects.create(user=citizen, kind="topic", target=str(topic.translation_key), language="ar")
    for governorate in Governorate.values[:4]:
        Subscription.objects.create(user=citizen, kind="governorate", target=governorate, language="ar")
    with django_assert_max_num_queries(few):
        html = client.get("/ar/my-participation/").content.decode()
    assert html.count("/unfollow/") == Subscription.objects.filter(user=citizen).count()
