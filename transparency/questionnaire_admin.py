"""The written answers to a consultation's questionnaires, for the agency's staff ("Questionnaire answers").

An agency's editors and moderators read their own agency's consultations only; ministry reviewers read
every agency's (transparency.access). Another agency's consultation answers 404, like one that does not
exist. Citizens' text is rendered escaped. Counts for closed questions are public on the consultation
(once the results are shown) and in the outcome report; the written answers are shown only here, with the
respondent's organisation when they answered for one, never with their name or e-mail address.
"""

from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import View
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from participation.models import QuestionnaireAnswer, QuestionnaireSubmission
from participation.questionnaires import questions_of

from .access import can_read_answers_anywhere, consultations_with_answers_for
from .admin_views import _titles_first_in_language

ANSWERS_PER_PAGE = 100


class QuestionnaireIndexView(WagtailAdminTemplateMixin, View):
    page_title = gettext_lazy("Questionnaire answers")
    header_icon = "form"
    template_name = "transparency/admin/questionnaires.html"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [{"url": "", "label": self.get_page_title()}]

    def get(self, request):
        if not can_read_answers_anywhere(request.user):
            raise Http404
        keys = set(QuestionnaireSubmission.objects.values_list("translation_key", flat=True).distinct().order_by())
        pages = _titles_first_in_language(
            consultations_with_answers_for(request.user)
            .filter(translation_key__in=keys)
            .select_related("agency", "locale")
            .order_by("-closes_at", "pk")
        )
        counts = dict(
            QuestionnaireSubmission.objects.filter(translation_key__in=[page.translation_key for page in pages])
            .order_by()
            .values_list("translation_key")
            .annotate(n=Count("pk"))
        )
        rows = [{"page": page, "submissions": counts.get(page.translation_key, 0)} for page in pages]
        rows.sort(key=lambda row: (row["page"].closes_at, row["page"].pk), reverse=True)
        return self.render_to_response(self.get_context_data(rows=rows))


class QuestionnaireAnswersView(WagtailAdminTemplateMixin, View):
    """Every written answer (text questions and "Other") of one consultation's questionnaires, by question."""

    header_icon = "form"
    template_name = "transparency/admin/questionnaire_answers.html"

    def get_page_title(self):
        return _("Questionnaire answers: %(title)s") % {"title": self.consultation.title}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("transparency_questionnaires"), "label": _("Questionnaire answers")},
            {"url": "", "label": self.consultation.title},
        ]

    def dispatch(self, request, *args, **kwargs):
        self.consultation = (
            consultations_with_answers_for(request.user)
            .select_related("agency", "locale")
            .filter(pk=kwargs["page_id"])
            .first()
        )
        if self.consultation is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        page = self.consultation
        questions = {}
        titles = {}
        for block in page.body:
            if block.block_type == "questionnaire":
                titles[block.id] = block.value["title"]
                for question in questions_of(block.value):
                    questions[(block.id, question.id)] = question
        answers = (
            QuestionnaireAnswer.objects.filter(submission__translation_key=page.translation_key)
            .exclude(text="")
            .select_related("submission")
            .order_by("submission__block_id", "question_id", "submission__created_at", "pk")
        )
        page_obj = Paginator(answers, ANSWERS_PER_PAGE).get_page(request.GET.get("p"))
        groups = []
        for answer in page_obj.object_list:
            key = (answer.submission.block_id, answer.question_id)
            if not groups or groups[-1]["key"] != key:
                question = questions.get(key)
                groups.append(
                    {
                        "key": key,
                        "questionnaire": titles.get(key[0], _("Removed questionnaire")),
                        "question": question,
                        "label": f"{question.number}. {question.text}" if question else _("Removed question"),
                        "answers": [],
                    }
                )
            groups[-1]["answers"].append(answer)
        return self.render_to_response(self.get_context_data(consultation=page, groups=groups, page_obj=page_obj))
