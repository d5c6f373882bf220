"""The dashboard: agency editors and moderators see their own agency (consultations by status,
outcomes due, pages waiting for approval, comments to moderate) and nothing of another agency's;
ministry reviewers keep the overdue outcomes across agencies. A fixed number of queries."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.users.models import UserProfile

from participation.dashboard import agency_overviews
from participation.models import ConsultationRules
from participation.services import post_comment
from tests.factories import ConsultationPageFactory, UserFactory, add_page

from .conftest import make_citizen, participation_body

pytestmark = pytest.mark.django_db


def panels(html):
    """{agency title shown in the heading: panel text} for each "my agency" panel."""
    soup = BeautifulSoup(html, "html.parser")
    found = {}
    for section in soup.select("section.tawasul-my-agency"):
        heading = " ".join(section.select_one("[data-panel-heading-text]").get_text().split())
        found[heading] = section
    return found


def phase_count(section, code):
    row = section.select_one(f'tr[data-phase="{code}"]')
    return len(row.select("td li"))


@pytest.fixture
def agency_pages(site_tree, users):
    now = timezone.now()
    a = site_tree.agency_a

    def make(parent, title, **fields):
        return add_page(parent, ConsultationPageFactory(title=title, body=participation_body(), **fields))

    pages = {
        "a_open": make(a, "مشاورة الجهة الأولى المفتوحة"),
        "a_open_2": make(a, "مشاورة ثانية مفتوحة للجهة الأولى"),
        "a_upcoming": make(a, "مشاورة قادمة للجهة الأولى", opens_at=now + timedelta(days=5)),
        "a_overdue": make(
            a, "مشاورة تأخرت نتائجها", opens_at=now - timedelta(weeks=20), closes_at=now - timedelta(weeks=13)
        ),
        "a_closed": make(a, "مشاورة أغلقت قريباً", opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=2)),
        "b_open": make(site_tree.agency_b, "مشاورة الجهة الثانية السرية"),
    }
    # A draft in review at agency A.
    draft = ConsultationPageFactory(title="مسودة بانتظار الموافقة", live=False)
    add_page(a, draft, publish=False, user=users.editor)
    draft.get_workflow().start(draft, users.editor)
    pages["a_in_review"] = draft
    return pages


@pytest.fixture
def moderator_a(site_tree):
    return UserFactory(username="moderator_a", groups=[site_tree.agency_a.moderators_group])


@pytest.fixture
def comments(agency_pages):
    citizen = make_citizen("samer", display_name="سامر")
    post_comment(agency_pages["a_open"], citizen, "ask-pre", "تعليق أول ينتظر المراجعة")
    post_comment(agency_pages["a_open_2"], citizen, "ask-pre", "تعليق ثانٍ ينتظر المراجعة")
    post_comment(agency_pages["b_open"], citizen, "ask-pre", "تعليق على الجهة الثانية")


def test_editor_sees_own_agency_by_status_and_nothing_of_another(site_tree, users, client_for, agency_pages):
    html = client_for(users.editor).get("/admin/").content.decode()

    found = panels(html)
    assert len(found) == 1
    [(heading, section)] = found.items()
    assert site_tree.agency_a.title in heading
    assert phase_count(section, "open") == 2
    assert phase_count(section, "upcoming") == 1
    assert phase_count(section, "overdue") == 1
    assert phase_count(section, "closed") == 1
    assert phase_count(section, "draft") == 1
    text = section.get_text()
    assert agency_pages["a_overdue"].title in text  # outcomes due
    assert "مسودة بانتظار الموافقة" in text  # waiting for approval
    assert section.select_one('a[href*="status__exact=pending"]') is None  # editors do not moderate
    assert "الجهة الثانية" not in html
    assert site_tree.agency_b.title not in html


def test_second_agencys_editor_sees_only_the_second_agency(site_tree, users, client_for, agency_pages):
    html = client_for(users.editor2).get("/admin/").content.decode()

    [(heading, section)] = panels(html).items()
    assert site_tree.agency_b.title in heading
    assert phase_count(section, "open") == 1
    assert agency_pages["b_open"].title in section.get_text()
    for key in ("a_open", "a_overdue", "a_upcoming"):
        assert agency_pages[key].title not in html
    assert "مسودة بانتظار الموافقة" not in html


def test_moderator_sees_own_agencys_pending_comments(site_tree, client_for, moderator_a, comments):
    profile = UserProfile.get_for_user(moderator_a)
    profile.preferred_language = "en"
    profile.save()

    html = client_for(moderator_a).get("/admin/").content.decode()

    [(heading, section)] = panels(html).items()
    assert site_tree.agency_a.title in heading
    assert "2 comments wait for moderation" in section.get_text()
    assert section.select_one('a[href$="?status__exact=pending"]') is not None
    # The separate moderation panel is not repeated for an agency moderator.
    assert 'id="tawasul-pending-comments-section"' not in html
    # Moderators do not edit pages: no link to the page explorer.
    assert "/admin/pages/" not in str(section.select_one("p a") or "")


def test_reviewer_keeps_the_overdue_outcomes_panel_and_has_no_agency_panel(site_tree, users, client_for, agency_pages):
    html = client_for(users.reviewer).get("/admin/").content.decode()

    assert panels(html) == {}
    assert agency_pages["a_overdue"].title in html
    assert 'id="overdue-outcomes-heading"' in html


def test_citizen_has_no_agency_overview(users):
    assert agency_overviews(users.citizen) is None
    assert agency_overviews(users.reviewer) is None


def test_overview_queries_are_bounded(site_tree, moderator_a, comments, django_assert_max_num_queries):
    """A moderator who also edits: agencies, consultations, rules, pages in review, permissions and
    comment counts in at most 12 queries, and no more with three times the consultations."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    moderator_a.groups.add(site_tree.agency_a.editors_group)
    ConsultationRules.load()  # the setting exists (its first read creates it)
    user = User.objects.get(pk=moderator_a.pk)  # a fresh user: nothing cached on it
    with django_assert_max_num_queries(12):
        [overview] = agency_overviews(user)
    assert overview["comments"] == {"pending": 2, "reported": 0}
    assert [page.title for page in overview["in_review"]] == ["مسودة بانتظار الموافقة"]
    assert overview["consultation_count"] == 6

    for n in range(12):
        add_page(site_tree.agency_a, ConsultationPageFactory(title=f"مشاورة إضافية {n}"))
    user = User.objects.get(pk=moderator_a.pk)
    with django_assert_max_num_queries(12):
        [overview] = agency_overviews(user)
    assert overview["consultation_count"] == 18


def test_dashboard_queries_do_not_grow_with_the_agencys_consultations(site_tree, users, client_for, agency_pages):
    client = client_for(users.editor)
    client.get("/admin/")
    with CaptureQueriesContext(connection) as few:
        client.get("/admin/")
    now = timezone.now()
    for n in range(6):
        add_page(
            site_tree.agency_a,
            ConsultationPageFactory(
                title=f"مشاورة إضافية {n}", opens_at=now - timedelta(weeks=20), closes_at=now - timedelta(weeks=14)
            ),
        )
    with CaptureQueriesContext(connection) as many:
        html = client.get("/admin/").content.decode()
    assert phase_count(panels(html)[next(iter(panels(html)))], "overdue") == 7
    assert len(many) == len(few)
