"""Moderating citizens' comments: who may moderate what, and the decisions themselves.

Scope: a member of "<agency> moderators" moderates only the comments on that
agency's consultations (`Comment.agency_key` is the agency page's translation
key, so every language version counts); ministry reviewers and superusers
moderate every agency's comments. Everyone else, agency editors included,
moderates nothing. The admin views (participation.admin_views) take every
comment they show or change from `comments_for(user)`, and the functions below
check the scope again, so a forged address or id changes nothing.

Every decision is written to Wagtail's log (see the actions registered in
participation.wagtail_hooks) with who, what and why.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import LogContext, log

from pages.roles import agency_keys_for

from .models import Comment, CommentFingerprint, CommentStatus, ModerationReason

LOG_APPROVE = "tawasul.comment.approve"
LOG_REJECT = "tawasul.comment.reject"
LOG_HIDE = "tawasul.comment.hide"
LOG_OFFICIAL_REPLY = "tawasul.comment.official_reply"

CHANGE_PERMISSION = "participation.change_comment"
VIEW_PERMISSION = "participation.view_comment"


class Decision(models.TextChoices):
    APPROVE = "approve", gettext_lazy("Approve")
    REJECT = "reject", gettext_lazy("Reject")
    HIDE = "hide", gettext_lazy("Hide")


DECISION_STATUS = {
    Decision.APPROVE: CommentStatus.APPROVED,
    Decision.REJECT: CommentStatus.REJECTED,
    Decision.HIDE: CommentStatus.HIDDEN,
}
DECISION_LOG_ACTION = {
    Decision.APPROVE: LOG_APPROVE,
    Decision.REJECT: LOG_REJECT,
    Decision.HIDE: LOG_HIDE,
}

# "Reported" is set by the system when readers report a comment; a moderator never chooses it.
MODERATOR_REASONS = [(value, label) for value, label in ModerationReason.choices if value != ModerationReason.REPORTED]


class ModerationRefused(Exception):
    """A decision the rules do not allow; `message` is shown to the moderator."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# Scope ---------------------------------------------------------------------


def moderated_agency_keys(user):
    """None when `user` may moderate every agency's comments, otherwise the set
    of agency translation keys whose moderators' group the user belongs to."""
    return agency_keys_for(user, "moderators")


def comments_for(user):
    """Every comment `user` may see in the moderation queue."""
    keys = moderated_agency_keys(user)
    comments = Comment.objects.all()
    if keys is None:
        return comments
    return comments.filter(agency_key__in=keys)


def can_view(user, comment):
    if not (user.has_perm(VIEW_PERMISSION) or user.has_perm(CHANGE_PERMISSION)):
        return False
    keys = moderated_agency_keys(user)
    return keys is None or comment.agency_key in keys


def can_moderate(user, comment):
    if not user.has_perm(CHANGE_PERMISSION):
        return False
    keys = moderated_agency_keys(user)
    return keys is None or comment.agency_key in keys


# Decisions -----------------------------------------------------------------


def log_title(comment):
    # The log keeps an id, not the citizen's words: the text may hold personal data
    # and must go when the author deletes their account.
    return f"Comment #{comment.pk}"


def clean_decision(decision, reason="", note=""):
    """The (status, reason, note) a decision stores; raises ModerationRefused when incomplete."""
    try:
        decision = Decision(decision)
    except ValueError as error:
        raise ModerationRefused(_("Choose approve, reject or hide.")) from error
    note = (note or "").strip()
    if decision == Decision.APPROVE:
        return decision, CommentStatus.APPROVED, "", ""
    if reason not in dict(MODERATOR_REASONS):
        raise ModerationRefused(_("Choose a reason from the list before rejecting or hiding a comment."))
    if len(note) > Comment._meta.get_field("moderation_note").max_length:
        raise ModerationRefused(_("The note to the author is too long: at most 1000 characters."))
    return decision, DECISION_STATUS[decision], reason, note


def moderate(comment, user, decision, reason="", note="", campaign=None):
    """Approve, reject or hide one comment (as part of a decision on campaign `campaign`, an id, when
    given: the log says so). Returns True when something changed."""
    decision, status, reason, note = clean_decision(decision, reason, note)
    with transaction.atomic():
        locked = Comment.objects.select_for_update().get(pk=comment.pk)
        if not can_moderate(user, locked):  # the stored row decides, not the object passed in
            raise PermissionDenied
        if (locked.status, locked.moderation_reason, locked.moderation_note) == (status, reason, note):
            return False
        previous = locked.status
        now = timezone.now()
        Comment.objects.filter(pk=locked.pk).update(
            status=status, moderation_reason=reason, moderation_note=note, moderated_by=user, moderated_at=now
        )
        for name, value in (
            ("status", status),
            ("moderation_reason", reason),
            ("moderation_note", note),
            ("moderated_by", user),
            ("moderated_at", now),
        ):
            setattr(comment, name, value)
        log(
            instance=comment,
            action=DECISION_LOG_ACTION[decision],
            user=user,
            title=log_title(comment),
            data={
                "comment": comment.pk,
                "previous_status": previous,
                "status": status,
                "reason": reason,
                "note": note,
                "consultation": str(comment.translation_key),
                "agency": str(comment.agency_key),
                **({"campaign": campaign} if campaign is not None else {}),
            },
        )
    return True


def bulk_moderate(user, comment_ids, decision, reason="", note=""):
    """Apply one decision to the chosen comments within `user`'s scope; ids
    outside the scope are ignored. Returns the number of comments changed."""
    clean_decision(decision, reason, note)  # refuse the whole batch before changing anything
    ids = []
    for value in comment_ids:
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            continue
    if not ids or not user.has_perm(CHANGE_PERMISSION):
        return 0
    changed = 0
    with LogContext(user=user), transaction.atomic():
        for comment in comments_for(user).filter(pk__in=ids).order_by("pk"):
            if moderate(comment, user, decision, reason, note):
                changed += 1
    return changed


def post_official_reply(comment, user, body, language=None):
    """The agency's public answer to a comment, shown with the "Official reply" marker.

    Replies are one level deep on the public page, so an answer to a reply joins
    the thread of the comment it replies to."""
    if not can_moderate(user, comment):
        raise PermissionDenied
    thread = comment.parent if comment.parent_id else comment
    if thread.status != CommentStatus.APPROVED:
        raise ModerationRefused(_("Publish the comment before replying to it."))
    text = (body or "").strip()
    if not text:
        raise ModerationRefused(_("Write the reply before sending it."))
    if len(text) > settings.TAWASUL_COMMENT_MAX_LENGTH:
        raise ModerationRefused(
            _("The reply is too long: at most %(max)d characters.") % {"max": settings.TAWASUL_COMMENT_MAX_LENGTH}
        )
    if language not in dict(settings.LANGUAGES):
        language = comment.language
    now = timezone.now()
    from pages.models import AgencyPage

    agencies = AgencyPage.objects.filter(translation_key=thread.agency_key)
    agency = agencies.filter(locale__language_code=language).first() or agencies.first()
    with transaction.atomic():
        reply = Comment.objects.create(
            signed_as=agency.title if agency else "",
            translation_key=thread.translation_key,
            block_id=thread.block_id,
            consultation_id=thread.consultation_id,
            agency_key=thread.agency_key,
            parent=thread,
            author=user,
            language=language,
            body=text,
            status=CommentStatus.APPROVED,
            is_official=True,
            moderated_by=user,
            moderated_at=now,
        )
        log(
            instance=comment,
            action=LOG_OFFICIAL_REPLY,
            user=user,
            title=log_title(comment),
            data={
                "comment": comment.pk,
                "reply": reply.pk,
                "language": language,
                "consultation": str(thread.translation_key),
                "agency": str(thread.agency_key),
            },
        )
    return reply


def pending_counts(user):
    """What waits for `user`: new comments, and published comments hidden after readers' reports."""
    if not user.has_perm(CHANGE_PERMISSION):
        return None
    return comments_for(user).aggregate(
        pending=models.Count("pk", filter=models.Q(status=CommentStatus.PENDING)),
        reported=models.Count(
            "pk", filter=models.Q(status=CommentStatus.HIDDEN, moderation_reason=ModerationReason.REPORTED)
        ),
    )


# Campaigns (participation.campaigns) ----------------------------------------------


def campaigns_for(user):
    """The campaigns `user` may see: those of the agencies they moderate."""
    from .models import Campaign

    keys = moderated_agency_keys(user)
    campaigns = Campaign.objects.all()
    return campaigns if keys is None else campaigns.filter(agency_key__in=keys)


def campaign_members(user, campaign, status=None):
    """The comments of `campaign` within `user`'s scope (with `status` only, when given)."""
    comments = comments_for(user).filter(fingerprint__campaign=campaign)
    return comments.filter(status=status) if status else comments


def group_rows(comments):
    """The queue with each campaign's comments of one status shown as one row: the first of them among
    `comments` (the queue after its filters and search, so a filter or a search never hides a comment
    behind one it left out), with `campaign_id`, `campaign_size` (how many of the campaign's comments
    have that status; None outside campaigns) and `campaign_same` (how many of those have exactly the
    row's text: what ticking the row moderates, `campaign_row_members`). Subqueries of the same query."""
    same_status = CommentFingerprint.objects.filter(
        campaign_id=models.OuterRef("fingerprint__campaign_id"), comment__status=models.OuterRef("status")
    )

    def count(members):
        return models.Subquery(members.order_by().values("campaign_id").annotate(n=models.Count("pk")).values("n")[:1])

    earlier = comments.filter(
        fingerprint__campaign_id=models.OuterRef("fingerprint__campaign_id"),
        status=models.OuterRef("status"),
        pk__lt=models.OuterRef("pk"),
    )
    return comments.annotate(
        campaign_id=models.F("fingerprint__campaign_id"),
        campaign_size=count(same_status),
        campaign_same=count(same_status.filter(comment__body=models.OuterRef("body"))),
    ).exclude(models.Exists(earlier))


def campaign_row_members(user, leads):
    """The ids of the comments ticked queue rows stand for (`leads`: the ids of the rows' comments): for
    a row of a campaign, its comments with the row's status and exactly the row's text, within `user`'s
    scope. A moderator approving a row has read that text; the group's other comments stay as they are
    and come up in the queue in their turn (or on the group's page, shown whole)."""
    if not leads:
        return []
    scope = comments_for(user)
    rows = scope.filter(pk__in=leads, fingerprint__campaign__isnull=False).values_list(
        "fingerprint__campaign_id", "status", "body"
    )
    condition = models.Q(pk__in=[])
    for campaign_id, status, body in rows:
        condition |= models.Q(fingerprint__campaign_id=campaign_id, status=status, body=body)
    return list(scope.filter(condition).values_list("pk", flat=True))


def moderate_campaign(user, campaign, decision, reason="", note="", status=None, *, shown):
    """One decision for the comments of `campaign` whose ids are in `shown` (those the moderator was shown
    and kept ticked: never one that joined the group after the page was opened), in `user`'s scope (only
    those with `status`, when given). Each comment is logged as in `moderate`, with the campaign's id.
    Returns the number changed."""
    clean_decision(decision, reason, note)
    if not user.has_perm(CHANGE_PERMISSION):
        raise PermissionDenied
    if not campaigns_for(user).filter(pk=campaign.pk).exists():
        raise PermissionDenied
    changed = 0
    with LogContext(user=user), transaction.atomic():
        for comment in campaign_members(user, campaign, status).filter(pk__in=shown).order_by("pk"):
            if moderate(comment, user, decision, reason, note, campaign=campaign.pk):
                changed += 1
    return changed
