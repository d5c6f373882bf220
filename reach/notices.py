"""What each person is told, decided by the worker's schedule, never in a request.

`find_news` looks at what happened (consultations that opened, close within three days or published their
outcome; official replies to comments) and records one `Notice` per person and piece of news: the row is
unique per person and news, so two subscriptions that match the same consultation, or a second run, never
make a second notice. `send_immediate` queues each pending immediate notice in the outbox (ops.outbox) in
the same transaction that marks it sent; `send_digests` does the same with a week's notices per person in
one e-mail. The worker delivers the outbox and retries failures.

Outcomes: authors of published comments are told by `transparency.notifications` (its key
"outcome:<consultation>:<author>" in ops' OutboxKey). They are never sent the same news here: such authors
are left out when the news is found, and a notice is dropped if that key exists when it would be sent.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from ops import outbox
from participation.models import Ballot, Comment, CommentStatus, ConsultationPage
from transparency.notifications import outcome_recipients

from . import tokens
from .models import FollowKind, Frequency, MailPreference, NewsKind, Notice, NoticeStatus, Subscription

logger = logging.getLogger(__name__)

CLOSING_SOON = timedelta(days=3)


def lookback():
    """News older than this is not sent (e.g. when the schedule was stopped for a long time)."""
    return timedelta(days=getattr(settings, "TAWASUL_REACH_LOOKBACK_DAYS", 7))


def public_consultations():
    return ConsultationPage.objects.live().public()


def governorates_of(page):
    """The governorates a consultation concerns (ticked by its editor), or None for a national one (none
    ticked): it concerns every governorate."""
    value = getattr(page, "governorates", None)
    if not value:
        return None  # national
    return set(value if isinstance(value, (list, tuple, set)) else str(value).split(","))


def _by_key(pages):
    grouped = {}
    for page in pages:
        grouped.setdefault(page.translation_key, []).append(page)
    return grouped


# Finding the news -------------------------------------------------------------------------------------


class _Recipients:
    """Who gets one piece of news: one entry per person whatever the number of reasons."""

    def __init__(self):
        self.people = {}

    def add_subscription(self, subscription):
        current = self.people.get(subscription.user_id)
        entry = {
            "subscription": subscription.pk,
            "language": subscription.language,
            "frequency": subscription.frequency,
            "took_part": False,
        }
        if current is None:
            self.people[subscription.user_id] = entry
        elif current["frequency"] == Frequency.WEEKLY and subscription.frequency == Frequency.IMMEDIATE:
            current.update(entry, took_part=current["took_part"])

    def add_participant(self, user_id, language):
        current = self.people.get(user_id)
        if current is None:
            self.people[user_id] = {
                "subscription": None,
                "language": language,
                "frequency": Frequency.IMMEDIATE,
                "took_part": True,
            }
        else:  # taking part is told at once, in the language they took part in
            current.update(frequency=Frequency.IMMEDIATE, took_part=True)


def _record(news, kind, translation_key, recipients, comment_id=None):
    rows = [
        Notice(
            user_id=user_id,
            news=news,
            kind=kind,
            translation_key=translation_key,
            comment_id=comment_id,
            subscription_id=entry["subscription"],
            took_part=entry["took_part"],
            frequency=entry["frequency"],
            language=entry["language"] if entry["language"] in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
        )
        for user_id, entry in recipients.people.items()
    ]
    if not rows:
        return 0
    known = set(Notice.objects.filter(news=news, user_id__in=recipients.people).values_list("user_id", flat=True))
    rows = [row for row in rows if row.user_id not in known]
    # The unique constraint decides when two runs race: the second insert is ignored.
    Notice.objects.bulk_create(rows, ignore_conflicts=True)
    return len(rows)


def _subscriptions(condition, before=None):
    subscriptions = Subscription.objects.filter(condition, user__is_active=True).exclude(user__email="")
    if before is not None:
        subscriptions = subscriptions.filter(created_at__lte=before)
    return subscriptions.order_by("-created_at", "-pk")


def _opening_news(now):
    since = now - lookback()
    open_pages = public_consultations().open_now(now).select_related("agency").prefetch_related("topics")
    found = 0
    for key, versions in _by_key(open_pages).items():
        first_public = min((v.first_published_at or v.opens_at) for v in versions)
        happened = max(versions[0].opens_at, first_public)
        if happened < since:
            continue
        page = versions[0]
        condition = Q(kind=FollowKind.CONSULTATION, target=str(key))
        if page.agency_id:
            condition |= Q(kind=FollowKind.AGENCY, target=str(page.agency.translation_key))
        topic_keys = {str(topic.translation_key) for version in versions for topic in version.topics.all()}
        if topic_keys:
            condition |= Q(kind=FollowKind.TOPIC, target__in=topic_keys)
        places = governorates_of(page)
        condition |= (
            Q(kind=FollowKind.GOVERNORATE) if places is None else Q(kind=FollowKind.GOVERNORATE, target__in=places)
        )
        recipients = _Recipients()
        # Only people who followed before it opened: following today is not news of a past opening.
        for subscription in _subscriptions(condition, before=happened):
            recipients.add_subscription(subscription)
        found += _record(f"opened:{key}", NewsKind.OPENED, key, recipients)
    return found


def _closing_news(now):
    closing = public_consultations().open_now(now).filter(closes_at__lte=now + CLOSING_SOON)
    found = 0
    for key, versions in _by_key(closing).items():
        closes_at = versions[0].closes_at
        recipients = _Recipients()
        for subscription in _subscriptions(Q(kind=FollowKind.CONSULTATION, target=str(key))):
            recipients.add_subscription(subscription)
        # A moved closing date is news again.
        found += _record(f"closing:{key}:{closes_at:%Y%m%d%H%M}", NewsKind.CLOSING, key, recipients)
    return found


def told_by_transparency(translation_key):
    """People the outcome e-mail of transparency.notifications is for, and anyone it already told."""
    return outcome_recipients(translation_key)


def _participation_off():
    return set(MailPreference.objects.filter(participation_notices=False).values_list("user_id", flat=True))


def _outcome_news(now):
    since = now - lookback()
    concluded = public_consultations().concluded(now)
    concluded = concluded.filter(Q(closes_at__gte=since) | Q(outcome_published_at__gte=since))
    found = 0
    opted_out = None
    for key, versions in _by_key(concluded).items():
        page = versions[0]
        happened = max(page.closes_at, min(v.outcome_published_at or v.closes_at for v in versions))
        if happened < since:
            continue
        if opted_out is None:
            opted_out = _participation_off()
        skip = told_by_transparency(key)
        recipients = _Recipients()
        for subscription in _subscriptions(Q(kind=FollowKind.CONSULTATION, target=str(key))):
            if subscription.user_id not in skip:
                recipients.add_subscription(subscription)
        people = get_user_model().objects.filter(is_active=True).exclude(email="")
        took_part = {}
        comments = Comment.objects.filter(translation_key=key, is_official=False, author__in=people)
        for user_id, language in comments.order_by("created_at", "pk").values_list("author_id", "language"):
            took_part[user_id] = language
        ballots = Ballot.objects.filter(translation_key=key, voter__in=people)
        for user_id, language in ballots.order_by("created_at", "pk").values_list("voter_id", "language"):
            took_part.setdefault(user_id, language)
        for user_id, language in took_part.items():
            if user_id not in skip and user_id not in opted_out:
                recipients.add_participant(user_id, language)
        found += _record(f"outcome:{key}", NewsKind.OUTCOME, key, recipients)
    return found


def _reply_news(now):
    since = now - lookback()
    replies = (
        Comment.objects.filter(
            is_official=True,
            status=CommentStatus.APPROVED,
            parent__isnull=False,
            parent__author__is_active=True,
            parent__is_official=False,
        )
        .filter(Q(created_at__gte=since) | Q(moderated_at__gte=since))
        .exclude(parent__author__email="")
        .select_related("parent")
        .order_by("pk")
    )
    opted_out = None
    found = 0
    for reply in replies:
        author_id = reply.parent.author_id
        if author_id == reply.author_id:
            continue
        if opted_out is None:
            opted_out = _participation_off()
        if author_id in opted_out:
            continue
        recipients = _Recipients()
        recipients.add_participant(author_id, reply.parent.language)
        found += _record(f"reply:{reply.pk}", NewsKind.REPLY, reply.translation_key, recipients, comment_id=reply.pk)
    return found


def find_news(now=None):
    """Record the notices due now. Returns how many new notices were recorded."""
    now = now or timezone.now()
    return _opening_news(now) + _closing_news(now) + _outcome_news(now) + _reply_news(now)


# Sending ----------------------------------------------------------------------------------------------


def _root_url(page=None):
    parts = page.get_url_parts() if page is not None else None
    root = parts[1] if parts else None
    return (root or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def _version(translation_key, language, memo=None):
    """The live, public version of a consultation in `language`, or another language's when there is none.
    `memo`: a dict kept for one digest, so a consultation's versions are read once."""
    if memo is not None and ("versions", translation_key) in memo:
        versions = memo["versions", translation_key]
    else:
        versions = list(
            public_consultations().filter(translation_key=translation_key).select_related("locale", "agency")
        )
        if memo is not None:
            memo["versions", translation_key] = versions
    for version in versions:
        if version.locale.language_code == language:
            return version
    return versions[0] if versions else None


def still_wanted(notice, memo=None):
    """Whether the notice is still to be sent: the person did not unfollow, opt out or get told otherwise.
    `memo`: a dict kept for one digest (one person), so what several notices share is read once."""
    memo = {} if memo is None else memo
    user = notice.user
    if not user.is_active or not user.email:
        return False
    if notice.kind == NewsKind.OUTCOME:
        if ("told", notice.translation_key) not in memo:
            memo["told", notice.translation_key] = told_by_transparency(notice.translation_key)
        if notice.user_id in memo["told", notice.translation_key]:
            return False
    if notice.took_part:
        if "preference" not in memo:
            memo["preference"] = MailPreference.objects.filter(user=user).first()
        preference = memo["preference"]
        return preference is None or preference.participation_notices
    if notice.subscription_id is None:
        return False
    if "subscriptions" not in memo:
        memo["subscriptions"] = set(Subscription.objects.filter(user=user).values_list("pk", flat=True))
    return notice.subscription_id in memo["subscriptions"]


def unsubscribe_scope(notice):
    if notice.took_part or notice.subscription_id is None:
        return tokens.TOOK_PART
    return f"s:{notice.subscription_id}"


def unsubscribe_url(user_id, scope, language, root=None):
    with translation.override(language):
        path = reverse("reach_unsubscribe", args=[tokens.make(user_id, scope)])
    return (root or _root_url()) + path


def manage_url(language, root=None):
    with translation.override(language):
        return (root or _root_url()) + reverse("my_participation") + "#subscriptions"


def _item(notice, language, memo=None):
    """What one notice says, for the e-mail templates; None when the consultation is no longer public."""
    page = _version(notice.translation_key, language, memo)
    if page is None:
        return None
    root = _root_url(page)
    parts = page.get_url_parts()
    item = {"kind": notice.kind, "consultation": page, "agency": page.agency, "url": root + (parts[2] if parts else "")}
    if notice.kind == NewsKind.OUTCOME:
        with translation.override(language):
            item["report_url"] = root + reverse("transparency_report", args=[page.pk])
    if notice.kind == NewsKind.REPLY:
        reply = Comment.objects.filter(pk=notice.comment_id, status=CommentStatus.APPROVED).first()
        if reply is None:
            return None
        item["reply"] = reply
        item["url"] = f"{item['url']}#block-{reply.block_id}"
    if notice.subscription_id:
        item["subscription"] = notice.subscription
    return item


def _message(user, subject, body, language, scope):
    unsubscribe = unsubscribe_url(user.pk, scope, language)
    message = EmailMessage(
        subject,
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    return message


def _render(template, context, language):
    with translation.override(language):
        subject = " ".join(render_to_string(f"reach/email/{template}_subject.txt", context).split())
        body = render_to_string(f"reach/email/{template}.txt", context)
    return subject, body


def _lock(queryset):
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset


def _close(notices, status, now):
    Notice.objects.filter(pk__in=[n.pk for n in notices]).update(status=status, sent_at=now)


def send_immediate(limit=None):
    """Queue each pending immediate notice in the outbox, one per transaction. Returns how many were queued."""
    queued = 0
    done = set()
    with outbox.batch():
        while limit is None or queued < limit:
            tried = len(done)
            try:
                sent = _send_one(done)
            except Exception:
                if len(done) == tried:
                    raise  # no notice could even be read (e.g. the database is gone): the next run tries again
                # This notice stays pending and is tried again by the next run; the others go on now.
                logger.exception("Could not queue a subscription notice")
                continue
            if sent is None:
                break
            queued += sent
    return queued


def _send_one(done):
    """Queue the next pending immediate notice not in `done`. None when there is none, else 1 or 0."""
    with transaction.atomic():
        pending = Notice.objects.filter(status=NoticeStatus.PENDING, frequency=Frequency.IMMEDIATE)
        notice = _lock(pending.exclude(pk__in=done).select_related("user").order_by("pk")).first()
        if notice is None:
            return None
        done.add(notice.pk)
        now = timezone.now()
        item = _item(notice, notice.language) if still_wanted(notice) else None
        if item is None:
            _close([notice], NoticeStatus.DROPPED, now)
            return 0
        scope = unsubscribe_scope(notice)
        context = {
            "user": notice.user,
            "item": item,
            "took_part": notice.took_part,
            "unsubscribe_url": unsubscribe_url(notice.user_id, scope, notice.language),
            "manage_url": manage_url(notice.language),
        }
        subject, body = _render(f"notice_{notice.kind}", context, notice.language)
        message = _message(notice.user, subject, body, notice.language, scope)
        # The notice is marked sent in the same transaction as the e-mail is queued: exactly once.
        outbox.queue_once(f"reach:notice:{notice.pk}", message)
        _close([notice], NoticeStatus.SENT, now)
        return 1


def _digest_language(user_id, notices):
    latest = Subscription.objects.filter(user_id=user_id).order_by("-created_at", "-pk").first()
    return latest.language if latest else notices[-1].language


def send_digests():
    """Queue one e-mail per person with every pending weekly notice. Returns how many e-mails were queued."""
    queued = 0
    users = (
        Notice.objects.filter(status=NoticeStatus.PENDING, frequency=Frequency.WEEKLY)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    with outbox.batch():
        for user_id in list(users):
            try:
                queued += _send_digest(user_id)
            except Exception:
                # This person's notices stay pending for the next run; the others go on now.
                logger.exception("Could not queue the weekly digest of user %s", user_id)
    return queued


def _send_digest(user_id):
    """Queue one person's digest. Returns 1 when an e-mail was queued, else 0."""
    with transaction.atomic():
        pending = Notice.objects.filter(user_id=user_id, status=NoticeStatus.PENDING, frequency=Frequency.WEEKLY)
        notices = list(_lock(pending.select_related("user", "subscription").order_by("created_at", "pk")))
        if not notices:
            return 0
        now = timezone.now()
        language = _digest_language(user_id, notices)
        items, dropped = [], []
        memo = {}  # what several of this person's notices share, read once
        keys = {notice.translation_key for notice in notices}
        for key in keys:
            memo["versions", key] = []
        for version in public_consultations().filter(translation_key__in=keys).select_related("locale", "agency"):
            memo["versions", version.translation_key].append(version)
        for notice in notices:
            item = _item(notice, language, memo) if still_wanted(notice, memo) else None
            if item is None:
                dropped.append(notice)
            else:
                items.append(item)
        _close(dropped, NoticeStatus.DROPPED, now)
        sent = [n for n in notices if n not in dropped]
        if not items:
            return 0
        user = notices[0].user
        context = {
            "user": user,
            "items": items,
            "unsubscribe_url": unsubscribe_url(user_id, tokens.ALL, language),
            "manage_url": manage_url(language),
        }
        subject, body = _render("digest", context, language)
        message = _message(user, subject, body, language, tokens.ALL)
        first = min(n.pk for n in sent)
        outbox.queue_once(f"reach:digest:{user_id}:{first}", message)
        _close(sent, NoticeStatus.SENT, now)
        return 1
