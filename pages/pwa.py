"""The portal as an installable web app: a manifest per language, a service worker, an offline page.

- `manifest` (/ar/manifest.webmanifest, /en/…): the app's name, icons and colours in the page's
  language; it starts at the home page of that language. Both languages are one app (the same `id`
  and the whole site as `scope`), so switching language stays inside the installed app.
- `service_worker` (/sw.js, at the site's root so that it may control every page): the script in
  templates/pwa/sw.js with its settings written in; always fetched afresh (`no-cache`), so a new
  deployment reaches phones at their next visit. It keeps a copy of the public pages a person opens,
  and of the stylesheet and icons they need, to show them again without a network; when a page was
  not kept it shows the offline page. It never keeps a page unless the server marked the response
  `Cache-Control: public`, which pages.cache does only for anonymous requests of public addresses
  (no cookie set, no `Vary: Cookie`): personal pages, forms, and anything asked for while signed in
  are answered `private, no-store` and never reach the device's storage. Addresses under accounts/,
  my-participation/, participate/ and the admin are left alone whatever the headers say.
- `offline` (/ar/_offline/, /en/…): what the service worker shows when the network is gone and the
  page asked for was not kept.

Browsers without service workers (or without JavaScript) use the site exactly as before.
"""

import hashlib
import json

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from pages.cache import PERSONAL_PREFIXES

# The header's colour (--brand-dark in tawasul.css): the phone's status bar and title bar.
THEME_COLOR = "#0b3d2e"
BACKGROUND_COLOR = "#ffffff"
APP_ID = "/"
ICON_SIZES = (192, 512)
# How many pages the service worker keeps at most (the oldest go first).
MAX_SAVED_PAGES = 50
# Addresses outside the language prefixes that the service worker never answers for.
UNTOUCHED_PREFIXES = ("/admin/", "/django-admin/", "/documents/", "/api/")
DIRECTION = {"ar": "rtl"}


def icons():
    """The manifest's icons: square PNGs drawn by pages.pwa_icons."""
    return [
        {
            "src": static(f"img/icons/{name}-{size}.png"),
            "sizes": f"{size}x{size}",
            "type": "image/png",
            "purpose": purpose,
        }
        for name, purpose in (("icon", "any"), ("maskable", "maskable"))
        for size in ICON_SIZES
    ]


@require_safe
def manifest(request):
    """The web app manifest in the language of the address."""
    language = translation.get_language()
    data = {
        "id": APP_ID,
        "name": _("Tawasul: government e-participation portal"),
        "short_name": _("Tawasul"),
        "description": _(
            "Tawasul is the unified government portal for e-participation: read consultations, have your say, "
            "and see what happened to the public's views."
        ),
        "lang": language,
        "dir": DIRECTION.get(language, "ltr"),
        "start_url": f"/{language}/",
        "scope": "/",
        "display": "standalone",
        "orientation": "any",
        "theme_color": THEME_COLOR,
        "background_color": BACKGROUND_COLOR,
        "categories": ["government", "news"],
        "icons": icons(),
    }
    return JsonResponse(
        data,
        content_type="application/manifest+json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )


def worker_settings():
    """What the service worker needs to know about this site, written into the script."""
    languages = [code for code, _name in settings.LANGUAGES]
    offline_pages = {}
    for code in languages:
        with translation.override(code):
            offline_pages[code] = reverse("pwa_offline")
    shell = [
        *offline_pages.values(),
        static("css/tawasul.css"),
        static("img/favicon.svg"),
        static("pwa/register.js"),
        static("img/icons/icon-192.png"),
    ]
    return {
        "languages": languages,
        "defaultLanguage": settings.LANGUAGE_CODE,
        "offlinePages": offline_pages,
        "shell": shell,
        "staticUrl": settings.STATIC_URL,
        "personalPrefixes": list(PERSONAL_PREFIXES),
        "untouchedPrefixes": list(UNTOUCHED_PREFIXES),
        "maxSavedPages": MAX_SAVED_PAGES,
    }


@require_safe
def service_worker(request):
    """/sw.js: the service worker, at the root so that its scope is the whole site."""
    config = json.dumps(worker_settings(), ensure_ascii=True, sort_keys=True)
    body = render_to_string("pwa/sw.js", {"config": config})
    # The version names the caches: a new script (new code, new static file names) starts new ones.
    version = hashlib.sha256(body.encode()).hexdigest()[:12]
    response = HttpResponse(f'const VERSION = "{version}";\n{body}', content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "no-cache"
    response["Service-Worker-Allowed"] = "/"
    return response


@require_safe
def offline(request):
    """The page shown in place of one that was not kept on the device when the network is gone."""
    return render(request, "pwa/offline.html")
