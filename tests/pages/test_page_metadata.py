"""What auditors and search engines read: meta descriptions, the favicon, `datetime` values, dates and numbers."""

import re
from datetime import datetime
from html import unescape
from zoneinfo import ZoneInfo

import pytest
from django.contrib.humanize.templatetags.humanize import intcomma
from django.test import Client
from django.utils import translation
from django.utils.formats import date_format

from tests.factories import (
    ConsultationPageFactory,
    ContentPageFactory,
    GuidelinePageFactory,
    RulesPageFactory,
    UserFactory,
    add_page,
    translate_page,
)

pytestmark = pytest.mark.django_db

# HTML's valid date or global date-and-time string, to the second (no fraction).
VALID_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2}))?$")


def description(html):
    found = re.findall(r'<meta name="description" content="([^"]*)">', html)
    assert len(found) == 1, f"expected one meta description, found {found}"
    return unescape(found[0])


@pytest.fixture
def every_page_type(site_tree):
    """One page of each public type in Arabic and English, with their paths and the description each should have."""
    consultation = add_page(
        site_tree.agency_a,
        ConsultationPageFactory(slug="fees", summary="ملخص المشاورة بلغة واضحة.", search_description=""),
    )
    guideline = add_page(site_tree.guidelines, GuidelinePageFactory(slug="how", summary="كيف تشارك في المشاورات."))
    rules = add_page(site_tree.guidelines, RulesPageFactory(slug="principles"))
    content = add_page(
        site_tree.home,
        ContentPageFactory(slug="about", summary="ملخص", search_description="عن بوابة تواصل للمشاركة الإلكترونية."),
    )
    english = {  # parents first: translating a page also copies its untranslated parents
        site_tree.agencies: {},
        site_tree.consultations: {},
        site_tree.guidelines: {},
        consultation: {"summary": "The consultation in plain words."},
        guideline: {"summary": "How to take part in consultations."},
        rules: {},
        content: {"summary": "Summary", "search_description": "About the Tawasul e-participation portal."},
    }
    translated = {page: translate_page(page, **fields) for page, fields in english.items()}
    return {
        "ar": {
            "home": (site_tree.home.url, "شارك في صنع القرار."),
            "consultation": (consultation.url, "ملخص المشاورة بلغة واضحة."),
            "guideline": (guideline.url, "كيف تشارك في المشاورات."),
            "content (search description first)": (content.url, "عن بوابة تواصل للمشاركة الإلكترونية."),
            "rules (no summary: the portal's)": (rules.url, "تواصل"),
            "agency": (site_tree.agency_a.url, "جهة حكومية تستشير المواطنين."),
            "agency index": (site_tree.agencies.url, "تواصل"),
            "consultation index": (site_tree.consultations.url, "تواصل"),
            "guideline index": (site_tree.guidelines.url, "تواصل"),
            "statistics": ("/ar/statistics/", None),
            "open data": ("/ar/open-data/", None),
            "login": ("/ar/accounts/login/", "تواصل"),
            "signup": ("/ar/accounts/signup/", "تواصل"),
        },
        "en": {
            "home": (site_tree.home_en.url, "Take part in decision-making."),
            "consultation": (translated[consultation].url, "The consultation in plain words."),
            "guideline": (translated[guideline].url, "How to take part in consultations."),
            "content (search description first)": (translated[content].url, "About the Tawasul e-participation"),
            "rules (no summary: the portal's)": (translated[rules].url, "Tawasul is the unified government portal"),
            "agency index": (translated[site_tree.agencies].url, "Tawasul is the unified government portal"),
            "consultation index": (translated[site_tree.consultations].url, "Tawasul is the unified government portal"),
            "guideline index": (translated[site_tree.guidelines].url, "Tawasul is the unified government portal"),
            "statistics": ("/en/statistics/", "How government entities consult the public"),
            "open data": ("/en/open-data/", "Every published consultation"),
            "login": ("/en/accounts/login/", "Tawasul is the unified government portal"),
            "signup": ("/en/accounts/signup/", "Tawasul is the unified government portal"),
        },
    }


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_page_type_has_a_meta_description_in_its_language(every_page_type, language):
    client = Client()
    for name, (path, expected) in every_page_type[language].items():
        response = client.get(path, follow=True)
        assert response.status_code == 200, f"{name}: {path} answered {response.status_code}"
        text = description(response.content.decode())
        assert 20 <= len(text) <= 161 or text == expected, f"{name}: {text!r}"
        if expected:
            assert expected in text, f"{name}: {text!r} lacks {expected!r}"
        arabic_letters = len(re.findall(r"[\u0600-\u06ff]", text))
        assert (arabic_letters > len(text) / 3) == (language == "ar"), f"{name}: {text!r} is not in {language}"


def test_signed_in_pages_have_a_meta_description(site_tree):
    client = Client()
    client.force_login(UserFactory(username="reader"))
    for path in ("/ar/my-participation/", "/en/my-participation/"):
        assert description(client.get(path).content.decode())


def test_long_summary_is_cut_to_a_search_snippet(site_tree):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(slug="long", summary="كلمة " * 100))
    text = description(Client().get(page.url).content.decode())
    assert len(text) <= 160 and text.endswith("…")


def test_favicon_answers_and_is_linked(site_tree):
    response = Client().get("/favicon.ico")
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body[:4] == b"\x00\x00\x01\x00", "not an ICO file"
    html = Client().get(site_tree.home.url).content.decode()
    svg = re.search(r'<link rel="icon" href="([^"]+\.svg)" type="image/svg\+xml">', html)
    assert svg, "no SVG icon linked in <head>"
    from django.contrib.staticfiles import finders

    assert finders.find(svg.group(1).removeprefix("/static/")), svg.group(1)


def test_no_datetime_attribute_has_microseconds(site_tree, client_for):
    from tests.transparency.conftest import add_comment, conclude

    page = add_page(site_tree.agency_a, ConsultationPageFactory(slug="dated", body=[("comments", {"prompt": "رأيك؟"})]))
    author = UserFactory(username="writer")
    comment = add_comment(page, author, "تعليق منشور", block_id=page.body[0].id)
    conclude(page, "<p>النتيجة.</p>")
    paths = [page.url, f"/ar/consultations/{page.pk}/report/", "/ar/statistics/", "/ar/open-data/", "/en/statistics/"]
    client = client_for(author)
    paths.append("/ar/my-participation/")
    values = []
    for path in paths:
        html = client.get(path).content.decode()
        values += [(path, value) for value in re.findall(r'datetime="([^"]*)"', html)]
    assert any(path.endswith("/report/") for path, _ in values)
    assert comment.created_at.microsecond, "the test needs a time with microseconds"
    bad = [(path, value) for path, value in values if not VALID_DATETIME.match(value)]
    assert not bad, bad


AMMAN = ZoneInfo("Asia/Amman")


def test_arabic_dates_use_the_arabic_comma():
    moment = datetime(2026, 12, 2, 0, 38, tzinfo=AMMAN)
    with translation.override("ar"):
        text = date_format(moment, "DATETIME_FORMAT")
    assert text == "2 ديسمبر 2026، 00:38"
    assert "," not in text
    with translation.override("en"):
        assert date_format(moment, "DATETIME_FORMAT") == "2 December 2026, 00:38"


def test_statistics_page_shows_the_arabic_comma(site_tree):
    html = Client().get("/ar/statistics/").content.decode()
    shown = re.search(r"<time datetime=\"[^\"]+\">([^<]+)</time>", html).group(1)
    assert "،" in shown and "," not in shown


def test_arabic_numbers_are_grouped_by_three():
    with translation.override("ar"):
        assert intcomma(1234567) == "1,234,567"
    with translation.override("en"):
        assert intcomma(1234567) == "1,234,567"
