"""Agency scope on every admin surface: an agency's editors and moderators see and act on
their own agency only; ministry reviewers see everything.

Each agency (in Arabic and English) has a never-published draft in each language, a live
page with unpublished changes (its draft title is what the admin shows), a page in
review, a translation in wagtail-localize, an image, a document and a moderated comment.
Every test asks the real admin addresses as the editor and the moderator of each agency
(four people) and checks the status code and that the other agency's titles, people and
comment decisions are absent from the HTML or JSON that comes back.
"""

import re
from types import SimpleNamespace

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation, TranslationSource

from participation.moderation import moderate
from participation.services import post_comment
from tests.factories import ConsultationPageFactory, UserFactory, add_page, translate_page
from tests.participation.conftest import make_citizen, participation_body

pytestmark = pytest.mark.django_db


def refused(response):
    """Wagtail answers PermissionDenied in the admin with a redirect to the dashboard (and a message)."""
    return response.status_code in (403, 404) or (response.status_code == 302 and response["Location"] == "/admin/")


def html_of(response):
    """The text a person's browser gets: the page, the chooser modal's HTML inside its JSON, or a CSV download."""
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode()
    if response.get("Content-Type", "").startswith("application/json") and b'"html"' in response.content:
        return response.json()["html"]
    return response.content.decode()


def _agency_content(agency, name, editor):
    slug = name.lower()
    draft = add_page(agency, ConsultationPageFactory(title=f"{name}-DRAFT-TITLE", slug=f"{slug}-draft"), publish=False)
    live = add_page(
        agency,
        ConsultationPageFactory(title=f"{name}-LIVE-TITLE", slug=f"{slug}-live", body=participation_body()),
    )
    live.title = f"{name}-PENDING-TITLE"
    live.save_revision(user=editor)
    live.refresh_from_db()
    in_review = add_page(
        agency,
        ConsultationPageFactory(title=f"{name}-REVIEW-TITLE", slug=f"{slug}-review"),
        publish=False,
        user=editor,
    )
    in_review.get_workflow().start(in_review, editor)
    agency_en = translate_page(agency, title=f"{name} agency")
    draft_en = add_page(
        agency_en, ConsultationPageFactory(title=f"{name}-EN-DRAFT-TITLE", slug=f"{slug}-en-draft"), publish=False
    )
    source, _ = TranslationSource.get_or_create_from_instance(draft)
    Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="en"))
    agency.refresh_from_db()
    image = get_image_model().objects.create(
        title=f"{name}-IMAGE-TITLE", file=get_test_image_file(), collection_id=agency.collection_id
    )
    document = get_document_model().objects.create(
        title=f"{name}-DOCUMENT-TITLE",
        file=ContentFile(b"%PDF-1.4 test", name=f"{slug}.pdf"),
        collection_id=agency.collection_id,
    )
    return SimpleNamespace(
        name=name,
        agency=agency,
        agency_en=agency_en,
        draft=draft,
        draft_en=draft_en,
        live=live,
        in_review=in_review,
        image=image,
        document=document,
        secrets=[
            f"{name}-DRAFT-TITLE",
            f"{name}-EN-DRAFT-TITLE",
            f"{name}-PENDING-TITLE",
            f"{name}-REVIEW-TITLE",
            f"{name}-IMAGE-TITLE",
            f"{name}-DOCUMENT-TITLE",
        ],
    )


@pytest.fixture
def world(site_tree, users):
    a = _agency_content(site_tree.agency_a, "ALPHA", users.editor)
    b = _agency_content(site_tree.agency_b, "BRAVO", users.editor2)
    moderator = UserFactory(username="moderator", groups=[site_tree.agency_a.moderators_group])
    moderator2 = UserFactory(username="moderator2", groups=[site_tree.agency_b.moderators_group])
    citizen = make_citizen("layla")
    for agency, mod in ((a, moderator), (b, moderator2)):
        agency.comment = post_comment(agency.live, citizen, "ask-pre", "تعليق")
        moderate(agency.comment, mod, "approve")
        agency.comment_label = f"Comment #{agency.comment.pk}"
    a.people, b.people = ("editor", "moderator"), ("editor2", "moderator2")
    return SimpleNamespace(
        a=a,
        b=b,
        editors=[(users.editor, a, b), (users.editor2, b, a)],
        scoped=[(users.editor, a, b), (users.editor2, b, a), (moderator, a, b), (moderator2, b, a)],
        reviewer=users.reviewer,
        site_tree=site_tree,
    )


def assert_nothing_of(other, response, what=""):
    text = response if isinstance(response, str) else html_of(response)
    for secret in [*other.secrets, other.comment_label]:
        assert secret not in text, f"{what}: {secret}"
    for username in other.people:  # the other agency's people, as a user filter option or a column
        assert not re.search(rf"[>\s]{username}\s*<", text), f"{what}: {username}"


# Page chooser (browse, search, the rich-text "link to page", chosen-multiple) ---------------


def test_page_chooser_browse_offers_only_own_agency(world, client_for):
    tree = world.site_tree
    for user, own, other in world.scoped:
        client = client_for(user)
        for url in (
            reverse("wagtailadmin_choose_page"),
            reverse("wagtailadmin_choose_page") + "?locale=en",
            reverse("wagtailadmin_choose_page_child", args=[tree.home.pk]) + "?allow_external_link=true",
            reverse("wagtailadmin_choose_page_child", args=[tree.agencies.pk]),
            reverse("wagtailadmin_choose_page_child", args=[own.agency.pk]),
            reverse("wagtailadmin_choose_page_child", args=[own.agency_en.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 200, (user, url)
            assert_nothing_of(other, response, f"{user} {url}")
            assert other.agency.title not in html_of(response), (user, url)


def test_page_chooser_lists_own_drafts_in_both_languages_and_walks_down_without_choosing_ancestors(world, client_for):
    tree = world.site_tree
    for user, own, _other in world.editors:
        client = client_for(user)
        html = html_of(client.get(reverse("wagtailadmin_choose_page_child", args=[own.agency.pk])))
        assert f"{own.name}-DRAFT-TITLE" in html and f"{own.name}-PENDING-TITLE" in html
        assert f'data-id="{own.draft.pk}"' in html  # choosable
        html = html_of(client.get(reverse("wagtailadmin_choose_page_child", args=[own.agency_en.pk])))
        assert f"{own.name}-EN-DRAFT-TITLE" in html
        html = html_of(client.get(reverse("wagtailadmin_choose_page_child", args=[tree.agencies.pk])))
        assert own.agency.title in html
        assert f'data-id="{own.agency.pk}"' in html
        assert f'data-id="{tree.agencies.pk}"' not in html  # shown to walk down, not offered
        assert reverse("wagtailadmin_choose_page_child", args=[own.agency.pk]) in html


def test_page_chooser_refuses_to_open_another_agency(world, client_for):
    for user, _own, other in world.scoped:
        client = client_for(user)
        for page in (other.agency, other.agency_en, other.draft, other.live):
            response = client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk]))
            assert refused(response), (user, page)
            assert_nothing_of(other, response, f"{user} {page}")
            response = client.get(
                reverse("wagtailadmin_choose_page_child", args=[page.pk]), HTTP_X_REQUESTED_WITH="XMLHttpRequest"
            )
            assert response.status_code == 403


def test_page_chooser_search_finds_own_agency_only(world, client_for):
    for user, _own, other in world.scoped:
        client = client_for(user)
        for query in (other.name, f"{other.name}-LIVE-TITLE", f"{other.name}-DRAFT-TITLE", "TITLE"):
            response = client.get(reverse("wagtailadmin_choose_page_search"), {"q": query})
            assert response.status_code == 200
            assert_nothing_of(other, response, f"{user} q={query}")
    for user, own, _other in world.editors:
        response = client_for(user).get(reverse("wagtailadmin_choose_page_search"), {"q": f"{own.name}-LIVE-TITLE"})
        assert f"{own.name}-PENDING-TITLE" in html_of(response)


def test_page_chooser_chosen_multiple_refuses_other_agency_ids(world, client_for):
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    for user, own, other in world.scoped:
        response = client_for(user).get(url, {"id": [own.draft.pk, other.draft.pk]})
        assert refused(response), user
        assert_nothing_of(other, response, user)
    for user, own, _other in world.editors:
        response = client_for(user).get(url, {"id": [own.draft.pk]})
        assert response.status_code == 200
        assert f"{own.name}-DRAFT-TITLE" in html_of(response)


def test_reviewer_page_chooser_sees_every_agency(world, client_for):
    client = client_for(world.reviewer)
    for own in (world.a, world.b):
        html = html_of(client.get(reverse("wagtailadmin_choose_page_child", args=[own.agency.pk])))
        assert own.draft.title in html
    html = html_of(client.get(reverse("wagtailadmin_choose_page_search"), {"q": "LIVE"}))
    assert "ALPHA-PENDING-TITLE" in html and "BRAVO-PENDING-TITLE" in html
    html = html_of(client.get(reverse("wagtailadmin_choose_page_child", args=[world.site_tree.agencies.pk])))
    assert f'data-id="{world.a.agency.pk}"' in html and f'data-id="{world.b.agency.pk}"' in html


# Image and document choosers ----------------------------------------------------------------


def test_image_and_document_choosers_show_own_collection_only(world, client_for):
    for user, _own, other in world.scoped:
        client = client_for(user)
        for url in (
            reverse("wagtailimages_chooser:choose"),
            reverse("wagtailimages_chooser:choose_results") + "?q=IMAGE",
            reverse("wagtaildocs_chooser:choose"),
            reverse("wagtaildocs_chooser:choose_results") + "?q=DOCUMENT",
        ):
            response = client.get(url)
            assert response.status_code == 200 or refused(response), (user, url)
            assert_nothing_of(other, response, f"{user} {url}")
        for url in (
            reverse("wagtailimages_chooser:chosen", args=[other.image.pk]),
            reverse("wagtaildocs_chooser:chosen", args=[other.document.pk]),
            reverse("wagtailimages:edit", args=[other.image.pk]),
            reverse("wagtaildocs:edit", args=[other.document.pk]),
        ):
            response = client.get(url)
            assert refused(response), (user, url)
            assert_nothing_of(other, response, f"{user} {url}")


def test_editor_image_and_document_choosers_show_own_collection(world, client_for):
    for user, own, _other in world.editors:
        client = client_for(user)
        assert own.image.title in html_of(client.get(reverse("wagtailimages_chooser:choose")))
        assert own.document.title in html_of(client.get(reverse("wagtaildocs_chooser:choose")))
        assert client.get(reverse("wagtailimages_chooser:chosen", args=[own.image.pk])).status_code == 200


# Reports ------------------------------------------------------------------------------------

REPORTS = [
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:site_history_results",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_results",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_reports:workflow_tasks_results",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:aging_pages_results",
    "wagtailadmin_reports:page_types_usage",
    "wagtailadmin_reports:page_types_usage_results",
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:locked_pages_results",
    "wagtail_localize:translations_report",
    "wagtail_localize:translations_report_results",
]


@pytest.mark.parametrize("report", REPORTS)
def test_reports_show_nothing_of_other_agency(world, client_for, report):
    for user, _own, other in world.scoped:
        for params in ({}, {"export": "csv"}):
            response = client_for(user).get(reverse(report), params)
            assert response.status_code == 200 or refused(response), (user, params)
            assert_nothing_of(other, response, f"{user} {params}")


def test_editor_reports_show_own_agency(world, client_for):
    for user, own, _other in world.editors:
        client = client_for(user)
        assert f"{own.name}-REVIEW-TITLE" in html_of(client.get(reverse("wagtailadmin_reports:workflow")))
        assert f"{own.name}-REVIEW-TITLE" in html_of(client.get(reverse("wagtailadmin_reports:workflow_tasks")))
        assert f"{own.name}-REVIEW-TITLE" in html_of(client.get(reverse("wagtailadmin_reports:site_history")))
        assert f"{own.name}-DRAFT-TITLE" in html_of(client.get(reverse("wagtail_localize:translations_report")))
        assert refused(client.get(reverse("wagtailadmin_reports:page_types_usage")))
        assert refused(client.get(reverse("wagtailadmin_reports:page_types_usage_results")))


def test_moderator_site_history_shows_own_agency_comment_decisions_only(world, client_for):
    for user, own, other in world.scoped[2:]:
        html = html_of(client_for(user).get(reverse("wagtailadmin_reports:site_history")))
        assert own.comment_label in html
        assert other.comment_label not in html


def test_reviewer_reports_show_every_agency(world, client_for):
    client = client_for(world.reviewer)
    for report in REPORTS:
        assert client.get(reverse(report)).status_code == 200, report
    html = html_of(client.get(reverse("wagtailadmin_reports:site_history")))
    assert world.a.comment_label in html and world.b.comment_label in html
    assert "ALPHA-REVIEW-TITLE" in html and "BRAVO-REVIEW-TITLE" in html
    html = html_of(client.get(reverse("wagtailadmin_reports:workflow")))
    assert "ALPHA-REVIEW-TITLE" in html and "BRAVO-REVIEW-TITLE" in html
    html = html_of(client.get(reverse("wagtail_localize:translations_report")))
    assert "ALPHA-DRAFT-TITLE" in html and "BRAVO-DRAFT-TITLE" in html


def test_reports_menu_hides_whole_site_reports_from_agency_staff(world, client_for):
    page_types = reverse("wagtailadmin_reports:page_types_usage")
    for user, _own, _other in world.scoped:
        html = html_of(client_for(user).get(reverse("wagtailadmin_home")))
        assert page_types not in html, user
    for user, _own, _other in world.editors:
        html = html_of(client_for(user).get(reverse("wagtailadmin_home")))
        assert reverse("wagtailadmin_reports:site_history") in html
    assert page_types in html_of(client_for(world.reviewer).get(reverse("wagtailadmin_home")))


# Page history, revisions, log entries, explorer and admin API -------------------------------


def test_other_agency_page_history_revisions_and_listing_refused(world, client_for):
    for user, _own, other in world.scoped:
        client = client_for(user)
        for url in (
            reverse("wagtailadmin_pages:history", args=[other.live.pk]),
            reverse("wagtailadmin_pages:history_results", args=[other.live.pk]),
            reverse("wagtailadmin_pages:workflow_history", args=[other.in_review.pk]),
            reverse("wagtailadmin_pages:revisions_compare", args=[other.live.pk, "live", "latest"]),
            reverse("wagtailadmin_pages:edit", args=[other.draft.pk]),
            reverse("wagtailadmin_pages:usage", args=[other.draft.pk]),
            reverse("wagtailadmin_explore", args=[other.agency.pk]),
            reverse("wagtailadmin_explore", args=[other.draft.pk]),
            reverse("wagtailadmin_explore_results", args=[other.in_review.pk]),
        ):
            response = client.get(url)
            assert refused(response), (user, url)
            assert_nothing_of(other, response, f"{user} {url}")


def test_editor_sees_own_page_history(world, client_for):
    for user, own, _other in world.editors:
        response = client_for(user).get(reverse("wagtailadmin_pages:history", args=[own.live.pk]))
        assert response.status_code == 200
        assert f"{own.name}-PENDING-TITLE" in html_of(response)


def test_explorer_and_admin_api_list_no_other_agency_page(world, client_for):
    tree = world.site_tree
    for user, _own, other in world.scoped:
        client = client_for(user)
        for params in (
            {"child_of": tree.agencies.pk, "for_explorer": 1},
            {"descendant_of": tree.home.pk},
            {"search": other.name},
        ):
            response = client.get("/admin/api/main/pages/", params)
            assert response.status_code in (200, 400), (user, params)
            assert_nothing_of(other, response, f"{user} {params}")
        response = client.get(f"/admin/api/main/pages/{other.draft.pk}/", follow=True)
        assert response.status_code == 404
        assert_nothing_of(other, response, user)
        for url in (reverse("wagtailadmin_explore", args=[tree.agencies.pk]), reverse("wagtailadmin_pages:search")):
            response = client.get(url, {"q": other.name} if "search" in url else {})
            assert response.status_code == 200 or refused(response), (user, url)
            assert_nothing_of(other, response, f"{user} {url}")


# Dashboard ----------------------------------------------------------------------------------


def _summary_count(html, word):
    match = re.search(rf"(\d+)\s*{word}", html)
    return int(match.group(1)) if match else None


def test_dashboard_counts_own_agency_pages_images_and_documents(world, client_for):
    for user, own, other in world.editors:
        expected = Page.objects.filter(path__startswith=own.agency.path).count()
        expected += Page.objects.filter(path__startswith=own.agency_en.path).count()
        assert expected == 6  # the agency page and its consultations, in Arabic and English
        response = client_for(user).get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200
        html = html_of(response)
        assert _summary_count(html, "Pages") == expected, user
        assert _summary_count(html, "Image") == 1, user
        assert _summary_count(html, "Document") == 1, user
        assert reverse("wagtailadmin_explore", args=[own.agency_en.pk]) in html  # the count links to the agency
        assert_nothing_of(other, response, user)


def test_reviewer_dashboard_counts_whole_site(world, client_for):
    response = client_for(world.reviewer).get(reverse("wagtailadmin_home"), HTTP_ACCEPT_LANGUAGE="en")
    html = html_of(response)
    assert _summary_count(html, "Pages") == Page.objects.filter(depth__gt=1).count()
    assert _summary_count(html, "Images") == 2


def test_dashboard_shows_nothing_of_other_agency(world, client_for):
    for user, _own, other in world.scoped:
        response = client_for(user).get(reverse("wagtailadmin_home"))
        assert response.status_code == 200
        assert_nothing_of(other, response, user)


# Shared snippets ----------------------------------------------------------------------------


def test_topics_are_edited_by_reviewers_only_in_every_language(world, client_for):
    from participation.models import Topic

    topic = Topic.objects.create(name="SHARED-TOPIC", locale=Locale.objects.get(language_code="ar"))
    add_url = reverse("wagtailsnippets_participation_topic:add")
    edit_url = reverse("wagtailsnippets_participation_topic:edit", args=[topic.pk])
    for user, _own, _other in world.scoped:
        client = client_for(user)
        assert not user.has_perm("participation.add_topic")
        assert not user.has_perm("participation.change_topic")
        for locale in ("ar", "en"):
            assert refused(client.get(add_url, {"locale": locale})), (user, locale)
            assert refused(client.post(add_url + f"?locale={locale}", {"name": "NEW-TOPIC"})), (user, locale)
        assert refused(client.get(edit_url))
        assert refused(client.post(edit_url, {"name": "CHANGED"}))
        assert refused(client.post(reverse("wagtailsnippets_participation_topic:delete", args=[topic.pk])))
        assert refused(client.get(reverse("wagtailsnippets_participation_topic:history", args=[topic.pk])))
        for url in ("/admin/settings/participation/consultationrules/", "/admin/settings/stats/referencepopulation/"):
            response = client.get(url, follow=True)
            assert response.status_code == 403 or response.redirect_chain[-1][0] == "/admin/", (user, url)
    topic.refresh_from_db()
    assert topic.name == "SHARED-TOPIC"
    assert not Topic.objects.filter(name="NEW-TOPIC").exists()
    assert client_for(world.reviewer).get(add_url).status_code == 200
