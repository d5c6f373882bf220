"""A consultation page's topics: in the reader's language, in a fixed number of queries however many."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from participation.models import Topic
from tests.factories import publish_directly
from tests.participation import conftest as participation_fixtures

consultation = participation_fixtures.consultation

pytestmark = pytest.mark.django_db


def _topics(names):
    arabic = Locale.objects.get(language_code="ar")
    return [Topic.objects.create(name=name, locale=arabic) for name in names]


def _translate(topic, name):
    english = topic.copy_for_translation(Locale.objects.get(language_code="en"))
    english.name = name
    english.save()
    return english


def _html_and_queries(url):
    client = Client()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_topics_in_the_readers_language(site_tree, consultation):
    from tests.factories import translate_page

    health, data = _topics(["الصحة", "البيانات"])
    _translate(health, "Health")  # "البيانات" has no English name yet
    consultation.topics.set([health, data])
    publish_directly(consultation)
    english_page = translate_page(consultation, title="Draft e-participation law")
    english_page.topics.set([health, data])
    publish_directly(english_page)

    arabic, _ = _html_and_queries(consultation.url)
    assert "الصحة" in arabic and "البيانات" in arabic and "Health" not in arabic
    english, _ = _html_and_queries(english_page.url)
    assert "Health" in english and "البيانات" in english and "الصحة" not in english


def test_topics_cost_the_same_queries_however_many(site_tree, consultation):
    topics = _topics([f"موضوع {n}" for n in range(6)])
    for topic in topics:
        _translate(topic, f"Topic {topic.pk}")
    consultation.topics.set(topics[:1])
    publish_directly(consultation)
    _html, one = _html_and_queries(consultation.url)
    consultation.topics.set(topics)
    publish_directly(consultation)
    html, six = _html_and_queries(consultation.url)
    assert all(topic.name in html for topic in topics)
    assert six == one
