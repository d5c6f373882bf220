"""The read-only content API serves published, public pages only, with their published content."""

import pytest
from wagtail.models import PageViewRestriction

from tests.factories import ConsultationPageFactory, add_page

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.transparency.api_urls")]


def not_served(client, page):
    # Django's LocaleMiddleware turns a 404 outside the language prefixes into a redirect
    # to /ar/...; follow it: the end is a 404 either way, without the page's content.
    response = client.get(f"/api/v2/pages/{page.pk}/", HTTP_ACCEPT="application/json", follow=True)
    return response.status_code == 404 and page.title not in response.content.decode()


def listed_ids(client, **params):
    response = client.get("/api/v2/pages/", {"limit": 20, **params}, HTTP_ACCEPT="application/json")
    assert response.status_code == 200, response.content
    document = response.json()
    assert document["meta"]["total_count"] <= 20  # everything is on this one page of results
    return {item["id"] for item in document["items"]}


def test_api_serves_no_draft_page(client, site_tree, consultation):
    draft = add_page(site_tree.agency_a, ConsultationPageFactory(slug="draft-api", live=False), publish=False)
    private = add_page(site_tree.agency_a, ConsultationPageFactory(slug="private-api"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)

    ids = listed_ids(client)
    assert consultation.pk in ids and site_tree.agency_a.pk in ids
    assert draft.pk not in ids
    assert private.pk not in ids
    assert draft.pk not in listed_ids(client, type="participation.ConsultationPage")
    assert not_served(client, draft)
    assert not_served(client, private)


def test_api_serves_the_published_version_not_unpublished_changes(client, consultation):
    published_title = consultation.title
    consultation.title = "عنوان في مسودة لم تُنشر"
    consultation.save_revision()  # a draft revision, not published

    response = client.get(f"/api/v2/pages/{consultation.pk}/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["title"] == published_title
    assert "عنوان في مسودة لم تُنشر" not in response.content.decode()


def test_api_serves_nothing_after_unpublishing(client, consultation):
    consultation.unpublish()
    assert consultation.pk not in listed_ids(client)
    assert not_served(client, consultation)


def test_api_answers_json_even_to_a_browser(client, consultation):
    response = client.get(f"/api/v2/pages/{consultation.pk}/", HTTP_ACCEPT="text/html,*/*")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response.json()["id"] == consultation.pk


def test_api_is_read_only(client, consultation):
    response = client.post("/api/v2/pages/", {"title": "x"}, HTTP_ACCEPT="application/json")
    assert response.status_code == 405
    response = client.delete(f"/api/v2/pages/{consultation.pk}/", HTTP_ACCEPT="application/json")
    assert response.status_code == 405
