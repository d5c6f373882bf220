"""Dashboard panels."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.ui.components import Component


class OverdueOutcomesPanel(Component):
    """Reviewers' dashboard: consultations whose outcome is past its deadline."""

    name = "overdue_outcomes"
    order = 90
    template_name = "pages/admin/overdue_outcomes_panel.html"

    def __init__(self, consultations):
        self.consultations = consultations

    def get_context_data(self, parent_context):
        return {"consultations": self.consultations}


@hooks.register("construct_homepage_panels")
def add_overdue_outcomes_panel(request, panels):
    from participation.models import ConsultationPage, ConsultationRules

    from ..roles import REVIEWERS_GROUP

    user = request.user
    if not (user.is_superuser or user.groups.filter(name=REVIEWERS_GROUP).exists()):
        return
    deadline = timezone.now() - timedelta(weeks=ConsultationRules.load().outcome_deadline_weeks)
    overdue = list(
        ConsultationPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE, closes_at__lt=deadline, outcome="")
        .select_related("agency")
        .order_by("closes_at")
    )
    panels.append(OverdueOutcomesPanel(overdue))
