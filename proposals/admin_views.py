"""Proposals in the Wagtail admin: the queue, one proposal with the actions the person may take, and the rules.

Every proposal shown or changed is taken from `services.proposals_in_admin_scope(user)`: another agency's
proposal is "not found" whatever the address says, and the services check the role again on the stored row.
The queue's filters are a form: only its own fields are read from the query string, so an unknown parameter
(e.g. `?agency__translation_key=…`) is never used as a lookup. Citizen text is always rendered escaped.
Everything works without JavaScript: each action is its own small form.
"""

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from pages.models import AgencyPage
from pages.roles import agency_keys_for, is_reviewer
from participation.models import ConsultationPage

from . import services
from .models import REJECTION_REASONS, TEXT_MAX_LENGTH, AgencyThreshold, Answer, ProposalRules, ProposalState

PER_PAGE = 50


def _agencies_in_language():
    """One version of each agency, in the admin's language where it exists (one query)."""
    chosen = {}
    language = get_language()
    for agency in AgencyPage.objects.select_related("locale").order_by("title"):
        current = chosen.get(agency.translation_key)
        if current is None or (agency.locale.language_code == language and current.locale.language_code != language):
            chosen[agency.translation_key] = agency
    return sorted(chosen.values(), key=lambda agency: agency.title)


def may_use_queue(user):
    """Reviewers, and the moderators and editors of at least one agency."""
    if is_reviewer(user):
        return True
    return bool(agency_keys_for(user, "moderators") or agency_keys_for(user, "editors"))


# Forms ----------------------------------------------------------------------------------------


class QueueFilterForm(forms.Form):
    STATES = [
        ("", gettext_lazy("Every state")),
        ("overdue", gettext_lazy("Answer overdue")),
        ("portal", gettext_lazy("Sent to the portal")),
        ("update_pending", gettext_lazy("Implementation update waiting for approval")),
    ]
    state = forms.ChoiceField(label=gettext_lazy("State"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].choices = self.STATES[:1] + list(ProposalState.choices) + self.STATES[1:]


class RejectForm(forms.Form):
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason"),
        choices=[("", gettext_lazy("Choose a reason"))] + REJECTION_REASONS,
        help_text=gettext_lazy("The author sees this reason under “My proposals”."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the author"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        help_text=gettext_lazy("Optional. Shown to the author with the reason; never shown publicly."),
    )


class RouteForm(forms.Form):
    agency = forms.ChoiceField(
        label=gettext_lazy("Government entity"),
        help_text=gettext_lazy(
            "A proposal that is collecting support takes the threshold of the entity you choose. Every support "
            "already given still counts and the collection period does not change; if the support already meets "
            "the new threshold, the answer is owed from today. Readers see the change on the proposal."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("Choose…"))] + [(a.pk, a.title) for a in _agencies_in_language()]

    def clean_agency(self):
        agency = AgencyPage.objects.filter(pk=self.cleaned_data["agency"]).first()
        if agency is None:
            raise forms.ValidationError(_("Choose a government entity from the list."))
        return agency


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label=gettext_lazy("Answer"), choices=[("", gettext_lazy("Choose…"))] + Answer.choices)
    answer_text = forms.CharField(
        label=gettext_lazy("Answer and reasons (Arabic)"),
        widget=forms.Textarea(attrs={"rows": 6, "lang": "ar", "dir": "rtl"}),
        max_length=TEXT_MAX_LENGTH,
        help_text=gettext_lazy(
            "What the entity decided and why, in plain language. Published after a ministry reviewer approves it."
        ),
    )
    answer_text_en = forms.CharField(
        label=gettext_lazy("Answer and reasons in English (optional)"),
        widget=forms.Textarea(attrs={"rows": 6, "lang": "en", "dir": "ltr"}),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        help_text=gettext_lazy(
            "The same answer for readers of the English site, approved with the Arabic. Empty: they read the "
            "Arabic answer, marked as Arabic."
        ),
    )
    consultation = forms.TypedChoiceField(
        label=gettext_lazy("The consultation it became"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, proposal, **kwargs):
        super().__init__(*args, **kwargs)
        pages = (
            ConsultationPage.objects.filter(agency__translation_key=proposal.agency.translation_key).order_by(
                "-first_published_at", "pk"
            )
            if proposal.agency_id
            else ConsultationPage.objects.none()
        )
        # One line per consultation, in the admin's language where it has that version (else its first one).
        language = get_language()
        chosen = {}
        self.consultations = {}  # every version, so that a draft naming another language's version stays valid
        for page in pages.only("pk", "title", "translation_key", "locale__language_code").select_related("locale"):
            self.consultations[page.pk] = page
            current = chosen.get(page.translation_key)
            if current is None or (page.locale.language_code == language != current.locale.language_code):
                chosen[page.translation_key] = page
        initial = self.initial.get("consultation")
        if initial in self.consultations:
            # The version already chosen stays on the list under its own name.
            chosen[self.consultations[initial].translation_key] = self.consultations[initial]
        self.fields["consultation"].choices = [("", _("None"))] + [(p.pk, p.title) for p in chosen.values()]

    def clean_consultation(self):
        value = self.cleaned_data.get("consultation")
        return self.consultations.get(value) if value else None


class UpdateForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Implementation update"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX_LENGTH,
        help_text=gettext_lazy(
            "What has been done since the answer. Published after a ministry reviewer approves it, like the answer."
        ),
    )


class RulesForm(forms.ModelForm):
    class Meta:
        model = ProposalRules
        fields = ["default_threshold", "collection_days", "answer_deadline_weeks"]


# Views ----------------------------------------------------------------------------------------


class QueueView(WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Proposals")
    header_icon = "list-ul"
    template_name = "proposals/admin/index.html"

    def get(self, request):
        user = request.user
        if not may_use_queue(user):
            raise PermissionDenied
        form = QueueFilterForm(request.GET or None)
        proposals = services.proposals_in_admin_scope(user).select_related("agency")
        if form.is_valid():
            state = form.cleaned_data["state"]
            if state == "overdue":
                proposals = proposals.overdue()
            elif state == "portal":
                proposals = proposals.filter(agency__isnull=True)
            elif state == "update_pending":
                proposals = proposals.filter(
                    state__in=[ProposalState.ANSWERED, ProposalState.IMPLEMENTED], update_drafted_at__isnull=False
                )
            elif state:
                proposals = proposals.filter(state=state)
        page_obj = Paginator(proposals.order_by("-created_at", "-pk"), PER_PAGE).get_page(request.GET.get("p"))
        return self.render_to_response(
            self.get_context_data(
                filter_form=form, page_obj=page_obj, proposals=page_obj.object_list, now=timezone.now()
            )
        )


class ProposalView(WagtailAdminTemplateMixin, View):
    header_icon = "list-ul"
    template_name = "proposals/admin/proposal.html"
    ACTIONS = (
        "publish",
        "reject",
        "route",
        "answer",
        "approve",
        "send_back",
        "update",
        "approve_update",
        "send_back_update",
    )

    def get_page_title(self):
        return _("Proposal #%(id)s") % {"id": self.proposal.pk}

    def dispatch(self, request, pk, action=None):
        if not may_use_queue(request.user):
            raise PermissionDenied
        self.proposal = (
            services.proposals_in_admin_scope(request.user).select_related("agency", "topic").filter(pk=pk).first()
        )
        if self.proposal is None:
            raise Http404
        return super().dispatch(request, pk, action)

    def forms(self, bound=None, data=None):
        proposal, user = self.proposal, self.request.user
        forms_ = {}
        if proposal.state == ProposalState.SUBMITTED and services.can_moderate(user, proposal):
            forms_["reject"] = RejectForm(data if bound == "reject" else None)
            forms_["publish"] = None
        if services.can_route(user) and proposal.state in (ProposalState.SUBMITTED, ProposalState.PUBLISHED):
            forms_["route"] = RouteForm(data if bound == "route" else None)
        if proposal.state == ProposalState.THRESHOLD_REACHED:
            if services.can_draft_answer(user, proposal):
                initial = {
                    "answer": proposal.answer,
                    "answer_text": proposal.answer_text,
                    "answer_text_en": proposal.answer_text_en,
                    "consultation": proposal.answer_consultation_id,
                }
                forms_["answer"] = AnswerForm(data if bound == "answer" else None, initial=initial, proposal=proposal)
            if proposal.answer_pending_approval and services.can_approve_answer(user, proposal):
                forms_["approve"] = None
                forms_["send_back"] = None
        if (
            proposal.state in (ProposalState.ANSWERED, ProposalState.IMPLEMENTED)
            and proposal.answer
            in (
                Answer.ACCEPTED,
                Answer.PARTLY_ACCEPTED,
            )
            and services.can_draft_answer(user, proposal)
        ):
            initial_text = proposal.update_draft or proposal.implementation_update
            forms_["update"] = UpdateForm(data if bound == "update" else None, initial={"text": initial_text})
        if proposal.update_pending_approval and services.can_approve_update(user, proposal):
            forms_["approve_update"] = None
            forms_["send_back_update"] = None
        return forms_

    def render_page(self, forms_, status=200):
        response = self.render_to_response(
            self.get_context_data(
                proposal=self.proposal,
                forms=forms_,
                now=timezone.now(),
                index_url=reverse("proposals_admin_index"),
                drafted_by_me=self.proposal.answer_drafted_by_id == self.request.user.pk,
                update_drafted_by_me=self.proposal.update_drafted_by_id == self.request.user.pk,
                answer_version=services.answer_version(self.proposal),
                update_version=services.update_version(self.proposal),
            )
        )
        response.status_code = status
        return response

    def get(self, request, pk, action=None):
        return self.render_page(self.forms())

    def post(self, request, pk, action=None):
        if action not in self.ACTIONS:
            raise Http404
        forms_ = self.forms(bound=action, data=request.POST)
        if action not in forms_:
            raise PermissionDenied
        form = forms_[action]
        if form is not None and not form.is_valid():
            return self.render_page(forms_, status=400)
        proposal, user = self.proposal, request.user
        data = form.cleaned_data if form is not None else {}
        try:
            with transaction.atomic():
                if action == "publish":
                    services.publish(proposal, user)
                    done = _("Proposal published: it collects support now.")
                elif action == "reject":
                    services.reject(proposal, user, data["reason"], data["note"])
                    done = _("Proposal rejected. The author sees the reason.")
                elif action == "route":
                    services.route(proposal, user, data["agency"])
                    done = _("Proposal sent to %(agency)s.") % {"agency": data["agency"].title}
                elif action == "answer":
                    services.draft_answer(
                        proposal,
                        user,
                        data["answer"],
                        data["answer_text"],
                        data["consultation"],
                        text_en=data["answer_text_en"],
                    )
                    done = _("Answer submitted. A ministry reviewer approves it before it is published.")
                elif action == "approve":
                    services.approve_answer(proposal, user, version=request.POST.get("version", ""))
                    done = _("Answer approved and published.")
                elif action == "send_back":
                    services.send_back_answer(proposal, user, request.POST.get("comment", ""))
                    done = _("Answer sent back to the government entity.")
                elif action == "update":
                    services.draft_implementation_update(proposal, user, data["text"])
                    done = _("Update submitted. A ministry reviewer approves it before it is published.")
                elif action == "approve_update":
                    services.approve_implementation_update(proposal, user, version=request.POST.get("version", ""))
                    done = _("Implementation update approved and published.")
                else:
                    services.send_back_implementation_update(proposal, user, request.POST.get("comment", ""))
                    done = _("Implementation update sent back to the government entity.")
        except services.ProposalRefused as refusal:
            messages.error(request, refusal.message)
            return self.render_page(forms_, status=400)
        messages.success(request, done)
        return redirect("proposals_admin_proposal", pk=proposal.pk)


class RulesView(WagtailAdminTemplateMixin, View):
    """Ministry reviewers set the default rules and each entity's threshold."""

    page_title = gettext_lazy("Proposal rules and thresholds")
    header_icon = "cog"
    template_name = "proposals/admin/rules.html"

    def dispatch(self, request, *args, **kwargs):
        if not is_reviewer(request.user):
            raise PermissionDenied
        self.rules = ProposalRules.load()
        self.agencies = _agencies_in_language()
        return super().dispatch(request, *args, **kwargs)

    def context(self, form, errors=None):
        thresholds = dict(AgencyThreshold.objects.values_list("agency_key", "threshold"))
        rows = [{"agency": a, "threshold": thresholds.get(a.translation_key, "")} for a in self.agencies]
        return self.get_context_data(form=form, rows=rows, errors=errors or {})

    def get(self, request):
        return self.render_to_response(self.context(RulesForm(instance=self.rules)))

    def post(self, request):
        form = RulesForm(request.POST, instance=self.rules)
        errors = {}
        values = {}
        for agency in self.agencies:
            raw = request.POST.get(f"threshold-{agency.translation_key}", "").strip()
            if not raw:
                values[agency.translation_key] = None
                continue
            try:
                number = int(raw)
                if number < 1:
                    raise ValueError
            except ValueError:
                errors[agency.translation_key] = _("Enter a whole number of at least 1, or leave empty.")
                continue
            values[agency.translation_key] = number
        if not form.is_valid() or errors:
            response = self.render_to_response(self.context(form, errors))
            response.status_code = 400
            return response
        with transaction.atomic():
            form.save()
            for key, number in values.items():
                if number is None:
                    AgencyThreshold.objects.filter(agency_key=key).delete()
                else:
                    AgencyThreshold.objects.update_or_create(
                        agency_key=key, defaults={"threshold": number, "changed_by": request.user}
                    )
        messages.success(request, _("Rules saved. New thresholds apply to proposals published from now on."))
        return redirect("proposals_admin_rules")
