"""Four eyes on every path that makes a page live (pages.publishing).

Each way a page can go live or change while live is tried as a browser would (POSTs to
the real admin views), as a ministry reviewer and as a superuser: it is refused, or it
saves a draft that goes live only when a second person approves it.
"""

import io
import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page, Revision, TaskState, get_page_models

from pages.publishing import FourEyesPageMixin, FourEyesPagePermissionTester, PublishingRefused
from participation.models import ConsultationPage, ConsultationRules
from tests.factories import ConsultationPageFactory, UserFactory, add_page, publish_directly, translate_page
from tests.pages.test_workflow import add_url, approve_url, consultation_form, current_task_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture(params=["reviewer", "superuser"])
def actor(request, users, superuser):
    """Someone who could publish anything in a plain Wagtail site."""
    return superuser if request.param == "superuser" else users.reviewer


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def submitted_by_editor(site_tree, users, client_for, **fields):
    response = client_for(users.editor).post(
        add_url(site_tree.agency_a), consultation_form(**fields, **{"action-submit": "submit"})
    )
    assert response.status_code == 302
    page = ConsultationPage.objects.get(slug=fields.get("slug", "digital-services"))
    assert page.workflow_in_progress
    return page


def one_day_draft_law(parent):
    now = timezone.now()
    return add_page(
        parent,
        ConsultationPageFactory(
            live=False, slug="one-day-law", consultation_type="draft_law", opens_at=now, closes_at=now + timedelta(1)
        ),
        publish=False,
    )


# --- The edit and create forms ----------------------------------------------------------------------------------------


def test_publish_in_edit_form_saves_a_draft_keeps_the_review_and_needs_another_approver(
    site_tree, users, actor, client_for
):
    page = submitted_by_editor(site_tree, users, client_for)
    client = client_for(actor)
    assert 'name="action-publish"' not in client.get(edit_url(page)).content.decode()

    client.post(edit_url(page), consultation_form(title="نص كتبه المراجع", **{"action-publish": "action-publish"}))

    page.refresh_from_db()
    assert not page.live
    assert page.workflow_in_progress  # the review was not cancelled
    latest = page.get_latest_revision()
    assert latest.user == actor and latest.as_object().title == "نص كتبه المراجع"

    # Having written that text, they cannot approve it ...
    task_state = current_task_state(page)
    assert "approve" not in [name for name, *_ in task_state.task.specific.get_actions(page, actor)]
    client.post(approve_url(page, task_state), {"comment": ""})
    page.refresh_from_db()
    assert not page.live

    # ... a second reviewer can, and their text goes live.
    response = client_for(users.reviewer2).post(approve_url(page, current_task_state(page)), {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.title == "نص كتبه المراجع"
    assert Client().get(page.url).status_code == 200


def test_approving_with_own_edits_in_the_edit_form_is_refused(site_tree, users, client_for):
    page = submitted_by_editor(site_tree, users, client_for)
    data = consultation_form(
        title="تعديل ثم موافقة", **{"action-workflow-action": "1", "workflow-action-name": "approve"}
    )
    client_for(users.reviewer).post(edit_url(page), data)

    page.refresh_from_db()
    assert not page.live
    assert current_task_state(page).status == TaskState.STATUS_IN_PROGRESS


def test_publish_in_create_form_saves_a_draft(site_tree, actor, client_for):
    client = client_for(actor)
    assert 'name="action-publish"' not in client.get(add_url(site_tree.agency_a)).content.decode()
    response = client.post(add_url(site_tree.agency_a), consultation_form(**{"action-publish": "action-publish"}))
    assert response.status_code == 302
    page = ConsultationPage.objects.get(slug="digital-services")
    assert not page.live and page.live_revision is None


def test_revert_to_an_earlier_revision_and_publish_is_refused(site_tree, actor, client_for):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(title="النص الأول", slug="reverted"))
    first = page.live_revision
    page.title = "النص المعتمد الحالي"
    current = publish_directly(page)

    url = reverse("wagtailadmin_pages:revisions_revert", args=[page.pk, first.pk])
    client = client_for(actor)
    assert 'name="action-publish"' not in client.get(url).content.decode()
    client.post(url, consultation_form(title="النص الأول", slug="reverted", **{"action-publish": "action-publish"}))

    page.refresh_from_db()
    assert page.live_revision_id == current.pk
    assert Client().get(page.url).content.decode().count("النص المعتمد الحالي") >= 1


# --- Bulk publish -----------------------------------------------------------------------------------------------------


def test_bulk_publish_is_not_offered_and_refused_for_a_one_day_draft_law(site_tree, actor, client_for):
    page = one_day_draft_law(site_tree.agency_a)
    client = client_for(actor)
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])

    listing = client.get(reverse("wagtailadmin_explore", args=[site_tree.agency_a.pk])).content.decode()
    assert reverse("wagtail_bulk_action", args=["wagtailcore", "page", "unpublish"]) in listing
    buttons = re.findall(r"<[^>]*" + re.escape(bulk) + r"[^>]*>", listing)
    assert buttons and all("w-hidden" in button for button in buttons)

    client.post(f"{bulk}?id={page.pk}", {"include_descendants": "on"})
    page.refresh_from_db()
    assert not page.live
    assert Client().get(f"/ar/agencies/modee/{page.slug}/").status_code == 404


# --- Copies, aliases, moves -------------------------------------------------------------------------------------------


def test_copy_of_a_live_page_is_a_draft(site_tree, actor, client_for):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(slug="original"))
    url = reverse("wagtailadmin_pages:copy", args=[page.pk])
    client = client_for(actor)
    form = client.get(url).content.decode()
    assert 'name="publish_copies"' not in form and 'name="alias"' not in form

    client.post(
        url,
        {
            "new_title": "نسخة",
            "new_slug": "copy-of-original",
            "new_parent_page": site_tree.agency_a.pk,
            "publish_copies": "on",
            "alias": "on",
        },
    )
    copy = Page.objects.get(slug="copy-of-original")
    assert not copy.live and copy.alias_of_id is None
    assert Client().get("/ar/agencies/modee/copy-of-original/").status_code == 404


def test_converting_an_alias_changes_nothing_visible_so_it_needs_no_approval(site_tree, users, client_for):
    """An alias shows its live original's approved content (wagtail-localize makes them for untranslated
    parents); turning it into a page of its own publishes nothing new."""
    original = add_page(site_tree.agency_a, ConsultationPageFactory(title="النص المعتمد", slug="original"))
    alias = original.create_alias(parent=site_tree.agency_b, update_slug="alias-of-original")
    assert alias.live

    response = client_for(users.reviewer).post(reverse("wagtailadmin_pages:convert_alias", args=[alias.pk]))
    assert response.status_code == 302
    alias.refresh_from_db()
    assert alias.alias_of_id is None and alias.live and alias.title == "النص المعتمد"


def test_a_live_page_cannot_be_moved(site_tree, actor, client_for):
    live = add_page(site_tree.agency_a, ConsultationPageFactory(slug="stays"))
    client = client_for(actor)
    assert not live.permissions_for_user(actor).can_move()

    client.post(reverse("wagtailadmin_pages:move_confirm", args=[live.pk, site_tree.agency_b.pk]))
    live.refresh_from_db()
    assert live.get_parent().pk == site_tree.agency_a.pk
    assert Client().get("/ar/agencies/modee/stays/").status_code == 200

    # A draft that was never published has no public address: it may move.
    draft = add_page(site_tree.agency_a, ConsultationPageFactory(slug="draft-moves", live=False), publish=False)
    assert draft.permissions_for_user(actor).can_move()
    client.post(reverse("wagtailadmin_pages:move_confirm", args=[draft.pk, site_tree.agency_b.pk]))
    draft.refresh_from_db()
    assert draft.get_parent().pk == site_tree.agency_b.pk


def test_moving_live_pages_in_code_or_with_move_pages_is_refused(site_tree):
    live = add_page(site_tree.agency_a, ConsultationPageFactory(slug="stays"))
    with pytest.raises(PublishingRefused):
        live.move(site_tree.agency_b, pos="last-child")
    with pytest.raises(PublishingRefused):
        call_command("move_pages", site_tree.agency_a.pk, site_tree.agency_b.pk)
    live.refresh_from_db()
    assert live.get_parent().pk == site_tree.agency_a.pk


# --- wagtail-localize -------------------------------------------------------------------------------------------------


def test_translation_editor_publish_is_refused(site_tree, users, locales, actor, client_for):
    from tests.pages.test_translation_workflow import submit_for_translation, type_translations

    page = add_page(site_tree.agency_a, ConsultationPageFactory(title="مشروع", slug="to-translate"))
    assert submit_for_translation(client_for(users.editor), page, locales).status_code == 302
    english = ConsultationPage.objects.get(translation_key=page.translation_key, locale=locales.en)
    type_translations(client_for(users.editor), page, locales, {"مشروع": "Draft"})

    client_for(actor).post(edit_url(english), {"action": "publish"})
    english.refresh_from_db()
    assert not english.live
    assert not english.permissions_for_user(actor).can_publish()


def test_localize_cannot_write_into_a_live_translation(
    site_tree, users, locales, client_for, django_capture_on_commit_callbacks
):
    """The backstop under wagtail-localize's own publish and update code, which write the page's row."""
    from wagtail_localize.models import Translation, TranslationSource

    page = add_page(site_tree.agency_a, ConsultationPageFactory(title="مشروع", slug="translated"))
    english = translate_page(page, title="Approved English title", slug="translated")
    source, _ = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(source=source, target_locale=locales.en)

    with pytest.raises(PublishingRefused), django_capture_on_commit_callbacks(execute=True):
        translation.save_target(user=users.reviewer, publish=True)
    english.refresh_from_db()
    assert english.title == "Approved English title"

    # "Update translations" with "Publish immediately", after the Arabic page changed: drafts at most.
    page.title = "مشروع معدل"
    publish_directly(page)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    with django_capture_on_commit_callbacks(execute=True):
        client_for(users.reviewer).post(url, {"publish_translations": "on"})
    english.refresh_from_db()
    assert english.title == "Approved English title"
    assert "Approved English title" in Client().get(english.url).content.decode()


# --- Scheduled publishing ---------------------------------------------------------------------------------------------


def run_publish_scheduled():
    out, err = io.StringIO(), io.StringIO()
    call_command("publish_scheduled", stdout=out, stderr=err)
    return err.getvalue()


def let_time_pass(revision):
    """The revision's go-live time arrives."""
    past = timezone.now() - timedelta(minutes=1)
    content = dict(revision.content, go_live_at=past.isoformat())
    Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=past, content=content)


def test_schedule_without_approval_is_refused(site_tree, users, actor, client_for):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(slug="scheduled", live=False), publish=False)
    # The edit form's "Publish" with a go-live date schedules nothing ...
    client_for(actor).post(
        edit_url(page),
        consultation_form(slug="scheduled", go_live_at="2030-01-01 08:00", **{"action-publish": "action-publish"}),
    )
    assert not Revision.page_revisions.filter(object_id=str(page.pk), approved_go_live_at__isnull=False).exists()

    # ... and a revision scheduled behind the workflow's back (e.g. in the shell) is unscheduled when due.
    revision = page.save_revision(user=actor)
    let_time_pass(revision)
    errors = run_publish_scheduled()
    page.refresh_from_db()
    revision.refresh_from_db()
    assert not page.live
    assert revision.approved_go_live_at is None
    assert "Not published" in errors and f"page {page.pk}" in errors


def test_approved_schedule_goes_live_when_due(site_tree, users, client_for):
    page = submitted_by_editor(site_tree, users, client_for, go_live_at="2030-01-01 08:00")
    client_for(users.reviewer).post(approve_url(page, current_task_state(page)), {"comment": ""})
    page.refresh_from_db()
    assert not page.live  # scheduled, not yet due
    revision = Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False)

    let_time_pass(revision)
    assert run_publish_scheduled() == ""
    page.refresh_from_db()
    assert page.live and page.live_revision_id == revision.pk


def test_approved_schedule_that_breaks_the_rules_when_due_is_refused(site_tree, users, client_for):
    page = submitted_by_editor(
        site_tree, users, client_for, consultation_type="draft_law", go_live_at="2030-01-01 08:00"
    )
    client_for(users.reviewer).post(approve_url(page, current_task_state(page)), {"comment": ""})
    revision = Revision.page_revisions.get(object_id=str(page.pk), approved_go_live_at__isnull=False)
    rules = ConsultationRules.load()
    rules.draft_law_minimum_days = 30  # the rules tightened before the go-live time came
    rules.save()

    let_time_pass(revision)
    errors = run_publish_scheduled()
    page.refresh_from_db()
    assert not page.live
    assert "30" in errors


# --- The workflow, the API, and code ----------------------------------------------------------------------------------


def test_second_reviewer_approval_publishes(site_tree, users, client_for):
    page = submitted_by_editor(site_tree, users, client_for)
    assert Client().get("/ar/agencies/modee/digital-services/").status_code == 404
    client_for(users.reviewer2).post(approve_url(page, current_task_state(page)), {"comment": ""})
    page.refresh_from_db()
    assert page.live
    assert Client().get("/ar/agencies/modee/digital-services/").status_code == 200


def test_reviewers_still_unpublish(site_tree, users, client_for):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(slug="withdrawn"))
    client_for(users.reviewer).post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    page.refresh_from_db()
    assert not page.live


def test_api_is_read_only(site_tree, users, client_for):
    """The public API (v2) only reads; Wagtail's writing API (v3) is not installed."""
    draft = add_page(site_tree.agency_a, ConsultationPageFactory(slug="not-in-the-api", live=False), publish=False)
    client = Client()
    assert client.get("/api/v2/pages/").status_code == 200
    for method in (client.post, client.put, client.patch, client.delete):
        assert method("/api/v2/pages/", {}).status_code in (403, 405)
    reviewer = client_for(users.reviewer)
    for url in (f"/api/v3/pages/{draft.pk}/actions/publish/", f"/admin/api/v3/pages/{draft.pk}/actions/publish/"):
        assert reviewer.post(url, {}, follow=True).status_code == 404
    draft.refresh_from_db()
    assert not draft.live


def test_code_cannot_publish_create_live_or_change_a_live_page(site_tree, users):
    draft = add_page(site_tree.agency_a, ConsultationPageFactory(slug="draft", live=False), publish=False)
    with pytest.raises(PublishingRefused):
        draft.save_revision(user=users.reviewer).publish(user=users.reviewer2, skip_permission_checks=True)
    assert not Page.objects.get(pk=draft.pk).live

    with pytest.raises(PublishingRefused):
        site_tree.agency_a.add_child(instance=ConsultationPageFactory(slug="born-live"))
    assert not Page.objects.filter(slug="born-live").exists()

    live = add_page(site_tree.agency_a, ConsultationPageFactory(title="العنوان المعتمد", slug="live"))
    live.title = "عنوان لم يعتمده أحد"
    with pytest.raises(PublishingRefused):
        live.save()
    assert Page.objects.get(pk=live.pk).title == "العنوان المعتمد"


def test_every_page_type_uses_the_four_eyes_rules(users):
    for model in get_page_models():
        if model is Page:
            continue
        assert issubclass(model, FourEyesPageMixin), model
        assert isinstance(model().permissions_for_user(users.reviewer), FourEyesPagePermissionTester)
