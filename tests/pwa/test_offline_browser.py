"""The installable app in Chromium: no installability errors, a visited consultation readable offline, the
offline page for the rest, and nothing personal in the service worker's caches (pages.pwa)."""

import pytest

from pages import demo_content
from tests.browser.test_accessibility import AXE_OPTIONS, BLOCKING_IMPACTS, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CITIZEN_PASSWORD = next(user["password"] for user in demo_content.USERS if user["username"] == "citizen")
OFFLINE_HEADINGS = {"ar": "لا يوجد اتصال بالشبكة", "en": "No network connection"}
# Every URL the service worker keeps, in every cache of the site.
CACHED_URLS = """async () => {
  const urls = [];
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys()) urls.push([name, new URL(request.url).pathname]);
  }
  return urls;
}"""
# The Cache-Control of every page the service worker keeps.
KEPT_PAGES = """async () => {
  const found = {};
  for (const name of await caches.keys()) {
    if (!name.startsWith("tawasul-pages")) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) {
      const response = await cache.match(request);
      found[new URL(request.url).pathname] = response.headers.get("Cache-Control");
    }
  }
  return found;
}"""


def wait_for(page, expression, what, seconds=30):
    """Poll `expression` (a JavaScript function) until it is true; page.wait_for_function would evaluate a
    string in the page, which the Content-Security-Policy forbids."""
    for _ in range(seconds * 4):
        if page.evaluate(expression):
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"timed out waiting for {what}")


def wait_until_controlled(page):
    """The service worker is installed (its shell kept) and controls the page."""
    wait_for(page, "() => !!navigator.serviceWorker && navigator.serviceWorker.controller !== null", "the worker")


def wait_until_kept(page, path):
    expression = f"""async () => {{
      for (const name of await caches.keys()) {{
        if (await (await caches.open(name)).match({path!r})) return true;
      }}
      return false;
    }}"""
    wait_for(page, expression, f"{path} to be kept")


def kept_pages(page):
    return page.evaluate(KEPT_PAGES)


def axe_problems(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    return describe([v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS])


def test_installable_and_a_visited_consultation_reads_offline(app_page, demo_site):
    page = app_page
    context = page.context
    consultation = demo_site.url + demo_site.paths["consultation", "ar"]
    page.goto(consultation, wait_until="load")

    # (1) Chromium finds nothing that stops installing the app.
    cdp = context.new_cdp_session(page)
    wait_until_controlled(page)
    manifest = cdp.send("Page.getAppManifest")
    assert manifest["url"].endswith("/ar/manifest.webmanifest"), manifest
    assert not manifest.get("errors"), manifest["errors"]
    installability = cdp.send("Page.getInstallabilityErrors")
    assert installability["installabilityErrors"] == [], installability

    # (2) Opened once under the service worker, the consultation is kept…
    title = page.locator("h1").first.inner_text()
    page.reload(wait_until="load")
    wait_until_kept(page, demo_site.paths["consultation", "ar"])
    kept = kept_pages(page)
    assert "public" in kept[demo_site.paths["consultation", "ar"]]

    # …and readable without a network, with its stylesheet, saying that it is a saved copy.
    context.set_offline(True)
    response = page.reload(wait_until="load")
    assert response is not None and response.status == 200
    assert page.locator("h1").first.inner_text() == title
    assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
    notice = page.locator(".pwa-offline-notice")
    assert notice.is_visible()
    assert notice.get_attribute("role") == "status"

    # A page never opened: the offline page in the address's language, which passes axe.
    for language in ("ar", "en"):
        unvisited = demo_site.url + demo_site.paths["rules", language]
        response = page.goto(unvisited, wait_until="load")
        assert response is not None and response.status == 200
        assert page.url == unvisited
        assert page.locator("h1").inner_text() == OFFLINE_HEADINGS[language]
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("html").get_attribute("dir") == {"ar": "rtl", "en": "ltr"}[language]
        assert page.evaluate("getComputedStyle(document.querySelector('.skip-link')).position") == "absolute"
        assert not page.locator(".pwa-offline-notice").count(), "the offline page says it itself"
        problems = axe_problems(page)
        assert not problems, f"axe-core found serious or critical violations on the offline page:\n{problems}"

    # Back online, pages come from the network again.
    context.set_offline(False)
    page.goto(demo_site.url + demo_site.paths["rules", "en"], wait_until="load")
    assert page.locator("h1").inner_text() != OFFLINE_HEADINGS["en"]
    assert not page.csp_errors, "\n".join(page.csp_errors)


def test_personal_pages_and_pages_read_signed_in_are_never_kept(app_page, demo_site):
    page = app_page
    context = page.context
    consultation = demo_site.paths["consultation", "ar"]
    page.goto(demo_site.url + consultation, wait_until="load")
    wait_until_controlled(page)

    # Anonymous, under the service worker: the consultation is kept, the sign-in form is not.
    page.reload(wait_until="load")
    wait_until_kept(page, consultation)
    page.goto(demo_site.url + "/ar/accounts/login/", wait_until="load")
    page.goto(demo_site.url + "/en/accounts/signup/", wait_until="load")

    # Signed in through the form (a POST, which the service worker leaves alone), then pages not read
    # before (a page read anonymously a moment ago may come back from the browser's own HTTP cache, which
    # keeps `public, max-age` answers): the consultation in English with its forms, My participation, the
    # account's e-mail page and a rules page.
    page.goto(demo_site.url + "/ar/accounts/login/", wait_until="load")
    form = page.locator("form:has(input[name=password])")
    form.locator("input[name=login]").fill("citizen")
    form.locator("input[name=password]").fill(CITIZEN_PASSWORD)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    english = demo_site.paths["consultation", "en"]
    response = page.goto(demo_site.url + english, wait_until="load")
    assert response.from_service_worker
    assert "private" in response.headers["cache-control"]
    assert page.locator("form.comment-form, form.poll__form").count(), "signed in, the forms are shown"
    signed_in = [english, "/ar/my-participation/", "/en/accounts/email/", demo_site.paths["rules", "en"]]
    for path in signed_in[1:]:
        page.goto(demo_site.url + path, wait_until="load")
    page.wait_for_timeout(1000)  # let the service worker finish what it does after each answer

    cached = page.evaluate(CACHED_URLS)
    paths = [path for _name, path in cached]
    assert not [p for p in paths if "/accounts/" in p or "/my-participation/" in p or "/participate/" in p], cached
    kept = kept_pages(page)
    assert consultation in kept, "the page read anonymously stays readable offline"
    for path in signed_in:
        assert path not in kept, (path, kept)
    for path, cache_control in kept.items():
        assert "public" in cache_control and "private" not in cache_control, (path, cache_control)

    # Offline, a personal page is the offline page, never an old copy.
    context.set_offline(True)
    page.goto(demo_site.url + "/ar/my-participation/", wait_until="load")
    assert page.locator("h1").inner_text() == OFFLINE_HEADINGS["ar"]
    context.set_offline(False)
