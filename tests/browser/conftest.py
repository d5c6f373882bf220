"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, and the demo site.

Playwright cannot download its own browsers here, so the tests launch the
`chromium` package from Debian. Without it they are skipped with a reason,
unless TAWASUL_REQUIRE_BROWSER=1 (set in CI), where a missing browser fails.
"""

import os
import shutil
from types import SimpleNamespace

import pytest
from django.core.management import call_command

CHROMIUM_MISSING = "Debian's chromium is not installed: apt-get install -y chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def _unavailable(reason):
    """Skip, or fail when the environment says the browser tests must run."""
    if os.environ.get("TAWASUL_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{reason} (TAWASUL_REQUIRE_BROWSER=1, so the browser tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


def chromium_executable():
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


@pytest.fixture
def chromium_path():
    """Where Debian's Chromium is; skips (or fails, in CI) before any slow set-up when it is missing."""
    executable = chromium_executable()
    if executable is None:
        _unavailable(CHROMIUM_MISSING)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        _unavailable("The playwright package is not installed: pip install -r requirements-dev.txt")
    return executable


@pytest.fixture
def chromium(chromium_path):
    """Debian's Chromium, launched through Playwright's sync API for one test.

    The sync API runs an asyncio event loop in the test thread for as long as it is
    started. Django refuses database queries from such a thread, and worse, they
    would go through a fresh connection outside the test's transaction handling. So
    the browser lives for one test only and is started after the database work
    (see `browser_page`); DJANGO_ALLOW_ASYNC_UNSAFE only covers what Django itself
    does while the browser is open.
    """
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
            yield browser
            browser.close()


@pytest.fixture
def browser_page(chromium_path, demo_site, chromium):
    """A fresh browser tab on the seeded demo site.

    The order of the arguments is the order of set-up: first whether there is a browser
    at all, then the database work, and only then the browser (see `chromium`).

    Content-Security-Policy errors the page logs are collected in `page.csp_errors`.
    """
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.csp_errors = []

    def on_console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            page.csp_errors.append(message.text)

    page.on("console", on_console)
    yield page
    context.close()


PARTICIPATION_BLOCKS = ("comments", "article", "poll")


def _path(page):
    """The page's path on whatever host the live server listens on."""
    return page.get_url_parts()[2]


def _richest(consultations):
    """The consultation with the most kinds of participation blocks, then the most of them."""

    def richness(page):
        kinds = [block.block_type for block in page.body if block.block_type in PARTICIPATION_BLOCKS]
        return len(set(kinds)), len(kinds), -page.pk

    return max(consultations, key=richness, default=None)


def _english(page):
    english = type(page).objects.live().filter(translation_key=page.translation_key, locale__language_code="en")
    assert english.exists(), f"seed_demo did not publish the English version of {page.url_path}"
    return english.get()


@pytest.fixture
def demo_site(live_server, transactional_db):
    """The bilingual demo site (seed_demo), the paths of the pages the tests visit, and a
    session cookie for the demo citizen. Everything touching the database happens here,
    before the browser starts (see `chromium`)."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from guidelines.models import RulesPage
    from pages.models import HomePage
    from participation.models import ConsultationPage

    call_command("seed_demo", verbosity=0)

    home = HomePage.objects.live().get(locale__language_code="ar")
    open_consultations = list(
        ConsultationPage.objects.live().filter(locale__language_code="ar").open_now().order_by("path")
    )
    consultation = _richest(open_consultations)
    rules = RulesPage.objects.live().filter(locale__language_code="ar").order_by("path").first()
    assert consultation is not None, "seed_demo made no open consultation in Arabic"
    assert rules is not None, "seed_demo made no rules page in Arabic"

    paths = {}
    for kind, page in {"home": home, "consultation": consultation, "rules": rules}.items():
        paths[kind, "ar"] = _path(page)
        paths[kind, "en"] = _path(_english(page))
    concluded = ConsultationPage.objects.live().filter(locale__language_code="ar").concluded().first()
    assert concluded is not None, "seed_demo made no concluded consultation in Arabic"
    for language, version in (("ar", concluded), ("en", _english(concluded))):
        paths["outcome report", language] = f"/{language}/consultations/{version.pk}/report/"
        paths["open data", language] = f"/{language}/open-data/"
        paths["consultations", language] = f"/{language}/consultations/"
    with_poll_and_comments = [
        page
        for page in sorted(open_consultations, key=lambda p: p.opens_at, reverse=True)
        if {"poll", "comments"} <= {block.block_type for block in page.body}
    ]
    assert with_poll_and_comments, "seed_demo made no open consultation with a poll and comments"
    paths["poll consultation", "ar"] = _path(with_poll_and_comments[0])
    paths["poll consultation", "en"] = _path(_english(with_poll_and_comments[0]))
    paths["open consultations", "ar"] = [_path(page) for page in open_consultations]
    paths["open consultations", "en"] = [_path(_english(page)) for page in open_consultations]

    client = Client()
    client.force_login(get_user_model().objects.get(username="citizen"))
    session = {"name": settings.SESSION_COOKIE_NAME, "value": client.cookies[settings.SESSION_COOKIE_NAME].value}
    return SimpleNamespace(url=live_server.url, paths=paths, citizen_cookie=session)
