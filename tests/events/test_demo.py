"""The demo events: the commitment's workshops with head counts and recorded input in the outcome report, an
upcoming workshop open for registration, in Arabic and English; safe to run twice."""

from collections import Counter
from types import SimpleNamespace

import pytest
from django.test import Client
from django.urls import reverse

from events import demo
from events.models import EventPage
from pages.demo_responses import PARTICIPANTS
from pages.management.commands.seed_demo import Command
from pages.publishing import direct_publishing
from participation.models import Comment, ConsultationPage
from tests.factories import ConsultationPageFactory, add_page, translate_page
from tests.participation.conftest import make_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_namespace(site_tree, users, locales):
    for spec in PARTICIPANTS:
        make_citizen(spec["username"])
    personal = add_page(site_tree.agency_a, ConsultationPageFactory(slug="personal-data-instructions"))
    personal_en = translate_page(personal, title="Draft instructions on personal data")
    command = Command()
    command.ar, command.en, command.counts, command.verbosity = locales.ar, locales.en, Counter(), 0
    return SimpleNamespace(
        command=command,
        home=site_tree.home,
        agencies={"modee": site_tree.agency_a, "lob": site_tree.agency_b},
        consultations=[(personal, personal_en)],
        page=command._page,
        translation=command._translation,
        counts=command.counts,
        log=lambda message: None,
    )


def test_demo_workshops_in_both_languages_with_input_in_the_report(demo_namespace):
    with direct_publishing():
        demo.seed(demo_namespace)
        first = list(EventPage.objects.order_by("pk").values_list("pk", "title", "participants_total"))
        comments = Comment.objects.filter(event__isnull=False).count()
        demo.seed(demo_namespace)
    assert list(EventPage.objects.order_by("pk").values_list("pk", "title", "participants_total")) == first
    assert Comment.objects.filter(event__isnull=False).count() == comments >= 6
    arabic = EventPage.objects.filter(locale__language_code="ar")
    assert arabic.count() == EventPage.objects.filter(locale__language_code="en").count() == 7
    assert {page.governorate for page in arabic} >= {"irbid", "zarqa", "karak"}
    listing = Client().get("/ar/events/?governorate=zarqa").content.decode()
    assert "ورشة توعية ببوابة تواصل في الزرقاء" in listing
    upcoming = arabic.get(slug=demo.UPCOMING["slug"])
    assert upcoming.accepts_registrations()
    concluded = ConsultationPage.objects.get(slug=demo.CONSULTATION["slug"], locale__language_code="ar")
    report = Client().get(reverse("transparency_report", args=[concluded.pk])).content.decode()
    assert "ورشة توعية ببوابة تواصل في الزرقاء" in report
    english = Client().get(arabic.get(slug="awareness-workshop-karak").get_translation(demo_namespace.command.en).url)
    assert english.status_code == 200 and b"30" in english.content
