"""The answer in Arabic, optionally in English: English readers see the English answer when there is one, the
Arabic answer (marked as Arabic) otherwise."""

import pytest
from django.core import mail
from django.test import Client

from proposals import services
from tests.participation.conftest import make_citizen

from .conftest import ADMIN_INDEX, answer_version, published, reach_threshold
from .test_admin import client_for

pytestmark = pytest.mark.django_db

ARABIC = "قبلت الوزارة المقترح وستنشر الجداول خلال شهر."
ENGLISH = "The ministry accepted the proposal and will publish the timetables within a month."


def page(proposal, language):
    return Client().get(f"/{language}/proposals/{proposal.pk}/").content.decode()


def test_english_readers_see_the_english_answer(site_tree, citizen, staff, django_capture_on_commit_callbacks):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    english_fan = make_citizen("enfan")
    services.support(proposal, english_fan, language="en")
    proposal.refresh_from_db()
    proposal = reach_threshold(proposal)
    response = client_for(staff.editor_a).post(
        f"{ADMIN_INDEX}{proposal.pk}/answer/",
        {"answer": "accepted", "answer_text": ARABIC, "answer_text_en": ENGLISH},
    )
    assert response.status_code == 302
    assert ENGLISH not in page(proposal, "en")  # not before approval
    with django_capture_on_commit_callbacks(execute=True):
        services.approve_answer(proposal, staff.reviewer, version=answer_version(proposal))
    assert f'<div lang="en" dir="ltr"><p>{ENGLISH}</p></div>' in page(proposal, "en")
    arabic_page = page(proposal, "ar")
    assert f'<div lang="ar" dir="rtl"><p>{ARABIC}</p></div>' in arabic_page and ENGLISH not in arabic_page
    message = [m for m in mail.outbox if m.to == [english_fan.email]][-1]
    assert ENGLISH in message.body and ARABIC not in message.body


def test_without_english_the_arabic_answer_is_marked_as_arabic(site_tree, citizen, staff):
    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    services.draft_answer(proposal, staff.editor_a, "not_accepted", ARABIC)
    services.approve_answer(proposal, staff.reviewer, version=answer_version(proposal))
    assert f'<div lang="ar" dir="rtl"><p>{ARABIC}</p></div>' in page(proposal, "en")
