"""Staff in the admin: scoped per agency, routing by reviewers, answers with a second person's approval."""

import pytest
from django.test import Client

from proposals.models import Proposal, ProposalState

from .conftest import ADMIN_INDEX, make_overdue, published, reach_threshold, submit, version_on_page

pytestmark = pytest.mark.django_db


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def refused(response):
    """Refused: 403/404, Wagtail's redirect to the dashboard, the sign-in page, or a 404 sent on to the
    language-prefixed address by LocaleMiddleware (which has no such page either)."""
    if response.status_code in (403, 404):
        return True
    location = response.get("Location", "")
    return response.status_code == 302 and (
        location == "/admin/" or location.startswith("/ar/admin/") or "/accounts/login/" in location
    )


def test_moderator_sees_and_publishes_only_their_agencys_proposals(site_tree, citizen, staff):
    mine = submit(citizen, site_tree.agency_a, title="مقترح للجهة الأولى")
    theirs = submit(citizen, site_tree.agency_b, title="مقترح للجهة الثانية")
    client = client_for(staff.moderator_a)
    html = client.get(ADMIN_INDEX).content.decode()
    assert "مقترح للجهة الأولى" in html and "مقترح للجهة الثانية" not in html
    assert refused(client.get(f"{ADMIN_INDEX}{theirs.pk}/"))
    assert refused(client.post(f"{ADMIN_INDEX}{theirs.pk}/publish/"))
    assert Proposal.objects.get(pk=theirs.pk).state == ProposalState.SUBMITTED
    assert client.post(f"{ADMIN_INDEX}{mine.pk}/publish/").status_code == 302
    assert Proposal.objects.get(pk=mine.pk).state == ProposalState.PUBLISHED


def test_rejecting_in_the_admin_needs_a_reason(site_tree, citizen, staff):
    proposal = submit(citizen, site_tree.agency_a)
    client = client_for(staff.moderator_a)
    assert client.post(f"{ADMIN_INDEX}{proposal.pk}/reject/", {"reason": ""}).status_code == 400
    assert client.post(f"{ADMIN_INDEX}{proposal.pk}/reject/", {"reason": "spam", "note": "إعلان"}).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).moderation_reason == "spam"


def test_unknown_query_parameters_are_not_used_as_lookups(site_tree, citizen, staff):
    submit(citizen, site_tree.agency_a, title="مقترح للجهة الأولى")
    submit(citizen, site_tree.agency_b, title="مقترح للجهة الثانية")
    client = client_for(staff.moderator_a)
    key = site_tree.agency_b.translation_key
    for query in (
        f"agency__translation_key={key}",
        f"agency={site_tree.agency_b.pk}",
        "state=bogus",
        "p=zz",
        "o=-title",
    ):
        response = client.get(f"{ADMIN_INDEX}?{query}")
        assert response.status_code == 200, query
        assert "مقترح للجهة الثانية" not in response.content.decode(), query


def test_citizens_and_editors_of_other_agencies_are_refused(site_tree, citizen, staff):
    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    assert refused(client_for(citizen).get(ADMIN_INDEX))
    client = client_for(staff.editor_b)
    assert refused(client.get(f"{ADMIN_INDEX}{proposal.pk}/"))
    assert refused(client.post(f"{ADMIN_INDEX}{proposal.pk}/answer/", {"answer": "accepted", "answer_text": "x"}))
    assert Proposal.objects.get(pk=proposal.pk).answer == ""


def test_routing_is_for_reviewers(site_tree, citizen, staff):
    proposal = submit(citizen, None, title="مقترح إلى البوابة")
    assert "مقترح إلى البوابة" not in client_for(staff.moderator_a).get(ADMIN_INDEX).content.decode()
    client = client_for(staff.reviewer)
    html = client.get(f"{ADMIN_INDEX}?state=portal").content.decode()
    assert "مقترح إلى البوابة" in html
    response = client.post(f"{ADMIN_INDEX}{proposal.pk}/route/", {"agency": site_tree.agency_b.pk})
    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).agency == site_tree.agency_b
    assert "مقترح إلى البوابة" in client_for(staff.moderator_b).get(ADMIN_INDEX).content.decode()


def test_the_answer_journey_editor_then_another_reviewer(site_tree, citizen, staff):
    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    editor = client_for(staff.editor_a)
    response = editor.post(
        f"{ADMIN_INDEX}{proposal.pk}/answer/", {"answer": "accepted", "answer_text": "نقبل المقترح لأنه ممكن التنفيذ."}
    )
    assert response.status_code == 302
    assert refused(editor.post(f"{ADMIN_INDEX}{proposal.pk}/approve/"))
    reviewer = client_for(staff.reviewer)
    version = version_on_page(reviewer, proposal, "approve")
    assert reviewer.post(f"{ADMIN_INDEX}{proposal.pk}/approve/", {"version": version}).status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ANSWERED
    html = Client().get(f"/ar/proposals/{proposal.pk}/").content.decode()
    assert "نقبل المقترح لأنه ممكن التنفيذ." in html


def test_a_reviewer_is_not_offered_to_approve_their_own_answer(site_tree, citizen, staff):
    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    reviewer = client_for(staff.reviewer)
    reviewer.post(f"{ADMIN_INDEX}{proposal.pk}/answer/", {"answer": "not_accepted", "answer_text": "لا."})
    html = reviewer.get(f"{ADMIN_INDEX}{proposal.pk}/").content.decode()
    assert "/approve/" not in html
    assert refused(reviewer.post(f"{ADMIN_INDEX}{proposal.pk}/approve/"))
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.THRESHOLD_REACHED


def test_overdue_answers_are_flagged_on_the_page_and_the_dashboard(site_tree, citizen, staff):
    proposal = make_overdue(
        reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a, title="مقترح متأخر"))
    )
    assert "Answer overdue" in Client().get(f"/en/proposals/{proposal.pk}/").content.decode()
    html = client_for(staff.reviewer).get("/admin/").content.decode()
    assert "مقترح متأخر" in html
    assert "مقترح متأخر" not in client_for(staff.moderator_b).get("/admin/").content.decode()
    assert "مقترح متأخر" in client_for(staff.editor_a).get("/admin/").content.decode()


def test_rules_are_for_reviewers_and_apply_to_new_publications(site_tree, citizen, staff):
    assert refused(client_for(staff.editor_a).get(f"{ADMIN_INDEX}rules/"))
    client = client_for(staff.reviewer)
    key = site_tree.agency_a.translation_key
    response = client.post(
        f"{ADMIN_INDEX}rules/",
        {"default_threshold": 10, "collection_days": 30, "answer_deadline_weeks": 4, f"threshold-{key}": "5"},
    )
    assert response.status_code == 302
    assert published(citizen, site_tree.agency_a, staff.moderator_a).threshold == 5
    assert published(citizen, site_tree.agency_b, staff.moderator_b, title="ب").threshold == 10
    bad = client.post(
        f"{ADMIN_INDEX}rules/",
        {"default_threshold": 10, "collection_days": 30, "answer_deadline_weeks": 4, f"threshold-{key}": "-1"},
    )
    assert bad.status_code == 400


def test_the_queue_costs_the_same_queries_whatever_its_length(site_tree, citizen, staff):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(staff.reviewer)

    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(ADMIN_INDEX).status_code == 200
        return len(context.captured_queries)

    submit(citizen, site_tree.agency_a, title="أ")
    queries()
    few = queries()
    for i in range(8):
        submit(citizen, site_tree.agency_b if i % 2 else None, title=f"مقترح {i}")
    assert queries() == few


def test_each_role_is_offered_only_its_own_forms(site_tree, citizen, staff):
    waiting = submit(citizen, site_tree.agency_a, title="ينتظر")
    due = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a, title="مستحق"))
    moderator, editor, reviewer = (client_for(u) for u in (staff.moderator_a, staff.editor_a, staff.reviewer))
    html = moderator.get(f"{ADMIN_INDEX}{waiting.pk}/").content.decode()
    assert "/publish/" in html and "/reject/" in html and "/route/" not in html
    assert "/answer/" not in moderator.get(f"{ADMIN_INDEX}{due.pk}/").content.decode()
    html = editor.get(f"{ADMIN_INDEX}{due.pk}/").content.decode()
    assert 'name="answer_text"' in html and "/approve/" not in html
    assert "/publish/" not in editor.get(f"{ADMIN_INDEX}{waiting.pk}/").content.decode()
    html = reviewer.get(f"{ADMIN_INDEX}{waiting.pk}/").content.decode()
    assert "/route/" in html and "/publish/" in html
    assert reviewer.get(f"{ADMIN_INDEX}rules/").status_code == 200
