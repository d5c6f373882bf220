"""Collections that end short of the threshold are told once; moderators' notices are sent exactly once, never lost."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from ops import outbox
from ops.models import OutboxKey
from proposals import notifications, services
from proposals.models import Proposal
from tests.participation.conftest import make_citizen

from .conftest import published, reach_threshold, submit

pytestmark = pytest.mark.django_db


def to(address):
    return [m for m in mail.outbox if m.to == [address]]


def end_collection(proposal, days_ago=1):
    Proposal.objects.filter(pk=proposal.pk).update(collection_ends_at=timezone.now() - timedelta(days=days_ago))
    proposal.refresh_from_db()
    return proposal


def test_author_and_supporters_hear_once_when_collection_ends_short(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    fan, english_fan, quiet = make_citizen("fan"), make_citizen("enfan"), make_citizen("quiet")
    services.support(proposal, fan)
    services.support(proposal, english_fan, language="en")
    services.support(proposal, quiet, follow=False)
    proposal.refresh_from_db()
    assert proposal.state == "threshold_reached"  # three of three: reset to a larger threshold for this test
    Proposal.objects.filter(pk=proposal.pk).update(state="published", threshold=10, threshold_reached_at=None)
    still_collecting = published(citizen, site_tree.agency_a, staff.moderator_a, title="مقترح ما زال يجمع الدعم")
    notifications.notify_recent()  # the "published" notices, not sent in this test's transaction
    mail.outbox.clear()
    assert notifications.notify(proposal.pk, "collection_ended") == 0  # not over yet
    end_collection(proposal)
    assert notifications.notify_recent() == 3  # author, fan, English fan; not the one who did not follow
    assert len(to(citizen.email)) == 1 and len(to(fan.email)) == 1 and not to(quiet.email)
    english = to(english_fan.email)[0]
    assert english.subject == f"The proposal did not reach its threshold: {proposal.title}"
    assert "It gathered 3 supporters of the 10 needed" in english.body
    assert f"/en/proposals/{proposal.pk}/" in english.body
    assert "لم يبلغ" in to(fan.email)[0].subject or to(fan.email)[0].subject.endswith(proposal.title)
    assert not [m for m in mail.outbox if still_collecting.title in m.subject]
    # The periodic task again, a retry, a second worker: nobody twice.
    assert notifications.notify_recent() == 0
    assert notifications.notify(proposal.pk, "collection_ended") == 0
    assert len(mail.outbox) == 3


def test_no_collection_ended_notice_for_a_proposal_that_reached_its_threshold(site_tree, citizen, staff):
    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    end_collection(proposal)
    mail.outbox.clear()
    assert notifications.notify(proposal.pk, "collection_ended") == 0
    notifications.notify_recent()
    assert not [m for m in mail.outbox if "did not reach" in m.subject]


@pytest.fixture
def moderator(staff):
    staff.moderator_a.email = "mod-a@example.jo"
    staff.moderator_a.save()
    return staff.moderator_a


def test_moderators_hear_of_every_proposal_once_within_the_interval(
    site_tree, citizen, staff, moderator, django_capture_on_commit_callbacks, settings
):
    settings.TAWASUL_MODERATION_EMAIL_INTERVAL = 3600
    with django_capture_on_commit_callbacks(execute=True):
        first = submit(citizen, site_tree.agency_a, title="المقترح الأول")
    with django_capture_on_commit_callbacks(execute=True):
        second = submit(citizen, site_tree.agency_a, title="المقترح الثاني")
    assert len(to(moderator.email)) == 1  # the interval holds the second back…
    assert OutboxKey.objects.filter(key=f"proposal-moderation-announced:{first.pk}").exists()
    assert not OutboxKey.objects.filter(key=f"proposal-moderation-announced:{second.pk}").exists()
    cache.clear()  # a per-process cache plays no part: no second message
    assert notifications.notify_all_moderators() == 0
    later = timezone.now() + timedelta(hours=1, minutes=1)
    assert notifications.notify_all_moderators(now=later) == 1  # …and the catch-up sends it after the interval
    assert "المقترح الثاني" in to(moderator.email)[-1].body
    assert notifications.notify_all_moderators(now=later + timedelta(hours=2)) == 0  # nothing left to announce
    assert len(to(moderator.email)) == 2


def test_a_failed_moderators_notice_is_not_lost(site_tree, citizen, staff, moderator, monkeypatch):
    proposal = submit(citizen, site_tree.agency_a)

    def broken(key, message):
        raise RuntimeError("database hiccup")

    with monkeypatch.context() as patched:
        patched.setattr(outbox, "queue_once", broken)
        with pytest.raises(RuntimeError):
            notifications.notify_moderators_of(str(site_tree.agency_a.translation_key))
    assert not OutboxKey.objects.filter(key__startswith="proposal-moderation").exists()  # all rolled back
    mail.outbox.clear()
    assert notifications.notify_moderators.call(proposal.pk) == 1
    assert len(to(moderator.email)) == 1
    assert notifications.notify_moderators.call(proposal.pk) == 0
