"""The browser fixtures of tests/browser (Debian's Chromium, the seeded demo site), and a tab in a real
profile: Chromium refuses to install apps from Playwright's usual contexts, which are incognito."""

import pytest

from tests.browser.conftest import CHROMIUM_ARGS, browser_page, chromium, chromium_path, demo_site  # noqa: F401


@pytest.fixture
def app_page(chromium_path, demo_site, tmp_path):  # noqa: F811
    """A tab of Chromium with its own profile directory, on the seeded demo site (set up first: see
    tests/browser/conftest.py). Content-Security-Policy errors are collected in `page.csp_errors`."""
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            context = playwright.chromium.launch_persistent_context(
                tmp_path / "profile",
                executable_path=chromium_path,
                args=CHROMIUM_ARGS,
                viewport={"width": 412, "height": 915},  # a phone
            )
            page = context.pages[0] if context.pages else context.new_page()
            page.csp_errors = []

            def on_console(message):
                if message.type == "error" and "Content Security Policy" in message.text:
                    page.csp_errors.append(message.text)

            page.on("console", on_console)
            yield page
            context.close()
