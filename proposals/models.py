"""Citizens' proposals to government entities, their public support, and the answers owed to them.

A verified citizen submits a proposal to an agency, or to the portal when unsure (ministry reviewers
route it). The agency's moderators publish or reject it (with the reasons used for comments). A
published proposal collects support for a period towards a threshold; a proposal that reaches it is
owed a public answer by a deadline. The answer is drafted by the agency's editors and approved by a
ministry reviewer who did not write it (four eyes), then an implementation update may follow.

Support is one row per person per proposal (database constraints, across deleted accounts through the
keyed identity hash of participation.identity); the count on the proposal is maintained with F()
updates in the same transaction as the row, so it is exact under concurrency.
"""

import os
import uuid

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from participation.models import Governorate, ModerationReason
from participation.models.respondents import RespondentFields, respondent_constraint

TITLE_MAX_LENGTH = 150
TEXT_MAX_LENGTH = 3000


class ProposalState(models.TextChoices):
    SUBMITTED = "submitted", _("Waiting for moderation")
    PUBLISHED = "published", _("Collecting support")
    THRESHOLD_REACHED = "threshold_reached", _("Threshold reached: answer due")
    ANSWERED = "answered", _("Answered")
    IMPLEMENTED = "implemented", _("Implemented")
    REJECTED = "rejected", _("Rejected")


# The states in which a proposal is public.
PUBLIC_STATES = [
    ProposalState.PUBLISHED,
    ProposalState.THRESHOLD_REACHED,
    ProposalState.ANSWERED,
    ProposalState.IMPLEMENTED,
]


class Answer(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Accepted in part")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    CONSULTATION = "consultation", _("Turned into a consultation")


# "Reported" is set by the system for comments; a moderator rejecting a proposal never chooses it.
REJECTION_REASONS = [(value, label) for value, label in ModerationReason.choices if value != ModerationReason.REPORTED]


@register_setting(icon="list-ul")
class ProposalRules(BaseGenericSetting):
    """How proposals collect support and when answers are due. Edited by ministry reviewers."""

    default_threshold = models.PositiveIntegerField(
        _("supporters needed for an answer (default)"),
        default=500,
        help_text=_("Used for every entity without a threshold of its own. Default: 500."),
    )
    collection_days = models.PositiveSmallIntegerField(
        _("days of collecting support"), default=90, help_text=_("Counted from publication. Default: 90 days.")
    )
    answer_deadline_weeks = models.PositiveSmallIntegerField(
        _("answer due within (weeks after the threshold is reached)"), default=8, help_text=_("Default: 8 weeks.")
    )

    panels = [FieldPanel("default_threshold"), FieldPanel("collection_days"), FieldPanel("answer_deadline_weeks")]

    class Meta:
        verbose_name = _("proposal rules")


class AgencyThreshold(models.Model):
    """An entity's own threshold of supporters, set by ministry reviewers."""

    agency_key = models.UUIDField(
        _("entity"), unique=True, help_text=_("The government entity, in every language (its translation key).")
    )
    threshold = models.PositiveIntegerField(
        _("supporters needed for an answer"), help_text=_("Proposals published from now on need this many supporters.")
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The reviewer who set it."),
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True, help_text=_("When it was last set."))

    class Meta:
        verbose_name = _("entity threshold")
        verbose_name_plural = _("entity thresholds")
        constraints = [models.CheckConstraint(condition=Q(threshold__gte=1), name="agency_threshold_positive")]

    def __str__(self):
        return f"{self.agency_key}: {self.threshold}"


def threshold_for(agency):
    """The threshold a proposal to `agency` (None: the portal) is published with."""
    if agency is not None:
        own = AgencyThreshold.objects.filter(agency_key=agency.translation_key).values_list("threshold", flat=True)
        for value in own:
            return value
    return ProposalRules.load().default_threshold


class ProposalQuerySet(models.QuerySet):
    def public(self):
        return self.filter(state__in=PUBLIC_STATES)

    def for_agency_keys(self, keys):
        return self.filter(agency__translation_key__in=keys)

    def overdue(self, now=None):
        """Proposals past their answer deadline without a published answer."""
        return self.filter(state=ProposalState.THRESHOLD_REACHED, answer_due_at__lt=now or timezone.now())

    def collecting(self, now=None):
        return self.filter(state=ProposalState.PUBLISHED, collection_ends_at__gt=now or timezone.now())


class Proposal(RespondentFields):
    """A citizen's proposal to a government entity (or to the portal, for reviewers to route), as themselves or on
    behalf of an organisation (its name and sector, shown with the proposal)."""

    agency = models.ForeignKey(
        "pages.AgencyPage",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("government entity"),
        help_text=_("Empty: sent to the portal; ministry reviewers route it to an entity."),
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH, help_text=_("The proposal in one sentence."))
    problem = models.TextField(
        _("the problem"), max_length=TEXT_MAX_LENGTH, help_text=_("What is wrong today, and for whom.")
    )
    solution = models.TextField(
        _("the proposed solution"), max_length=TEXT_MAX_LENGTH, help_text=_("What the entity should do.")
    )
    beneficiaries = models.TextField(
        _("who benefits"), max_length=1000, help_text=_("The people or places that would benefit.")
    )
    governorate = models.CharField(
        _("governorate"),
        max_length=16,
        choices=Governorate.choices,
        blank=True,
        help_text=_("Where the proposal applies; empty for the whole country."),
    )
    topic = models.ForeignKey(
        "participation.Topic",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("topic"),
        help_text=_("The subject the proposal is about."),
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, help_text=_("The language it was written in.")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        verbose_name=_("author"),
        help_text=_("Empty when the author deleted their account; the proposal stays."),
    )
    state = models.CharField(
        _("state"),
        max_length=20,
        choices=ProposalState.choices,
        default=ProposalState.SUBMITTED,
        db_index=True,
        help_text=_("Where the proposal is in its life."),
    )
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True, help_text=_("When it was submitted."))

    # Moderation
    moderation_reason = models.CharField(
        _("reason"),
        max_length=16,
        choices=ModerationReason.choices,
        blank=True,
        help_text=_("Why it was rejected; shown to the author."),
    )
    moderation_note = models.TextField(
        _("note to the author"), blank=True, max_length=1000, help_text=_("Optional; shown to the author only.")
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The moderator who decided."),
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True, help_text=_("When it was decided."))

    # Collecting support
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, help_text=_("When it went public."))
    collection_ends_at = models.DateTimeField(
        _("collects support until"), null=True, blank=True, help_text=_("Set at publication from the rules.")
    )
    threshold = models.PositiveIntegerField(
        _("supporters needed"),
        default=0,
        help_text=_(
            "Fixed at publication from the entity's threshold, so it does not move while collecting; routed to "
            "another entity while collecting, it takes that entity's threshold."
        ),
    )
    routed_at = models.DateTimeField(
        _("sent on to another entity at"),
        null=True,
        blank=True,
        help_text=_("When a reviewer last routed it while it collected support (its threshold changed then)."),
    )
    threshold_before_routing = models.PositiveIntegerField(
        _("supporters needed before routing"),
        null=True,
        blank=True,
        help_text=_("The threshold it had before it was routed while collecting support, shown to readers."),
    )
    supporters_count = models.PositiveIntegerField(
        _("supporters"), default=0, help_text=_("Kept with each support and withdrawal, in the same transaction.")
    )
    threshold_reached_at = models.DateTimeField(
        _("threshold reached at"), null=True, blank=True, help_text=_("When the last supporter needed arrived.")
    )
    answer_due_at = models.DateTimeField(
        _("answer due by"), null=True, blank=True, help_text=_("The threshold date plus the answer deadline.")
    )

    # The answer: drafted by the entity's editors, approved by a reviewer who did not draft it.
    answer = models.CharField(
        _("answer"), max_length=16, choices=Answer.choices, blank=True, help_text=_("The entity's decision.")
    )
    answer_text = models.TextField(
        _("answer and reasons"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("What the entity decided and why, in plain language, in Arabic."),
    )
    answer_text_en = models.TextField(
        _("answer and reasons in English (optional)"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("The same answer in English, for readers of the English site. Empty: they read the Arabic answer."),
    )
    answer_consultation = models.ForeignKey(
        "participation.ConsultationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("consultation"),
        help_text=_("For “turned into a consultation”: the consultation it became."),
    )
    answer_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who wrote the answer."),
    )
    answer_drafted_at = models.DateTimeField(
        _("answer drafted at"), null=True, blank=True, help_text=_("When the answer was submitted for approval.")
    )
    answer_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The reviewer who approved and published it."),
    )
    answered_at = models.DateTimeField(
        _("answered at"), null=True, blank=True, help_text=_("When the answer was published.")
    )
    implementation_update = models.TextField(
        _("implementation update"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("What has been done since the answer."),
    )
    implemented_at = models.DateTimeField(
        _("implemented at"), null=True, blank=True, help_text=_("When the implementation update was published.")
    )
    # The implementation update: drafted by the entity's editors, approved by a reviewer who did not draft it.
    update_draft = models.TextField(
        _("implementation update waiting for approval"),
        max_length=TEXT_MAX_LENGTH,
        blank=True,
        help_text=_("The entity's next update, published once a ministry reviewer who did not write it approves it."),
    )
    update_drafted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Who wrote the latest implementation update."),
    )
    update_drafted_at = models.DateTimeField(
        _("update submitted at"),
        null=True,
        blank=True,
        help_text=_("When the update waiting for approval was submitted; empty when none waits."),
    )
    update_approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The reviewer who approved and published the implementation update."),
    )

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["state", "-published_at", "-id"], name="proposal_public_list"),
            models.Index(fields=["agency", "state", "-created_at"], name="proposal_agency_queue"),
            models.Index(fields=["author", "-created_at"], name="proposal_author"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="rejected") | ~Q(moderation_reason=""), name="proposal_rejection_has_reason"
            ),
            models.CheckConstraint(
                condition=Q(state__in=["submitted", "rejected"]) | Q(published_at__isnull=False, threshold__gte=1),
                name="proposal_public_has_threshold",
            ),
            models.CheckConstraint(
                condition=~Q(state__in=["answered", "implemented"]) | (~Q(answer="") & Q(answered_at__isnull=False)),
                name="proposal_answered_has_answer",
            ),
            models.CheckConstraint(
                condition=~Q(answer="consultation")
                | Q(answer_consultation__isnull=False)
                | ~Q(state__in=["answered", "implemented"]),
                name="proposal_consultation_answer_has_link",
            ),
            models.CheckConstraint(
                condition=Q(update_drafted_at__isnull=True) | ~Q(update_draft=""),
                name="proposal_pending_update_has_text",
            ),
            respondent_constraint("proposal"),
        ]

    def __str__(self):
        return self.title

    # Reading

    @property
    def is_public(self):
        return self.state in PUBLIC_STATES

    def is_collecting(self, now=None):
        return self.state == ProposalState.PUBLISHED and bool(
            self.collection_ends_at and self.collection_ends_at > (now or timezone.now())
        )

    def collection_ended(self, now=None):
        """Published, never reached its threshold, and the period is over."""
        return self.state == ProposalState.PUBLISHED and not self.is_collecting(now)

    def is_overdue(self, now=None):
        return bool(
            self.state == ProposalState.THRESHOLD_REACHED
            and self.answer_due_at
            and self.answer_due_at < (now or timezone.now())
        )

    def days_left(self, now=None):
        if not self.is_collecting(now):
            return 0
        remaining = self.collection_ends_at - (now or timezone.now())
        return remaining.days + (1 if remaining.seconds or remaining.microseconds else 0)

    @property
    def progress_percent(self):
        if not self.threshold:
            return 0
        return min(100, self.supporters_count * 100 // self.threshold)

    @property
    def update_pending_approval(self):
        return self.state in (ProposalState.ANSWERED, ProposalState.IMPLEMENTED) and bool(self.update_drafted_at)

    @property
    def answer_pending_approval(self):
        return self.state == ProposalState.THRESHOLD_REACHED and bool(self.answer_drafted_at)

    def answer_for(self, language):
        """(text, language code) of the answer for a reader of `language`: the English answer for English readers
        when there is one, the Arabic answer otherwise."""
        if language == "en" and self.answer_text_en:
            return self.answer_text_en, "en"
        return self.answer_text, "ar"

    def answered_on_time(self):
        if not self.answered_at or not self.answer_due_at:
            return None
        return self.answered_at <= self.answer_due_at


class Support(RespondentFields):
    """One person's support for one proposal, as themselves or on behalf of an organisation. The unique
    constraints are what guarantee one per person (a person supports once, whoever they support for)."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="proposal_supports",
        help_text=_("Empty when the supporter deleted their account; the support still counts."),
    )
    identity_hash = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text=_(
            "Keyed hash of the supporter's verified e-mail address (participation.identity); kept when the "
            "account is deleted, so the same person cannot support twice. Never shown or exported."
        ),
    )
    subject_hash = models.CharField(
        max_length=64,
        blank=True,
        default="",
        help_text=_("Keyed hash of the supporter's national digital identity, when they signed in with it."),
    )
    language = models.CharField(
        max_length=8, choices=settings.LANGUAGES, default="ar", help_text=_("The language the support was given in.")
    )
    follow = models.BooleanField(
        _("tell me what happens"), default=True, help_text=_("E-mail the supporter when the proposal moves on.")
    )
    created_at = models.DateTimeField(auto_now_add=True, help_text=_("When the support was given."))

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "supporter"], name="one_support_per_person_per_proposal"),
            models.UniqueConstraint(
                fields=["proposal", "identity_hash"],
                condition=~Q(identity_hash=""),
                name="one_support_per_identity_per_proposal",
            ),
            models.UniqueConstraint(
                fields=["proposal", "subject_hash"],
                condition=~Q(subject_hash=""),
                name="one_support_per_national_id_per_proposal",
            ),
            respondent_constraint("support"),
        ]

    def __str__(self):
        return f"support {self.pk} for proposal {self.proposal_id}"


def attachments_root():
    """Where citizens' files are kept on disk: never under MEDIA_ROOT, so no web server serves them directly."""
    return str(getattr(settings, "PROPOSAL_ATTACHMENTS_ROOT", "") or (settings.BASE_DIR / "private-media"))


class PrivateStorage(FileSystemStorage):
    """Files with no public address (`url()` refuses): proposals.views.attachment serves them, after checks."""

    @property
    def base_location(self):
        return attachments_root()

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):
        return None


def attachment_storage():
    """STORAGES["proposal_attachments"] when the deployment sets one (a private bucket: every app server sees
    the files), else PrivateStorage on this server's disk."""
    if "proposal_attachments" in settings.STORAGES:
        from django.core.files.storage import storages

        return storages["proposal_attachments"]
    return PrivateStorage()


def attachment_path(instance, filename):
    # A random name: the citizen's file name is kept apart (`name`), never used as a path.
    return f"proposals/{uuid.uuid4().hex}{os.path.splitext(filename)[1].lower()}"


class AttachmentKind(models.TextChoices):
    IMAGE = "image", _("Image")
    DOCUMENT = "document", _("Document")


class ProposalAttachment(models.Model):
    """A document (PDF) or image (JPEG, PNG) a citizen attached to a proposal. Its type is read from its content,
    images are re-encoded (which drops hidden data such as location), and it is served by proposals.views only
    once the proposal is public (before that: to its author and the staff who handle it)."""

    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="attachments", help_text=_("The proposal it belongs to.")
    )
    file = models.FileField(
        _("file"),
        upload_to=attachment_path,
        storage=attachment_storage,
        max_length=200,
        help_text=_("Kept privately under a random name."),
    )
    name = models.CharField(_("name"), max_length=120, help_text=_("The file's name as the citizen chose it."))
    kind = models.CharField(
        _("kind"), max_length=16, choices=AttachmentKind.choices, help_text=_("Read from the file's content.")
    )
    content_type = models.CharField(_("content type"), max_length=40, help_text=_("Read from the file's content."))
    size = models.PositiveIntegerField(_("size in bytes"), help_text=_("The size of the stored file."))
    created_at = models.DateTimeField(_("added at"), auto_now_add=True, help_text=_("When it was attached."))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=["application/pdf", "image/jpeg", "image/png"]),
                name="proposal_attachment_allowed_type",
            ),
            models.CheckConstraint(condition=Q(size__gte=1), name="proposal_attachment_not_empty"),
        ]

    def __str__(self):
        return self.name
