"""The statistics pages in a real browser: axe-core's WCAG 2.2 AA checks, the CSP, and bars
that grow from the right in Arabic. Skipped like tests/browser when Chromium is missing."""

import os

import pytest

from tests.browser.conftest import browser_page, chromium, chromium_path, demo_site  # noqa: F401
from tests.browser.test_accessibility import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

GOVERNORATES = ["amman"] * 9 + ["irbid"] * 6 + ["zarqa"] * 3 + ["aqaba"]


@pytest.fixture
def participants(demo_site):  # noqa: F811
    """Consenting participants on the demo site, so that every kind of cell is on the page."""
    from participation.models import ConsultationPage, Profile
    from tests.participation.conftest import make_citizen

    from .conftest import comment, vote

    page = ConsultationPage.objects.live().filter(locale__language_code="ar").open_now().first()
    # Five people in each of three governorates (cells that are shown, with bars), one in each of the
    # others (cells that are suppressed, with their complements).
    people = [g for i, g in enumerate(GOVERNORATES) for _ in range(5 if i < 3 else 1)]
    for i, governorate in enumerate(people):
        user = make_citizen(f"stats-browser-{i}")
        Profile.objects.filter(user=user).update(
            demographics_consent=True, governorate=governorate, gender="female" if i % 3 else "male"
        )
        vote(page, user, block_id=f"stats-browser-poll-{i}")
        comment(page, user)
    return demo_site


@pytest.mark.parametrize("language", ["ar", "en"])
def test_statistics_page_is_accessible(participants, browser_page, language):  # noqa: F811
    url = f"{participants.url}/{language}/statistics/"
    problems = check(browser_page, url, language)
    assert not problems, f"axe-core found serious or critical violations on {url}:\n{problems}"
    # The stylesheet for the charts loaded, and the bars start at the inline-start edge.
    assert browser_page.evaluate("getComputedStyle(document.querySelector('.chart__bar')).fill") != "rgb(0, 0, 0)"
    bar = browser_page.locator("#chart-governorate-title ~ g rect.chart__bar").first.bounding_box()
    svg = browser_page.locator("svg.chart").nth(2).bounding_box()
    if language == "ar":
        assert bar["x"] + bar["width"] == pytest.approx(svg["x"] + svg["width"], abs=1)
    else:
        assert bar["x"] == pytest.approx(svg["x"], abs=1)
    screenshots = os.environ.get("TAWASUL_SCREENSHOTS")
    if screenshots:
        browser_page.screenshot(path=f"{screenshots}/statistics-{language}.png", full_page=True)
