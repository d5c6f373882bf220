"""The "Dispositions" area of the Wagtail admin, and its log action."""

from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogFormatter

from .access import can_answer_anything, can_read_answers_anywhere
from .admin_views import ConsultationDispositionsView, DispositionIndexView, ExportView
from .dispositions import LOG_RECORD
from .models import Decision
from .questionnaire_admin import QuestionnaireAnswersView, QuestionnaireIndexView


@hooks.register("register_admin_urls")
def register_disposition_urls():
    return [
        path("dispositions/", DispositionIndexView.as_view(), name="transparency_dispositions"),
        path(
            "dispositions/<int:page_id>/",
            ConsultationDispositionsView.as_view(),
            name="transparency_dispositions_consultation",
        ),
        path("dispositions/<int:page_id>/export.csv", ExportView.as_view(), name="transparency_dispositions_export"),
        path("questionnaire-answers/", QuestionnaireIndexView.as_view(), name="transparency_questionnaires"),
        path(
            "questionnaire-answers/<int:page_id>/",
            QuestionnaireAnswersView.as_view(),
            name="transparency_questionnaire_answers",
        ),
    ]


class DispositionsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_answer_anything(request.user)


@hooks.register("register_admin_menu_item")
def register_dispositions_menu_item():
    return DispositionsMenuItem(
        gettext_lazy("Dispositions"),
        reverse("transparency_dispositions"),
        name="dispositions",
        icon_name="tasks",
        order=260,
    )


class QuestionnaireAnswersMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_answers_anywhere(request.user)


@hooks.register("register_admin_menu_item")
def register_questionnaire_answers_menu_item():
    return QuestionnaireAnswersMenuItem(
        gettext_lazy("Questionnaire answers"),
        reverse("transparency_questionnaires"),
        name="questionnaire-answers",
        icon_name="form",
        order=265,
    )


@hooks.register("register_log_actions")
def register_disposition_log_actions(actions):
    @actions.register_action(LOG_RECORD)
    class RecordDisposition(LogFormatter):
        label = gettext_lazy("Record the decision on a comment")

        def format_message(self, log_entry):
            decision = (log_entry.data or {}).get("decision", "")
            try:
                label = Decision(decision).label
            except ValueError:
                label = decision
            return _("Decision on the comment: %(decision)s") % {"decision": label}

        def format_comment(self, log_entry):
            return (log_entry.data or {}).get("reason", "")
