"""What a page costs in the shared cache (pages.cache): a cached page is one read; a page that is rendered
reads the route, the versions and its remembered parts together; what changed is still seen at once."""

import pytest
from django.core.cache import caches
from django.test import Client

from pages.cache import HIT_HEADER
from participation.services import post_comment
from tests.participation import conftest as participation_fixtures

citizen = participation_fixtures.citizen
consultation = participation_fixtures.consultation
make_citizen = participation_fixtures.make_citizen

pytestmark = pytest.mark.django_db

READS = ("get", "get_many")
WRITES = ("set", "set_many", "add", "delete", "delete_many")


@pytest.fixture
def cache_calls(monkeypatch):
    """Counts the calls made to the default cache, by method name (not the calls a backend makes to itself,
    as the memory backend's get_many calling get)."""
    backend = caches["default"]
    calls = []
    depth = [0]
    for name in READS + WRITES:
        original = getattr(backend, name)

        def counted(*args, _name=name, _original=original, **kwargs):
            if not depth[0]:
                calls.append(_name)
            depth[0] += 1
            try:
                return _original(*args, **kwargs)
            finally:
                depth[0] -= 1

        monkeypatch.setattr(backend, name, counted)
    return calls


@pytest.fixture
def caching(settings):
    settings.TAWASUL_ROUTE_CACHE = True
    settings.TAWASUL_PAGE_CACHE_SECONDS = 60
    caches["default"].clear()
    yield settings
    caches["default"].clear()


def _reads(calls):
    return [name for name in calls if name in READS]


def test_a_cached_page_is_one_read(caching, client, consultation, cache_calls):
    client.get(consultation.url)  # rendered and stored
    client.get(consultation.url)  # from the cache; this process learns what the entry depends on
    cache_calls.clear()
    response = client.get(consultation.url)
    assert response[HIT_HEADER] == "hit"
    assert cache_calls == ["get_many"]


def test_a_rendered_page_reads_the_cache_once_or_twice(caching, client, consultation, cache_calls):
    caching.TAWASUL_PAGE_CACHE_SECONDS = 0  # every request renders the page
    client.get(consultation.url)
    client.get(consultation.url)
    cache_calls.clear()
    response = client.get(consultation.url)
    assert response.status_code == 200
    # The route with the versions and every remembered part (menu, breadcrumbs, language links, comment
    # counts), then Wagtail's own site root paths; nothing written.
    assert len(_reads(cache_calls)) <= 2, cache_calls
    assert not [name for name in cache_calls if name in WRITES], cache_calls


def test_what_changed_is_seen_at_once_by_rendered_and_cached_pages(caching, client, consultation, citizen):
    for page_cache in (0, 60):
        caching.TAWASUL_PAGE_CACHE_SECONDS = page_cache
        marker = f"تعليق جديد {page_cache}"
        client.get(consultation.url)
        client.get(consultation.url)
        assert marker not in client.get(consultation.url).content.decode()
        post_comment(consultation, citizen, "ask-post", marker, language="ar")  # published at once
        html = client.get(consultation.url).content.decode()
        assert marker in html
        # The comment counts kept for the page changed with it.
        assert client.get(consultation.url).content.decode().count(marker) == 1


def test_a_signed_in_reader_reads_the_route_and_parts_once_too(caching, consultation, citizen, cache_calls):
    reader = Client()
    reader.force_login(citizen)
    reader.get(consultation.url)
    reader.get(consultation.url)
    cache_calls.clear()
    response = reader.get(consultation.url)
    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert len(_reads(cache_calls)) <= 2, cache_calls
