"""Proposals in the site search: published ones found with Arabic normalisation, in both language sites, with a
type filter; waiting and rejected ones never; similar proposals while a title is typed, and before sending."""

import json
import re

import pytest
from django.core.management import call_command
from django.test import Client

from proposals import services
from proposals.models import Proposal
from search.models import Kind, SearchDocument

from .conftest import published, submit

pytestmark = pytest.mark.django_db

RESULT = re.compile(r'href="/ar/proposals/\d+/"')
TITLE = "تحسين النقل العام في مدينة إربد"


def search(client, language, query, **params):
    return client.get(f"/{language}/search/", {"q": query, **params}).content.decode()


def test_published_proposal_is_found_with_arabic_variants(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a, title=TITLE)
    client = Client()
    # Without hamza, with the article and diacritics, taa marbuta written as haa.
    for query in ("اربد", "النَّقْل", "مدينه إربد", "نقل عام"):
        html = search(client, "ar", query)
        assert f'href="/ar/proposals/{proposal.pk}/"' in html, query
    html = search(client, "ar", "اربد", kind=Kind.PROPOSAL)
    assert TITLE in html and "مقترحات" in html or TITLE in html
    # In English: the Arabic proposal, marked as Arabic, with its entity's link and the type filter.
    html = search(client, "en", "اربد", kind="proposal")
    assert f'href="/en/proposals/{proposal.pk}/" lang="ar" dir="rtl"' in html
    assert "Citizens&#x27; proposals" in html or "Citizens' proposals" in html
    # Another type filter leaves it out.
    assert f"/ar/proposals/{proposal.pk}/" not in search(client, "ar", "اربد", kind="consultation")


def test_waiting_and_rejected_proposals_are_not_found(site_tree, citizen, staff):
    submit(citizen, site_tree.agency_a, title="مقترح ينتظر المراجعة في الزرقاء")
    rejected = submit(citizen, site_tree.agency_a, title="مقترح مرفوض في الزرقاء")
    services.reject(rejected, staff.moderator_a, "off_topic")
    html = search(Client(), "ar", "الزرقاء")
    assert "ينتظر المراجعة" not in html and "مرفوض" not in html
    assert not SearchDocument.objects.filter(source="proposal").exists()


def test_a_proposal_made_private_after_indexing_is_hidden_at_query_time(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a, title=TITLE)
    assert SearchDocument.objects.filter(source="proposal", object_id=proposal.pk).exists()
    Proposal.objects.filter(pk=proposal.pk).update(state="rejected", moderation_reason="spam")  # no signal
    assert f"/ar/proposals/{proposal.pk}/" not in search(Client(), "ar", "اربد")


def test_routing_reindexes_and_the_agency_filter_works_in_both_languages(site_tree, citizen, staff):
    from tests.factories import translate_page

    proposal = published(citizen, None, staff.reviewer, title=TITLE)
    services.route(proposal, staff.reviewer, site_tree.agency_a)
    row = SearchDocument.objects.get(source="proposal", object_id=proposal.pk)
    assert row.agency_id == site_tree.agency_a.pk
    english = translate_page(site_tree.agency_a, title="Ministry of Digital Economy")
    client = Client()
    assert f"/en/proposals/{proposal.pk}/" in search(client, "en", "اربد", agency=english.pk)
    assert "Ministry of Digital Economy" in search(client, "en", "اربد")
    assert f"/en/proposals/{proposal.pk}/" not in search(client, "en", "اربد", agency=site_tree.agency_b.pk)


def test_reindex_rebuilds_proposal_rows(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a, title=TITLE)
    SearchDocument.objects.all().delete()
    call_command("search_reindex", verbosity=0)
    assert SearchDocument.objects.filter(source="proposal", object_id=proposal.pk, kind="proposal").count() == 1


def test_results_with_proposals_take_constant_queries(site_tree, citizen, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    published(citizen, site_tree.agency_a, staff.moderator_a, title=TITLE)
    client = Client()
    search(client, "ar", "اربد")  # warm the per-process lookups (locales, site)
    with CaptureQueriesContext(connection) as one:
        assert len(RESULT.findall(search(client, "ar", "اربد"))) == 1
    for number in range(6):
        published(citizen, site_tree.agency_a, staff.moderator_a, title=f"{TITLE} رقم {number}")
    with CaptureQueriesContext(connection) as seven:
        assert len(RESULT.findall(search(client, "ar", "اربد"))) == 7
    assert len(seven) == len(one)


def test_similar_proposals_come_from_the_site_search(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a, title=TITLE)
    published(citizen, site_tree.agency_a, staff.moderator_a, title="إنارة الشوارع في العقبة")
    # Not every word needed: most of them, whatever the spelling.
    assert services.similar_proposals("النقل العام في اربد يحتاج الى تحسين", "ar") == [proposal]
    assert services.similar_proposals("حدائق عامة", "ar") == []
    assert services.similar_proposals(TITLE, "ar", exclude=proposal.pk) == []


def test_submit_shows_similar_proposals_before_sending(site_tree, citizen, citizen_client, staff):
    existing = published(citizen, site_tree.agency_a, staff.moderator_a, title=TITLE)
    form = {
        "title": "النقل العام في اربد",
        "problem": "لا مواعيد.",
        "solution": "جداول.",
        "beneficiaries": "الطلاب.",
        "agency": str(site_tree.agency_a.pk),
    }
    response = citizen_client.post("/ar/participate/proposals/new/", form)
    html = response.content.decode()
    assert response.status_code == 200
    assert f'href="/ar/proposals/{existing.pk}/"' in html
    assert "Send my proposal anyway" in html or "send_anyway" in html
    assert Proposal.objects.count() == 1
    response = citizen_client.post("/ar/participate/proposals/new/", {**form, "send_anyway": "1"})
    assert response.status_code == 302
    assert Proposal.objects.count() == 2
    # Seen with "Look for similar proposals" (without JavaScript): sending that title needs no second step.
    checked = citizen_client.post("/ar/participate/proposals/new/", {**form, "check_similar": "1"}).content.decode()
    assert 'name="similar_seen" value="النقل العام في اربد"' in checked
    response = citizen_client.post("/ar/participate/proposals/new/", {**form, "similar_seen": form["title"]})
    assert response.status_code == 302
    # Seen while typing (the script records the title): no second step.
    response = citizen_client.post(
        "/ar/participate/proposals/new/", {**form, "title": TITLE + " أيضاً", "similar_seen": TITLE + " أيضاً"}
    )
    assert response.status_code == 302


def test_similar_json_for_the_script(site_tree, citizen, citizen_client, staff):
    existing = published(citizen, site_tree.agency_a, staff.moderator_a, title=TITLE + ' <b>"x"</b>')
    assert Client().get("/ar/participate/proposals/similar.json", {"title": "اربد"}).status_code == 302
    response = citizen_client.get("/ar/participate/proposals/similar.json", {"title": "النقل في اربد"})
    data = json.loads(response.content)
    assert response["Cache-Control"] == "private, no-store"
    assert data["results"][0]["url"] == f"/ar/proposals/{existing.pk}/"
    assert data["results"][0]["lang"] == "ar" and data["results"][0]["dir"] == "rtl"
    assert data["results"][0]["title"].endswith('<b>"x"</b>')  # text: the script writes it with textContent
    html = citizen_client.get("/ar/participate/proposals/new/").content.decode()
    assert "proposals/similar.js" in html and "data-similar-live" in html
