"""What an agency editor sees in the admin: each consultation's status in the page listing, in the
reader's language; topics of the page's own language; help text that names no screen they cannot
open; the reason for moving dates asked for only on a live consultation."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from participation.models import ConsultationPage, ConsultationRules, Topic
from tests.factories import ConsultationPageFactory, add_page, publish_directly, translate_page
from tests.pages.test_workflow import add_url

pytestmark = pytest.mark.django_db

PHASE_LABELS = {
    "ar": {
        "upcoming": "قادمة",
        "open": "مفتوحة",
        "closed": "مغلقة",
        "concluded": "نُشرت النتائج",
        "overdue": "النتائج متأخرة",
    },
    "en": {
        "upcoming": "Upcoming",
        "open": "Open",
        "closed": "Closed",
        "concluded": "Outcome published",
        "overdue": "Outcome overdue",
    },
}


def speak(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


def make_consultations(agency, prefix=""):
    now = timezone.now()

    def make(title, publish=True, **dates):
        page = ConsultationPageFactory(title=f"{prefix}{title}", live=publish, **dates)
        return add_page(agency, page, publish=publish)

    return {
        "upcoming": make("مشاورة لم تبدأ", opens_at=now + timedelta(days=3), closes_at=now + timedelta(days=20)),
        "open": make("مشاورة جارية"),
        "closed": make("مشاورة انتهت أمس", opens_at=now - timedelta(days=30), closes_at=now - timedelta(days=1)),
        "concluded": add_page(
            agency,
            ConsultationPageFactory(
                title=f"{prefix}مشاورة لها نتائج",
                opens_at=now - timedelta(days=40),
                closes_at=now - timedelta(days=10),
                outcome="<p>قررنا تعديل المادة الخامسة.</p>",
            ),
        ),
        "overdue": make(
            "مشاورة تأخرت نتائجها", opens_at=now - timedelta(weeks=20), closes_at=now - timedelta(weeks=13)
        ),
        "draft": make("مسودة مشاورة", publish=False),
    }


def status_by_title(html):
    """The text of the status cell of each row of the page listing, by page title."""
    soup = BeautifulSoup(html, "html.parser")
    rows = {}
    for row in soup.select("table.listing tbody tr"):
        title = row.select_one(".title-wrapper a, td.title a")
        status = row.select_one(".w-status")
        if title and status:
            rows[" ".join(title.get_text().split())] = " ".join(status.get_text().split())
    return rows


@pytest.mark.parametrize("language", ["ar", "en"])
def test_listing_tells_every_status_apart_in_the_readers_language(site_tree, users, client_for, language):
    pages = make_consultations(site_tree.agency_a)
    speak(users.editor, language)

    response = client_for(users.editor).get(reverse("wagtailadmin_explore", args=[site_tree.agency_a.pk]))

    assert response.status_code == 200
    statuses = status_by_title(response.content.decode())
    labels = PHASE_LABELS[language]
    for code, label in labels.items():
        shown = statuses[pages[code].title]
        assert shown.endswith(label), (code, shown)
        # Only its own status: "Closed" must not also read "Outcome overdue", and so on.
        others = [other for other_code, other in labels.items() if other_code != code and other not in label]
        assert not any(other in shown for other in others), (code, shown)
    draft = statuses[pages["draft"].title]
    assert not any(label in draft for label in labels.values()), draft


def test_listing_reads_the_rules_once_whatever_the_number_of_consultations(site_tree, users, client_for):
    """Each closed consultation's "outcome overdue" depends on the rules setting: the listing reads it
    once, not once per row (Wagtail's own per-row queries are not this project's to remove)."""
    ConsultationRules.load()  # the setting exists (its first read creates it)
    client = client_for(users.editor)
    url = reverse("wagtailadmin_explore", args=[site_tree.agency_a.pk])
    for prefix in ("", "ب ", "ج "):
        make_consultations(site_tree.agency_a, prefix=prefix)
    with CaptureQueriesContext(connection) as queries:
        html = client.get(url).content.decode()
    assert html.count(PHASE_LABELS["ar"]["overdue"]) >= 3
    rules_reads = [q for q in queries.captured_queries if "participation_consultationrules" in q["sql"]]
    assert len(rules_reads) <= 1


def test_status_follows_the_rules_setting(site_tree):
    now = timezone.now()
    page = add_page(
        site_tree.agency_a,
        ConsultationPageFactory(opens_at=now - timedelta(weeks=10), closes_at=now - timedelta(weeks=5)),
    )
    assert page.admin_phase()[0] == "closed"
    rules = ConsultationRules.load()
    rules.outcome_deadline_weeks = 4
    rules.save()
    assert ConsultationPage.objects.get(pk=page.pk).admin_phase()[0] == "overdue"


# The edit form ---------------------------------------------------------------------------------


@pytest.fixture
def topics(locales):
    health = Topic.objects.create(name="الصحة", locale=locales.ar)
    health_en = health.copy_for_translation(locales.en)
    health_en.name = "Health"
    health_en.save()
    transport_en = Topic.objects.create(name="Transport", locale=locales.en)
    water = Topic.objects.create(name="المياه", locale=locales.ar)
    return {"health": health, "health_en": health_en, "transport_en": transport_en, "water": water}


def topic_names(form):
    return sorted(str(topic) for topic in form.fields["topics"].queryset)


def test_arabic_page_offers_only_arabic_topics(site_tree, users, client_for, topics):
    response = client_for(users.editor).get(add_url(site_tree.agency_a))

    assert response.status_code == 200
    assert topic_names(response.context["form"]) == ["الصحة", "المياه"]
    html = response.content.decode()
    assert "Health" not in html
    assert "Transport" not in html


def test_english_translation_offers_english_topics_with_the_sources_choices_translated(
    site_tree, users, client_for, topics
):
    source = add_page(site_tree.agency_a, ConsultationPageFactory())
    source.topics.set([topics["health"], topics["water"]])
    publish_directly(source)
    english = translate_page(ConsultationPage.objects.get(pk=source.pk), title="Digital services regulation")
    assert {t.pk for t in english.topics.all()} == {topics["health"].pk, topics["water"].pk}  # copied as they were

    response = client_for(users.editor).get(reverse("wagtailadmin_pages:edit", args=[english.pk]))

    form = response.context["form"]
    # English topics, plus the one Arabic topic that has no English version yet (not silently dropped).
    assert topic_names(form) == ["Health", "Transport", "المياه"]
    assert sorted(form["topics"].value()) == sorted([topics["health_en"].pk, topics["water"].pk])


@pytest.mark.parametrize("language", ["ar", "en"])
def test_period_help_states_the_minimum_periods_and_no_settings_screen(site_tree, users, client_for, language):
    rules = ConsultationRules.load()
    rules.draft_law_minimum_days = 21
    rules.save()
    speak(users.editor, language)

    html = client_for(users.editor).get(add_url(site_tree.agency_a)).content.decode()

    assert "Settings" not in html.split('id="main"', 1)[-1]
    assert "Consultation rules" not in html
    assert "الإعدادات ›" not in html
    assert "21" in html
    assert "set by the ministry" in html or "وزارة" in html


def test_reason_for_moving_dates_is_asked_only_on_a_live_consultation(site_tree, users, client_for):
    client = client_for(users.editor)
    assert "date_change_reason" not in client.get(add_url(site_tree.agency_a)).context["form"].fields

    draft = add_page(site_tree.agency_a, ConsultationPageFactory(live=False), publish=False)
    draft_form = client.get(reverse("wagtailadmin_pages:edit", args=[draft.pk])).context["form"]
    assert "date_change_reason" not in draft_form.fields

    live = add_page(site_tree.agency_a, ConsultationPageFactory())
    response = client.get(reverse("wagtailadmin_pages:edit", args=[live.pk]))
    assert "date_change_reason" in response.context["form"].fields
    assert 'name="date_change_reason"' in response.content.decode()


def test_a_new_consultation_is_saved_without_the_reason_field(site_tree, users, client_for, locales):
    from tests.pages.test_workflow import consultation_form

    response = client_for(users.editor).post(add_url(site_tree.agency_a), consultation_form())

    assert response.status_code == 302
    page = ConsultationPage.objects.get(slug="digital-services")
    assert page.date_change_reason == ""
    assert page.locale == Locale.objects.get(language_code="ar")


def test_searching_the_agencys_pages_still_shows_each_status(site_tree, users, client_for):
    pages = make_consultations(site_tree.agency_a)
    speak(users.editor, "en")

    response = client_for(users.editor).get(
        reverse("wagtailadmin_explore", args=[site_tree.agency_a.pk]), {"q": "مشاورة"}
    )

    assert response.status_code == 200
    statuses = status_by_title(response.content.decode())
    assert statuses[pages["overdue"].title].endswith("Outcome overdue")
    assert statuses[pages["upcoming"].title].endswith("Upcoming")


def test_an_editor_ticks_the_governorates_a_consultation_concerns(site_tree, users, client_for, locales):
    from tests.pages.test_workflow import consultation_form

    client = client_for(users.editor)
    html = client.get(add_url(site_tree.agency_a)).content.decode()
    assert 'type="checkbox" name="governorates" value="karak"' in html

    response = client.post(add_url(site_tree.agency_a), {**consultation_form(), "governorates": ["irbid", "karak"]})

    assert response.status_code == 302
    page = ConsultationPage.objects.get(slug="digital-services")
    assert page.governorates == ["irbid", "karak"]
    refused = client.post(add_url(site_tree.agency_a), {**consultation_form(), "governorates": ["atlantis"]})
    assert refused.status_code == 200
    assert "governorates" in refused.context["form"].errors
