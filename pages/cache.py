"""Anonymous pages from the shared cache, with no cookie and no `Vary: Cookie`.

Most visitors read without signing in. Their pages are the same for everyone, so:

- `AnonymousVisitorMiddleware` (after Django's AuthenticationMiddleware) decides that a request
  without a session cookie is anonymous *without reading the session*: reading it, as
  `request.user` does, makes Django add `Vary: Cookie`, and no CDN or shared cache keeps such a
  response. Templates show sign-in links to anonymous visitors and render forms (and their
  `{% csrf_token %}`, which would set a cookie) only for people signed in.
- `PageCacheMiddleware` (near the top of MIDDLEWARE) answers an anonymous GET or HEAD of a public
  address (under a language prefix, outside accounts and personal pages) from the shared cache
  (Redis in production), keyed by scheme, host, path and query; the path carries the language.
  A miss renders the page and stores it when the response is the same for everyone: 200, no
  cookie set, no `Vary: Cookie`, not private. Such responses say `Cache-Control: public,
  max-age=0, s-maxage=N`, so a CDN may keep them for N seconds while browsers ask again (the
  anonymous copy must not outlive a sign-in). Responses to signed-in
  people say `private, no-store`.

Invalidation by version numbers: each stored page records the versions of what it shows — the
site ("site": publishing, unpublishing, moving, deleting pages, which changes menus and
listings), one consultation in every language ("tk:<translation key>": its comments, replies,
dispositions, votes, dates) or every consultation's responses ("responses": the report,
statistics and open data). `bump()` replaces a version; a stored page whose recorded versions are
no longer current is a miss. The signal handlers that bump are in `pages.signals` (pages) and
`participation.cache_invalidation` (responses). Entries also expire after
TAWASUL_PAGE_CACHE_SECONDS, because a consultation's status changes with the clock.

Only Django's cache API is used (any backend: Redis in production, process memory in development and
tests). A hit costs one round trip: the entry and the current versions of what it shows are read together,
each process remembering which versions an address's entry depends on (a second round trip the first time,
or when that changes). A page that is rendered reads what it needs from the cache once: the route, the
versions and the values remembered for it (menu, breadcrumbs, language links, comment counts) come in one
round trip, each process remembering which ones an address used last time (`_RequestScope`). Every
version list includes the "epoch", bumped when Redis answers again after an outage (ops.cache); while
Redis is down nothing here uses the cache: pages, routes and counts are computed for every request.
"""

import hashlib
import logging
import secrets
import threading

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import cc_delim_re, get_max_age, patch_cache_control

from ops.cache import is_available, recovered

logger = logging.getLogger(__name__)

ENTRY_PREFIX = "pagecache:e:"
VERSION_PREFIX = "pagecache:v:"
ROUTE_PREFIX = "pagecache:r:"
ROUTE_SECONDS = 24 * 3600
SITE = "site"
RESPONSES = "responses"
# Every stored page, route and remembered value depends on this too: bumped when the shared cache answers
# again after an outage, during which changes could not make anything stale (ops.cache).
EPOCH = "epoch"
SAFE_METHODS = ("GET", "HEAD")
# Addresses under a language prefix that are personal or take input: never cached, never public.
PERSONAL_PREFIXES = ("accounts/", "my-participation/", "participate/")
MAX_ENTRY_BYTES = 1024 * 1024
# Answers a CDN may keep for a short time (errors and temporary redirects are not among them).
PUBLIC_STATUSES = (200, 301, 404, 410)
HIT_HEADER = "X-Tawasul-Cache"
# Headers that are never replayed from the cache.
NOT_STORED = {"set-cookie", HIT_HEADER.lower()}


# What one address read from the shared cache last time, per process: {entry or route key: keys}. Names
# and keys, never values: a key fetched for nothing costs nothing, and what is fetched is checked as before.
_NEEDED = {}
_NEEDED_MAX = 5_000  # addresses; a few MB at most per process, emptied when full
_MISSING = object()
_local = threading.local()
# How many times this process saw the shared cache answer again after an outage (`_shared_cache_recovered`).
# A read during which that happened returned what was kept before the outage, the epoch included: it is
# read again (or the entry it found is not used), as if the read had come after the new epoch.
_recoveries = 0


def _get_many(keys):
    """`cache.get_many(keys)`, read again if the shared cache came back (and the epoch changed) during it."""
    before = _recoveries
    found = cache.get_many(keys)
    if _recoveries != before:
        found = cache.get_many(keys)
    return found


def _remember_needed(key, keys):
    if len(_NEEDED) >= _NEEDED_MAX:
        _NEEDED.clear()
    _NEEDED[key] = tuple(keys)


class _RequestScope:
    """What this request has read from the shared cache: versions (read once per request, so a page is
    built from, and stored with, the versions current when it started) and remembered values fetched ahead
    of their use. `used`: the keys the request asked for, to fetch them ahead next time."""

    def __init__(self):
        self.versions = {}  # VERSION_PREFIX + name -> version
        self.values = {}  # remembered value's key -> value, or _MISSING
        self.used = set()


class _request_scope:
    """Opens a scope for the request unless one is open (the outermost middleware's)."""

    def __enter__(self):
        self.opened = getattr(_local, "scope", None) is None
        if self.opened:
            _local.scope = _RequestScope()
        return _local.scope

    def __exit__(self, *exc):
        if self.opened:
            _local.scope = None
        return False


def _scope():
    return getattr(_local, "scope", None)


def page_dependency(translation_key):
    """The version name for one page (or consultation) in every language."""
    return f"tk:{translation_key}"


def cache_seconds():
    """How long the app keeps an anonymous page (0: not at all)."""
    return int(getattr(settings, "TAWASUL_PAGE_CACHE_SECONDS", 0) or 0)


def route_cache_on():
    return bool(getattr(settings, "TAWASUL_ROUTE_CACHE", False))


def public_max_age():
    """How long browsers and a CDN may keep an anonymous page."""
    return int(getattr(settings, "TAWASUL_PUBLIC_MAX_AGE", 60))


def bump(*names):
    """Make every stored page that shows one of `names` stale (in every app server: the cache is shared)."""
    scope = _scope()
    if scope is not None:  # this request reads them afresh
        for name in names:
            scope.versions.pop(VERSION_PREFIX + name, None)
    try:
        cache.set_many({VERSION_PREFIX + name: _new_version() for name in names}, timeout=None)
    except Exception:  # a cache outage must not fail the save that caused the bump
        logger.exception("Could not invalidate cached pages %s", names)


def is_anonymous(request):
    """A visitor with no session cookie (and no pending message) is anonymous; decided without
    reading the session, so that the response does not vary on cookies."""
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME not in cookies and "messages" not in cookies


def _language_prefixes():
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def is_public_address(path):
    """A public page: under a language prefix, and not an account, personal or form address."""
    for prefix in _language_prefixes():
        if path.startswith(prefix):
            return not path[len(prefix) :].startswith(PERSONAL_PREFIXES)
    return False


def add_dependencies(request, *names):
    """Record what the response being built shows (see the module docstring)."""
    deps = getattr(request, "tawasul_cache_deps", None)
    if deps is None:
        deps = request.tawasul_cache_deps = set()
    deps.update(names)


def entry_key(request):
    raw = "|".join(
        (
            "https" if request.is_secure() else "http",
            request.get_host(),
            request.path,
            request.META.get("QUERY_STRING", ""),
        )
    )
    return ENTRY_PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()


def _new_version():
    """A version: a random integer, so that two servers starting one at the same time never agree by chance."""
    return secrets.randbits(62)


def _current_versions(names):
    """{name: version} for `names` and the epoch, starting a version for a name that has none yet. Within a
    request, each version is read once (`_RequestScope`)."""
    keys = [VERSION_PREFIX + name for name in dict.fromkeys([*names, EPOCH])]
    scope = _scope()
    known = scope.versions if scope is not None else {}
    wanted = [key for key in keys if key not in known]
    found = _get_many(wanted) if wanted else {}
    missing = {key: _new_version() for key in wanted if key not in found}
    if missing:
        # First use (or evicted): start a version; add() keeps another server's if it was first.
        for key, value in missing.items():
            if not cache.add(key, value, timeout=None):
                value = cache.get(key)
            found[key] = value
    if scope is not None:
        scope.versions.update(found)
        scope.used.update(keys)
    return {key[len(VERSION_PREFIX) :]: found[key] if key in found else known[key] for key in keys}


def _route_cache_usable():
    """Remembered routes and values are on and the shared cache answers (see `is_available`)."""
    return route_cache_on() and is_available()


def _is_private(response):
    cache_control = response.get("Cache-Control", "")
    directives = {part.split("=")[0].strip().lower() for part in cc_delim_re.split(cache_control) if part}
    return bool(directives & {"private", "no-store", "no-cache"}) or get_max_age(response) == 0


def _varies_on_cookie(response):
    return "cookie" in {v.strip().lower() for v in response.get("Vary", "").split(",")}


def is_shareable(response):
    """The same for every anonymous visitor: no cookie set, no `Vary: Cookie`, not private."""
    return not response.cookies and not _varies_on_cookie(response) and not _is_private(response)


class PageCacheMiddleware:
    """Serves anonymous GET/HEAD of public addresses from the shared cache (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS or not request.path.startswith(_language_prefixes()):
            return self.get_response(request)
        with _request_scope():
            return self.respond(request)

    def respond(self, request):
        if not is_anonymous(request):
            # Personal parts (sign-in state, forms, the reader's own comments and vote): nobody else's copy.
            response = self.get_response(request)
            if not response.has_header("Cache-Control"):
                patch_cache_control(response, private=True, no_store=True)
            return response
        if not is_public_address(request.path):
            return self.get_response(request)
        # While the shared cache is down (ops.cache) pages are rendered for everyone, not kept in one
        # process where another server's changes could not make them stale.
        seconds = cache_seconds() if is_available() else 0
        key = entry_key(request) if seconds else None
        if key:
            hit = self.lookup(key)
            if hit is not None:
                return hit
        response = self.get_response(request)
        if response.status_code not in PUBLIC_STATUSES or not is_shareable(response):
            return response
        if not response.has_header("Cache-Control"):
            # A CDN keeps it for a while (s-maxage); a browser asks again each time (max-age=0), so that a
            # person who signs in does not get back the anonymous copy of a page they have just read.
            patch_cache_control(response, public=True, max_age=0, s_maxage=public_max_age())
        if key and response.status_code == 200 and not response.streaming:
            self.store(request, key, response, seconds)
        return response

    def lookup(self, key):
        try:
            # The entry and, read with it, the versions it depended on last time (one round trip).
            expected = _NEEDED.get(key, ())
            found = _get_many([key, *expected])
            entry = found.get(key)
            if entry is None:
                return None
            versions = entry["versions"]
            wanted = [VERSION_PREFIX + name for name in versions]
            if set(wanted) - set(expected):
                _remember_needed(key, wanted)
                found.update(_get_many([name for name in wanted if name not in found]))
            if not all(found.get(VERSION_PREFIX + name) == value for name, value in versions.items()):
                return None
        except Exception:
            logger.exception("Page cache unavailable; rendering instead")
            return None
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response[HIT_HEADER] = "hit"
        return response

    def store(self, request, key, response, seconds):
        if len(response.content) > MAX_ENTRY_BYTES or getattr(request, "tawasul_no_cache", False):
            return
        if not is_available():  # Redis failed during this request: keep no page in this process's memory
            return
        names = {SITE, *(getattr(request, "tawasul_cache_deps", None) or {RESPONSES})}
        try:
            versions = _current_versions(sorted(names))
            headers = [(k, v) for k, v in response.items() if k.lower() not in NOT_STORED]
            cache.set(
                key,
                {"status": response.status_code, "content": response.content, "headers": headers, "versions": versions},
                timeout=seconds,
            )
        except Exception:
            logger.exception("Could not store a page in the cache")
            return
        response[HIT_HEADER] = "miss"


class AnonymousVisitorMiddleware:
    """After AuthenticationMiddleware: a request without a session cookie is anonymous, decided
    without opening the session (which would add `Vary: Cookie` to the response)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            request.user = AnonymousUser()

            async def auser():
                return request.user

            request.auser = auser
        return self.get_response(request)


def remember_while_current(version_names, name, compute, seconds=3600):
    """`compute()`, kept in the shared cache until one of `version_names` is bumped (or for `seconds`):
    e.g. a consultation's comment counts, kept until its version changes. Computed afresh when the
    cache fails, and always where the route cache is off (tests, which change rows without signals).
    Unlike whole pages, this applies to signed-in readers and uncached pages too."""
    if not _route_cache_usable():
        return compute()
    try:
        versions = _current_versions(sorted(version_names))
        stamp = "|".join(f"{key}={value}" for key, value in versions.items())
        key = f"pagecache:m:{hashlib.sha256(f'{name}|{stamp}'.encode()).hexdigest()}"
        scope = _scope()
        if scope is not None:
            scope.used.add(key)
        found = scope.values.get(key) if scope is not None else None
        if found is None:  # not fetched ahead with the route
            found = cache.get(key)
        if found is not None and found is not _MISSING:
            return found
    except Exception:
        return compute()
    value = compute()
    try:
        cache.set(key, value, timeout=seconds)
    except Exception:
        logger.exception("Could not keep %s", name)
    return value


def remember_for_site(name, compute, seconds=3600):
    """`compute()`, kept in the shared cache until pages are published, moved or deleted (the site
    version): the localized home page, the menu, the language switcher's links."""
    return remember_while_current([SITE], name, compute, seconds)


def _page_links(model):
    """The page type's own links to other pages (a consultation's agency), loaded with the page."""
    from wagtail.models import Page

    return [
        field.name
        for field in model._meta.concrete_fields
        if field.many_to_one and field.model is not Page and issubclass(field.related_model, Page)
    ]


class RouteCacheMiddleware:
    """Remembers which page answers an address (after LocaleMiddleware), for signed-in readers too.

    Wagtail finds a page by walking the tree from the site's root, two queries per level (seven for
    a consultation). The result depends only on the host and the path (which carries the language),
    and changes only when pages are published, unpublished, moved or deleted: the site version. So
    the page id, its type and the site are kept in the shared cache, and later requests load the
    page in one query and hand it to Wagtail (`request._wagtail_route_for_request`, which Wagtail's
    serve view reads first)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not (request.method in SAFE_METHODS and is_public_address(request.path) and _route_cache_usable()):
            return self.get_response(request)
        raw = f"{request.get_host()}|{request.path}"
        key = ROUTE_PREFIX + hashlib.sha256(raw.encode("utf-8", "surrogateescape")).hexdigest()
        with _request_scope() as scope:
            restored = self.restore(request, key, scope)
            response = self.get_response(request)
            if not restored and response.status_code == 200:
                self.remember(request, key)
            if response.status_code == 200:
                _remember_needed(key, scope.used)
        return response

    def restore(self, request, key, scope):
        """The route, and in the same round trip the versions and remembered values this address used last
        time (kept in `scope` for the rest of the request)."""
        expected = [k for k in _NEEDED.get(key, ()) if k not in scope.versions]
        wanted = [key, *dict.fromkeys([VERSION_PREFIX + SITE, VERSION_PREFIX + EPOCH, *expected])]
        try:
            found = _get_many(wanted)
        except Exception:
            return False
        for name in wanted[1:]:
            if name.startswith(VERSION_PREFIX):
                if name in found:
                    scope.versions[name] = found[name]
            else:
                scope.values[name] = found.get(name, _MISSING)
        entry = found.get(key)
        current = {name: found.get(VERSION_PREFIX + name) for name in (SITE, EPOCH)}
        if entry is None or None in current.values() or entry["versions"] != current:
            return False
        from django.contrib.contenttypes.models import ContentType

        model = ContentType.objects.get_for_id(entry["content_type"]).model_class()
        if model is None:
            return False
        page = model.objects.filter(pk=entry["page"], live=True).select_related(*_page_links(model)).first()
        if page is None:
            return False
        # Wagtail checks the view restrictions of the page and its ancestors on every request (two
        # queries); they change only with a restriction saved or deleted, which bumps the site version.
        restrictions = entry["restrictions"]
        page.get_view_restrictions = lambda: restrictions
        request._wagtail_site = entry["site"]
        request._wagtail_route_for_request = (page, entry["args"], entry["kwargs"])
        return True

    def remember(self, request, key):
        route = getattr(request, "_wagtail_route_for_request", None)
        site = getattr(request, "_wagtail_site", None)
        if not route or site is None:
            return
        page, args, kwargs = route
        try:
            versions = _current_versions([SITE])
            cache.set(
                key,
                {
                    "versions": versions,
                    "page": page.pk,
                    "content_type": page.content_type_id,
                    "args": list(args),
                    "kwargs": dict(kwargs),
                    "site": site,
                    "restrictions": list(page.get_view_restrictions()),
                },
                timeout=ROUTE_SECONDS,
            )
        except Exception:
            logger.exception("Could not remember a page's route")


# Invalidation for pages ---------------------------------------------------------------------------


def _page_changed(sender, instance, **kwargs):
    """Publishing, unpublishing, moving or deleting a page changes it, its translations' language
    links, and the menus and listings of other pages: a new site version."""
    key = getattr(instance, "translation_key", None)
    names = (SITE, *([page_dependency(key)] if key else []))
    bump(*names)
    transaction.on_commit(lambda: bump(*names))  # again once committed: see participation.cache_invalidation


def _page_deleted(sender, instance, **kwargs):
    from wagtail.models import Page

    if isinstance(instance, Page):
        _page_changed(sender, instance)


def _shared_cache_recovered(sender, **kwargs):
    """Redis answers again after an outage (ops.cache): what was stored before it may show what changed
    during it, when bumps could not reach Redis. A new epoch makes all of it stale."""
    global _recoveries
    _recoveries += 1
    bump(EPOCH)


def _restrictions_changed(sender, **kwargs):
    """View restrictions and sites are kept with each remembered route."""
    bump(SITE)


def connect():
    """Called from pages.apps: the page signals that make stored pages stale."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import PageViewRestriction, Site
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_page_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(_page_changed, dispatch_uid="pagecache-unpublished")
    post_page_move.connect(_page_changed, dispatch_uid="pagecache-moved")
    recovered.connect(_shared_cache_recovered, dispatch_uid="pagecache-recovered")
    post_delete.connect(_page_deleted, dispatch_uid="pagecache-deleted")
    for name, signal in (("saved", post_save), ("deleted", post_delete)):
        for model in (PageViewRestriction, Site):
            signal.connect(_restrictions_changed, sender=model, dispatch_uid=f"pagecache-{model.__name__}-{name}")
