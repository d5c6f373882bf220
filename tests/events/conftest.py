"""Fixtures for events: a bilingual consultation of agency A, an upcoming event of agency A that belongs to it
(Arabic and English), the agencies' staff and verified citizens."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.test import Client
from django.utils import timezone

from events.models import EventIndexPage, EventPage
from tests.factories import UserFactory, add_page, translate_page
from tests.participation.conftest import (  # noqa: F401
    citizen,
    consultation,
    consultation_en,
    make_citizen,
    participation_body,
)


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


def make_event(parent, slug="irbid-workshop", belongs_to=None, starts_in=timedelta(days=3), **fields):
    starts_at = timezone.now() + starts_in
    values = {
        "title": "ورشة توعية ببوابة تواصل في إربد",
        "slug": slug,
        "summary": "ورشة للمواطنين ومؤسسات المجتمع المدني للتعرف إلى بوابة تواصل وطرق المشاركة فيها.",
        "event_format": "in_person",
        "starts_at": starts_at,
        "ends_at": starts_at + timedelta(hours=3),
        "governorate": "irbid",
        "venue": "غرفة تجارة إربد، القاعة الرئيسية",
        "step_free_access": True,
        "sign_language": True,
        "audience_citizens": True,
        "audience_civil_society": True,
        "capacity": 2,
        "consultation": belongs_to,
        "contact_email": "events@modee.gov.jo",
    }
    values.update(fields)
    return add_page(parent, EventPage(**values))


@pytest.fixture
def event_index(site_tree):
    index = add_page(site_tree.home, EventIndexPage(title="الفعاليات وورش العمل", slug="events"))
    translate_page(index, title="Events and workshops")
    return index


@pytest.fixture
def event(site_tree, event_index, consultation, consultation_en):  # noqa: F811
    page = make_event(site_tree.agency_a, belongs_to=consultation)
    page.refresh_from_db()
    return page


@pytest.fixture
def event_en(event):
    return translate_page(
        event,
        title="Awareness workshop on Tawasul in Irbid",
        summary="A workshop for citizens and civil-society organisations on taking part through Tawasul.",
        venue="Irbid Chamber of Commerce, main hall",
    )


@pytest.fixture
def staff(site_tree, users):
    return SimpleNamespace(
        moderator_a=UserFactory(username="moderator_a", groups=[site_tree.agency_a.moderators_group]),
        moderator_b=UserFactory(username="moderator_b", groups=[site_tree.agency_b.moderators_group]),
        editor_a=users.editor,
        editor_b=users.editor2,
        reviewer=users.reviewer,
    )


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def events_catalogue(settings, tmp_path):
    """The Arabic catalogue with this app's strings (locale/pending/events.po, until the lead merges them into
    locale/ar), compiled into a temporary locale folder placed first."""
    import polib

    pending = settings.BASE_DIR / "locale" / "pending" / "events.po"
    if not pending.exists():  # merged into locale/ar by the lead: the project's catalogue has the strings
        yield
        return
    folder = tmp_path / "ar" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    polib.pofile(str(pending)).save_as_mofile(str(folder / "django.mo"))
    settings.LOCALE_PATHS = [tmp_path, *settings.LOCALE_PATHS]
    yield
