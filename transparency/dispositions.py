"""Recording the agency's answer to comments, one at a time or several together.

Every decision is checked against the person's scope (transparency.access) on
the stored comment, and written to Wagtail's log with who, what and why.

A campaign (participation.campaigns: the same text sent by many people) takes one
decision: answering any of its comments gives the same decision and reason to every
published comment of the group, so each person who sent it sees the answer; the log
entry says how many comments it covered.
"""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, Subquery
from django.utils.translation import gettext as _
from wagtail.log_actions import LogContext, log

from participation.models import Comment, CommentFingerprint, CommentStatus

from .access import answerable_comments, can_answer
from .models import Decision, Disposition

LOG_RECORD = "tawasul.disposition.record"
REASON_MAX_LENGTH = Disposition._meta.get_field("reason").max_length


class DispositionRefused(Exception):
    """A disposition the rules do not allow; `message` is shown to the editor."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def clean_disposition(decision, reason):
    try:
        decision = Decision(decision)
    except ValueError as error:
        raise DispositionRefused(_("Choose a decision.")) from error
    reason = (reason or "").strip()
    if not reason:
        raise DispositionRefused(_("Give the reason for the decision: the author and the public read it."))
    if len(reason) > REASON_MAX_LENGTH:
        raise DispositionRefused(_("The reason is too long: at most %(max)d characters.") % {"max": REASON_MAX_LENGTH})
    return decision, reason


def _parse_ids(values):
    ids = []
    for value in values:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            continue
    return ids


def record(user, comment, decision, reason, bulk=False):
    """Record (or change) the disposition of one comment. Returns True when something changed."""
    decision, reason = clean_disposition(decision, reason)
    with transaction.atomic():
        lock_groups([comment.pk])
        locked = Comment.objects.select_for_update().filter(pk=comment.pk).first()
        if locked is None or not can_answer(user, locked):  # the stored row decides
            raise PermissionDenied
        if locked.status != CommentStatus.APPROVED or locked.is_official:
            raise DispositionRefused(_("Only published comments by the public take a decision."))
        disposition = Disposition.objects.filter(comment=locked).first()
        previous = None
        if disposition is not None:
            previous = disposition.decision
            if (disposition.decision, disposition.reason) == (decision, reason):
                return False
        else:
            disposition = Disposition(comment=locked)
        disposition.decision = decision
        disposition.reason = reason
        disposition.decided_by = user
        disposition.save()
        campaign, group = _answer_campaign(user, locked, decision, reason)
        log(
            instance=locked,
            action=LOG_RECORD,
            user=user,
            # The log keeps an id, never the citizen's words.
            title=f"Comment #{locked.pk}",
            data={
                "comment": locked.pk,
                "decision": decision.value,
                "previous_decision": previous,
                "reason": reason,
                "bulk": bulk,
                **({"campaign": campaign, "campaign_comments": group} if campaign else {}),
                "consultation": str(locked.translation_key),
                "agency": str(locked.agency_key),
            },
        )
    return True


def record_many(user, comment_ids, decision, reason, translation_key=None):
    """Apply one decision and reason to the chosen comments within `user`'s scope
    (and within one consultation when `translation_key` is given). Ids outside
    the scope are ignored. Returns (number of comments found, number changed)."""
    clean_disposition(decision, reason)  # refuse the whole batch before changing anything
    ids = _parse_ids(comment_ids)
    if not ids:
        raise DispositionRefused(_("Select at least one comment."))
    comments = answerable_comments(user).filter(pk__in=ids)
    if translation_key is not None:
        comments = comments.filter(translation_key=translation_key)
    comments = list(comments.order_by("pk"))
    if not comments:
        raise DispositionRefused(_("Select at least one comment."))
    changed = 0
    with LogContext(user=user), transaction.atomic():
        lock_groups([comment.pk for comment in comments])  # all at once: answers in another order wait
        for comment in comments:
            if record(user, comment, decision, reason, bulk=len(comments) > 1):
                changed += 1
    return len(comments), changed


def lock_groups(comment_ids):
    """Lock the comments and every comment of their campaigns, in one statement, in id order: two editors
    answering comments of the same campaign (or several campaigns, in any order) at once then take turns
    instead of each writing the other's copies first (a deadlock, or a duplicate answer refused by the
    database). Must run inside a transaction, before any answer is written."""
    campaigns = CommentFingerprint.objects.filter(comment_id__in=comment_ids, campaign__isnull=False).values(
        "campaign_id"
    )
    list(
        Comment.objects.select_for_update(of=("self",))
        .filter(Q(pk__in=comment_ids) | Q(fingerprint__campaign_id__in=Subquery(campaigns)))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _answer_campaign(user, comment, decision, reason):
    """Give `comment`'s decision to the other published comments of its campaign within `user`'s scope,
    in three queries (their rows locked by `lock_groups`). Returns (campaign id or None, number of other
    comments now carrying it)."""
    campaign = CommentFingerprint.objects.filter(comment=comment).values_list("campaign_id", flat=True).first()
    if campaign is None:
        return None, 0
    others = list(
        answerable_comments(user)
        .filter(fingerprint__campaign_id=campaign)
        .exclude(pk=comment.pk)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not others:
        return campaign, 0
    # One statement for answered and unanswered copies alike; a copy answered meanwhile (one that joined
    # the campaign after the lock) is updated, not inserted twice.
    Disposition.objects.bulk_create(
        [Disposition(comment_id=pk, decision=decision, reason=reason, decided_by=user) for pk in others],
        update_conflicts=True,
        unique_fields=["comment"],
        update_fields=["decision", "reason", "decided_by", "decided_at"],
    )
    return campaign, len(others)
