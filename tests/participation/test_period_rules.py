"""Consultation periods are rules: minimum length per type, reasons for moving dates, overdue outcomes."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import TaskState

from participation.models import ConsultationPage, ConsultationRules, DateChange
from tests.factories import ConsultationPageFactory, add_page, publish_directly
from tests.pages.test_workflow import add_url, consultation_form, current_task_state

pytestmark = pytest.mark.django_db


def window(days, start="2030-01-01 09:00"):
    opens = timezone.datetime.fromisoformat(start)
    return {"opens_at": start, "closes_at": (opens + timedelta(days=days)).strftime("%Y-%m-%d %H:%M")}


def test_five_day_draft_law_cannot_be_submitted(site_tree, users, client_for):
    response = client_for(users.editor).post(
        add_url(site_tree.agency_a),
        consultation_form(consultation_type="draft_law", **window(5), **{"action-submit": "submit"}),
    )
    assert response.status_code == 200  # the form comes back with the error
    assert "10" in response.context["form"].errors["closes_at"][0]
    assert not ConsultationPage.objects.filter(slug="digital-services").exists()


def test_short_window_may_be_saved_as_draft_but_not_submitted(site_tree, users, client_for):
    editor = client_for(users.editor)
    response = editor.post(
        add_url(site_tree.agency_a), consultation_form(consultation_type="public_service", **window(10))
    )
    assert response.status_code == 302
    page = ConsultationPage.objects.get(slug="digital-services")
    assert not page.workflow_in_progress

    edit = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = editor.post(
        edit, consultation_form(consultation_type="public_service", **window(10), **{"action-submit": "1"})
    )
    assert response.status_code == 200
    assert "14" in response.context["form"].errors["closes_at"][0]
    page.refresh_from_db()
    assert not page.workflow_in_progress

    response = editor.post(
        edit, consultation_form(consultation_type="public_service", **window(14), **{"action-submit": "1"})
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress


def test_minimum_comes_from_the_reviewers_setting(site_tree, users, client_for):
    rules = ConsultationRules.load()
    rules.draft_law_minimum_days = 30
    rules.save()
    response = client_for(users.editor).post(
        add_url(site_tree.agency_a),
        consultation_form(consultation_type="draft_law", **window(20), **{"action-submit": "submit"}),
    )
    assert "30" in response.context["form"].errors["closes_at"][0]


def test_error_is_in_the_editors_language(site_tree, users, client_for):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(users.editor)
    profile.preferred_language = "en"
    profile.save()
    response = client_for(users.editor).post(
        add_url(site_tree.agency_a),
        consultation_form(consultation_type="draft_law", **window(5), **{"action-submit": "submit"}),
    )
    assert "must stay open for at least 10 days" in response.context["form"].errors["closes_at"][0]


@pytest.fixture
def live_consultation(site_tree):
    now = timezone.now()
    return add_page(
        site_tree.agency_a,
        ConsultationPageFactory(
            slug="live-one",
            consultation_type="regulation",
            opens_at=now - timedelta(days=2),
            closes_at=now + timedelta(days=12),
        ),
    )


def edit_dates(client, page, closes_at, reason="", action="action-publish"):
    data = consultation_form(
        title=page.title,
        slug=page.slug,
        opens_at=timezone.localtime(page.opens_at).strftime("%Y-%m-%d %H:%M"),
        closes_at=timezone.localtime(closes_at).strftime("%Y-%m-%d %H:%M"),
        date_change_reason=reason,
        **{action: "1"},
    )
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_moving_the_closing_date_of_a_live_consultation_needs_a_reason(live_consultation, users, client_for):
    editor = client_for(users.editor)
    later = live_consultation.closes_at + timedelta(days=7)
    response = edit_dates(editor, live_consultation, later, action="action-submit")
    assert response.status_code == 200
    assert "date_change_reason" in response.context["form"].errors
    live_consultation.refresh_from_db()
    assert not live_consultation.workflow_in_progress

    reason = "مُدّدت بطلب من مؤسسات المجتمع المدني"
    response = edit_dates(editor, live_consultation, later, reason=reason, action="action-submit")
    assert response.status_code == 302
    live_consultation.refresh_from_db()
    assert live_consultation.closes_at != later  # still the published dates until a reviewer approves
    response = client_for(users.reviewer).post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=[live_consultation.pk, "approve", current_task_state(live_consultation).pk],
        ),
        {"comment": ""},
    )
    assert response.status_code == 302
    live_consultation.refresh_from_db()
    assert abs(live_consultation.closes_at - later) < timedelta(minutes=1)

    change = DateChange.objects.get(translation_key=live_consultation.translation_key)
    assert change.extended and change.reason == reason
    html = Client().get(live_consultation.url).content.decode()
    assert reason in html


def test_live_consultation_cannot_be_shortened_below_minimum(live_consultation, users, client_for):
    shorter = live_consultation.opens_at + timedelta(days=5)
    response = edit_dates(client_for(users.reviewer), live_consultation, shorter, reason="اختصار")
    assert response.status_code == 200
    assert "closes_at" in response.context["form"].errors
    assert not DateChange.objects.exists()


def test_approving_a_revision_that_breaks_the_rules_sends_it_back(site_tree, users, client_for):
    client_for(users.editor).post(
        add_url(site_tree.agency_a),
        consultation_form(consultation_type="draft_law", **window(12), **{"action-submit": "submit"}),
    )
    page = ConsultationPage.objects.get(slug="digital-services")
    rules = ConsultationRules.load()
    rules.draft_law_minimum_days = 20  # the rules tightened while the page waited
    rules.save()
    task_state = current_task_state(page)
    approve = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    client_for(users.reviewer).post(approve, {"comment": ""})
    page.refresh_from_db()
    task_state.refresh_from_db()
    assert not page.live
    assert task_state.status == TaskState.STATUS_REJECTED
    assert "20" in task_state.comment


def test_moved_dates_without_a_reason_are_sent_back_on_approval(live_consultation, users, client_for):
    """The rules are the page's own (ConsultationPage.publication_problems), not only the edit form's:
    a revision made elsewhere (here in code) that moves a live consultation's dates without a reason
    is sent back with the reason, and the public keeps the published dates."""
    published_closing = live_consultation.closes_at
    live_consultation.closes_at = published_closing + timedelta(days=7)
    live_consultation.date_change_reason = ""
    live_consultation.save_revision(user=users.editor)
    live_consultation.get_workflow().start(live_consultation, users.editor)

    task_state = current_task_state(live_consultation)
    approve = reverse("wagtailadmin_pages:workflow_action", args=[live_consultation.pk, "approve", task_state.pk])
    client_for(users.reviewer).post(approve, {"comment": ""})
    task_state.refresh_from_db()
    live_consultation.refresh_from_db()
    assert task_state.status == TaskState.STATUS_REJECTED
    assert "اذكر سبب" in task_state.comment  # in the reviewer's language (Arabic)
    assert live_consultation.closes_at == published_closing
    assert not DateChange.objects.exists()


def test_live_consultation_edited_after_the_rules_tightened_can_still_be_approved(live_consultation, users, client_for):
    """The minimum applies when a consultation is first published or its dates move, not to every later edit."""
    rules = ConsultationRules.load()
    rules.regulation_minimum_days = 30
    rules.save()
    live_consultation.summary = "ملخص أوضح بعد أسئلة المواطنين."
    live_consultation.save_revision(user=users.editor)
    live_consultation.get_workflow().start(live_consultation, users.editor)

    task_state = current_task_state(live_consultation)
    approve = reverse("wagtailadmin_pages:workflow_action", args=[live_consultation.pk, "approve", task_state.pk])
    client_for(users.reviewer).post(approve, {"comment": ""})
    live_consultation.refresh_from_db()
    assert live_consultation.summary == "ملخص أوضح بعد أسئلة المواطنين."


def test_outcome_overdue_flag(site_tree):
    now = timezone.now()
    overdue = add_page(
        site_tree.agency_a,
        ConsultationPageFactory(opens_at=now - timedelta(weeks=20), closes_at=now - timedelta(weeks=12, days=1)),
    )
    due_soon = add_page(
        site_tree.agency_a,
        ConsultationPageFactory(opens_at=now - timedelta(weeks=20), closes_at=now - timedelta(weeks=11)),
    )
    assert overdue.is_outcome_overdue
    assert not due_soon.is_outcome_overdue
    overdue.outcome = "<p>قررنا.</p>"
    publish_directly(overdue)
    overdue.refresh_from_db()
    assert not overdue.is_outcome_overdue


def test_reviewers_dashboard_lists_overdue_outcomes(site_tree, users, client_for):
    now = timezone.now()
    overdue = add_page(
        site_tree.agency_a,
        ConsultationPageFactory(
            title="مشاورة متأخرة النتائج", opens_at=now - timedelta(weeks=20), closes_at=now - timedelta(weeks=13)
        ),
    )
    dashboard = client_for(users.reviewer).get("/admin/").content.decode()
    assert overdue.title in dashboard
    # Agency A's editor sees it in the "my agency" panel (tests/participation/test_dashboard.py);
    # another agency's editor does not.
    assert overdue.title not in client_for(users.editor2).get("/admin/").content.decode()
