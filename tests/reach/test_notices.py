"""What people are told, once: openings, closing reminders, outcomes, official replies, weekly digests."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ops.models import OutboxKey
from participation.models import Ballot, CommentStatus
from reach import notices
from reach.models import Frequency, MailPreference, Notice, NoticeStatus, Subscription
from tests.factories import publish_directly
from tests.transparency.conftest import add_comment, conclude

from .conftest import make_consultation, run_schedule

pytestmark = pytest.mark.django_db


def subscribe(user, kind, target, frequency=Frequency.IMMEDIATE, language="ar", days_ago=1):
    subscription = Subscription.objects.create(
        user=user, kind=kind, target=str(target), frequency=frequency, language=language
    )
    Subscription.objects.filter(pk=subscription.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return subscription


def recipients(outbox):
    return sorted(address for message in outbox for address in message.to)


def test_same_news_through_several_subscriptions_is_sent_once(health, make_person, outbox):
    citizen = make_person()
    subscribe(citizen, "agency", health.agency.translation_key)
    subscribe(citizen, "topic", health.topic.translation_key, frequency=Frequency.WEEKLY)
    subscribe(citizen, "governorate", "irbid")
    make_consultation(health.agency, topics=[health.topic], title="مشروع نظام التأمين الصحي")
    outbox.clear()
    run_schedule()
    assert recipients(outbox) == [citizen.email]
    assert Notice.objects.filter(user=citizen).count() == 1
    # Immediate wins over weekly when two subscriptions match: nothing is left for the digest.
    assert not Notice.objects.filter(user=citizen, frequency=Frequency.WEEKLY).exists()


def test_only_people_who_care_are_told(health, site_tree, make_person, outbox):
    follows_health, follows_other, follows_topic, unverified_inactive = (make_person() for _ in range(4))
    subscribe(follows_health, "agency", health.agency.translation_key)
    subscribe(follows_other, "agency", site_tree.agency_b.translation_key)
    subscribe(follows_topic, "topic", health.topic.translation_key)
    subscribe(unverified_inactive, "agency", health.agency.translation_key)
    unverified_inactive.is_active = False
    unverified_inactive.save()
    make_consultation(site_tree.agency_a, topics=[health.topic], title="خدمة رقمية للمستشفيات")
    make_consultation(health.agency, title="تعليمات الصيدليات")
    outbox.clear()
    run_schedule()
    assert recipients(outbox) == sorted([follows_health.email, follows_topic.email])


def test_following_after_it_opened_is_not_news(health, make_person, outbox):
    make_consultation(health.agency)
    citizen = make_person()
    subscribe(citizen, "agency", health.agency.translation_key, days_ago=0)
    outbox.clear()
    run_schedule()
    assert outbox == []


def test_upcoming_consultation_is_announced_when_it_opens(health, make_person, outbox):
    citizen = make_person()
    subscribe(citizen, "agency", health.agency.translation_key)
    page = make_consultation(
        health.agency, opens_at=timezone.now() + timedelta(days=1), closes_at=timezone.now() + timedelta(days=20)
    )
    outbox.clear()
    run_schedule()
    assert outbox == []
    notices.find_news(now=timezone.now() + timedelta(days=1, minutes=5))
    notices.send_immediate()
    assert recipients(outbox) == [citizen.email]
    assert page.title in outbox[0].subject


def test_closing_reminder_to_followers_of_the_consultation(health, make_person, outbox):
    follower, agency_follower = make_person(), make_person()
    page = make_consultation(health.agency, opens_at=timezone.now() - timedelta(days=30))
    subscribe(follower, "consultation", page.translation_key, days_ago=0)
    subscribe(agency_follower, "agency", health.agency.translation_key, days_ago=0)
    outbox.clear()
    run_schedule()
    assert outbox == []  # followed after it opened; closes in 12 days
    page.closes_at = timezone.now() + timedelta(days=2)
    publish_directly(page)
    outbox.clear()
    run_schedule()
    assert recipients(outbox) == [follower.email]
    assert page.title in outbox[0].subject
    outbox.clear()
    run_schedule()
    assert outbox == []


def test_outcome_participants_and_followers_each_told_once_without_duplicating_transparency(
    health, make_person, outbox, django_capture_on_commit_callbacks
):
    author, voter, follower, follower_author, opted_out = (make_person() for _ in range(5))
    page = make_consultation(health.agency)
    add_comment(page, author, "أقترح توسيع التغطية")
    add_comment(page, follower_author, "ملاحظة")
    add_comment(page, opted_out, "ملاحظة أخرى", status=CommentStatus.REJECTED)
    Ballot.objects.create(
        translation_key=page.translation_key, block_id="poll-1", voter=voter, identity_hash="v1", language="en"
    )
    subscribe(follower, "consultation", page.translation_key)
    subscribe(follower_author, "consultation", page.translation_key)
    MailPreference.objects.create(user=opted_out, participation_notices=False)
    outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        conclude(page)
    # transparency.notifications told the authors of published comments.
    told = recipients(outbox)
    assert told == sorted([author.email, follower_author.email])
    outbox.clear()
    run_schedule()
    # Reach tells the voter (in English, the language they voted in) and the follower, nobody twice.
    assert recipients(outbox) == sorted([voter.email, follower.email])
    english = next(m for m in outbox if m.to == [voter.email])
    assert "Outcome published" in english.subject
    assert f"/en/consultations/{page.pk}/report/" in english.body
    outbox.clear()
    run_schedule()
    assert outbox == []


def test_outcome_news_found_before_transparency_ran_is_dropped_when_sending(health, make_person, outbox):
    """A follower whose own comment is published is told by transparency only, whichever job runs first."""
    follower = make_person()
    page = make_consultation(health.agency)
    subscribe(follower, "consultation", page.translation_key)
    conclude(page)
    Notice.objects.create(
        user=follower,
        news=f"outcome:{page.translation_key}",
        kind="outcome",
        translation_key=page.translation_key,
        subscription=Subscription.objects.get(user=follower),
        frequency=Frequency.IMMEDIATE,
        language="ar",
    )
    OutboxKey.objects.create(key=f"outcome:{page.translation_key}:{follower.pk}")
    outbox.clear()
    notices.send_immediate()
    assert outbox == []
    assert Notice.objects.get(user=follower).status == NoticeStatus.DROPPED


def test_official_reply_tells_the_author_once(health, make_person, site_tree, outbox):
    author = make_person()
    page = make_consultation(health.agency)
    comment = add_comment(page, author, "متى يبدأ التطبيق؟", language="en")
    reply = add_comment(page, None, "يبدأ التطبيق مطلع العام القادم", parent=comment, is_official=True)
    reply.signed_as = "وزارة الصحة"
    reply.save()
    outbox.clear()
    run_schedule()
    assert recipients(outbox) == [author.email]
    assert "يبدأ التطبيق مطلع العام القادم" in outbox[0].body
    assert f"#block-{comment.block_id}" in outbox[0].body
    assert "/en/my-participation/unsubscribe/" in outbox[0].body
    outbox.clear()
    run_schedule()
    assert outbox == []


def test_weekly_digest_groups_the_week_per_person(health, site_tree, make_person, outbox):
    weekly, immediate = make_person(), make_person()
    subscribe(weekly, "agency", health.agency.translation_key, frequency=Frequency.WEEKLY)
    subscribe(weekly, "agency", site_tree.agency_a.translation_key, frequency=Frequency.WEEKLY)
    subscribe(immediate, "agency", health.agency.translation_key)
    first = make_consultation(health.agency, title="مشروع أول")
    second = make_consultation(site_tree.agency_a, title="مشروع ثان")
    outbox.clear()
    notices.find_news()
    notices.send_immediate()
    assert recipients(outbox) == [immediate.email]
    outbox.clear()
    assert notices.send_digests() == 1
    assert recipients(outbox) == [weekly.email]
    digest = outbox[0]
    assert first.title in digest.body and second.title in digest.body
    assert digest.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    outbox.clear()
    assert notices.send_digests() == 0
    run_schedule()
    assert outbox == []


def test_unfollowing_before_the_digest_drops_the_notice(health, make_person, outbox):
    weekly = make_person()
    subscription = subscribe(weekly, "agency", health.agency.translation_key, frequency=Frequency.WEEKLY)
    make_consultation(health.agency)
    notices.find_news()
    subscription.delete()
    outbox.clear()
    assert notices.send_digests() == 0
    assert outbox == []
    assert Notice.objects.get(user=weekly).status == NoticeStatus.DROPPED


def test_a_notice_that_fails_stays_pending_and_does_not_block_the_others(
    health, site_tree, make_person, outbox, monkeypatch
):
    unlucky, lucky = make_person(), make_person()
    subscribe(unlucky, "agency", site_tree.agency_a.translation_key)
    subscribe(lucky, "agency", health.agency.translation_key)
    make_consultation(site_tree.agency_a)
    make_consultation(health.agency)
    notices.find_news()
    real_item = notices._item

    def failing(notice, language):
        if notice.user_id == unlucky.pk:
            raise RuntimeError("template broken")
        return real_item(notice, language)

    monkeypatch.setattr(notices, "_item", failing)
    outbox.clear()
    assert notices.send_immediate() == 1
    assert recipients(outbox) == [lucky.email]
    assert Notice.objects.get(user=unlucky).status == NoticeStatus.PENDING
    monkeypatch.setattr(notices, "_item", real_item)
    outbox.clear()
    assert notices.send_immediate() == 1
    assert recipients(outbox) == [unlucky.email]


def _digest_queries(health, make_person, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from reach.models import Subscription

    Subscription.objects.all().delete()  # only this person's digest is sent
    person = make_person()
    subscribe(person, "agency", health.agency.translation_key, frequency=Frequency.WEEKLY)
    titles = [make_consultation(health.agency, title=f"مشروع رقم {n}").title for n in range(count)]
    notices.find_news()
    with CaptureQueriesContext(connection) as queries:
        assert notices.send_digests() == 1
    return len(queries), titles


def test_a_digest_costs_the_same_queries_for_two_consultations_or_six(health, make_person, outbox):
    _digest_queries(health, make_person, 1)  # caches that fill once per process (sites, content types)
    few, _ = _digest_queries(health, make_person, 2)
    outbox.clear()
    many, titles = _digest_queries(health, make_person, 6)
    assert all(title in outbox[-1].body for title in titles)
    assert many == few


def test_followers_of_a_governorate_hear_of_its_local_consultations_and_of_national_ones(health, make_person, outbox):
    irbid, karak = make_person(), make_person()
    subscribe(irbid, "governorate", "irbid")
    subscribe(karak, "governorate", "karak")
    make_consultation(health.agency, title="مركز صحي في إربد", governorates=["irbid", "ajloun"])
    outbox.clear()
    run_schedule()
    assert recipients(outbox) == [irbid.email]
    make_consultation(health.agency, title="نظام وطني للتأمين الصحي")  # no governorate: the whole country
    outbox.clear()
    run_schedule()
    assert recipients(outbox) == sorted([irbid.email, karak.email])
