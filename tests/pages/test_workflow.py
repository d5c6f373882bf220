"""The approval workflow as editors and reviewers meet it in the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.models import Page, TaskState, WorkflowState
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from participation.models import ConsultationPage
from tests.factories import ConsultationPageFactory, add_page

pytestmark = pytest.mark.django_db


def consultation_form(title="مشروع نظام الخدمات الرقمية", slug="digital-services", **extra):
    data = {
        "title": title,
        "slug": slug,
        "consultation_type": "regulation",
        "summary": "نقترح تنظيم الخدمات الرقمية ونريد سماع آرائكم.",
        "opens_at": "2030-01-01 09:00",
        "closes_at": "2030-01-20 23:59",
        "body": streamfield([("paragraph", rich_text("<p>نص المشروع.</p>"))]),
        "documents": streamfield([]),
        "outcome": rich_text(""),
    }
    data.update(extra)
    return nested_form_data(data)


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["participation", "consultationpage", parent.pk])


def approve_url(page, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def current_task_state(page):
    return TaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS).specific


def test_editor_cannot_publish_directly(site_tree, users, client_for):
    client = client_for(users.editor)
    response = client.post(add_url(site_tree.agency_a), consultation_form(**{"action-publish": "publish"}))

    assert response.status_code in (200, 302)
    page = ConsultationPage.objects.get(slug="digital-services")
    assert not page.live
    assert not page.permissions_for_user(users.editor).can_publish()


def test_editor_submits_and_page_goes_live_only_after_reviewer_approves(site_tree, users, client_for):
    editor = client_for(users.editor)
    response = editor.post(add_url(site_tree.agency_a), consultation_form(**{"action-submit": "submit"}))
    assert response.status_code == 302

    page = ConsultationPage.objects.get(slug="digital-services")
    assert not page.live
    assert page.workflow_in_progress
    assert page.current_workflow_state.workflow.name == "Ministry approval"
    assert editor.get(page.url or f"/ar/agencies/modee/{page.slug}/").status_code == 404

    reviewer = client_for(users.reviewer)
    response = reviewer.post(approve_url(page, current_task_state(page)), {"comment": ""})
    assert response.status_code == 302

    page.refresh_from_db()
    assert page.live
    assert not page.workflow_in_progress
    assert reviewer.get("/ar/agencies/modee/digital-services/").status_code == 200


def test_rejection_returns_page_to_editor_with_comment(site_tree, users, client_for):
    editor = client_for(users.editor)
    editor.post(add_url(site_tree.agency_a), consultation_form(**{"action-submit": "submit"}))
    page = ConsultationPage.objects.get(slug="digital-services")
    task_state = current_task_state(page)

    reviewer = client_for(users.reviewer)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "reject", task_state.pk])
    reviewer.post(url, {"comment": "يرجى توضيح الفئات المتأثرة."})

    page.refresh_from_db()
    assert not page.live
    state = WorkflowState.objects.get(object_id=str(page.pk))
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    task_state.refresh_from_db()
    assert task_state.comment == "يرجى توضيح الفئات المتأثرة."
    # The editor can edit and resubmit.
    assert page.permissions_for_user(users.editor).can_edit()


def test_submitter_cannot_approve_own_revision_even_as_reviewer(site_tree, users, client_for):
    reviewer = client_for(users.reviewer)
    reviewer.post(add_url(site_tree.agency_a), consultation_form(**{"action-submit": "submit"}))
    page = ConsultationPage.objects.get(slug="digital-services")
    task_state = current_task_state(page)

    assert [a for a in task_state.task.specific.get_actions(page, users.reviewer) if a[0] == "approve"] == []
    response = reviewer.post(approve_url(page, task_state), {"comment": ""})
    assert response.status_code in (302, 403)  # Wagtail's admin turns the refusal into a redirect
    page.refresh_from_db()
    assert not page.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS

    # The approval task does not appear on their own dashboard either.
    assert not task_state.task.specific.get_task_states_user_can_moderate(users.reviewer).exists()

    # Another reviewer can approve.
    response = client_for(users.reviewer2).post(approve_url(page, task_state), {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live


def test_author_of_revision_cannot_approve_it(site_tree, users, client_for):
    """A reviewer who edits a page under review wrote that revision, so someone else must approve it."""
    editor = client_for(users.editor)
    editor.post(add_url(site_tree.agency_a), consultation_form(**{"action-submit": "submit"}))
    page = ConsultationPage.objects.get(slug="digital-services")
    page.title = "عنوان عدله المراجع"
    page.save_revision(user=users.reviewer)
    task_state = current_task_state(page)
    task_state.revision = page.get_latest_revision()
    task_state.save()

    client_for(users.reviewer).post(approve_url(page, task_state), {"comment": ""})
    page.refresh_from_db()
    assert not page.live
    task_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS


def test_editor_cannot_approve(site_tree, users, client_for):
    client_for(users.editor).post(add_url(site_tree.agency_a), consultation_form(**{"action-submit": "submit"}))
    page = ConsultationPage.objects.get(slug="digital-services")
    client_for(users.editor2).post(approve_url(page, current_task_state(page)), {"comment": ""})
    page.refresh_from_db()
    assert not page.live


def test_editor_cannot_add_or_edit_in_another_agency(site_tree, users, client_for):
    other = add_page(site_tree.agency_b, ConsultationPageFactory(slug="lob-draft"))
    editor = client_for(users.editor)

    response = editor.post(add_url(site_tree.agency_b), consultation_form(slug="intruder"))
    assert response.status_code in (302, 403)
    assert not ConsultationPage.objects.filter(slug="intruder").exists()

    response = editor.get(reverse("wagtailadmin_pages:edit", args=[other.pk]))
    assert response.status_code in (302, 403)
    response = editor.post(reverse("wagtailadmin_pages:edit", args=[other.pk]), consultation_form(title="مختطف"))
    other.refresh_from_db()
    assert other.title != "مختطف"
    assert not other.get_latest_revision().as_object().title == "مختطف"

    # ... while the other agency's own editor can.
    assert other.permissions_for_user(users.editor2).can_edit()
    assert not other.permissions_for_user(users.editor).can_edit()


def test_editor_cannot_edit_shared_pages(site_tree, users):
    for page in (site_tree.home, site_tree.consultations, site_tree.agencies):
        perms = page.permissions_for_user(users.editor)
        assert not perms.can_edit()
        assert not perms.can_add_subpage()


def test_nobody_publishes_directly_but_reviewers_unpublish_and_lock(site_tree, users):
    """Publishing goes through approval for everyone, superusers included (pages.publishing);
    reviewers keep unpublishing and locking, editors get neither."""
    from tests.factories import UserFactory

    superuser = UserFactory(username="root", is_superuser=True, is_staff=True)
    draft = add_page(site_tree.agency_a, ConsultationPageFactory(live=False), publish=False)
    live = add_page(site_tree.agency_a, ConsultationPageFactory())
    for user in (users.reviewer, users.editor, users.editor2, superuser):
        for page in Page.objects.all():
            assert not page.permissions_for_user(user).can_publish()
        assert not site_tree.agency_a.permissions_for_user(user).can_publish_subpage()
    for user in (users.reviewer, superuser):
        perms = live.permissions_for_user(user)
        assert perms.can_unpublish() and perms.can_lock() and perms.can_edit()
        assert draft.permissions_for_user(user).can_edit()
    assert not live.permissions_for_user(users.editor).can_unpublish()
    assert not live.permissions_for_user(users.editor).can_lock()


def test_new_agency_gets_its_own_editors_group(site_tree):
    from tests.factories import AgencyPageFactory

    agency = add_page(site_tree.agencies, AgencyPageFactory(title="وزارة الصحة", slug="moh"))
    agency.refresh_from_db()
    assert agency.editors_group.name == "وزارة الصحة editors"
    assert agency.collection.name == "وزارة الصحة"
    assert agency.editors_group.page_permissions.filter(page=agency).count() == 2


def test_setup_roles_is_idempotent(site_tree):
    from django.contrib.auth.models import Group
    from wagtail.models import GroupPagePermission, Workflow

    from pages.roles import setup_roles

    before = (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count())
    setup_roles()
    setup_roles()
    assert (Group.objects.count(), GroupPagePermission.objects.count(), Workflow.objects.count()) == before
