"""The events listing and an event page pass axe-core in Arabic and English, and a citizen registers with the
keyboard alone, in a real browser (Debian's Chromium, as tests/browser)."""

import pytest

from tests.browser.conftest import browser_page, chromium, chromium_path, demo_site  # noqa: F401
from tests.browser.test_accessibility import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def assert_accessible(page, url, language):
    problems = check(page, url, language)
    assert not problems, f"axe-core found serious or critical violations on {url}:\n{problems}"


@pytest.fixture
def event_paths(demo_site):  # noqa: F811
    from events.demo import UPCOMING
    from events.models import EventIndexPage, EventPage

    paths = {}
    for language in ("ar", "en"):
        paths["listing", language] = EventIndexPage.objects.live().get(locale__language_code=language).url
        paths["past", language] = (
            EventPage.objects.live().get(slug="awareness-workshop-zarqa", locale__language_code=language).url
        )
        paths["upcoming", language] = (
            EventPage.objects.live().get(slug=UPCOMING["slug"], locale__language_code=language).url
        )
    return paths


@pytest.mark.parametrize("language", ["ar", "en"])
def test_listing_and_event_pages_are_accessible(chromium_path, event_paths, browser_page, demo_site, language):  # noqa: F811
    for kind in ("listing", "past", "upcoming"):
        assert_accessible(browser_page, demo_site.url + event_paths[kind, language], language)
    # The filters are a plain GET form.
    page = browser_page
    page.goto(demo_site.url + event_paths["listing", language] + "?visit=filters")
    page.select_option("select[name=governorate]", "karak")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "governorate=karak" in page.url
    assert page.locator(".event-card").count() == 1


def test_citizen_registers_with_the_keyboard(chromium_path, event_paths, browser_page, demo_site):  # noqa: F811
    page = browser_page
    url = demo_site.url + event_paths["upcoming", "ar"]
    page.goto(url + "?visit=anonymous")
    assert page.locator("form[action$='/register/']").count() == 0  # anonymous: a sign-in link, no form
    page.context.add_cookies([{**demo_site.citizen_cookie, "url": demo_site.url}])
    assert_accessible(page, url, "ar")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest(\"form[action$='/register/']\") !== null"):
            break
    else:  # pragma: no cover
        raise AssertionError("the register button cannot be reached with the Tab key")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.locator("form[action$='/cancel/']").count() == 1
    assert page.locator(".notice--success").count() >= 1
    assert_accessible(page, page.url.split("#")[0], "ar")
