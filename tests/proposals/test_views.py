"""Citizens' pages: anonymous pages without forms or cookies, signed-in forms, escaping, rate limits, queries."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from proposals.models import Proposal, ProposalState, Support
from tests.participation.conftest import make_citizen

from .conftest import published, reach_threshold, submit

pytestmark = pytest.mark.django_db

XSS = '<script>alert("x")</script>'


def detail_url(proposal, language="ar"):
    return f"/{language}/proposals/{proposal.pk}/"


def test_anonymous_list_and_page_render_no_form_and_no_cookie(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    client = Client()
    for url in ("/ar/proposals/", "/en/proposals/", detail_url(proposal), detail_url(proposal, "en")):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html
        assert "Set-Cookie" not in str(response.cookies.output()) or not response.cookies
        assert "cookie" not in response.get("Vary", "").lower()
    html = client.get(detail_url(proposal, "en")).content.decode()
    assert "/accounts/login/" in html
    assert "0 supporters of the 3 needed for an answer" in html
    assert '<progress class="proposal__progress" max="3" value="0"' in html


def test_waiting_and_rejected_proposals_are_not_public(site_tree, citizen, staff):
    waiting = submit(citizen, site_tree.agency_a, title="مقترح ينتظر")
    rejected = submit(citizen, site_tree.agency_a, title="مقترح مرفوض")
    from proposals import services

    services.reject(rejected, staff.moderator_a, "off_topic", "خارج اختصاص الجهة.")
    anonymous = Client()
    assert anonymous.get(detail_url(waiting)).status_code == 404
    assert anonymous.get(detail_url(rejected)).status_code == 404
    other = Client()
    other.force_login(make_citizen("other"))
    assert other.get(detail_url(waiting)).status_code == 404
    listing = anonymous.get("/ar/proposals/").content.decode()
    assert "مقترح ينتظر" not in listing and "مقترح مرفوض" not in listing
    # The author sees the decision and the reason under "My proposals".
    author = Client()
    author.force_login(citizen)
    html = author.get("/en/my-participation/proposals/").content.decode()
    assert "Off-topic" in html and "خارج اختصاص الجهة." in html
    assert author.get(detail_url(rejected, "en")).status_code == 200


def test_citizen_text_is_escaped_everywhere(site_tree, citizen, staff):
    proposal = published(
        citizen,
        site_tree.agency_a,
        staff.moderator_a,
        title=f"عنوان {XSS}",
        problem=XSS,
        solution=XSS,
        beneficiaries=XSS,
    )
    signed_in = Client()
    signed_in.force_login(citizen)
    admin = Client()
    admin.force_login(staff.moderator_a)
    for client, url in (
        (Client(), "/ar/proposals/"),
        (Client(), detail_url(proposal)),
        (signed_in, "/ar/my-participation/proposals/"),
        (admin, f"/admin/proposals/{proposal.pk}/"),
        (admin, "/admin/proposals/"),
    ):
        html = client.get(url).content.decode()
        assert XSS not in html, url
        assert "&lt;script&gt;" in html, url


def test_a_citizen_submits_in_arabic_without_javascript(site_tree, citizen, citizen_client):
    response = citizen_client.post(
        "/ar/participate/proposals/new/",
        {
            "title": "مسارات آمنة للدراجات في عمّان",
            "problem": "لا توجد مسارات آمنة.",
            "solution": "تخصيص مسارات على الطرق الرئيسية.",
            "beneficiaries": "سكان عمّان.",
            "agency": str(site_tree.agency_a.pk),
            "governorate": "amman",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert (proposal.language, proposal.state, proposal.author, proposal.governorate) == (
        "ar",
        ProposalState.SUBMITTED,
        citizen,
        "amman",
    )


def test_the_form_to_the_portal_and_its_errors(site_tree, citizen_client):
    response = citizen_client.post("/en/participate/proposals/new/", {"title": "x", "agency": "portal"})
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    response = citizen_client.post(
        "/en/participate/proposals/new/",
        {"title": "Cycle lanes", "problem": "p", "solution": "s", "beneficiaries": "b", "agency": "portal"},
    )
    assert response.status_code == 302
    assert Proposal.objects.get().agency is None


def test_similar_proposals_are_listed_without_submitting(site_tree, citizen, staff, citizen_client):
    published(citizen, site_tree.agency_a, staff.moderator_a, title="تحسين النقل العام في إربد")
    response = citizen_client.post(
        "/ar/participate/proposals/new/", {"title": "النقل العام في الزرقاء", "check_similar": "1"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "تحسين النقل العام في إربد" in html
    assert Proposal.objects.count() == 1


def test_the_submit_form_needs_a_verified_account(site_tree):
    client = Client()
    assert client.get("/ar/participate/proposals/new/").status_code == 302  # to sign in
    client.force_login(make_citizen("unverified", verified=False))
    response = client.post(
        "/en/participate/proposals/new/",
        {"title": "t", "problem": "p", "solution": "s", "beneficiaries": "b", "agency": "portal"},
    )
    assert response.status_code == 400
    assert not Proposal.objects.exists()


def test_support_and_withdraw_through_the_page(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    fan = make_citizen("fan")
    client = Client()
    client.force_login(fan)
    html = client.get(detail_url(proposal, "en")).content.decode()
    assert "csrfmiddlewaretoken" in html and "Support this proposal" in html
    response = client.post(reverse("proposal_support", args=[proposal.pk]), {"follow": "on"})
    assert response.status_code == 302
    assert Support.objects.get(proposal=proposal).supporter == fan
    assert client.post(reverse("proposal_support", args=[proposal.pk])).status_code == 409
    html = client.get(detail_url(proposal, "en")).content.decode()
    assert "1 supporter of the 3 needed for an answer" in html and "Withdraw my support" in html
    assert client.post(reverse("proposal_withdraw", args=[proposal.pk])).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).supporters_count == 0


def test_get_on_support_changes_nothing_and_csrf_is_enforced(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_citizen("fan"))
    assert client.get(reverse("proposal_support", args=[proposal.pk])).status_code == 405
    assert client.post(reverse("proposal_support", args=[proposal.pk])).status_code == 403
    assert not Support.objects.exists()


def test_supporting_and_submitting_are_rate_limited(site_tree, citizen, staff, settings):
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "proposal_support": "2/h/user",
        "proposal_submit": "1/h/user",
    }
    proposals = [published(citizen, site_tree.agency_a, staff.moderator_a, title=f"مقترح رقم {i}") for i in range(3)]
    client = Client()
    client.force_login(make_citizen("fast"))
    codes = [client.post(reverse("proposal_support", args=[p.pk])).status_code for p in proposals]
    assert codes == [302, 302, 429]
    form = {"title": "t", "problem": "p", "solution": "s", "beneficiaries": "b", "agency": "portal"}
    codes = [client.post("/en/participate/proposals/new/", form).status_code for _ in range(2)]
    assert codes == [302, 429]


def test_the_list_filters_and_pages(site_tree, citizen, staff):
    for i in range(3):
        published(citizen, site_tree.agency_a, staff.moderator_a, title=f"مقترح الجهة الأولى {i}")
    published(citizen, site_tree.agency_b, staff.moderator_b, title="مقترح الجهة الثانية")
    client = Client()
    html = client.get(f"/ar/proposals/?agency={site_tree.agency_b.pk}").content.decode()
    assert "مقترح الجهة الثانية" in html and "مقترح الجهة الأولى" not in html
    html = client.get("/ar/proposals/?state=answered").content.decode()
    assert "مقترح الجهة" not in html
    # Unknown or malformed parameters are ignored, never an error.
    assert client.get("/ar/proposals/?agency=abc&state=bogus&agency__translation_key=1&page=999").status_code == 200


def queries(url, client=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert (client or Client()).get(url).status_code == 200
    return len(context.captured_queries)


def test_list_and_page_cost_a_constant_number_of_queries(site_tree, citizen, staff, django_assert_max_num_queries):
    for i in range(2):
        reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a, title=f"مقترح {i}"))
    queries("/ar/proposals/")  # warm per-process caches
    few = queries("/ar/proposals/")
    for i in range(6):
        published(citizen, site_tree.agency_b, staff.moderator_b, title=f"مقترح آخر {i}")
    assert queries("/ar/proposals/") == few
    assert few <= 15
    signed_in = Client()
    signed_in.force_login(make_citizen("reader"))
    with django_assert_max_num_queries(20):
        assert signed_in.get("/ar/proposals/").status_code == 200
    proposal = Proposal.objects.first()
    with django_assert_max_num_queries(15):
        assert Client().get(detail_url(proposal)).status_code == 200


def test_agency_summary_tag_flags_overdue_answers(site_tree, citizen, staff):
    from django.template import Context, Template

    from .conftest import make_overdue

    make_overdue(reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a, title="مقترح متأخر")))
    template = Template("{% load proposals_tags %}{% agency_proposals agency %}")
    with translation.override("en"):
        html = template.render(Context({"agency": site_tree.agency_a}))
    assert "مقترح متأخر" in html and "Answers overdue" in html
    assert "مقترح متأخر" not in template.render(Context({"agency": site_tree.agency_b}))


def test_personal_data_lists_own_proposals_and_supports(site_tree, citizen, staff):
    from proposals.privacy import personal_data

    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    fan = make_citizen("fan")
    from proposals import services

    services.support(proposal, fan)
    assert [row["id"] for row in personal_data(citizen)["proposals"]] == [proposal.pk]
    assert [row["proposal"] for row in personal_data(fan)["supports"]] == [proposal.pk]
    assert personal_data(fan)["proposals"] == []


def test_support_rate_comes_from_the_settings(site_tree, citizen, staff, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "proposal_support": "1/h/user"}
    proposals = [published(citizen, site_tree.agency_a, staff.moderator_a, title=f"مقترح رقم {i}") for i in range(2)]
    client = Client()
    client.force_login(make_citizen("fast"))
    assert [client.post(reverse("proposal_support", args=[p.pk])).status_code for p in proposals] == [302, 429]


def test_anonymous_pages_come_from_the_shared_cache_until_support_changes_them(
    site_tree, citizen, staff, settings, django_capture_on_commit_callbacks
):
    from pages.cache import HIT_HEADER

    settings.TAWASUL_PAGE_CACHE_SECONDS = 60
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    anonymous = Client()
    url = detail_url(proposal, "en")
    assert anonymous.get(url)[HIT_HEADER] == "miss"
    assert anonymous.get(url)[HIT_HEADER] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        from proposals import services

        services.support(proposal, make_citizen("fan"))
    fresh = anonymous.get(url)
    assert fresh[HIT_HEADER] == "miss"
    assert "1 supporter of the 3 needed for an answer" in fresh.content.decode()
    assert HIT_HEADER not in anonymous.get("/en/participate/proposals/new/")
