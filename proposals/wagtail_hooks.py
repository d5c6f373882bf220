"""Proposals in the Wagtail admin: the queue and a proposal's actions, the rules, log actions, dashboard panel."""

from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter

from pages.roles import is_reviewer
from participation.models import ModerationReason

from . import services
from .admin_views import ProposalView, QueueView, RulesView, may_use_queue
from .models import Answer, ProposalState


@hooks.register("register_admin_urls")
def register_proposal_urls():
    return [
        path("proposals/", QueueView.as_view(), name="proposals_admin_index"),
        path("proposals/rules/", RulesView.as_view(), name="proposals_admin_rules"),
        path("proposals/<int:pk>/", ProposalView.as_view(), name="proposals_admin_proposal"),
        path("proposals/<int:pk>/<str:action>/", ProposalView.as_view(), name="proposals_admin_action"),
    ]


class QueueMenuItem(MenuItem):
    def is_shown(self, request):
        return may_use_queue(request.user)


class RulesMenuItem(MenuItem):
    def is_shown(self, request):
        return is_reviewer(request.user)


@hooks.register("register_admin_menu_item")
def register_queue_menu_item():
    return QueueMenuItem(
        gettext_lazy("Proposals"), reverse("proposals_admin_index"), name="proposals", icon_name="list-ul", order=255
    )


@hooks.register("register_settings_menu_item")
def register_rules_menu_item():
    return RulesMenuItem(
        gettext_lazy("Proposal rules and thresholds"),
        reverse("proposals_admin_rules"),
        name="proposal-rules",
        icon_name="cog",
        order=610,
    )


# Log actions ---------------------------------------------------------------------------------


def _reason_label(log_entry):
    reason = (log_entry.data or {}).get("reason", "")
    try:
        return ModerationReason(reason).label
    except ValueError:
        return reason


def _answer_label(log_entry):
    answer = (log_entry.data or {}).get("answer", "")
    try:
        return Answer(answer).label
    except ValueError:
        return answer


@hooks.register("register_log_actions")
def register_proposal_log_actions(actions):
    @actions.register_action(services.LOG_PUBLISH)
    class Publish(LogFormatter):
        label = gettext_lazy("Publish proposal")
        message = gettext_lazy("Proposal published")

    @actions.register_action(services.LOG_REJECT)
    class Reject(LogFormatter):
        label = gettext_lazy("Reject proposal")

        def format_message(self, log_entry):
            return _("Proposal rejected: %(reason)s") % {"reason": _reason_label(log_entry)}

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("note", "")

    @actions.register_action(services.LOG_ROUTE)
    class Route(LogFormatter):
        label = gettext_lazy("Route proposal")
        message = gettext_lazy("Proposal sent to a government entity")

    @actions.register_action(services.LOG_THRESHOLD)
    class Threshold(LogFormatter):
        label = gettext_lazy("Proposal reached its threshold")
        message = gettext_lazy("Proposal reached its threshold: an answer is due")

    @actions.register_action(services.LOG_ANSWER_DRAFT)
    class Draft(LogFormatter):
        label = gettext_lazy("Submit answer to proposal")

        def format_message(self, log_entry):
            return _("Answer submitted for approval: %(answer)s") % {"answer": _answer_label(log_entry)}

    @actions.register_action(services.LOG_ANSWER_APPROVE)
    class Approve(LogFormatter):
        label = gettext_lazy("Approve answer to proposal")

        def format_message(self, log_entry):
            return _("Answer approved and published: %(answer)s") % {"answer": _answer_label(log_entry)}

    @actions.register_action(services.LOG_ANSWER_SEND_BACK)
    class SendBack(LogFormatter):
        label = gettext_lazy("Send back answer to proposal")
        message = gettext_lazy("Answer sent back to the government entity")

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("comment", "")

    @actions.register_action(services.LOG_IMPLEMENTATION)
    class Implementation(LogFormatter):
        label = gettext_lazy("Implementation update")
        message = gettext_lazy("Implementation update published")

    @actions.register_action(services.LOG_IMPLEMENTATION_DRAFT)
    class ImplementationDraft(LogFormatter):
        label = gettext_lazy("Submit implementation update")
        message = gettext_lazy("Implementation update submitted for approval")

    @actions.register_action(services.LOG_IMPLEMENTATION_SEND_BACK)
    class ImplementationSendBack(LogFormatter):
        label = gettext_lazy("Send back implementation update")
        message = gettext_lazy("Implementation update sent back to the government entity")

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("comment", "")


# Dashboard -----------------------------------------------------------------------------------


class ProposalsPanel(Component):
    """What waits for this person: proposals to moderate, to route, to answer, answers to approve, and the
    overdue answers (every agency's for reviewers, their own agencies' for agency staff)."""

    name = "tawasul_proposals"
    order = 95
    template_name = "proposals/admin/dashboard_panel.html"

    def __init__(self, counts, overdue):
        self.counts = counts
        self.overdue = overdue

    def get_context_data(self, parent_context):
        return {"counts": self.counts, "overdue": self.overdue, "queue_url": reverse("proposals_admin_index")}


def panel_data(user, now=None):
    """(counts, overdue proposals) in the user's scope: two queries."""
    now = now or timezone.now()
    scoped = services.proposals_in_admin_scope(user)
    counts = scoped.aggregate(
        submitted=Count("pk", filter=Q(state=ProposalState.SUBMITTED)),
        portal=Count("pk", filter=Q(agency__isnull=True, state__in=[ProposalState.SUBMITTED, ProposalState.PUBLISHED])),
        answer_due=Count("pk", filter=Q(state=ProposalState.THRESHOLD_REACHED)),
        awaiting_approval=Count("pk", filter=Q(state=ProposalState.THRESHOLD_REACHED, answer_drafted_at__isnull=False)),
        updates_awaiting_approval=Count(
            "pk",
            filter=Q(state__in=[ProposalState.ANSWERED, ProposalState.IMPLEMENTED], update_drafted_at__isnull=False),
        ),
    )
    if not is_reviewer(user):
        counts["portal"] = None
    overdue = list(scoped.overdue(now).select_related("agency").order_by("answer_due_at")[:20])
    return counts, overdue


@hooks.register("construct_homepage_panels")
def add_proposals_panel(request, panels):
    if not may_use_queue(request.user):
        return
    panels.append(ProposalsPanel(*panel_data(request.user)))
