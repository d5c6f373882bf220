"""E-mails about proposals, always from the task worker, each to each person exactly once.

Events: "published" (the moderator approved it), "threshold_reached" and "answered" (the approved answer is
public). The author and every supporter who asked to follow it hear of each event once: every e-mail is
queued with `ops.outbox.queue_once` under the key ``proposal:<id>:<event>:<user id>``, and `OutboxKey.key` is
unique, so the same person is never told twice however often the task runs (a retry, two workers, the
periodic catch-up). The request that causes an event only enqueues `queue_proposal_notices` after its
transaction commits; nothing is sent inside a request.

`queue_pending_proposal_notices` is the periodic catch-up (settings.TAWASUL_SCHEDULE): it re-runs the events of
the last days, so a lost enqueue (worker down at commit time) only delays the e-mails.

Moderators of the entity (reviewers for proposals sent to the portal) are told of a new proposal to moderate,
at most once per entity per TAWASUL_MODERATION_EMAIL_INTERVAL.
"""

import logging
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
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
    since = (now or timezone.now()) - timedelta(days=CATCH_UP_DAYS)
    queued = 0
    for event, field in EVENTS.items():
        for pk in Proposal.objects.filter(**{f"{field}__gte": since, "state__in": EVENT_STATES[event]}).values_list(
            "pk", flat=True
        ):
            try:
                queued += notify(pk, event)
            except Exception:
                logger.exception("Could not queue the %s notices of proposal %s", event, pk)
    return queued


@task()
def queue_pending_proposal_notices():
    """Periodic catch-up (settings.TAWASUL_SCHEDULE)."""
    return notify_recent()


def moderators_for(proposal):
    from pages.roles import REVIEWERS_GROUP

    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if proposal.agency_id and proposal.agency.moderators_group_id:
        return users.filter(groups=proposal.agency.moderators_group_id).distinct()
    return users.filter(groups__name=REVIEWERS_GROUP).distinct()


@task()
def notify_moderators(proposal_pk):
    """Tell the entity's moderators (reviewers for the portal) that a proposal waits for them."""
    proposal = Proposal.objects.filter(pk=proposal_pk, state=ProposalState.SUBMITTED).select_related("agency").first()
    if proposal is None:
        return 0
    key = f"proposal-moderation-mail:{proposal.agency.translation_key if proposal.agency_id else 'portal'}"
    if not cache.add(key, 1, timeout=getattr(settings, "TAWASUL_MODERATION_EMAIL_INTERVAL", 3600)):
        return 0
    addresses = list(moderators_for(proposal).values_list("email", flat=True))
    if not addresses:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {"proposal": proposal, "queue_url": _base_url() + reverse("proposals_admin_index")}
        subject = render_to_string("proposals/email/moderation_subject.txt", context).strip()
        body = render_to_string("proposals/email/moderation.txt", context)
    messages = [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    return get_connection().send_messages(messages) or 0
