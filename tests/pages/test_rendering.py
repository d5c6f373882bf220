"""Every page type renders in Arabic (right-to-left) and English (left-to-right)."""

import re

import pytest
from django.test import Client

from pages.models import ContentPage
from tests.factories import (
    ConsultationPageFactory,
    ContentPageFactory,
    GuidelinePageFactory,
    RulesPageFactory,
    add_page,
    publish_directly,
    translate_page,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def every_page(site_tree):
    pages = {
        "home": site_tree.home,
        "agency index": site_tree.agencies,
        "agency": site_tree.agency_a,
        "consultation index": site_tree.consultations,
        "consultation": add_page(site_tree.agency_a, ConsultationPageFactory(title="مشروع نظام الخدمات")),
        "guideline index": site_tree.guidelines,
        "guideline": add_page(site_tree.guidelines, GuidelinePageFactory(title="دليل المواطن")),
        "rules": add_page(site_tree.guidelines, RulesPageFactory(title="القواعد التنفيذية")),
        "content": add_page(site_tree.home, ContentPageFactory(title="عن تواصل")),
    }
    translations = {
        name: translate_page(page, title=f"English {name}") for name, page in pages.items() if name != "home"
    }
    translations["home"] = site_tree.home_en
    return pages, translations


def html_tag(response):
    return re.search(r"<html[^>]*>", response.content.decode()).group(0)


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "agency index",
        "agency",
        "consultation index",
        "consultation",
        "guideline index",
        "guideline",
        "rules",
        "content",
    ],
)
def test_page_renders_in_both_languages(every_page, name):
    pages, translations = every_page
    client = Client()

    arabic = client.get(pages[name].url)
    assert arabic.status_code == 200
    assert 'lang="ar"' in html_tag(arabic) and 'dir="rtl"' in html_tag(arabic)
    assert pages[name].title in arabic.content.decode()

    english = client.get(translations[name].url)
    assert english.status_code == 200
    assert 'lang="en"' in html_tag(english) and 'dir="ltr"' in html_tag(english)
    assert translations[name].title in english.content.decode()


def test_urls_are_language_prefixed(every_page):
    pages, translations = every_page
    assert pages["consultation"].url.startswith("/ar/")
    assert translations["consultation"].url.startswith("/en/")


def test_root_redirects_by_browser_language(site_tree):
    client = Client()
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ar-JO,ar;q=0.9")["Location"] == "/ar/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr")["Location"] == "/ar/"


def test_language_switcher_links_to_the_same_page(every_page):
    pages, translations = every_page
    arabic = Client().get(pages["consultation"].url).content.decode()
    assert f'href="{translations["consultation"].url}"' in arabic
    english = Client().get(translations["consultation"].url).content.decode()
    assert f'href="{pages["consultation"].url}"' in english


def test_language_switcher_falls_back_to_home_when_no_translation(site_tree):
    only_arabic = add_page(site_tree.home, ContentPageFactory(title="صفحة عربية فقط", slug="arabic-only"))
    html = Client().get(only_arabic.url).content.decode()
    assert 'href="/en/"' in html
    assert not ContentPage.objects.filter(
        translation_key=only_arabic.translation_key, locale__language_code="en"
    ).exists()


@pytest.mark.parametrize("name", ["home", "agency", "consultation index", "consultation", "guideline index", "rules"])
def test_arabic_page_has_no_english_interface_text(every_page, name):
    """Every word around Arabic content is Arabic: no interface string is left untranslated."""
    from bs4 import BeautifulSoup

    pages, _ = every_page
    soup = BeautifulSoup(Client().get(pages[name].url).content, "html.parser")
    for element in soup.select('[lang]:not([lang="ar"]), [dir="ltr"], script, style, time, .sr-ignore'):
        element.decompose()
    text = soup.body.get_text(" ")
    file_formats = {"CSV", "JSON", "PDF", "Atom", "iCalendar"}  # names of file formats, the same in every language
    assert [word for word in re.findall(r"[A-Za-z]{2,}", text) if word not in file_formats] == []


def test_dates_are_formatted_for_the_language(every_page):
    from datetime import datetime
    from zoneinfo import ZoneInfo

    pages, translations = every_page
    rules = pages["rules"]
    rules.effective_on = datetime(2024, 5, 28, tzinfo=ZoneInfo("Asia/Amman")).date()
    publish_directly(rules)
    translation = translations["rules"]
    translation.effective_on = rules.effective_on
    publish_directly(translation)
    assert "28 May 2024" in Client().get(translation.url).content.decode()
    arabic = Client().get(rules.url).content.decode()
    assert "May" not in arabic and "28" in arabic
