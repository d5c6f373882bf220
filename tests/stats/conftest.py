"""Helpers for the statistics tests: consultations in every status, responses and people."""

from datetime import timedelta
from itertools import count

import pytest
from django.utils import timezone

from participation.models import Ballot, Comment, ConsultationPage, Profile
from tests.factories import ConsultationPageFactory, add_page
from tests.participation.conftest import make_citizen, participation_body
from transparency.models import Disposition

_people = count()
DAY = timedelta(days=1)


def make_consultation(agency, status="open", now=None, closes_days_ago=30, outcome_days=None, **fields):
    """A published consultation in the given status; `outcome_days` after closing its outcome is published."""
    now = now or timezone.now()
    if status == "upcoming":
        dates = {"opens_at": now + 3 * DAY, "closes_at": now + 20 * DAY}
    elif status == "open":
        dates = {"opens_at": now - 2 * DAY, "closes_at": now + 12 * DAY}
    else:
        closes_at = now - closes_days_ago * DAY
        dates = {"opens_at": closes_at - 20 * DAY, "closes_at": closes_at}
    dates.update(fields.pop("dates", {}))
    if status == "concluded":
        fields.setdefault("outcome", "<p>ما قررته الجهة.</p>")
    page = add_page(agency, ConsultationPageFactory(body=participation_body(), **dates, **fields))
    if status == "concluded" and outcome_days is not None:
        ConsultationPage.objects.filter(translation_key=page.translation_key).update(
            outcome_published_at=page.closes_at + outcome_days * DAY
        )
        page.refresh_from_db()
    return page


def person(consent=False, **answers):
    user = make_citizen(f"person{next(_people)}")
    if consent or answers:
        profile = Profile.objects.get(user=user)
        profile.demographics_consent = consent
        for name, value in answers.items():
            setattr(profile, name, value)
        profile.save()
    return user


def comment(page, author, status="approved", official=False, answered=False, block_id="ask-pre"):
    created = Comment.objects.create(
        translation_key=page.translation_key,
        block_id=block_id,
        consultation=page,
        agency_key=page.agency.translation_key,
        author=author,
        language="ar",
        body="تعليق",
        status=status,
        is_official=official,
        moderation_reason="spam" if status in ("rejected", "hidden") else "",
    )
    if answered:
        Disposition.objects.create(comment=created, decision="accepted", reason="أخذنا به.")
    return created


def vote(page, voter, block_id="poll-1"):
    return Ballot.objects.create(translation_key=page.translation_key, block_id=block_id, voter=voter, language="ar")


@pytest.fixture
def now():
    return timezone.now()
