"""The comment moderation queue in the Wagtail admin, its log actions and its dashboard panel."""

from django.contrib import admin
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import re_path, reverse
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy, ngettext, pgettext_lazy
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from . import dashboard
from .admin_views import (
    AgencyFilter,
    BulkModerationView,
    CampaignView,
    CommentButtonHelper,
    CommentPermissionHelper,
    ConsultationFilter,
    ModerateView,
    ModerationIndexView,
    ScopedHistoryView,
)
from .models import Comment, CommentReport, ConsultationRules, ModerationReason
from .moderation import (
    LOG_APPROVE,
    LOG_HIDE,
    LOG_OFFICIAL_REPLY,
    LOG_REJECT,
    comments_for,
    moderated_agency_keys,
    pending_counts,
)
from .templatetags.participation_tags import author_name


class CommentModerationAdmin(ModelAdmin):
    model = Comment
    menu_label = gettext_lazy("Comment moderation")
    menu_icon = "comment"
    menu_order = 250
    base_url_path = "participation/comment"  # the address in moderators' e-mails
    list_display = (
        "select",
        "text",
        "author_display",
        "agency",
        "consultation_title",
        "block",
        "language",
        "stance",
        "status_and_reason",
        "reports_count",
        "created_at",
    )
    list_display_add_buttons = "text"
    list_filter = (AgencyFilter, ConsultationFilter, "status", "created_at")
    search_fields = ("body", "author__participation_profile__display_name", "consultation__title")
    list_per_page = 50
    ordering = ("-created_at",)
    inspect_view_enabled = False
    permission_helper_class = CommentPermissionHelper
    button_helper_class = CommentButtonHelper
    index_view_class = ModerationIndexView
    edit_view_class = ModerateView
    history_view_class = ScopedHistoryView
    index_template_name = "participation/admin/comment_index.html"
    edit_template_name = "participation/admin/comment_moderate.html"

    def get_queryset(self, request):
        """Only the comments this person moderates, with everything a row shows:
        one query for the page of results, whatever its length."""
        from pages.models import AgencyPage

        agencies = AgencyPage.objects.filter(translation_key=OuterRef("agency_key"))
        reports = (
            CommentReport.objects.filter(comment=OuterRef("pk"))
            .order_by()
            .values("comment")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return (
            comments_for(request.user)
            .select_related("author__participation_profile", "consultation")
            .annotate(
                num_reports=Coalesce(Subquery(reports), 0),
                agency_title=Coalesce(
                    Subquery(agencies.filter(locale__language_code=get_language()).values("title")[:1]),
                    Subquery(agencies.order_by("pk").values("title")[:1]),
                ),
            )
            .order_by(*self.get_ordering(request))
        )

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + (
            re_path(
                rf"^{self.url_helper.base_url_path}/bulk/$",
                self.bulk_view,
                name=self.url_helper.get_action_url_name("bulk"),
            ),
            re_path(
                rf"^{self.url_helper.base_url_path}/campaign/(?P<campaign_id>[0-9]+)/$",
                self.campaign_view,
                name=self.url_helper.get_action_url_name("campaign"),
            ),
        )

    def bulk_view(self, request):
        return BulkModerationView.as_view(model_admin=self)(request)

    def campaign_view(self, request, campaign_id):
        return CampaignView.as_view(model_admin=self)(request, campaign_id=campaign_id)

    @staticmethod
    def in_campaign(obj):
        """A queue row standing for several near-identical comments (participation.moderation.group_rows)."""
        return getattr(obj, "campaign_id", None) is not None and (getattr(obj, "campaign_size", 0) or 0) > 1

    def register_indexing(self):
        # Comments hold no references worth tracking; indexing every comment
        # would add writes to each one a citizen posts.
        pass

    # Columns. Everything returned as a plain string is escaped by the listing;
    # only the checkbox is built with format_html, from the id alone.

    @admin.display(description=gettext_lazy("Select"))
    def select(self, obj):
        if self.in_campaign(obj):
            # The row stands for the comments with exactly its text (participation.moderation.campaign_row_members).
            same = getattr(obj, "campaign_same", None) or 1
            return format_html(
                '<input type="checkbox" name="campaign_row" value="{}" aria-label="{}">',
                obj.pk,
                ngettext(
                    "Select the %(count)d comment with exactly this text",
                    "Select the %(count)d comments with exactly this text",
                    same,
                )
                % {"count": same},
            )
        return format_html(
            '<input type="checkbox" name="comment" value="{}" aria-label="{}">',
            obj.pk,
            _("Select comment #%(id)s") % {"id": obj.pk},
        )

    @admin.display(description=gettext_lazy("Comment"))
    def text(self, obj):
        if self.in_campaign(obj):
            # Ticking the row moderates every comment with exactly this text: it is shown whole.
            label = ngettext(
                "%(count)d near-identical comment", "%(count)d near-identical comments", obj.campaign_size
            ) % {"count": obj.campaign_size}
            same = getattr(obj, "campaign_same", None) or 1
            if same >= obj.campaign_size:
                exact = _("All with exactly this text.")
            else:
                exact = ngettext(
                    "%(count)d with exactly this text: ticking the row selects only that one; read the others "
                    "on the group’s page.",
                    "%(count)d with exactly this text: ticking the row selects only those; read the others "
                    "on the group’s page.",
                    same,
                ) % {"count": same}
            url = reverse(self.url_helper.get_action_url_name("campaign"), args=[obj.campaign_id])
            return format_html(
                '<a class="tawasul-campaign-link" href="{}"><strong>{}</strong></a> <span>{}</span> {}',
                url,
                label,
                exact,
                obj.body,
            )
        # Whole: ticking a row and approving publishes what it shows, nothing the moderator did not see.
        text = obj.body
        if obj.is_official:
            return f"[{_('Official reply')}] {text}"
        if obj.parent_id:
            return f"[{_('Reply')}] {text}"
        return text

    @admin.display(description=gettext_lazy("Author"))
    def author_display(self, obj):
        return author_name(obj)

    @admin.display(description=gettext_lazy("Agency"))
    def agency(self, obj):
        return self.agency_title(obj)

    @admin.display(description=gettext_lazy("Consultation"))
    def consultation_title(self, obj):
        return obj.consultation.title if obj.consultation_id else ""

    @admin.display(description=gettext_lazy("Article or question"))
    def block(self, obj):
        return self.block_label(obj)

    @admin.display(description=gettext_lazy("Status"), ordering="status")
    def status_and_reason(self, obj):
        if obj.moderation_reason:
            return f"{obj.get_status_display()} — {obj.get_moderation_reason_display()}"
        return obj.get_status_display()

    @admin.display(description=pgettext_lazy("citizens' reports of a comment", "Reports"), ordering="num_reports")
    def reports_count(self, obj):
        count = getattr(obj, "num_reports", None)
        return str(obj.reports.count() if count is None else count)

    # Helpers shared with the moderation page.

    def agency_title(self, obj):
        title = getattr(obj, "agency_title", None)
        if title is None:
            from pages.models import AgencyPage

            agency = AgencyPage.objects.filter(translation_key=obj.agency_key).first()
            title = agency.title if agency else ""
        return title

    def block_label(self, obj):
        """The article or question commented on, read from the page's stored data (no query)."""
        if not obj.consultation_id or obj.consultation is None:
            return obj.block_id
        for item in obj.consultation.body.raw_data:
            if item.get("id") != obj.block_id:
                continue
            value = item.get("value") or {}
            if item.get("type") == "article":
                label = _("Article %(number)s") % {"number": value.get("number", "")}
                heading = value.get("heading")
                return f"{label}: {heading}" if heading else label
            return value.get("prompt") or _("Comments")
        return _("Removed part (%(id)s)") % {"id": obj.block_id}


modeladmin_register(CommentModerationAdmin)


# Log actions ---------------------------------------------------------------------


def _reason_label(log_entry):
    reason = (log_entry.data or {}).get("reason", "")
    try:
        return ModerationReason(reason).label
    except ValueError:
        return reason


class _NoteFormatter(LogFormatter):
    def format_comment(self, log_entry):
        return (log_entry.data or {}).get("note", "")


@hooks.register("register_log_actions")
def register_comment_log_actions(actions):
    @actions.register_action(LOG_APPROVE)
    class ApproveComment(LogFormatter):
        label = gettext_lazy("Approve comment")
        message = gettext_lazy("Comment approved")

    @actions.register_action(LOG_REJECT)
    class RejectComment(_NoteFormatter):
        label = gettext_lazy("Reject comment")

        def format_message(self, log_entry):
            return _("Comment rejected: %(reason)s") % {"reason": _reason_label(log_entry)}

    @actions.register_action(LOG_HIDE)
    class HideComment(_NoteFormatter):
        label = gettext_lazy("Hide comment")

        def format_message(self, log_entry):
            return _("Comment hidden: %(reason)s") % {"reason": _reason_label(log_entry)}

    @actions.register_action(LOG_OFFICIAL_REPLY)
    class OfficialReply(LogFormatter):
        label = gettext_lazy("Official reply to comment")
        message = gettext_lazy("Official reply published")


# Dashboard -------------------------------------------------------------------------


class PendingCommentsPanel(Component):
    name = "tawasul_pending_comments"
    template_name = "participation/admin/pending_comments_panel.html"
    order = 90

    def __init__(self, counts, queue_url):
        self.counts = counts
        self.queue_url = queue_url

    def get_context_data(self, parent_context):
        return {"counts": self.counts, "queue_url": self.queue_url}


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    # Agency moderators see their comments in the "my agency" panel (participation.dashboard).
    if moderated_agency_keys(request.user) is not None:
        return
    counts = pending_counts(request.user)
    if counts is None:
        return
    panels.append(PendingCommentsPanel(counts, reverse("participation_comment_modeladmin_index")))


hooks.register("construct_homepage_panels", dashboard.construct_homepage_panels)


@hooks.register("construct_explorer_page_queryset")
def read_consultation_rules_once(parent_page, pages, request):
    """The page listing shows each live consultation's status, "outcome overdue" included
    (ConsultationPage.status_string): give every row the outcome deadline, read once."""
    weeks = ConsultationRules.load(request_or_site=request).outcome_deadline_weeks
    return pages.annotate(outcome_deadline_weeks=Value(weeks, output_field=IntegerField()))
