"""Dashboard panels about consultations: "my agency" for agency editors and moderators, and the
overdue outcomes for ministry reviewers. Registered in participation.wagtail_hooks.

The "my agency" panel reads everything it shows in a fixed number of queries, whatever the number
of agencies, consultations or pages: the agencies, their consultations, the rules, the pages in
review, and (for moderators) one count of comments per agency.
"""

from datetime import timedelta
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import CharField, Count, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from pages.roles import agency_keys_for

from .models import CommentStatus, ConsultationPage, ConsultationRules, ConsultationStatus, ModerationReason
from .models.consultations import OUTCOME_OVERDUE
from .moderation import CHANGE_PERMISSION, comments_for

# The order of the status groups in the panel; "draft" is a consultation not yet published.
PHASES = ["draft", *ConsultationStatus.values[:3], "overdue", ConsultationStatus.CONCLUDED.value]


def _pick_translation(pages, language):
    """Of one page's translations, the one in the reader's language, else the site's first language."""
    by_language = {page.locale.language_code: page for page in pages}
    return by_language.get(language) or by_language.get(settings.LANGUAGE_CODE) or pages[0]


def _group_by_key(pages):
    groups = {}
    for page in pages:
        groups.setdefault(page.translation_key, []).append(page)
    return groups


def _phase_label(code):
    if code == "draft":
        return _("Not yet published")
    if code == "overdue":
        return str(OUTCOME_OVERDUE)
    return str(ConsultationStatus(code).label)


def agency_overviews(user, now=None):
    """For an agency editor or moderator, one overview per agency they work for; None for ministry
    reviewers and superusers (they have the site-wide panels) and for everyone else."""
    editor_keys = agency_keys_for(user, "editors")
    moderator_keys = agency_keys_for(user, "moderators")
    if editor_keys is None or moderator_keys is None:  # ministry reviewers and superusers
        return None
    keys = editor_keys | moderator_keys
    if not keys:
        return None
    from pages.models import AgencyPage

    now = now or timezone.now()
    language = get_language()

    agencies_by_key = _group_by_key(
        AgencyPage.objects.filter(translation_key__in=keys)
        .select_related("locale")
        .only("id", "title", "draft_title", "path", "depth", "translation_key", "locale__language_code")
    )
    consultations_by_agency = {}
    for consultation in (
        ConsultationPage.objects.filter(agency__translation_key__in=keys)
        .select_related("locale", "agency")
        .only(
            "id",
            "title",
            "draft_title",
            "live",
            "opens_at",
            "closes_at",
            "outcome",
            "translation_key",
            "locale__language_code",
            "agency__translation_key",
        )
        .order_by("closes_at", "pk")
    ):
        consultations_by_agency.setdefault(consultation.agency.translation_key, []).append(consultation)
    weeks = ConsultationRules.load().outcome_deadline_weeks

    in_review = _pages_in_review(agencies_by_key)
    comments = _comment_counts(user, moderator_keys)

    overviews = []
    for key, translations in agencies_by_key.items():
        agency = _pick_translation(translations, language)
        phases = {code: [] for code in PHASES}
        outcomes_due = []
        for versions in _group_by_key(consultations_by_agency.get(key, [])).values():
            consultation = _pick_translation(versions, language)
            consultation.outcome_deadline_weeks = weeks
            if not consultation.live:
                phases["draft"].append(consultation)
                continue
            code, __ = consultation.admin_phase(now)
            phases[code].append(consultation)
            if code in (ConsultationStatus.CLOSED, "overdue"):
                outcomes_due.append(
                    {"page": consultation, "due": consultation.outcome_due, "overdue": code == "overdue"}
                )
        overviews.append(
            {
                "agency": agency,
                "phases": [{"code": code, "label": _phase_label(code), "pages": phases[code]} for code in PHASES],
                "consultation_count": sum(len(pages) for pages in phases.values()),
                "outcomes_due": sorted(outcomes_due, key=lambda row: row["due"]),
                "in_review": sorted(
                    (page for page in in_review if any(page.path.startswith(a.path) for a in translations)),
                    key=lambda page: page.get_admin_display_title(),
                ),
                "is_editor": key in editor_keys,
                "comments": comments.get(key, {"pending": 0, "reported": 0}) if key in moderator_keys else None,
            }
        )
    overviews.sort(key=lambda overview: overview["agency"].title)
    return overviews


def _pages_in_review(agencies_by_key):
    """Every page under these agencies (any language) that is waiting for a reviewer's approval."""
    paths = [agency.path for translations in agencies_by_key.values() for agency in translations]
    if not paths:
        return []
    under_agencies = reduce(or_, (Q(path__startswith=path) for path in paths))
    page_ids = Page.objects.filter(under_agencies).annotate(pk_text=Cast("pk", CharField())).values("pk_text")
    states = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS,
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id__in=page_ids,
    )
    ids = [int(pk) for pk in states.values_list("object_id", flat=True)]
    if not ids:
        return []
    return list(
        Page.objects.filter(pk__in=ids)
        .select_related("locale")
        .only("id", "title", "draft_title", "path", "locale__language_code")
    )


def _comment_counts(user, moderator_keys):
    """Comments waiting for moderation per agency, for the agencies this user moderates."""
    if not moderator_keys or not user.has_perm(CHANGE_PERMISSION):
        return {}
    rows = (
        comments_for(user)
        .filter(agency_key__in=moderator_keys)
        .order_by()
        .values("agency_key")
        .annotate(
            pending=Count("pk", filter=Q(status=CommentStatus.PENDING)),
            reported=Count("pk", filter=Q(status=CommentStatus.HIDDEN, moderation_reason=ModerationReason.REPORTED)),
        )
    )
    return {row["agency_key"]: {"pending": row["pending"], "reported": row["reported"]} for row in rows}


class MyAgencyPanel(Component):
    """Dashboard panel for an agency's editors and moderators: the agency's consultations by status,
    outcomes due and overdue, pages waiting for approval and, for moderators, comments to moderate."""

    order = 50
    template_name = "participation/admin/my_agency_panel.html"

    def __init__(self, overview):
        self.overview = overview
        self.name = f"tawasul_my_agency_{overview['agency'].pk}"

    def get_context_data(self, parent_context):
        return {
            "overview": self.overview,
            "panel_id": self.name.replace("_", "-"),
            "queue_url": reverse("participation_comment_modeladmin_index"),
        }


class OverdueOutcomesPanel(Component):
    """Reviewers' dashboard: consultations whose outcome is past its deadline."""

    name = "overdue_outcomes"
    order = 90
    template_name = "participation/admin/overdue_outcomes_panel.html"

    def __init__(self, consultations):
        self.consultations = consultations

    def get_context_data(self, parent_context):
        return {"consultations": self.consultations}


def overdue_outcomes():
    """Live consultations (in the site's first language) whose outcome is past its deadline."""
    weeks = ConsultationRules.load().outcome_deadline_weeks
    deadline = timezone.now() - timedelta(weeks=weeks)
    consultations = list(
        ConsultationPage.objects.live()
        .filter(locale__language_code=settings.LANGUAGE_CODE, closes_at__lt=deadline, outcome="")
        .select_related("agency")
        .order_by("closes_at")
    )
    for consultation in consultations:
        consultation.outcome_deadline_weeks = weeks
    return consultations


def construct_homepage_panels(request, panels):
    """Reviewers get the overdue outcomes across every agency; agency editors and moderators get
    one "my agency" panel per agency they work for."""
    user = request.user
    if agency_keys_for(user, "editors") is None:  # ministry reviewers and superusers (cached on the user)
        panels.append(OverdueOutcomesPanel(overdue_outcomes()))
        return
    for overview in agency_overviews(user) or []:
        panels.append(MyAgencyPanel(overview))
