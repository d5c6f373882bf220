"""Translations are drafts until a ministry reviewer approves them."""

import pytest
from django.urls import resolve, reverse
from wagtail.models import Page, TaskState

from participation.models import ConsultationPage
from tests.factories import ConsultationPageFactory, add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def live_consultation(site_tree):
    # The agency page itself must exist in English before its children can be translated.
    return add_page(site_tree.agency_a, ConsultationPageFactory(slug="digital-id"))


def english_version(page, locales):
    return ConsultationPage.objects.filter(translation_key=page.translation_key, locale=locales.en).first()


def submit_for_translation(client, page, locales):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return client.post(url, {"locales": [locales.en.pk], "include_subtree": ""})


def test_translating_a_live_page_creates_an_unpublished_draft(live_consultation, users, locales, client_for):
    assert live_consultation.live
    response = submit_for_translation(client_for(users.editor), live_consultation, locales)
    assert response.status_code == 302

    translation = english_version(live_consultation, locales)
    assert translation is not None
    assert not translation.live
    assert client_for(users.citizen).get(f"/en/agencies/modee/{translation.slug}/").status_code == 404


def test_syncing_a_translation_cannot_publish_it(live_consultation, users, locales, client_for):
    from wagtail_localize.models import TranslationSource

    editor = client_for(users.editor)
    submit_for_translation(editor, live_consultation, locales)
    source = TranslationSource.objects.get(object_id=live_consultation.translation_key)

    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert resolve(url).url_name == "tawasul_update_translations"
    page = editor.get(url)
    assert page.status_code == 200
    assert b"publish_translations" not in page.content

    editor.post(url, {"publish_translations": "on"})
    assert not english_version(live_consultation, locales).live


def test_translation_goes_live_only_after_reviewer_approves(live_consultation, users, locales, client_for):
    editor = client_for(users.editor)
    submit_for_translation(editor, live_consultation, locales)
    translation = english_version(live_consultation, locales)

    # The editor sends the translated draft for approval from the page listing.
    listing = editor.get(reverse("wagtailadmin_explore", args=[translation.get_parent().pk]))
    assert reverse("tawasul_submit_translation", args=[translation.pk]) in listing.content.decode()
    response = editor.post(reverse("tawasul_submit_translation", args=[translation.pk]))
    assert response.status_code == 302
    translation.refresh_from_db()
    assert translation.workflow_in_progress
    assert not translation.live

    task_state = TaskState.objects.get(workflow_state__object_id=str(translation.pk), status="in_progress")
    # The editor who submitted cannot approve; a reviewer can.
    assert translation.permissions_for_user(users.editor).can_publish() is False
    approve = reverse("wagtailadmin_pages:workflow_action", args=[translation.pk, "approve", task_state.pk])
    client_for(users.reviewer).post(approve, {"comment": ""})

    translation.refresh_from_db()
    assert translation.live
    assert client_for(users.citizen).get(f"/en/agencies/modee/{translation.slug}/").status_code == 200


def test_editor_of_another_agency_cannot_submit_translation(live_consultation, users, locales, client_for):
    submit_for_translation(client_for(users.editor), live_consultation, locales)
    translation = english_version(live_consultation, locales)
    client_for(users.editor2).post(reverse("tawasul_submit_translation", args=[translation.pk]))
    translation.refresh_from_db()
    assert not translation.workflow_in_progress
    assert Page.objects.get(pk=translation.pk).live is False
