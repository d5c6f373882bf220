"""Citizens' responses: comments and votes.

Responses live in their own tables, never inside a page or its revisions.
They are keyed by the consultation's translation key and the block's id, so
the Arabic and English versions of a consultation share one set of comments
and one tally (wagtail-localize keeps block ids across translations).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .respondents import RespondentFields, respondent_constraint


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for moderation")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Rejected")
    HIDDEN = "hidden", _("Hidden")


class ModerationReason(models.TextChoices):
    OFFENSIVE = "offensive", _("Offensive or hateful, including gender-based abuse")
    PERSONAL_DATA = "personal_data", _("Contains personal data")
    OFF_TOPIC = "off_topic", _("Off-topic")
    SPAM = "spam", _("Spam or advertising")
    DUPLICATE = "duplicate", _("Duplicate")
    REPORTED = "reported", _("Reported by several readers; waiting for review")


class Stance(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")
    NEUTRAL = "neutral", _("Neutral")


class CommentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=CommentStatus.APPROVED)

    def for_block(self, translation_key, block_id):
        return self.filter(translation_key=translation_key, block_id=block_id)

    def for_agency_keys(self, agency_keys):
        return self.filter(agency_key__in=agency_keys)


class Comment(RespondentFields):
    """A citizen's comment on a consultation, an article of it, or a reply to another comment."""

    translation_key = models.UUIDField(db_index=True, help_text=_("The consultation, in every language."))
    block_id = models.CharField(max_length=64, help_text=_("The comment or article block commented on."))
    consultation = models.ForeignKey(
        "participation.ConsultationPage",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("consultation"),
        help_text=_("The language version the comment was written on."),
    )
    agency_key = models.UUIDField(db_index=True, help_text=_("The agency, in every language."))
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies", verbose_name=_("reply to")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="consultation_comments",
        verbose_name=_("author"),
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    body = models.TextField(_("comment"), max_length=settings.TAWASUL_COMMENT_MAX_LENGTH)
    stance = models.CharField(_("position"), max_length=8, choices=Stance.choices, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    is_official = models.BooleanField(_("official reply"), default=False)
    signed_as = models.CharField(
        _("signed as"),
        max_length=255,
        blank=True,
        help_text=_(
            "For official replies: the agency's name, shown instead of the author's. For input received at "
            "an event: the event, as it is shown in its place."
        ),
    )
    event = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("said at event"),
        help_text=_(
            "For input received at a workshop or event: the event page. Entered by the agency's staff, "
            "shown under the name in “signed as”, moderated and answered like any comment."
        ),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
        help_text=_("The member of staff who entered input received at an event."),
    )
    moderation_reason = models.CharField(_("reason"), max_length=16, choices=ModerationReason.choices, blank=True)
    moderation_note = models.TextField(_("note to the author"), blank=True, max_length=1000)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True, db_index=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["translation_key", "status", "created_at"]),
            # Statistics and open data: published comments by the public, per consultation, with their
            # authors and ids, read from the index alone (no table rows) however many comments there are.
            models.Index(
                fields=["translation_key", "author", "id"],
                condition=models.Q(status="approved", is_official=False),
                name="comment_published_people",
            ),
            # The moderation queue: newest first, whole or one agency's, by status (later pages too).
            models.Index(fields=["-created_at", "-id"], name="comment_queue"),
            models.Index(fields=["agency_key", "-created_at", "-id"], name="comment_queue_agency"),
            models.Index(fields=["status", "-created_at", "-id"], name="comment_queue_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status__in=["rejected", "hidden"]) | ~models.Q(moderation_reason=""),
                name="comment_refusal_has_reason",
            ),
            respondent_constraint("comment"),
        ]

    def __str__(self):
        return self.body[:60]


class CommentReport(models.Model):
    """A reader's report that a published comment breaks the rules; one per reader per comment."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_reader")]

    def __str__(self):
        return f"report {self.pk} on comment {self.comment_id}"


class Ballot(RespondentFields):
    """One person's vote in one poll. The unique constraint is what guarantees one vote per person."""

    translation_key = models.UUIDField(help_text=_("The consultation, in every language."))
    block_id = models.CharField(max_length=64, help_text=_("The poll block."))
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="ballots")
    identity_hash = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text=_(
            "Keyed hash of the voter's verified e-mail address (participation.identity); kept when the account "
            "is deleted, so the same person cannot vote again. Never shown or exported."
        ),
    )
    subject_hash = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text=_("Keyed hash of the voter's national digital identity, when they signed in with it."),
    )
    language = models.CharField(max_length=8, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_key", "block_id", "voter"], name="one_vote_per_person_per_poll"
            ),
            # One vote per person even across deleted accounts (votes from before the hash have none).
            models.UniqueConstraint(
                fields=["translation_key", "block_id", "identity_hash"],
                condition=~models.Q(identity_hash=""),
                name="one_vote_per_identity_per_poll",
            ),
            models.UniqueConstraint(
                fields=["translation_key", "block_id", "subject_hash"],
                condition=~models.Q(subject_hash=""),
                name="one_vote_per_national_id_per_poll",
            ),
            respondent_constraint("ballot"),
        ]
        indexes = [models.Index(fields=["translation_key", "block_id"])]

    def __str__(self):
        return f"vote {self.pk} in poll {self.block_id}"


class BallotChoice(models.Model):
    """An option chosen on a ballot (several for a multiple-choice poll)."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    option_id = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ballot", "option_id"], name="one_choice_per_option")]

    def __str__(self):
        return self.option_id
