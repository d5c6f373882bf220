"""Input received at events, in the Wagtail admin ("Event input").

The agency's staff (its editors and moderators) and ministry reviewers enter the points raised at an event;
each becomes a comment on the event's consultation, waiting in the ordinary moderation queue, signed with
the event's name, with no author and with the member of staff who recorded it. Another agency's event is
refused like one that does not exist, whatever the address or the form says. Works without JavaScript;
everything written by people is rendered escaped.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from pages.roles import agency_keys_for
from participation.blocks import COMMENTABLE_BLOCK_TYPES
from participation.models import Comment, CommentStatus, ConsultationPage

from .forms import EventInputForm
from .models import EventPage


def staff_agency_keys(user):
    """None when `user` acts for every agency (reviewers), otherwise the agencies whose editors' or
    moderators' group they belong to."""
    editors = agency_keys_for(user, "editors")
    moderators = agency_keys_for(user, "moderators")
    if editors is None or moderators is None:
        return None
    return editors | moderators


def may_record_anything(user):
    keys = staff_agency_keys(user)
    return keys is None or bool(keys)


def events_for(user):
    keys = staff_agency_keys(user)
    events = EventPage.objects.all()
    if keys is None:
        return events
    return events.filter(agency__translation_key__in=keys)


def commentable_blocks(consultation):
    """[(block id, label)] of the parts of the consultation one can comment on: general comments first."""
    found = []
    for block in consultation.body:
        if block.block_type not in COMMENTABLE_BLOCK_TYPES:
            continue
        if block.block_type == "comments":
            prompt = (block.value.get("prompt") or "").strip()
            label = _("General comments") + (f": {prompt[:80]}" if prompt else "")
        else:
            number = block.value.get("number") or ""
            heading = block.value.get("heading") or ""
            label = _("Article %(number)s %(heading)s") % {"number": number, "heading": heading}
        found.append((block.block_type != "comments", block.id, " ".join(label.split())))
    found.sort(key=lambda item: item[0])
    return [(block_id, label) for _article, block_id, label in found]


def signature(event, language):
    """How the input is signed: the event's name in the comment's language."""
    version = (
        EventPage.objects.filter(translation_key=event.translation_key, locale__language_code=language)
        .only("title")
        .first()
        or event
    )
    with translation.override(language):
        return _("Workshop: %(title)s") % {"title": version.title}


def record_input(event, user, block_id, language, body):
    """Store one point raised at `event` as a comment waiting for moderation. Returns the comment."""
    consultation = event.consultation.specific
    version = (
        ConsultationPage.objects.filter(translation_key=consultation.translation_key, locale__language_code=language)
        .select_related("agency")
        .first()
        or consultation
    )
    event_version = (
        EventPage.objects.filter(translation_key=event.translation_key, locale__language_code=language).first() or event
    )
    return Comment.objects.create(
        translation_key=consultation.translation_key,
        block_id=block_id,
        consultation=version,
        agency_key=consultation.agency.translation_key,
        author=None,
        language=language,
        body=body,
        status=CommentStatus.PENDING,
        event=event_version,
        recorded_by=user,
        signed_as=signature(event, language)[:255],
    )


class EventInputIndexView(WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Input from events")
    header_icon = "group"
    template_name = "events/admin/index.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get(self, request):
        if not may_record_anything(request.user):
            raise PermissionDenied
        language = get_language()
        chosen = {}
        for event in events_for(request.user).select_related("locale", "agency").order_by("-starts_at", "pk"):
            current = chosen.get(event.translation_key)
            if current is None or (event.locale.language_code == language and current.locale.language_code != language):
                chosen[event.translation_key] = event
        rows = sorted(chosen.values(), key=lambda event: (event.starts_at, event.pk), reverse=True)
        return self.render_to_response(self.get_context_data(events=rows))


class EventInputView(WagtailAdminTemplateMixin, View):
    header_icon = "group"
    template_name = "events/admin/event.html"

    def get_page_title(self):
        return _("Input from: %(title)s") % {"title": self.event.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("events_input"), "label": _("Input from events")},
            {"url": "", "label": self.event.title},
        ]

    def dispatch(self, request, *args, **kwargs):
        event = (
            events_for(request.user)
            .select_related("agency", "locale", "consultation")
            .filter(pk=kwargs["page_id"])
            .first()
        )
        if event is None:
            raise PermissionDenied
        self.event = event
        return super().dispatch(request, *args, **kwargs)

    def _form(self, data=None):
        consultation = self.event.consultation.specific if self.event.consultation_id else None
        if consultation is not None and (
            consultation.agency_id is None
            or self.event.agency_id is None
            or consultation.agency.translation_key != self.event.agency.translation_key
        ):
            # An event moved to another entity keeps its old consultation until an editor chooses again:
            # input is never filed under an entity other than the event's.
            consultation = None
        blocks = commentable_blocks(consultation) if consultation is not None else []
        return EventInputForm(data, blocks=blocks, language=self.event.locale.language_code), consultation

    def _render(self, form, consultation, status=200):
        recorded = (
            Comment.objects.filter(event__translation_key=self.event.translation_key)
            .select_related("recorded_by", "disposition")
            .order_by("-created_at", "-pk")[:200]
        )
        context = self.get_context_data(form=form, event=self.event, consultation=consultation, recorded=recorded)
        response = self.render_to_response(context)
        response.status_code = status
        return response

    def get(self, request, page_id):
        form, consultation = self._form()
        return self._render(form, consultation)

    def post(self, request, page_id):
        form, consultation = self._form(request.POST)
        if consultation is None:
            messages.error(
                request,
                _(
                    "Choose the event's consultation on its page first: one of the event's own government "
                    "entity's consultations."
                ),
            )
            return self._render(form, consultation, status=400)
        if not form.is_valid():
            return self._render(form, consultation, status=400)
        record_input(
            self.event,
            request.user,
            form.cleaned_data["block"],
            form.cleaned_data["language"],
            form.cleaned_data["body"],
        )
        messages.success(
            request, _("The point is recorded. It is published under the event's name once a moderator approves it.")
        )
        return redirect(reverse("events_input_event", args=[self.event.pk]))
