"""Agency scope in wagtail-localize: an editor translates, syncs and submits only their own
agency's pages; shared snippets such as topics only reviewers. Reviewers act everywhere."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse
from wagtail_localize.models import StringSegment, TranslationSource

from participation.models import ConsultationPage, Topic
from tests.factories import ConsultationPageFactory, add_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(site_tree):
    """A consultation in each agency, and an unpublished draft in the second."""
    return {
        "a": add_page(site_tree.agency_a, ConsultationPageFactory(slug="a-consultation")),
        "b": add_page(site_tree.agency_b, ConsultationPageFactory(slug="b-consultation")),
        "b draft": add_page(site_tree.agency_b, ConsultationPageFactory(slug="b-draft"), publish=False),
    }


@pytest.fixture
def topic(locales):
    return Topic.objects.create(name="الصحة", locale=locales.ar)


def refused(response):
    """Wagtail's admin answers a refused request with 403, or (for a normal page request)
    a redirect to the dashboard with "Sorry, you do not have permission"."""
    return response.status_code == 403 or (response.status_code == 302 and response.url == reverse("wagtailadmin_home"))


def submit_page_url(page):
    return reverse("wagtail_localize:submit_page_translation", args=[page.pk])


def submit_topic_url(topic):
    return reverse("wagtail_localize:submit_snippet_translation", args=["participation", "topic", topic.pk])


def english_copies(page):
    return ConsultationPage.objects.filter(translation_key=page.translation_key, locale__language_code="en")


def translate(client, page, locales):
    response = client.post(submit_page_url(page), {"locales": [locales.en.pk]})
    assert response.status_code == 302
    return english_copies(page).get()


@pytest.mark.parametrize("which", ["b", "b draft"])
def test_editor_cannot_translate_another_agencys_pages(pages, which, users, locales, client_for):
    editor = client_for(users.editor)
    page = pages[which]
    assert refused(editor.get(submit_page_url(page)))
    assert refused(editor.post(submit_page_url(page), {"locales": [locales.en.pk]}))
    assert not english_copies(page).exists()


def test_editor_translates_own_agencys_page_and_reviewer_any(pages, users, locales, client_for):
    assert client_for(users.editor).get(submit_page_url(pages["a"])).status_code == 200
    assert translate(client_for(users.editor), pages["a"], locales).locale == locales.en
    assert translate(client_for(users.reviewer), pages["b"], locales).locale == locales.en


def test_editor_cannot_translate_topics_reviewer_can(topic, users, locales, client_for):
    editor = client_for(users.editor)
    assert refused(editor.get(submit_topic_url(topic)))
    assert refused(editor.post(submit_topic_url(topic), {"locales": [locales.en.pk]}))
    assert not Topic.objects.filter(translation_key=topic.translation_key, locale=locales.en).exists()

    response = client_for(users.reviewer).post(submit_topic_url(topic), {"locales": [locales.en.pk]})
    assert response.status_code == 302
    assert Topic.objects.filter(translation_key=topic.translation_key, locale=locales.en).exists()


def test_editor_cannot_edit_or_sync_a_topic_translation(topic, users, locales, client_for):
    reviewer, editor = client_for(users.reviewer), client_for(users.editor)
    reviewer.post(submit_topic_url(topic), {"locales": [locales.en.pk]})
    english = Topic.objects.get(translation_key=topic.translation_key, locale=locales.en)
    source = TranslationSource.objects.get(object_id=topic.translation_key)
    translation = source.translations.get(target_locale=locales.en)
    segment = StringSegment.objects.filter(source=source).first()

    edit_url = reverse("wagtailsnippets_participation_topic:edit", args=[english.pk])
    string_url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    sync_url = reverse("wagtail_localize:update_translations", args=[source.pk])
    put = urlencode({"value": "Health"})
    assert refused(editor.get(edit_url))
    assert refused(editor.put(string_url, put, content_type="application/x-www-form-urlencoded"))
    assert refused(editor.get(sync_url))
    assert refused(editor.post(sync_url, {}))

    assert reviewer.get(edit_url).status_code == 200
    assert reviewer.put(string_url, put, content_type="application/x-www-form-urlencoded").status_code in (200, 201)
    assert reviewer.get(sync_url).status_code == 200


def test_sync_is_scoped_to_the_editors_agency(pages, users, locales, client_for):
    reviewer = client_for(users.reviewer)
    english_b = translate(reviewer, pages["b"], locales)
    english_a = translate(client_for(users.editor), pages["a"], locales)
    revisions_of_a = english_a.revisions.count()
    source_b = TranslationSource.objects.get(object_id=pages["b"].translation_key)
    source_a = TranslationSource.objects.get(object_id=pages["a"].translation_key)
    sync_b = reverse("wagtail_localize:update_translations", args=[source_b.pk])
    sync_a = reverse("wagtail_localize:update_translations", args=[source_a.pk])
    revisions_before = english_b.revisions.count()

    editor = client_for(users.editor)
    assert refused(editor.get(sync_b))
    assert refused(editor.post(sync_b, {}))
    assert english_b.revisions.count() == revisions_before

    assert editor.get(sync_a).status_code == 200
    assert editor.post(sync_a, {}).status_code == 302
    assert english_a.revisions.count() == revisions_of_a + 1  # a new draft
    assert reviewer.post(sync_b, {}).status_code == 302
    assert english_b.revisions.count() == revisions_before + 1


def test_editor_cannot_open_or_fill_another_agencys_translation(pages, users, locales, client_for):
    english_b = translate(client_for(users.reviewer), pages["b"], locales)
    source = TranslationSource.objects.get(object_id=pages["b"].translation_key)
    translation = source.translations.get(target_locale=locales.en)
    segment = StringSegment.objects.filter(source=source).first()
    editor = client_for(users.editor)
    revisions_before = english_b.revisions.count()

    edit_url = reverse("wagtailadmin_pages:edit", args=[english_b.pk])
    assert refused(editor.get(edit_url))
    string_url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    put = urlencode({"value": "Hijacked"})
    assert refused(editor.put(string_url, put, content_type="application/x-www-form-urlencoded"))
    preview_url = reverse("wagtail_localize:preview_translation", args=[translation.pk])
    assert refused(editor.get(preview_url))
    for name in ("tawasul_submit_translation", "tawasul_save_translation_draft"):
        assert refused(editor.post(reverse(name, args=[english_b.pk])))
    english_b.refresh_from_db()
    assert english_b.revisions.count() == revisions_before
    assert not english_b.workflow_in_progress

    # The editor of the second agency does all of it.
    editor2 = client_for(users.editor2)
    assert editor2.get(edit_url).status_code == 200
    assert editor2.put(string_url, put, content_type="application/x-www-form-urlencoded").status_code in (200, 201)
    assert editor2.post(reverse("tawasul_submit_translation", args=[english_b.pk])).status_code == 302
    english_b.refresh_from_db()
    assert english_b.workflow_in_progress
