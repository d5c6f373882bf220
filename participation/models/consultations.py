"""Consultations: what government entities ask the public about, and their index."""

from datetime import timedelta

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, PageManager, TranslatableMixin
from wagtail.query import PageQuerySet
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from pages.blocks import RICH_TEXT_FEATURES, SupportingDocumentsBlock
from pages.publishing import FourEyesPageMixin

from ..admin_forms import ConsultationPageForm, minimum_periods_help
from ..blocks import ConsultationBodyBlock
from .profiles import Governorate


class ConsultationType(models.TextChoices):
    DRAFT_LAW = "draft_law", _("Draft law")
    REGULATION = "regulation", _("Regulation or instructions")
    POLICY = "policy", _("Policy or strategy")
    PUBLIC_SERVICE = "public_service", _("Public service")
    GOVERNMENT_PROJECT = "government_project", _("Government project")


class ConsultationStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    CONCLUDED = "concluded", _("Outcome published")


# Not a status of its own: a closed consultation whose outcome is past its deadline (see admin_phase).
OUTCOME_OVERDUE = _("Outcome overdue")


@register_setting(icon="time")
class ConsultationRules(BaseGenericSetting):
    """How long consultations must stay open, and when outcomes are due. Edited by ministry reviewers."""

    draft_law_minimum_days = models.PositiveSmallIntegerField(
        _("draft laws: minimum days open"),
        default=10,
        help_text=_("The Legislation and Opinion Bureau publishes draft laws for at least ten days."),
    )
    regulation_minimum_days = models.PositiveSmallIntegerField(
        _("regulations and instructions: minimum days open"), default=10, help_text=_("Default: 10 days.")
    )
    policy_minimum_days = models.PositiveSmallIntegerField(
        _("policies and strategies: minimum days open"), default=14, help_text=_("Default: 14 days.")
    )
    public_service_minimum_days = models.PositiveSmallIntegerField(
        _("public services: minimum days open"), default=14, help_text=_("Default: 14 days.")
    )
    government_project_minimum_days = models.PositiveSmallIntegerField(
        _("government projects: minimum days open"), default=14, help_text=_("Default: 14 days.")
    )
    outcome_deadline_weeks = models.PositiveSmallIntegerField(
        _("outcome due within (weeks after closing)"), default=12, help_text=_("Default: 12 weeks.")
    )

    class Meta:
        verbose_name = _("consultation rules")

    def minimum_days(self, consultation_type):
        return getattr(self, f"{consultation_type}_minimum_days")


@register_snippet
class Topic(TranslatableMixin, models.Model):
    """A subject that consultations are grouped by, such as health or digital services."""

    name = models.CharField(_("name"), max_length=100, help_text=_("A short, plain name, e.g. 'Health'."))

    panels = [FieldPanel("name")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ConsultationQuerySet(PageQuerySet):
    """Status filters computed from the dates and the outcome, never stored."""

    def _has_outcome(self):
        return ~Q(outcome="")

    def upcoming(self, now=None):
        return self.filter(opens_at__gt=now or timezone.now())

    def open_now(self, now=None):
        now = now or timezone.now()
        return self.filter(opens_at__lte=now, closes_at__gt=now)

    def closed(self, now=None):
        return self.filter(Q(closes_at__lte=now or timezone.now()) & Q(outcome=""))

    def concluded(self, now=None):
        return self.filter(Q(closes_at__lte=now or timezone.now()) & self._has_outcome())

    def with_status(self, status, now=None):
        return {
            ConsultationStatus.UPCOMING: self.upcoming,
            ConsultationStatus.OPEN: self.open_now,
            ConsultationStatus.CLOSED: self.closed,
            ConsultationStatus.CONCLUDED: self.concluded,
        }[status](now)


ConsultationManager = PageManager.from_queryset(ConsultationQuerySet)


class ConsultationIndexPage(FourEyesPageMixin, Page):
    """Lists every consultation across all agencies, with filters by status, type, agency and topic."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("A sentence shown above the list, e.g. how consultations work."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    per_page = 10

    class Meta:
        verbose_name = _("consultation index page")
        verbose_name_plural = _("consultation index pages")

    @classmethod
    def home_page_context(cls, home, request):
        """What the home page shows of consultations in its language: open, upcoming and concluded."""
        consultations = ConsultationPage.objects.live().public().filter(locale=home.locale).select_related("agency")
        return {
            "open_consultations": consultations.open_now().order_by("-opens_at")[:6],
            "upcoming_consultations": consultations.upcoming()[:3],
            "concluded_consultations": consultations.concluded()[:3],
        }

    def get_context(self, request, *args, **kwargs):
        from participation.forms import ConsultationFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = ConsultationFilterForm(request.GET or None, locale=self.locale)
        consultations = ConsultationPage.objects.live().public().filter(locale=self.locale).select_related("agency")
        if form.is_valid():
            consultations = form.filter(consultations)
        consultations = consultations.order_by("-opens_at", "pk")
        paginator = Paginator(consultations, self.per_page)
        try:
            page_obj = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            page_obj = paginator.page(1)
        except EmptyPage:
            page_obj = paginator.page(paginator.num_pages)
        query = request.GET.copy()
        query.pop("page", None)
        context.update(
            filter_form=form,
            page_obj=page_obj,
            consultations=page_obj.object_list,
            paginator=paginator,
            filter_query=query.urlencode(),
        )
        return context


class GovernoratesField(models.JSONField):
    """A list of governorate codes, chosen with checkboxes (the same list on every language version)."""

    def formfield(self, **kwargs):
        return forms.TypedMultipleChoiceField(
            choices=Governorate.choices,
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=self.verbose_name.capitalize(),
            help_text=self.help_text,
        )


class ConsultationPage(FourEyesPageMixin, Page):
    """One consultation: a draft law, regulation, policy, public service or project put to the public.

    Its status (upcoming, open, closed, outcome published) follows from the
    opening and closing times and the outcome; nobody sets it by hand.
    """

    consultation_type = models.CharField(
        _("type of consultation"),
        max_length=32,
        choices=ConsultationType.choices,
        help_text=_("What is being consulted on. This decides the minimum consultation period."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("In plain language: what is proposed, who it affects, and what you want to hear. 600 characters."),
    )
    body = StreamField(
        ConsultationBodyBlock(),
        verbose_name=_("body"),
        help_text=_("The proposal explained section by section, with any questions for the public."),
    )
    documents = StreamField(
        SupportingDocumentsBlock(),
        blank=True,
        verbose_name=_("supporting documents"),
        help_text=_("The full text of the draft and any studies or impact assessments."),
    )
    topics = ParentalManyToManyField(
        Topic, blank=True, verbose_name=_("topics"), help_text=_("Subjects this consultation is listed under.")
    )
    governorates = GovernoratesField(
        _("governorates"),
        default=list,
        blank=True,
        help_text=_(
            "Tick the governorates this consultation particularly concerns (a local project or service); leave "
            "every box empty for a national consultation. People who follow a governorate are told of it."
        ),
    )
    opens_at = models.DateTimeField(
        _("opens at"), help_text=_("Date and time (Amman time) from which the public can respond.")
    )
    closes_at = models.DateTimeField(
        _("closes at"), help_text=_("Date and time (Amman time) after which responses are no longer accepted.")
    )
    contact_name = models.CharField(
        _("contact name"),
        max_length=150,
        blank=True,
        help_text=_("Person or unit answering questions about this consultation."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Public address for questions about this consultation.")
    )
    outcome = RichTextField(
        _("outcome"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_(
            "What was decided and how the public's input was used. Shown only after the consultation closes; "
            "once filled in, the consultation is marked 'Outcome published'."
        ),
    )
    date_change_reason = models.TextField(
        _("reason for changing the dates"),
        blank=True,
        max_length=500,
        help_text=_(
            "Needed when you move the closing date of a published consultation. "
            "It is shown publicly with the change, e.g. 'Extended at the request of civil society organisations'."
        ),
    )
    outcome_published_at = models.DateTimeField(
        _("outcome published at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("Set automatically when a page with an outcome is first published."),
    )
    agency = models.ForeignKey(
        "pages.AgencyPage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set automatically: the agency page this consultation sits under."),
    )

    objects = ConsultationManager()
    base_form_class = ConsultationPageForm

    content_panels = Page.content_panels + [
        FieldPanel("consultation_type"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]), FieldPanel("date_change_reason")],
            heading=_("Consultation period"),
            help_text=minimum_periods_help(),
        ),
        FieldPanel("body"),
        FieldPanel("documents"),
        FieldPanel("topics", widget=forms.CheckboxSelectMultiple),
        FieldPanel("governorates"),
        MultiFieldPanel([FieldPanel("contact_name"), FieldPanel("contact_email")], heading=_("Contact")),
        FieldPanel("outcome"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    parent_page_types = ["pages.AgencyPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    @classmethod
    def agency_page_context(cls, agency, request):
        """What an agency page lists of its consultations, and which of them are overdue."""
        consultations = list(
            cls.objects.child_of(agency).live().public().select_related("agency").order_by("-opens_at")
        )
        rules = ConsultationRules.load(request_or_site=request)
        for consultation in consultations:
            consultation.rules = rules  # one settings query for the whole list
        return {
            "consultations": consultations,
            "overdue_ids": {c.pk for c in consultations if c.is_outcome_overdue},
        }

    def publication_problems(self, previous_live=None):
        """Why this version may not go live: the consultation rules (participation.rules), asked
        wherever a revision is published."""
        from ..questionnaires import answered_question_problems
        from ..rules import consultation_publication_problems

        return consultation_publication_problems(self, previous_live) + answered_question_problems(self)

    def clean(self):
        super().clean()
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The closing time must be after the opening time.")})
        self._check_polls_keep_voted_options()
        self._check_questionnaires_keep_answered_questions()

    def _check_questionnaires_keep_answered_questions(self):
        """Refuse to remove a questionnaire question that people have answered, or to change its kind.
        Not while the publishing guards are off (seed_demo rebuilds bodies; pages.publishing)."""
        from pages.publishing import guards_active

        from ..questionnaires import answered_question_problems

        if not guards_active():
            return
        problems = answered_question_problems(self)
        if problems:
            raise ValidationError({"body": problems})

    def _check_polls_keep_voted_options(self):
        """Refuse to remove or reword a poll answer that people have voted for."""
        from .responses import BallotChoice

        if not self.translation_key:
            return
        voted = {}
        for block_id, option_id in (
            BallotChoice.objects.filter(ballot__translation_key=self.translation_key)
            .values_list("ballot__block_id", "option_id")
            .distinct()
        ):
            voted.setdefault(block_id, set()).add(option_id)
        if not voted:
            return
        current = {block.id: block for block in self.body if block.block_type == "poll"}
        labels_before = self._voted_option_labels(voted)
        for block_id, option_ids in voted.items():
            block = current.get(block_id)
            if block is None:
                raise ValidationError(
                    {"body": _("A poll that people have voted in cannot be removed. Close the consultation instead.")}
                )
            options = {child.id: child.value["label"] for child in block.value["options"].bound_blocks}
            for option_id in option_ids:
                if option_id not in options:
                    raise ValidationError(
                        {
                            "body": _("An answer that people have voted for cannot be removed from the poll '%(q)s'.")
                            % {"q": block.value["question"]}
                        }
                    )
                # Translations legitimately reword answers; the check applies to the source language.
                before = labels_before.get((block_id, option_id)) if self._is_source_language() else None
                if before is not None and before != options[option_id]:
                    raise ValidationError(
                        {
                            "body": _("An answer that people have voted for cannot be changed in the poll '%(q)s'.")
                            % {"q": block.value["question"]}
                        }
                    )

    def _is_source_language(self):
        from wagtail.models import Locale

        return self.locale_id is None or self.locale_id == Locale.get_default().pk

    def _voted_option_labels(self, voted):
        """The labels of voted answers as last saved in this language."""
        if not self.pk:
            return {}
        saved = type(self).objects.filter(pk=self.pk).first()
        revision = self.get_latest_revision()
        source = revision.as_object() if revision else saved
        if source is None:
            return {}
        return {
            (block.id, child.id): child.value["label"]
            for block in source.body
            if block.block_type == "poll" and block.id in voted
            for child in block.value["options"].bound_blocks
        }

    def get_context(self, request, *args, **kwargs):
        from participation.reading import participation_context

        context = super().get_context(request, *args, **kwargs)
        self.rules = ConsultationRules.load(request_or_site=request)
        context.update(participation_context(self, request))
        return context

    def save(self, *args, **kwargs):
        if not strip_tags(self.outcome or "").strip():
            self.outcome = ""
        if self.outcome and self.live and self.outcome_published_at is None:
            self.outcome_published_at = timezone.now()
        self.agency = self._find_agency()
        return super().save(*args, **kwargs)

    def _find_agency(self):
        from pages.models import AgencyPage

        if not self.path or self.depth is None or self.depth <= 1:
            return None
        parent = self.get_parent()
        return AgencyPage.objects.filter(pk=parent.pk).first() if parent else None

    def status_at(self, now):
        if now < self.opens_at:
            return ConsultationStatus.UPCOMING
        if now < self.closes_at:
            return ConsultationStatus.OPEN
        if self.outcome:
            return ConsultationStatus.CONCLUDED
        return ConsultationStatus.CLOSED

    @property
    def status(self):
        return self.status_at(timezone.now())

    @cached_property
    def rules(self):
        return ConsultationRules.load()

    @property
    def outcome_due(self):
        """When the outcome should be published at the latest (the consultation rules setting).

        Admin listings annotate `outcome_deadline_weeks` on their queryset so that the rules
        are read once per listing, not once per row."""
        weeks = getattr(self, "outcome_deadline_weeks", None)
        if weeks is None:
            weeks = self.rules.outcome_deadline_weeks
        return self.closes_at + timedelta(weeks=weeks)

    @property
    def is_outcome_overdue(self):
        return self.status == ConsultationStatus.CLOSED and timezone.now() > self.outcome_due

    def admin_phase(self, now=None):
        """Where the consultation stands, as a (code, label) pair for the admin: upcoming, open,
        closed, outcome published, or 'overdue' when it closed and its outcome is past due."""
        now = now or timezone.now()
        status = self.status_at(now)
        if status == ConsultationStatus.CLOSED and now > self.outcome_due:
            return "overdue", OUTCOME_OVERDUE
        return status.value, status.label

    @property
    def status_string(self):
        """Wagtail's publication status (shown in page listings and reports), followed for a live
        consultation by where it stands, e.g. "live · Open", so editors can tell them apart."""
        base = super().status_string
        if not (self.live and self.opens_at and self.closes_at):
            return base
        return f"{base} · {self.admin_phase()[1]}"

    def date_changes(self):
        return DateChange.objects.filter(translation_key=self.translation_key).order_by("changed_at")

    @property
    def is_open(self):
        return self.status == ConsultationStatus.OPEN

    @property
    def show_outcome(self):
        return self.status == ConsultationStatus.CONCLUDED

    def timeline_progress(self, now=None):
        """Share of the consultation period that has passed, from 0 to 100."""
        now = now or timezone.now()
        total = (self.closes_at - self.opens_at).total_seconds()
        if total <= 0:
            return 100
        passed = (now - self.opens_at).total_seconds()
        return max(0, min(100, round(100 * passed / total)))

    def governorate_labels(self):
        """The names of the governorates the consultation concerns, in the reader's language (empty: national)."""
        labels = dict(Governorate.choices)
        return [labels[code] for code in self.governorates or [] if code in labels]

    def localized_topics(self):
        return [topic.localized for topic in self.topics.all()]


class DateChange(models.Model):
    """A published consultation's dates moved: when, from what to what, and why. Shown publicly."""

    translation_key = models.UUIDField(db_index=True)
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    old_opens_at = models.DateTimeField(_("previous opening"))
    new_opens_at = models.DateTimeField(_("new opening"))
    old_closes_at = models.DateTimeField(_("previous closing"))
    new_closes_at = models.DateTimeField(_("new closing"))
    reason = models.TextField(_("reason"), max_length=500)

    class Meta:
        verbose_name = _("date change")
        verbose_name_plural = _("date changes")

    def __str__(self):
        return f"{self.old_closes_at:%Y-%m-%d} → {self.new_closes_at:%Y-%m-%d}"

    @property
    def extended(self):
        return self.new_closes_at > self.old_closes_at


class PublishedSchedule(models.Model):
    """The dates a consultation was last published with, to notice when they move."""

    translation_key = models.UUIDField(unique=True)
    opens_at = models.DateTimeField()
    closes_at = models.DateTimeField()

    def __str__(self):
        return str(self.translation_key)
