"""E-mails about proposals, always from the task worker, each to each person exactly once.

Events: "published" (the moderator approved it), "threshold_reached", "answered" (the approved answer is
public) and "collection_ended" (the period is over without reaching the threshold: found by the periodic
catch-up, since no request marks it). The author and every supporter who asked to follow it hear of each
event once: every e-mail is queued with `ops.outbox.queue_once` under the key
``proposal:<id>:<event>:<user id>``, and `OutboxKey.key` is unique, so the same person is never told twice
however often the task runs (a retry, two workers, the periodic catch-up). The request that causes an event
only enqueues `queue_proposal_notices` after its transaction commits; nothing is sent inside a request.

`queue_pending_proposal_notices` is the periodic catch-up (settings.TAWASUL_SCHEDULE): it re-runs the events of
the last days, so a lost enqueue (worker down at commit time) only delays the e-mails.

Moderators of the entity (reviewers for proposals sent to the portal) are told of new proposals to moderate, at
most once per entity per TAWASUL_MODERATION_EMAIL_INTERVAL, and every proposal is announced exactly once: the
message to each moderator is queued with `queue_once`, in one transaction with the entity's key for this
interval and a key per proposal announced. A proposal that arrives while the entity was already told this
interval stays unannounced and goes into the next message (the periodic catch-up sends it); a failure rolls
everything back, so nothing is lost and nothing is marked sent that was not queued.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from ops import outbox

from .models import Proposal, ProposalState, Support

logger = logging.getLogger(__name__)

EVENTS = {
    "published": "published_at",
    "threshold_reached": "threshold_reached_at",
    "answered": "answered_at",
    "collection_ended": "collection_ends_at",
}
# The states in which an event has happened (a later state includes the earlier events).
EVENT_STATES = {
    "published": [
        ProposalState.PUBLISHED,
        ProposalState.THRESHOLD_REACHED,
        ProposalState.ANSWERED,
        ProposalState.IMPLEMENTED,
    ],
    "threshold_reached": [ProposalState.THRESHOLD_REACHED, ProposalState.ANSWERED, ProposalState.IMPLEMENTED],
    "answered": [ProposalState.ANSWERED, ProposalState.IMPLEMENTED],
    "collection_ended": [ProposalState.PUBLISHED],  # and the period is over (Proposal.collection_ended)
}
CATCH_UP_DAYS = 7


def _base_url():
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


def notice_key(proposal, event, user_id):
    return f"proposal:{proposal.pk}:{event}:{user_id}"


def recipients(proposal, event):
    """(user, language, is_author) for everyone to tell of `event`: the author, and the supporters who follow
    the proposal; active accounts with an e-mail address only."""
    people = []
    author = proposal.author
    if author is not None and author.is_active and author.email:
        people.append((author, proposal.language, True))
    if event != "published":  # nobody supports a proposal before it is published
        supports = (
            Support.objects.filter(proposal=proposal, follow=True, supporter__is_active=True)
            .exclude(supporter__email="")
            .exclude(supporter_id=proposal.author_id)
            .select_related("supporter")
            .order_by("pk")
        )
        people.extend((row.supporter, row.language, False) for row in supports)
    return people


def _message(proposal, event, user, language, is_author):
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "proposal": proposal,
            "event": event,
            "is_author": is_author,
            "url": _base_url() + reverse("proposal_detail", args=[proposal.pk]),
            "agency": proposal.agency.localized if proposal.agency_id else None,
            "answer_text": proposal.answer_for(language)[0],
        }
        subject = render_to_string("proposals/email/notice_subject.txt", context).strip()
        body = render_to_string("proposals/email/notice.txt", context)
    return EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def notify(proposal_pk, event):
    """Queue the e-mails of one event, one per person not yet told. Returns how many were queued now."""
    if event not in EVENTS:
        raise ValueError(event)
    proposal = Proposal.objects.filter(pk=proposal_pk).select_related("agency", "author").first()
    if proposal is None or proposal.state not in EVENT_STATES[event]:
        return 0
    if event == "collection_ended" and not proposal.collection_ended():
        return 0
    queued = 0
    with outbox.batch():
        for user, language, is_author in recipients(proposal, event):
            if outbox.queue_once(
                notice_key(proposal, event, user.pk), _message(proposal, event, user, language, is_author)
            ):
                queued += 1
    return queued


@task()
def queue_proposal_notices(proposal_pk, event):
    """The worker's half of a state change: queue the e-mails of one event of one proposal."""
    return notify(proposal_pk, event)


def notify_recent(now=None):
    """Queue what is missing for every event of the last CATCH_UP_DAYS days. Returns the e-mails queued."""
    now = now or timezone.now()
    since = now - timedelta(days=CATCH_UP_DAYS)
    queued = 0
    for event, field in EVENTS.items():
        happened = Proposal.objects.filter(**{f"{field}__gte": since, f"{field}__lte": now})
        for pk in happened.filter(state__in=EVENT_STATES[event]).values_list("pk", flat=True):
            try:
                queued += notify(pk, event)
            except Exception:
                logger.exception("Could not queue the %s notices of proposal %s", event, pk)
    return queued


@task()
def queue_pending_proposal_notices():
    """Periodic catch-up (settings.TAWASUL_SCHEDULE): the events of the last days, the collections that ended
    without reaching their threshold, and the moderators' notices held back by their interval."""
    queued = notify_recent()
    try:
        queued += notify_all_moderators()
    except Exception:
        logger.exception("Could not queue the moderators' notices of proposals")
    return queued


def moderators_for(proposal):
    from pages.roles import REVIEWERS_GROUP

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if proposal.agency_id and proposal.agency.moderators_group_id:
        return users.filter(groups=proposal.agency.moderators_group_id).distinct()
    return users.filter(groups__name=REVIEWERS_GROUP).distinct()


ANNOUNCED = "proposal-moderation-announced:{pk}"


def _scope(proposal):
    return str(proposal.agency.translation_key) if proposal.agency_id else "portal"


def _unannounced():
    """Proposals waiting for moderation whose moderators were not told yet."""
    from django.db.models import CharField, Exists, OuterRef, Value
    from django.db.models.functions import Cast, Concat

    from ops.models import OutboxKey

    announced = OutboxKey.objects.filter(key=Concat(Value(ANNOUNCED.format(pk="")), Cast(OuterRef("pk"), CharField())))
    return Proposal.objects.filter(state=ProposalState.SUBMITTED).exclude(Exists(announced)).select_related("agency")


def notify_moderators_of(scope, now=None):
    """Tell the moderators of `scope` (an entity's translation key, or "portal") of its unannounced proposals,
    unless they were told within the interval. Returns how many e-mails were queued."""
    from ops.models import OutboxKey

    now = now or timezone.now()
    interval = int(getattr(settings, "TAWASUL_MODERATION_EMAIL_INTERVAL", 3600)) or 1
    prefix = f"proposal-moderation:{scope}:"
    if OutboxKey.objects.filter(key__startswith=prefix, created_at__gt=now - timedelta(seconds=interval)).exists():
        return 0  # told within the interval: the catch-up sends the rest later
    waiting = _unannounced()
    waiting = (
        waiting.filter(agency__isnull=True) if scope == "portal" else waiting.filter(agency__translation_key=scope)
    )
    waiting = list(waiting.order_by("-created_at", "-pk"))
    if not waiting:
        return 0
    people = list(moderators_for(waiting[0]).order_by("pk"))
    if not people:
        return 0  # nobody to tell yet: stays unannounced until the entity has moderators
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "proposal": waiting[0],
            "count": len(waiting),
            "queue_url": _base_url() + reverse("proposals_admin_index"),
        }
        subject = render_to_string("proposals/email/moderation_subject.txt", context).strip()
        body = render_to_string("proposals/email/moderation.txt", context)
    bucket = f"{prefix}{int(now.timestamp()) // interval}"
    queued = 0
    with transaction.atomic(), outbox.batch():
        _key, created = OutboxKey.objects.get_or_create(key=bucket)
        if not created:  # another worker told them in this interval
            return 0
        for proposal in waiting:
            OutboxKey.objects.get_or_create(key=ANNOUNCED.format(pk=proposal.pk))
        for user in people:
            message = EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            if outbox.queue_once(f"{bucket}:{user.pk}", message):
                queued += 1
    return queued


def notify_all_moderators(now=None):
    """Every scope with unannounced proposals (the periodic catch-up)."""
    queued = 0
    scopes = {_scope(proposal) for proposal in _unannounced()}
    for scope in sorted(scopes):
        queued += notify_moderators_of(scope, now)
    return queued


@task()
def notify_moderators(proposal_pk):
    """Tell the entity's moderators (reviewers for the portal) that a proposal waits for them."""
    proposal = Proposal.objects.filter(pk=proposal_pk, state=ProposalState.SUBMITTED).select_related("agency").first()
    if proposal is None:
        return 0
    return notify_moderators_of(_scope(proposal))
