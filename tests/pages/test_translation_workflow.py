"""Translations go through the same approval workflow as everything else, with the
strings the translator typed: drafts until a second person approves them."""

from urllib.parse import urlencode

import pytest
from django.urls import resolve, reverse
from wagtail.models import TaskState
from wagtail_localize.models import StringSegment, TranslationSource

from participation.models import ConsultationPage
from tests.factories import ConsultationPageFactory, add_page, publish_directly

pytestmark = pytest.mark.django_db

ARABIC_TITLE = "مشروع نظام الهوية الرقمية"
ARABIC_SUMMARY = "ملخص بلغة واضحة لما هو مقترح ومن يتأثر به."
ARABIC_PARAGRAPH = "نص المشاورة عن الهوية الرقمية."
ENGLISH = {
    ARABIC_TITLE: "Draft digital identity regulation",
    "digital-id": "digital-identity",
    ARABIC_SUMMARY: "In plain words: what is proposed and whom it affects.",
    ARABIC_PARAGRAPH: "The consultation text on digital identity.",
}


@pytest.fixture
def live_consultation(site_tree):
    return add_page(
        site_tree.agency_a,
        ConsultationPageFactory(
            title=ARABIC_TITLE,
            slug="digital-id",
            summary=ARABIC_SUMMARY,
            body=[("paragraph", f"<p>{ARABIC_PARAGRAPH}</p>")],
        ),
    )


def refused(response):
    """Wagtail's admin answers a refused request with 403, or (for a normal page request)
    a redirect to the dashboard with "Sorry, you do not have permission"."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


def english_version(page, locales):
    return ConsultationPage.objects.filter(translation_key=page.translation_key, locale=locales.en).first()


def submit_for_translation(client, page, locales):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    return client.post(url, {"locales": [locales.en.pk], "include_subtree": ""})


def type_translations(client, page, locales, strings):
    """What the translation editor does when the translator presses "Save" next to a text."""
    source = TranslationSource.objects.get(object_id=page.translation_key, locale=page.locale)
    translation = source.translations.get(target_locale=locales.en)
    typed = 0
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        if segment.string.data in strings:
            url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
            body = urlencode({"value": strings[segment.string.data]})
            response = client.put(url, body, content_type="application/x-www-form-urlencoded")
            assert response.status_code in (200, 201), response.content
            typed += 1
    assert typed == len(strings), "a string to translate was not found among the page's segments"
    return translation


def current_task_state(page):
    return TaskState.objects.get(workflow_state__object_id=str(page.pk), status=TaskState.STATUS_IN_PROGRESS)


def approve(client, page):
    task_state = current_task_state(page)
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])
    return client.post(url, {"comment": ""})


def public_url(page):
    page.refresh_from_db()
    return page.get_url_parts()[2]


def test_translating_a_live_page_creates_an_unpublished_draft(live_consultation, users, locales, client_for):
    assert live_consultation.live
    response = submit_for_translation(client_for(users.editor), live_consultation, locales)
    assert response.status_code == 302

    translation = english_version(live_consultation, locales)
    assert translation is not None
    assert not translation.live
    assert client_for(users.citizen).get(f"/en/agencies/modee/{translation.slug}/").status_code == 404


def test_approved_english_revision_carries_the_translated_strings(live_consultation, users, locales, client_for):
    editor = client_for(users.editor)
    submit_for_translation(editor, live_consultation, locales)
    type_translations(editor, live_consultation, locales, ENGLISH)
    english = english_version(live_consultation, locales)

    # The editor confirms on a page of its own, then sends the translation for approval.
    submit_url = reverse("tawasul_submit_translation", args=[english.pk])
    confirm = editor.get(submit_url)
    assert confirm.status_code == 200
    assert b'<form method="post"' in confirm.content
    assert editor.post(submit_url).status_code == 302

    english.refresh_from_db()
    assert english.workflow_in_progress
    assert not english.live
    under_review = current_task_state(english).revision.as_object()
    assert under_review.title == ENGLISH[ARABIC_TITLE]
    assert under_review.slug == "digital-identity"
    assert under_review.summary == ENGLISH[ARABIC_SUMMARY]
    assert ENGLISH[ARABIC_PARAGRAPH] in str(under_review.body)
    assert ARABIC_PARAGRAPH not in str(under_review.body)

    citizen = client_for(users.citizen)
    assert citizen.get("/en/agencies/modee/digital-identity/").status_code == 404
    assert ENGLISH[ARABIC_TITLE] not in citizen.get("/en/agencies/modee/").content.decode()

    # In the translation editor, a reviewer is offered the version under review and the way to approve it.
    in_editor = client_for(users.reviewer).get(reverse("wagtailadmin_pages:edit", args=[english.pk])).content.decode()
    task_state = current_task_state(english)
    review_preview = reverse("wagtailadmin_pages:workflow_preview", args=[english.pk, task_state.task_id])
    assert review_preview in in_editor
    preview = client_for(users.reviewer).get(review_preview)
    assert preview.status_code == 200
    assert ENGLISH[ARABIC_PARAGRAPH] in preview.content.decode()
    assert 'name="submit-translation"' not in in_editor

    # The editor cannot approve their own translation; a reviewer can.
    approve(editor, english)
    english.refresh_from_db()
    assert not english.live
    approve(client_for(users.reviewer), english)
    english.refresh_from_db()
    assert english.live

    assert ENGLISH[ARABIC_TITLE] in citizen.get("/en/agencies/modee/").content.decode()
    page = citizen.get("/en/agencies/modee/digital-identity/")
    assert page.status_code == 200
    html = page.content.decode()
    assert ENGLISH[ARABIC_TITLE] in html
    assert ENGLISH[ARABIC_SUMMARY] in html
    assert ENGLISH[ARABIC_PARAGRAPH] in html
    assert ARABIC_TITLE not in html
    assert ARABIC_PARAGRAPH not in html


def test_saving_a_draft_does_not_change_the_live_translation(live_consultation, users, locales, client_for):
    editor, reviewer = client_for(users.editor), client_for(users.reviewer)
    submit_for_translation(editor, live_consultation, locales)
    type_translations(editor, live_consultation, locales, ENGLISH)
    english = english_version(live_consultation, locales)
    editor.post(reverse("tawasul_submit_translation", args=[english.pk]))
    approve(reviewer, english)

    type_translations(editor, live_consultation, locales, {ARABIC_TITLE: "A title nobody approved"})
    response = editor.post(reverse("tawasul_save_translation_draft", args=[english.pk]))
    assert response.status_code == 302

    english.refresh_from_db()
    assert english.has_unpublished_changes
    assert english.get_latest_revision_as_object().title == "A title nobody approved"
    html = client_for(users.citizen).get(public_url(english)).content.decode()
    assert ENGLISH[ARABIC_TITLE] in html
    assert "A title nobody approved" not in html


def test_resync_after_the_arabic_changes_makes_a_draft_that_needs_approval(
    live_consultation, users, locales, client_for
):
    editor, reviewer, reviewer2 = client_for(users.editor), client_for(users.reviewer), client_for(users.reviewer2)
    submit_for_translation(editor, live_consultation, locales)
    type_translations(editor, live_consultation, locales, ENGLISH)
    english = english_version(live_consultation, locales)
    editor.post(reverse("tawasul_submit_translation", args=[english.pk]))
    approve(reviewer, english)

    # The Arabic summary changes and is approved.
    new_summary = "ملخص جديد: تشمل الهوية الرقمية المقيمين أيضاً."
    live_consultation.summary = new_summary
    publish_directly(live_consultation, user=users.editor)

    source = TranslationSource.objects.get(object_id=live_consultation.translation_key)
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    assert resolve(sync_url).url_name == "tawasul_update_translations"
    form = editor.get(sync_url)
    assert form.status_code == 200
    assert b"publish_translations" not in form.content
    assert editor.post(sync_url, {"publish_translations": "on"}).status_code == 302

    english.refresh_from_db()
    assert english.live
    assert english.has_unpublished_changes
    assert english.summary == ENGLISH[ARABIC_SUMMARY]  # what the public sees is unchanged
    assert english.get_latest_revision_as_object().summary == new_summary  # the draft follows the source
    html = client_for(users.citizen).get(public_url(english)).content.decode()
    assert ENGLISH[ARABIC_SUMMARY] in html
    assert new_summary not in html

    # The new text is translated and goes live only after approval by someone else.
    new_english = "New summary: digital identity covers residents too."
    type_translations(editor, live_consultation, locales, {new_summary: new_english})
    listing = editor.get(reverse("wagtailadmin_explore", args=[english.get_parent().pk]))
    assert reverse("tawasul_submit_translation", args=[english.pk]) in listing.content.decode()
    editor.post(reverse("tawasul_submit_translation", args=[english.pk]))
    english.refresh_from_db()
    assert english.workflow_in_progress
    assert client_for(users.citizen).get(public_url(english)).content.decode().count(new_english) == 0
    approve(reviewer2, english)
    assert new_english in client_for(users.citizen).get(public_url(english)).content.decode()


def test_submit_button_in_the_page_list_is_a_link_not_a_nested_form(live_consultation, users, locales, client_for):
    editor = client_for(users.editor)
    submit_for_translation(editor, live_consultation, locales)
    english = english_version(live_consultation, locales)
    submit_url = reverse("tawasul_submit_translation", args=[english.pk])

    listing = editor.get(reverse("wagtailadmin_explore", args=[english.get_parent().pk])).content.decode()
    assert f'href="{submit_url}?next=' in listing
    assert f'action="{submit_url}' not in listing
    # The page's own header (its explorer view), also a link.
    page_header = editor.get(reverse("wagtailadmin_explore", args=[english.pk])).content.decode()
    assert f'href="{submit_url}?next=' in page_header
    assert f'action="{submit_url}' not in page_header


def test_translation_editor_offers_save_and_submit_but_never_publish(live_consultation, users, locales, client_for):
    import json
    import re

    editor, reviewer = client_for(users.editor), client_for(users.reviewer)
    submit_for_translation(editor, live_consultation, locales)
    english = english_version(live_consultation, locales)
    edit_url = reverse("wagtailadmin_pages:edit", args=[english.pk])

    for client in (editor, reviewer):
        html = client.get(edit_url).content.decode()
        assert reverse("tawasul_save_translation_draft", args=[english.pk]) in html
        assert f'formaction="{reverse("tawasul_submit_translation", args=[english.pk])}"' in html
        props = re.search(r'data-props="([^"]+)"', html).group(1)
        props = json.loads(props.replace("&quot;", '"').replace("&amp;", "&").replace("&#x27;", "'"))
        assert props["perms"]["canPublish"] is False

    # wagtail-localize's own "Publish" request is refused, for a reviewer too.
    type_translations(reviewer, live_consultation, locales, ENGLISH)
    response = reviewer.post(edit_url, {"action": "publish"})
    assert response.status_code == 302
    english.refresh_from_db()
    assert not english.live
    assert client_for(users.citizen).get("/en/agencies/modee/digital-identity/").status_code == 404


def test_editor_of_another_agency_cannot_submit_translation(live_consultation, users, locales, client_for):
    submit_for_translation(client_for(users.editor), live_consultation, locales)
    translation = english_version(live_consultation, locales)
    other = client_for(users.editor2)
    url = reverse("tawasul_submit_translation", args=[translation.pk])
    assert refused(other.get(url))
    assert refused(other.post(url))
    assert refused(other.post(reverse("tawasul_save_translation_draft", args=[translation.pk])))
    translation.refresh_from_db()
    assert not translation.workflow_in_progress
    assert not translation.live
