"""Fixtures for transparency: concluded consultations with comments, votes and decisions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from participation.models import Ballot, BallotChoice, Comment, CommentStatus, ModerationReason
from tests.factories import ConsultationPageFactory, UserFactory, add_page, publish_directly
from tests.participation.conftest import (  # noqa: F401
    citizen,
    consultation,
    consultation_en,
    make_citizen,
    participation_body,
)

OUTCOME = "<p>قررت الوزارة تعديل المادة الخامسة بناءً على ملاحظات الجمهور.</p>"
OUTCOME_EN = "<p>The ministry decided to amend article 5 after hearing the public.</p>"


def add_comment(
    page,
    author,
    body="ملاحظة على المشروع",
    block_id="ask-pre",
    status=CommentStatus.APPROVED,
    language="ar",
    stance="",
    parent=None,
    is_official=False,
):
    reason = ModerationReason.SPAM if status in (CommentStatus.REJECTED, CommentStatus.HIDDEN) else ""
    return Comment.objects.create(
        translation_key=page.translation_key,
        block_id=block_id,
        consultation=page,
        agency_key=page.agency.translation_key,
        author=author,
        language=language,
        body=body,
        stance=stance,
        status=status,
        parent=parent,
        is_official=is_official,
        moderation_reason=reason,
    )


def add_vote(page, voter, options=("opt-for",), block_id="poll-1", language="ar"):
    ballot = Ballot.objects.create(
        translation_key=page.translation_key, block_id=block_id, voter=voter, language=language
    )
    BallotChoice.objects.bulk_create([BallotChoice(ballot=ballot, option_id=option) for option in options])
    return ballot


def conclude(page, outcome=OUTCOME):
    """Close the consultation and publish its outcome (the page_published signal fires)."""
    now = timezone.now()
    page.opens_at = now - timedelta(days=40)
    page.closes_at = now - timedelta(days=1)
    page.outcome = outcome
    publish_directly(page)
    page.refresh_from_db()
    return page


@pytest.fixture
def moderator_a(site_tree):
    return UserFactory(username="moderator-a", groups=[site_tree.agency_a.moderators_group])


@pytest.fixture
def consultation_b(site_tree):
    """A consultation of the other agency (agency B)."""
    return add_page(site_tree.agency_b, ConsultationPageFactory(slug="lob-draft", body=participation_body()))


@pytest.fixture
def concluded(consultation, consultation_en):  # noqa: F811
    """The bilingual consultation, closed, with its outcome published in both languages."""
    conclude(consultation)
    conclude(consultation_en, OUTCOME_EN)
    return consultation


@pytest.fixture
def make_people(db):
    """Verified citizens with a display name: make_people(3) -> [user, user, user]."""
    counter = {"n": 0}

    def make(count):
        people = []
        for _ in range(count):
            counter["n"] += 1
            people.append(make_citizen(f"person{counter['n']}", display_name=f"مشارك {counter['n']}"))
        return people

    return make
