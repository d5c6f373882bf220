"""In a real browser: a reader types a spelling variant into the header search box and reaches the page;
the results page passes axe-core's WCAG 2.2 AA checks, in both languages."""

import pytest

from tests.browser.test_accessibility import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# (language, what the reader types, the title of the page it must reach)
JOURNEYS = [
    ("ar", "حمايه البيانات الشخصيه", "مشروع تعليمات حماية البيانات الشخصية في الخدمات الحكومية الإلكترونية"),
    ("en", "protecting personal data", "Draft instructions on protecting personal data in government e-services"),
]


@pytest.mark.parametrize(("language", "typed", "title"), JOURNEYS)
def test_header_search_reaches_the_page(browser_page, demo_site, language, typed, title):
    page = browser_page
    page.goto(demo_site.url + demo_site.paths["home", language], wait_until="load")
    # The header's search landmark and its labelled search box (the label is visually hidden).
    box = page.locator("header").get_by_role("search").get_by_role("searchbox")
    assert box.get_attribute("id") == "header-search-q"
    assert page.locator('label[for="header-search-q"]').count() == 1
    box.fill(typed)
    box.press("Enter")
    page.wait_for_url(f"**/{language}/search/?q=*")
    problems = check(page, page.url, language)
    assert not problems, f"axe-core found serious or critical violations on {page.url}:\n{problems}"
    page.get_by_role("link", name=title).first.click()
    page.wait_for_load_state("load")
    assert page.locator("h1").first.inner_text().strip() == title
