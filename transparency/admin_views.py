"""The agency's answers to comments, in the Wagtail admin ("Dispositions").

An agency's editors see and answer only their agency's consultations and
comments (transparency.access); ministry reviewers see every agency's. Another
agency's consultation or comment is refused exactly like one that does not exist,
whatever the address or the form says.
Everything works without JavaScript: each comment has its own small form, and
the checkboxes for answering several comments at once belong to one bulk form
(HTML's `form` attribute). Citizen text is always rendered escaped.
"""

from itertools import groupby

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, Value, When
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.generic import View
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from participation.models import CommentStatus
from participation.templatetags.participation_tags import author_name

from . import data
from .access import answerable_comments, can_answer_anything, comments_for, consultations_for
from .dispositions import REASON_MAX_LENGTH, DispositionRefused, record_many
from .files import csv_response
from .models import Decision

COMMENTS_PER_PAGE = 50


class DispositionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Decision"),
        choices=[("", gettext_lazy("Choose a decision"))] + list(Decision.choices),
        error_messages={"required": gettext_lazy("Choose a decision.")},
    )
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=REASON_MAX_LENGTH,
        help_text=gettext_lazy("Why, in plain language. The author and the public read this."),
        error_messages={
            "required": gettext_lazy("Give the reason for the decision: the author and the public read it.")
        },
    )


class FilterForm(forms.Form):
    STATES = [
        ("", gettext_lazy("All published comments")),
        ("unanswered", gettext_lazy("Not answered yet")),
        ("answered", gettext_lazy("Answered")),
    ]
    block = forms.ChoiceField(label=gettext_lazy("Article or question"), required=False)
    state = forms.ChoiceField(label=gettext_lazy("Show"), choices=STATES, required=False)

    def __init__(self, *args, blocks=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"].choices = [("", _("All articles and questions"))] + [
            (block.id, block.label) for block in (blocks or {}).values()
        ]


def _titles_first_in_language(pages):
    """One version per consultation, in the admin's language where it exists."""
    language = get_language()
    chosen = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or (page.locale.language_code == language and current.locale.language_code != language):
            chosen[page.translation_key] = page
    return list(chosen.values())


class ScopedConsultationMixin:
    """Finds the consultation through the person's scope. Another agency's consultation is
    refused like one that does not exist (PermissionDenied, which the Wagtail admin
    answers by sending the person to the dashboard with an error)."""

    def get_consultation(self):
        page = (
            consultations_for(self.request.user)
            .select_related("agency", "locale")
            .filter(pk=self.kwargs["page_id"])
            .first()
        )
        if page is None:
            raise PermissionDenied
        return page


class DispositionIndexView(WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Dispositions")
    header_icon = "tasks"
    template_name = "transparency/admin/index.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get(self, request):
        if not can_answer_anything(request.user):
            raise PermissionDenied
        pages = _titles_first_in_language(
            consultations_for(request.user).select_related("agency", "locale").order_by("-closes_at", "pk")
        )
        pages.sort(key=lambda page: (page.closes_at, page.pk), reverse=True)
        counts = data.comment_counts([page.translation_key for page in pages])
        rows = []
        for page in pages:
            total, answered = counts.get(page.translation_key, (0, 0))
            rows.append({"page": page, "comments": total, "answered": answered, "left": total - answered})
        return self.render_to_response(self.get_context_data(rows=rows))


class ConsultationDispositionsView(ScopedConsultationMixin, WagtailAdminTemplateMixin, View):
    header_icon = "tasks"
    template_name = "transparency/admin/consultation.html"

    def get_page_title(self):
        return _("Dispositions: %(title)s") % {"title": self.consultation.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("transparency_dispositions"), "label": _("Dispositions")},
            {"url": "", "label": self.consultation.title},
        ]

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.consultation = None

    def dispatch(self, request, *args, **kwargs):
        self.consultation = self.get_consultation()
        self.blocks = data.blocks_of(self.consultation)
        return super().dispatch(request, *args, **kwargs)

    def comments(self):
        return answerable_comments(self.request.user).filter(translation_key=self.consultation.translation_key)

    def get(self, request, *args, **kwargs):
        return self.render_page()

    def render_page(self, single_form=None, single_id=None, bulk_form=None, status=200):
        filters = FilterForm(self.request.GET or None, blocks=self.blocks)
        comments = self.comments()
        if filters.is_valid():
            if filters.cleaned_data["block"]:
                comments = comments.filter(block_id=filters.cleaned_data["block"])
            if filters.cleaned_data["state"] == "unanswered":
                comments = comments.filter(disposition__isnull=True)
            elif filters.cleaned_data["state"] == "answered":
                comments = comments.filter(disposition__isnull=False)
        order = Case(
            *[When(block_id=block_id, then=Value(block.position)) for block_id, block in self.blocks.items()],
            default=Value(10_000),
            output_field=IntegerField(),
        )
        comments = (
            comments.select_related("author__participation_profile", "disposition")
            .annotate(block_order=order)
            .order_by("block_order", "block_id", "created_at", "pk")
        )
        page_obj = Paginator(comments, COMMENTS_PER_PAGE).get_page(self.request.GET.get("p"))
        items = []
        for comment in page_obj.object_list:
            disposition = getattr(comment, "disposition", None)
            if single_form is not None and comment.pk == single_id:
                form = single_form
            else:
                initial = {"decision": disposition.decision, "reason": disposition.reason} if disposition else {}
                form = DispositionForm(initial=initial, auto_id=f"id_c{comment.pk}_%s")
            items.append({"comment": comment, "name": author_name(comment), "disposition": disposition, "form": form})
        groups = [
            {"block": self.blocks.get(block_id) or data.removed_block(block_id), "items": list(group)}
            for block_id, group in groupby(items, key=lambda item: item["comment"].block_id)
        ]
        total, answered = data.comment_counts([self.consultation.translation_key]).get(
            self.consultation.translation_key, (0, 0)
        )
        query = self.request.GET.copy()
        query.pop("p", None)
        context = self.get_context_data(
            consultation=self.consultation,
            filters=filters,
            groups=groups,
            page_obj=page_obj,
            filter_query=query.urlencode(),
            bulk_form=bulk_form or DispositionForm(auto_id="id_bulk_%s"),
            total=total,
            answered=answered,
            action_url=self.request.get_full_path(),
            export_url=reverse("transparency_dispositions_export", args=[self.consultation.pk]),
            report_url=reverse("transparency_report", args=[self.consultation.pk])
            if self.consultation.status == "concluded" and self.consultation.live
            else None,
        )
        return self.render_to_response(context, status=status)

    def render_to_response(self, context, status=200, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        response.status_code = status
        return response

    def post(self, request, *args, **kwargs):
        mode = request.POST.get("mode")
        if mode == "single":
            try:
                comment_id = int(request.POST.get("comment", ""))
            except ValueError as error:
                raise PermissionDenied from error
            if not self.comments().filter(pk=comment_id).exists():
                raise PermissionDenied  # another agency's comment, an unpublished one, or none at all
            form = DispositionForm(request.POST, auto_id=f"id_c{comment_id}_%s")
            if not form.is_valid():
                messages.error(request, _("The decision was not recorded: correct the errors below."))
                return self.render_page(single_form=form, single_id=comment_id, status=400)
            ids = [comment_id]
        elif mode == "bulk":
            form = DispositionForm(request.POST, auto_id="id_bulk_%s")
            ids = request.POST.getlist("comment")
            if not form.is_valid():
                messages.error(request, _("The decision was not recorded: correct the errors below."))
                return self.render_page(bulk_form=form, status=400)
        else:
            return redirect(request.get_full_path())
        try:
            found, changed = record_many(
                request.user,
                ids,
                form.cleaned_data["decision"],
                form.cleaned_data["reason"],
                translation_key=self.consultation.translation_key,
            )
        except DispositionRefused as refusal:
            messages.error(request, refusal.message)
            if mode == "bulk":
                form.add_error(None, refusal.message)
                return self.render_page(bulk_form=form, status=400)
            return self.render_page(single_form=form, single_id=ids[0], status=400)
        messages.success(
            request,
            ngettext(
                "Decision recorded on %(count)d comment.",
                "Decision recorded on %(count)d comments.",
                found,
            )
            % {"count": found},
        )
        anchor = f"#comment-{ids[0]}" if mode == "single" else ""
        return redirect(request.get_full_path() + anchor)


class ExportView(ScopedConsultationMixin, View):
    """Every comment on one of the agency's consultations, whatever its status, with
    moderation and decisions: for the agency's own analysis. No e-mail address, no
    demographics; the words of comments that were not published are left out."""

    FIELDS = [
        "id",
        "parent_id",
        "block_id",
        "block_type",
        "block_label",
        "language",
        "stance",
        "official_reply",
        "status",
        "status_label",
        "moderation_reason",
        "moderation_reason_label",
        "moderated_at",
        "created_at",
        "display_name",
        "text",
        "disposition",
        "disposition_label",
        "disposition_reason",
        "disposition_date",
    ]

    def get(self, request, *args, **kwargs):
        page = self.get_consultation()
        blocks = data.blocks_of(page)
        comments = (
            comments_for(request.user)
            .filter(translation_key=page.translation_key)
            .select_related("author__participation_profile", "disposition")
            .order_by("created_at", "pk")
        )
        rows = []
        for comment in comments:
            block = blocks.get(comment.block_id) or data.removed_block(comment.block_id)
            disposition = getattr(comment, "disposition", None)
            published = comment.status == CommentStatus.APPROVED
            rows.append(
                {
                    "id": comment.pk,
                    "parent_id": comment.parent_id,
                    "block_id": comment.block_id,
                    "block_type": block.type,
                    "block_label": block.label,
                    "language": comment.language,
                    "stance": comment.stance,
                    "official_reply": comment.is_official,
                    "status": comment.status,
                    "status_label": comment.get_status_display(),
                    "moderation_reason": comment.moderation_reason,
                    "moderation_reason_label": comment.get_moderation_reason_display()
                    if comment.moderation_reason
                    else "",
                    "moderated_at": data.iso(comment.moderated_at),
                    "created_at": data.iso(comment.created_at),
                    "display_name": author_name(comment),
                    "text": comment.body if published else "",
                    "disposition": disposition.decision if disposition else "",
                    "disposition_label": disposition.get_decision_display() if disposition else "",
                    "disposition_reason": disposition.reason if disposition else "",
                    "disposition_date": data.iso(disposition.decided_at) if disposition else "",
                }
            )
        return csv_response(f"consultation-{page.pk}-agency-export.csv", self.FIELDS, rows)
