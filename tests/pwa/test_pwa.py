"""The portal as an installable web app (pages.pwa): the manifest in each language, its icons, the service
worker's script and headers, and the offline page. What the service worker does in a browser is in
test_offline_browser.py."""

import json
import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.test import Client
from PIL import Image

from pages import pwa, pwa_icons
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

NAMES = {
    "ar": ("تواصل", "تواصل: بوابة المشاركة الإلكترونية الحكومية"),
    "en": ("Tawasul", "Tawasul: government e-participation portal"),
}
OFFLINE_HEADINGS = {"ar": "لا يوجد اتصال بالشبكة", "en": "No network connection"}
STYLESHEET = Path(__file__).resolve().parents[2] / "pages" / "static" / "css" / "tawasul.css"


def _static_file(url):
    assert url.startswith("/static/"), url
    found = finders.find(url.removeprefix("/static/"))
    assert found, f"{url} is not a static file"
    return found


def _css_variable(name):
    match = re.search(rf"{re.escape(name)}:\s*(#[0-9a-fA-F]{{3,6}})", STYLESHEET.read_text())
    return match.group(1).lower()


@pytest.mark.parametrize("language", ["ar", "en"])
def test_manifest_names_the_app_in_the_visitors_language_and_starts_there(client, site_tree, language):
    response = client.get(f"/{language}/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/manifest+json")
    manifest = json.loads(response.content)
    short_name, name = NAMES[language]
    assert manifest["short_name"] == short_name
    assert manifest["name"] == name
    assert manifest["lang"] == language
    assert manifest["dir"] == {"ar": "rtl", "en": "ltr"}[language]
    assert manifest["start_url"] == f"/{language}/"
    # One app in both languages: switching language stays inside it.
    assert manifest["id"] == "/"
    assert manifest["scope"] == "/"
    assert manifest["display"] == "standalone"
    assert manifest["description"]
    # The start page is the home page in that language.
    assert client.get(manifest["start_url"]).status_code == 200


def test_manifest_colours_are_the_sites(client, site_tree):
    manifest = json.loads(client.get("/ar/manifest.webmanifest").content)
    assert manifest["theme_color"] == _css_variable("--brand-dark")
    assert manifest["background_color"] == "#ffffff"
    page = client.get(site_tree.home.url).content.decode()
    assert f'<meta name="theme-color" content="{manifest["theme_color"]}">' in page


def test_manifest_icons_exist_with_the_stated_sizes(client, site_tree):
    manifest = json.loads(client.get("/en/manifest.webmanifest").content)
    seen = set()
    for icon in manifest["icons"]:
        assert icon["type"] == "image/png"
        width, height = (int(n) for n in icon["sizes"].split("x"))
        path = _static_file(icon["src"])
        with Image.open(path) as image:
            assert image.format == "PNG", icon["src"]
            assert image.size == (width, height), icon["src"]
        assert Path(path).stat().st_size < 20_000, f"{icon['src']} is heavy for a phone"
        seen.add((icon["purpose"], width))
    assert {("any", 192), ("any", 512), ("maskable", 192), ("maskable", 512)} <= seen


def test_maskable_icons_fill_the_square_and_keep_the_letter_in_the_safe_zone():
    """Launchers cut maskable icons to a circle of 80% of their width: the corners are the brand colour
    and everything white lies inside that circle."""
    for size in (192, 512):
        with Image.open(pwa_icons.ICONS_DIR / f"maskable-{size}.png") as image:
            rgb = image.convert("RGB")
            assert rgb.getpixel((0, 0)) == pwa_icons.BRAND[:3]
            radius = size * 0.4
            for x in range(0, size, 4):
                for y in range(0, size, 4):
                    if sum(rgb.getpixel((x, y))) > 600:  # white
                        assert (x - size / 2) ** 2 + (y - size / 2) ** 2 < radius**2, (size, x, y)


def test_apple_touch_icon_is_linked_and_exists(client, site_tree):
    page = client.get(site_tree.home_en.url).content.decode()
    match = re.search(r'<link rel="apple-touch-icon" href="([^"]+)">', page)
    assert match
    with Image.open(_static_file(match.group(1))) as image:
        assert image.size == (180, 180)


@pytest.mark.parametrize("language", ["ar", "en"])
def test_every_page_links_its_languages_manifest_and_the_registration_script(client, site_tree, language):
    home = site_tree.home if language == "ar" else site_tree.home_en
    page = client.get(home.url).content.decode()
    assert f'<link rel="manifest" href="/{language}/manifest.webmanifest">' in page
    script = re.search(r"<script ([^>]*)></script>", page)
    assert script, "no registration script"
    attributes = script.group(1)
    assert 'src="/static/pwa/register.js"' in attributes
    assert " defer" in attributes
    assert 'data-worker="/sw.js"' in attributes
    assert "data-offline-notice=" in attributes
    # The page itself has no inline script (the Content-Security-Policy allows none).
    assert "<script>" not in page


def test_manifest_is_public_for_anonymous_visitors(client, site_tree):
    response = client.get("/ar/manifest.webmanifest")
    assert not response.cookies
    assert "public" in response["Cache-Control"]


def test_service_worker_is_served_from_the_root_as_javascript_and_never_kept_long(client, site_tree):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Cache-Control"] == "no-cache"
    assert response["Service-Worker-Allowed"] == "/"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert not response.cookies
    # The Content-Security-Policy lets the page register it and read the manifest: worker-src and
    # manifest-src fall back to default-src 'self'.
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "worker-src" not in policy and "manifest-src" not in policy


def test_service_worker_knows_the_offline_pages_and_the_personal_addresses(client, site_tree):
    body = client.get("/sw.js").content.decode()
    version = re.match(r'const VERSION = "([0-9a-f]{12})";', body)
    assert version
    config = json.loads(re.search(r"^const CONFIG = (\{.*\});$", body, re.MULTILINE).group(1))
    assert config["offlinePages"] == {"ar": "/ar/_offline/", "en": "/en/_offline/"}
    assert set(config["personalPrefixes"]) >= {"accounts/", "my-participation/", "participate/"}
    assert "/admin/" in config["untouchedPrefixes"]
    for url in config["shell"]:
        if url.startswith("/static/"):
            _static_file(url)
        else:
            assert client.get(url).status_code == 200, url
    # The same script for every request (so browsers do not reinstall it), whoever asks.
    signed_in = Client()
    signed_in.force_login(UserFactory(username="reader"))
    assert signed_in.get("/sw.js").content.decode() == body


def test_service_worker_keeps_only_pages_marked_public():
    """The rule in the script itself: a copy only of a 200 marked public, never private or no-store, never
    with Vary: Cookie, never redirected; and nothing but GET."""
    source = (Path(__file__).resolve().parents[2] / "templates" / "pwa" / "sw.js").read_text()
    assert 'if (!found.includes("public")) return false;' in source
    assert '["private", "no-store", "no-cache"]' in source
    assert '["cookie", "*"]' in source
    assert "response.redirected" in source
    assert 'if (request.method !== "GET") return;' in source


@pytest.mark.parametrize("language", ["ar", "en"])
def test_offline_page_in_both_languages(client, site_tree, language):
    response = client.get(f"/{language}/_offline/")
    assert response.status_code == 200
    page = response.content.decode()
    assert f'<html lang="{language}" dir="{"rtl" if language == "ar" else "ltr"}">' in page
    assert f"<h1>{OFFLINE_HEADINGS[language]}</h1>" in page
    assert '<meta name="robots" content="noindex">' in page
    assert 'class="offline-page"' in page
    # Kept by the service worker for everyone: nothing personal, no cookie.
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    assert "csrfmiddlewaretoken" not in page


def test_offline_page_for_a_signed_in_reader_is_private(site_tree):
    reader = Client()
    reader.force_login(UserFactory(username="reader"))
    response = reader.get("/en/_offline/")
    assert response.status_code == 200
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_manifest_service_worker_and_offline_page_refuse_other_methods(client, site_tree):
    for url in ("/sw.js", "/ar/manifest.webmanifest", "/en/_offline/"):
        assert client.post(url).status_code in (403, 405), url


def test_manifest_and_service_worker_need_no_queries(client, site_tree, django_assert_max_num_queries):
    with django_assert_max_num_queries(0):
        client.get("/sw.js")
        client.get("/ar/manifest.webmanifest")


def test_the_committed_icons_are_what_the_script_draws():
    for name, size, full_bleed, scale in pwa_icons.ICONS:
        drawn = pwa_icons.draw(size, full_bleed, scale).convert("RGBA")
        with Image.open(pwa_icons.ICONS_DIR / name) as committed:
            assert committed.size == drawn.size, name
            assert committed.convert("RGBA").tobytes() == drawn.tobytes(), (
                f"{name} differs from pages.pwa_icons: run `.venv/bin/python -m pages.pwa_icons`"
            )


def test_manifest_lists_the_icons_of_pages_pwa():
    assert {icon["src"].rsplit("/", 1)[-1] for icon in pwa.icons()} == {
        "icon-192.png",
        "icon-512.png",
        "maskable-192.png",
        "maskable-512.png",
    }
