"""The author and supporters hear of each step once, through the outbox, never twice."""

import pytest
from django.core import mail

from proposals import notifications, services
from tests.participation.conftest import make_citizen

from .conftest import answer_version, published, submit

pytestmark = pytest.mark.django_db


def to(address):
    return [m for m in mail.outbox if m.to == [address]]


def test_published_threshold_and_answer_are_told_once_each(
    site_tree, citizen, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    assert [m.subject for m in to(citizen.email)] == [f"Your proposal is published: {proposal.title}"] or len(
        to(citizen.email)
    ) == 1
    fans = [make_citizen(f"fan{i}") for i in range(3)]
    quiet = fans[2]
    with django_capture_on_commit_callbacks(execute=True):
        services.support(proposal, fans[0])
        services.support(proposal, fans[1], language="en")
        services.support(proposal, quiet, follow=False)
    assert len(to(citizen.email)) == 2
    assert len(to(fans[0].email)) == 1 and len(to(fans[1].email)) == 1 and not to(quiet.email)
    with django_capture_on_commit_callbacks(execute=True):
        services.draft_answer(proposal, staff.editor_a, "accepted", "نقبل المقترح.")
        services.approve_answer(proposal, staff.reviewer, version=answer_version(proposal))
    assert len(to(citizen.email)) == 3 and len(to(fans[1].email)) == 2
    english = to(fans[1].email)[-1]
    assert english.subject.startswith("The proposal has an answer")
    assert f"/en/proposals/{proposal.pk}/" in english.body
    # Running every event again (a retry, the periodic catch-up) tells nobody twice.
    before = len(mail.outbox)
    for event in notifications.EVENTS:
        assert notifications.notify(proposal.pk, event) == 0
    assert notifications.notify_recent() == 0
    assert len(mail.outbox) == before


def test_nothing_is_sent_inside_the_request_before_commit(site_tree, citizen, staff):
    proposal = submit(citizen, site_tree.agency_a)
    mail.outbox.clear()
    services.publish(proposal, staff.moderator_a)  # no commit in this test transaction: nothing queued
    assert mail.outbox == []


def test_moderators_are_told_of_a_new_proposal(site_tree, citizen, staff, django_capture_on_commit_callbacks):
    staff.moderator_a.email = "mod-a@example.jo"
    staff.moderator_a.save()
    with django_capture_on_commit_callbacks(execute=True):
        submit(citizen, site_tree.agency_a)
    assert len(to("mod-a@example.jo")) == 1
    assert not to(staff.moderator_b.email)
