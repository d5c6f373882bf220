"""Fixtures for subscriptions: the Ministry of Health, a health topic, verified citizens, the schedule."""

from types import SimpleNamespace

import pytest
from django.core import mail
from django.test import Client

from participation.models import Topic
from tests.factories import AgencyPageFactory, ConsultationPageFactory, add_page, translate_page
from tests.participation.conftest import make_citizen, participation_body

SCHEDULE = {
    "reach.tasks.send_notices": 10 * 60,
    "reach.tasks.send_weekly_digests": 7 * 24 * 3600,
}


@pytest.fixture(autouse=True)
def reach_schedule(settings):
    """Only this app's periodic jobs, so a test runs them alone (the outbox is delivered at once in tests)."""
    settings.TAWASUL_SCHEDULE = dict(SCHEDULE)
    return settings.TAWASUL_SCHEDULE


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def health(site_tree, locales):
    ministry = add_page(site_tree.agencies, AgencyPageFactory(title="وزارة الصحة", slug="moh"))
    ministry.refresh_from_db()
    ministry_en = translate_page(ministry, title="Ministry of Health")
    topic = Topic.objects.create(name="الصحة", locale=locales.ar)
    topic_en = topic.copy_for_translation(locales.en)
    topic_en.name = "Health"
    topic_en.save()
    return SimpleNamespace(agency=ministry, agency_en=ministry_en, topic=topic, topic_en=topic_en)


def make_consultation(parent, publish=True, topics=(), **fields):
    page = ConsultationPageFactory(body=participation_body(), **fields)
    if topics:
        page.topics = list(topics)
    return add_page(parent, page, publish=publish)


@pytest.fixture
def make_person(db):
    counter = {"n": 0}

    def make(verified=True):
        counter["n"] += 1
        return make_citizen(f"reader{counter['n']}", verified=verified, display_name=f"قارئ {counter['n']}")

    return make


@pytest.fixture
def signed_in():
    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


def run_schedule():
    """What the worker's scheduler does every tick: enqueue the due jobs (run at once by the test backend)."""
    from ops.models import ScheduledJob
    from ops.scheduler import enqueue_due

    ScheduledJob.objects.all().delete()  # every job due now, as on a fresh worker
    return enqueue_due()


@pytest.fixture
def outbox():
    mail.outbox.clear()
    return mail.outbox
