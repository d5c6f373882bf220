"""Workshops and events of government entities: the listing, one event, registration and what happened.

An event page sits under its agency (like a consultation) and may belong to one of that agency's
consultations. Signed-in, verified citizens register; when the places are taken they join a waiting list,
and a cancellation gives the first person waiting the place (with an e-mail). Registrations are rows keyed
by the event's translation key, so the Arabic and English pages share one list, with one registration per
person per event as a database constraint. Seats are counted under a row lock of the event's `EventSeats`
row, so parallel registrations never exceed the capacity (events.services).

After the event the agency records how many took part (in total, and by sector and governorate where
known: shown with the statistics' small-cell suppression), a summary, and the input received there,
which becomes comments on the consultation (events.admin_views), moderated and answered like any other.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Case, F, IntegerField, Value, When
from django.http import HttpResponseNotAllowed
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, PageChooserPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from pages.blocks import RICH_TEXT_FEATURES
from pages.publishing import FourEyesPageMixin
from participation.models import Governorate, RespondentSector

INDIVIDUALS = "individual"
# Who took part, in the respondent sectors' words (participation.models.respondents), plus citizens.
ATTENDEE_SECTORS = [
    (RespondentSector.GOVERNMENT.value, RespondentSector.GOVERNMENT.label),
    (RespondentSector.PRIVATE.value, RespondentSector.PRIVATE.label),
    (RespondentSector.CIVIL_SOCIETY.value, RespondentSector.CIVIL_SOCIETY.label),
    (RespondentSector.ACADEMIC.value, RespondentSector.ACADEMIC.label),
    (RespondentSector.MEDIA.value, RespondentSector.MEDIA.label),
    (INDIVIDUALS, _("Citizens taking part as themselves")),
    (RespondentSector.OTHER.value, RespondentSector.OTHER.label),
]


class EventFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class EventStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Upcoming")
    ONGOING = "ongoing", _("Happening now")
    PAST = "past", _("Held")


# (field name, public label) of the accessibility arrangements and of the audiences, in the order shown.
ACCESSIBILITY = [
    ("step_free_access", _("Step-free access")),
    ("sign_language", _("Sign-language interpretation")),
    ("accessible_toilets", _("Accessible toilets")),
    ("hearing_loop", _("Hearing loop")),
    ("accessible_documents", _("Documents in large print or Braille on request")),
    ("captions", _("Live captions (online)")),
]
AUDIENCES = [
    ("audience_government", _("Government entities")),
    ("audience_private_sector", _("Private sector")),
    ("audience_civil_society", _("Civil society")),
    ("audience_academia", _("Academia")),
    ("audience_citizens", _("Citizens")),
]


class EventQuerySet(PageQuerySet):
    def upcoming(self, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def past(self, now=None):
        return self.filter(ends_at__lt=now or timezone.now())

    def in_listing_order(self, now=None):
        """Upcoming and ongoing events first, soonest first; then past events, latest first."""
        now = now or timezone.now()
        is_past = Case(When(ends_at__lt=now, then=Value(1)), default=Value(0), output_field=IntegerField())
        upcoming_start = Case(When(ends_at__gte=now, then=F("starts_at")), default=None)
        return self.annotate(is_past=is_past, upcoming_start=upcoming_start).order_by(
            "is_past", F("upcoming_start").asc(nulls_last=True), F("starts_at").desc(), "pk"
        )


EventManager = PageManager.from_queryset(EventQuerySet)


class EventIndexPage(FourEyesPageMixin, Page):
    """The public list of workshops and events of every government entity, upcoming and held, with filters."""

    intro = models.TextField(
        _("introduction"),
        blank=True,
        max_length=500,
        help_text=_("A sentence shown above the list, e.g. who the workshops are for and how to register."),
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["pages.HomePage"]
    subpage_types = []

    per_page = 10

    class Meta:
        verbose_name = _("event index page")
        verbose_name_plural = _("event index pages")

    def get_context(self, request, *args, **kwargs):
        from .forms import EventFilterForm

        context = super().get_context(request, *args, **kwargs)
        form = EventFilterForm(request.GET or None, locale=self.locale)
        events = EventPage.objects.live().public().filter(locale=self.locale).select_related("agency")
        if form.is_valid():
            events = form.filter(events)
        events = events.in_listing_order()
        paginator = Paginator(events, self.per_page)
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
            events=page_obj.object_list,
            paginator=paginator,
            filter_query=query.urlencode(),
            now=timezone.now(),
        )
        return context


class EventPageForm(WagtailAdminPageForm):
    """The event's own rules, where editors work: dates in order, a place for an event in a hall, and a
    consultation of the same government entity."""

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        event_format = cleaned.get("event_format")
        if event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID):
            if not cleaned.get("governorate"):
                self.add_error("governorate", _("Choose the governorate where the event takes place."))
            if not (cleaned.get("venue") or "").strip():
                self.add_error("venue", _("Give the venue of an event held in person."))
        consultation = cleaned.get("consultation")
        agency = _agency_of(self.instance, getattr(self, "parent_page", None))
        if consultation is not None and agency is not None:
            consultation = consultation.specific
            if (
                getattr(consultation, "agency_id", None)
                and consultation.agency.translation_key != agency.translation_key
            ):
                self.add_error("consultation", _("Choose a consultation of the same government entity."))
        return cleaned


def _agency_of(page, parent=None):
    from pages.models import AgencyPage

    if parent is None and page.pk and page.path:
        parent = page.get_parent()
    if parent is None:
        return None
    return AgencyPage.objects.filter(pk=parent.pk).first()


class EventPage(FourEyesPageMixin, RoutablePageMixin, Page):
    """A workshop or event of a government entity: when and where, for whom, how accessible, registration,
    and afterwards who took part, what happened and the input received (recorded as comments on its
    consultation)."""

    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("In plain language: what the event is about, who it is for and what participants will do."),
    )
    description = RichTextField(
        _("programme"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Optional: the agenda, the speakers and anything participants should prepare."),
    )
    event_format = models.CharField(
        _("format"),
        max_length=16,
        choices=EventFormat.choices,
        default=EventFormat.IN_PERSON,
        help_text=_("Held in a hall, online, or both."),
    )
    starts_at = models.DateTimeField(_("starts at"), help_text=_("Date and time (Amman time) the event starts."))
    ends_at = models.DateTimeField(_("ends at"), help_text=_("Date and time (Amman time) the event ends."))
    governorate = models.CharField(
        _("governorate"),
        max_length=16,
        choices=Governorate.choices,
        blank=True,
        help_text=_("Where the event is held; empty for an event only online."),
    )
    venue = models.CharField(
        _("venue"),
        max_length=200,
        blank=True,
        help_text=_("The building and hall, e.g. 'Irbid Chamber of Commerce, main hall'."),
    )
    address = models.TextField(
        _("address and directions"),
        max_length=400,
        blank=True,
        help_text=_("Optional: the street address, parking, public transport."),
    )
    step_free_access = models.BooleanField(
        _("step-free access"), default=False, help_text=_("The venue can be reached without steps (ramp or lift).")
    )
    sign_language = models.BooleanField(
        _("sign-language interpretation"), default=False, help_text=_("Jordanian Sign Language interpretation.")
    )
    accessible_toilets = models.BooleanField(
        _("accessible toilets"), default=False, help_text=_("Toilets for wheelchair users at the venue.")
    )
    hearing_loop = models.BooleanField(
        _("hearing loop"), default=False, help_text=_("An induction loop for hearing-aid users in the hall.")
    )
    accessible_documents = models.BooleanField(
        _("documents in large print or Braille"), default=False, help_text=_("Available on request before the event.")
    )
    captions = models.BooleanField(
        _("live captions"), default=False, help_text=_("Captions for the online part of the event.")
    )
    accessibility_notes = models.TextField(
        _("more about accessibility"),
        max_length=600,
        blank=True,
        help_text=_("Anything else, and whom to ask for an arrangement, e.g. 'Tell us of any need by 1 May'."),
    )
    audience_government = models.BooleanField(
        _("government entities"), default=False, help_text=_("Representatives of government entities.")
    )
    audience_private_sector = models.BooleanField(
        _("private sector"), default=False, help_text=_("Companies and business associations.")
    )
    audience_civil_society = models.BooleanField(
        _("civil society"), default=False, help_text=_("Civil-society organisations.")
    )
    audience_academia = models.BooleanField(
        _("academia"), default=False, help_text=_("Universities and research institutions.")
    )
    audience_citizens = models.BooleanField(_("citizens"), default=False, help_text=_("Any member of the public."))
    capacity = models.PositiveIntegerField(
        _("places"),
        default=50,
        validators=[MinValueValidator(1)],
        help_text=_("How many people can register. Later registrations join a waiting list."),
    )
    registration_open = models.BooleanField(
        _("registration open"),
        default=True,
        help_text=_("Signed-in citizens can register until the event starts. Untick to close registration."),
    )
    online_link = models.URLField(
        _("online link"),
        blank=True,
        help_text=_("For online events: the meeting address. Shown only to people with a confirmed place."),
    )
    contact_email = models.EmailField(
        _("contact e-mail"), blank=True, help_text=_("Public address for questions and accessibility requests.")
    )
    consultation = models.ForeignKey(
        "participation.ConsultationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("consultation"),
        help_text=_(
            "Optional: the consultation of this entity the event belongs to. The input received at the event "
            "is recorded as comments on it."
        ),
    )
    participants_total = models.PositiveIntegerField(
        _("participants"),
        null=True,
        blank=True,
        help_text=_("After the event: how many people took part. Empty until it is known."),
    )
    report = RichTextField(
        _("what happened"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("After the event: a summary of what was discussed and what happens next."),
    )
    agency = models.ForeignKey(
        "pages.AgencyPage",
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Set automatically: the agency page this event sits under."),
    )

    objects = EventManager()
    base_form_class = EventPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("event_format"),
                FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")]),
                FieldPanel("governorate"),
                FieldPanel("venue"),
                FieldPanel("address"),
                FieldPanel("online_link"),
            ],
            heading=_("When and where"),
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _label in ACCESSIBILITY] + [FieldPanel("accessibility_notes")],
            heading=_("Accessibility"),
        ),
        MultiFieldPanel([FieldPanel(name) for name, _label in AUDIENCES], heading=_("Who it is for")),
        MultiFieldPanel(
            [FieldPanel("capacity"), FieldPanel("registration_open"), FieldPanel("contact_email")],
            heading=_("Registration"),
        ),
        PageChooserPanel("consultation", "participation.ConsultationPage"),
        MultiFieldPanel(
            [
                FieldPanel("participants_total"),
                InlinePanel("sector_counts", label=_("Participants by sector")),
                InlinePanel("governorate_counts", label=_("Participants by governorate")),
                FieldPanel("report"),
            ],
            heading=_("After the event"),
        ),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary"), index.SearchField("report")]

    parent_page_types = ["pages.AgencyPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["starts_at"], name="event_starts_at")]

    # Rules on every path to publication (pages.publishing)

    def publication_problems(self, previous_live=None):
        problems = []
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            problems.append(gettext("The end of the event must be after its start."))
        consultation = self.consultation.specific if self.consultation_id else None
        agency = _agency_of(self)
        if (
            consultation is not None
            and agency is not None
            and getattr(consultation, "agency_id", None)
            and consultation.agency.translation_key != agency.translation_key
        ):
            problems.append(gettext("The event's consultation must be one of the same government entity."))
        total = self.participants_total
        for name, label in (("sector_counts", _("sector")), ("governorate_counts", _("governorate"))):
            counted = sum(row.count for row in getattr(self, name).all())
            if counted and (total is None or counted > total):
                problems.append(
                    gettext("The participants counted by %(what)s are more than the total number of participants.")
                    % {"what": label}
                )
        return problems

    def clean(self):
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The end must be after the start.")})

    def save(self, *args, **kwargs):
        from pages.models import AgencyPage

        if self.path and self.depth and self.depth > 1:
            parent = self.get_parent()
            self.agency = AgencyPage.objects.filter(pk=parent.pk).first() if parent else None
        return super().save(*args, **kwargs)

    # Reading

    def status_at(self, now):
        if now < self.starts_at:
            return EventStatus.UPCOMING
        if now < self.ends_at:
            return EventStatus.ONGOING
        return EventStatus.PAST

    @property
    def status(self):
        return self.status_at(timezone.now())

    @property
    def status_label(self):
        return EventStatus(self.status).label

    def accepts_registrations(self, now=None):
        now = now or timezone.now()
        return bool(self.live and self.registration_open and now < self.starts_at)

    @property
    def is_in_person(self):
        return self.event_format in (EventFormat.IN_PERSON, EventFormat.HYBRID)

    @property
    def is_online(self):
        return self.event_format in (EventFormat.ONLINE, EventFormat.HYBRID)

    def accessibility_list(self):
        return [label for name, label in ACCESSIBILITY if getattr(self, name)]

    def audience_list(self):
        return [label for name, label in AUDIENCES if getattr(self, name)]

    def get_context(self, request, *args, **kwargs):
        from .reading import event_context

        context = super().get_context(request, *args, **kwargs)
        context.update(event_context(self, request))
        return context

    # Addresses under the page (wagtail.contrib.routable_page): registering and cancelling (POST, signed in
    # only, so the page itself stays cacheable for anonymous readers) and the calendar file.

    def process_form_submission(self, request):
        """Marks the page as one that takes forms, so pages.wagtail_hooks.http lets POST through to the
        addresses below (register, cancel); the page itself still answers only GET and HEAD."""
        return None

    @path("")
    def event_view(self, request):
        if request.method not in ("GET", "HEAD"):
            return HttpResponseNotAllowed(["GET", "HEAD"])
        return self.render(request)

    @path("register/")
    def register_view(self, request):
        from .views import register

        return register(request, self)

    @path("cancel/")
    def cancel_view(self, request):
        from .views import cancel

        return cancel(request, self)

    @path("calendar/")
    def calendar_view(self, request):
        from .calendar import event_calendar

        return event_calendar(request, self)


class EventSectorCount(Orderable):
    """How many participants came from one sector (where known)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="sector_counts")
    sector = models.CharField(
        _("sector"), max_length=16, choices=ATTENDEE_SECTORS, help_text=_("The sector the participants came from.")
    )
    count = models.PositiveIntegerField(_("participants"), help_text=_("How many of the participants."))

    panels = [FieldRowPanel([FieldPanel("sector"), FieldPanel("count")])]

    class Meta(Orderable.Meta):
        verbose_name = _("participants by sector")
        constraints = [models.UniqueConstraint(fields=["page", "sector"], name="event_one_count_per_sector")]


class EventGovernorateCount(Orderable):
    """How many participants came from one governorate (where known)."""

    page = ParentalKey(EventPage, on_delete=models.CASCADE, related_name="governorate_counts")
    governorate = models.CharField(
        _("governorate"),
        max_length=16,
        choices=Governorate.choices,
        help_text=_("The governorate the participants came from."),
    )
    count = models.PositiveIntegerField(_("participants"), help_text=_("How many of the participants."))

    panels = [FieldRowPanel([FieldPanel("governorate"), FieldPanel("count")])]

    class Meta(Orderable.Meta):
        verbose_name = _("participants by governorate")
        constraints = [models.UniqueConstraint(fields=["page", "governorate"], name="event_one_count_per_governorate")]


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Place confirmed")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """One person's registration for one event (in every language). One row per person per event: cancelling
    and registering again reuse it."""

    event_key = models.UUIDField(_("event"), help_text=_("The event, in every language (its translation key)."))
    event = models.ForeignKey(
        EventPage,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The language version the person registered on."),
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        help_text=_("Who registered. Deleting the account deletes the registration."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=RegistrationStatus.choices,
        help_text=_("Confirmed, waiting for a place, or cancelled."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="ar",
        help_text=_("The language e-mails about the event are written in."),
    )
    requested_at = models.DateTimeField(
        _("registered at"), default=timezone.now, help_text=_("When the person (last) asked for a place.")
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now=True, help_text=_("When the status last changed."))

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(fields=["event_key", "person"], name="one_registration_per_person_per_event"),
        ]
        indexes = [models.Index(fields=["event_key", "status", "requested_at", "id"], name="event_registration_queue")]

    def __str__(self):
        return f"registration {self.pk} ({self.status})"


class EventSeats(models.Model):
    """One row per event (in every language), locked while a place is given or freed: what keeps parallel
    registrations from ever exceeding the capacity. Its counts are kept in the same transaction."""

    event_key = models.UUIDField(unique=True, help_text=_("The event, in every language."))
    confirmed = models.PositiveIntegerField(default=0, help_text=_("Confirmed places."))
    waiting = models.PositiveIntegerField(default=0, help_text=_("People on the waiting list."))

    class Meta:
        verbose_name = _("event places")
        verbose_name_plural = _("event places")

    def __str__(self):
        return f"{self.event_key}: {self.confirmed} + {self.waiting}"
