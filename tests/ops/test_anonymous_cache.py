"""Anonymous pages: no cookie, no `Vary: Cookie`, public Cache-Control, served from the shared cache and
made stale by what changes them (pages.cache, participation.cache_invalidation)."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import timezone

from pages.cache import HIT_HEADER
from participation.models import Comment, CommentStatus
from participation.moderation import moderate
from participation.services import cast_vote, post_comment
from tests.factories import UserFactory, add_page, publish_directly
from tests.participation import conftest as participation_fixtures

# The consultation with every kind of block, and citizens, from tests/participation.
citizen = participation_fixtures.citizen
citizen_client = participation_fixtures.citizen_client
consultation = participation_fixtures.consultation
consultation_en = participation_fixtures.consultation_en
poll_options = participation_fixtures.poll_options
make_citizen = participation_fixtures.make_citizen
participation_body = participation_fixtures.participation_body


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.TAWASUL_PAGE_CACHE_SECONDS = 60
    settings.TAWASUL_ROUTE_CACHE = True
    settings.TAWASUL_PUBLIC_MAX_AGE = 30
    cache.clear()
    yield
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    # On Redis (`on_redis`, still in force here) clear() would empty the whole Redis database, other
    # sessions' keys included; on_redis deletes this test's own keys instead.
    if not isinstance(caches["default"], RedisCache):
        cache.clear()


def _public_urls(site_tree, consultation, consultation_en):
    return [
        site_tree.home.url,
        site_tree.home_en.url,
        site_tree.consultations.url,
        site_tree.agency_a.url,
        consultation.url,
        consultation_en.url,
        f"{consultation.url}?article=art-5",
        "/ar/statistics/",
        "/en/open-data/",
    ]


def _varies_on_cookie(response):
    return "cookie" in response.get("Vary", "").lower()


def test_anonymous_pages_set_no_cookie_and_do_not_vary_on_cookie(client, site_tree, consultation, consultation_en):
    for url in _public_urls(site_tree, consultation, consultation_en):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not response.cookies, (url, response.cookies)
        assert not _varies_on_cookie(response), (url, response["Vary"])
        assert response["Cache-Control"] == "public, max-age=0, s-maxage=30", url


def test_anonymous_reader_gets_sign_in_links_instead_of_forms(client, consultation):
    html = client.get(consultation.url).content.decode()
    assert 'method="post"' not in html
    assert "csrfmiddlewaretoken" not in html
    assert f"/ar/accounts/login/?next={consultation.url}" in html


def test_signed_in_pages_are_private_and_show_the_forms(client, citizen_client, consultation):
    client.get(consultation.url)  # the anonymous page is now cached
    response = citizen_client.get(consultation.url)
    assert response.get(HIT_HEADER) != "hit"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    html = response.content.decode()
    assert "csrfmiddlewaretoken" in html and 'name="body"' in html


def test_second_anonymous_request_is_served_from_cache_without_queries(client, consultation, django_assert_num_queries):
    first = client.get(consultation.url)
    assert first[HIT_HEADER] == "miss"
    with django_assert_num_queries(0):
        second = client.get(consultation.url)
    assert second[HIT_HEADER] == "hit"
    assert second.content == first.content
    assert not second.cookies and not _varies_on_cookie(second)
    # Another query string is another page.
    assert client.get(f"{consultation.url}?order-ask-post=oldest")[HIT_HEADER] == "miss"


def test_head_is_served_from_cache_too(client, consultation):
    client.get(consultation.url)
    assert client.head(consultation.url)[HIT_HEADER] == "hit"


def test_post_and_personal_addresses_are_never_cached(client, consultation):
    assert HIT_HEADER not in client.get("/ar/accounts/login/")
    assert HIT_HEADER not in client.get("/ar/accounts/login/")
    response = client.post(f"/ar/participate/{consultation.pk}/comment/ask-post/", {"body": "x"})
    assert response.status_code in (302, 403)
    assert HIT_HEADER not in response


def test_a_comment_approved_shows_at_once_in_both_languages(client, site_tree, consultation, consultation_en, citizen):
    waiting = post_comment(consultation, citizen, "ask-pre", "تعليق ينتظر المراجعة", language="ar")
    assert waiting.status == CommentStatus.PENDING
    for url in (consultation.url, consultation_en.url):
        assert "تعليق ينتظر المراجعة" not in client.get(url).content.decode()
        assert client.get(url)[HIT_HEADER] == "hit"
    moderator = UserFactory(username="mod", groups=[site_tree.agency_a.moderators_group])
    moderate(waiting, moderator, "approve")
    for url in (consultation.url, consultation_en.url):
        response = client.get(url)
        assert response[HIT_HEADER] == "miss"
        assert "تعليق ينتظر المراجعة" in response.content.decode()


def test_a_published_comment_shows_at_once(client, consultation, citizen):
    client.get(consultation.url)
    post_comment(consultation, citizen, "ask-post", "تعليق منشور مباشرة", language="ar")
    assert "تعليق منشور مباشرة" in client.get(consultation.url).content.decode()


def test_a_pending_comment_does_not_empty_the_cache(client, consultation, citizen):
    client.get(consultation.url)
    post_comment(consultation, citizen, "ask-pre", "ينتظر", language="ar")
    assert client.get(consultation.url)[HIT_HEADER] == "hit"


def test_publishing_changes_the_page_and_the_listings(client, site_tree, consultation):
    assert client.get(consultation.url)[HIT_HEADER] == "miss"
    assert client.get(site_tree.home.url)[HIT_HEADER] == "miss"
    consultation.title = "عنوان جديد للمشاورة"
    publish_directly(consultation)
    assert "عنوان جديد للمشاورة" in client.get(consultation.url).content.decode()
    assert client.get(site_tree.home.url)[HIT_HEADER] == "miss"


def test_unpublishing_removes_the_page_from_cache(client, consultation):
    client.get(consultation.url)
    consultation.unpublish()
    assert client.get(consultation.url).status_code == 404


def test_votes_refresh_the_results_at_most_every_few_seconds(client, consultation, poll_options):
    client.get(consultation.url)
    cast_vote(consultation, make_citizen("voter1"), "poll-1", [poll_options[0]], language="ar")
    assert client.get(consultation.url)[HIT_HEADER] == "miss"  # the first vote invalidates
    cast_vote(consultation, make_citizen("voter2"), "poll-1", [poll_options[0]], language="ar")
    assert client.get(consultation.url)[HIT_HEADER] == "hit"  # the next within the interval does not
    cache.delete(f"pagecache:vote:{consultation.translation_key}:poll-1")  # the interval has passed
    cast_vote(consultation, make_citizen("voter3"), "poll-1", [poll_options[0]], language="ar")
    assert client.get(consultation.url)[HIT_HEADER] == "miss"


def test_the_cache_is_shared_by_every_process_through_its_keys(client, consultation):
    """Another process sees the page a first one stored (same cache, same key), and the version
    bump by a third makes it stale: nothing lives in the process itself."""
    client.get(consultation.url)
    other_process = Client()
    assert other_process.get(consultation.url)[HIT_HEADER] == "hit"
    Comment.objects.create(
        translation_key=consultation.translation_key,
        block_id="ask-post",
        consultation=consultation,
        agency_key=consultation.agency.translation_key,
        language="ar",
        body="من عملية أخرى",
        status=CommentStatus.APPROVED,
        created_at=timezone.now(),
    )
    assert other_process.get(consultation.url)[HIT_HEADER] == "miss"


def test_uncached_consultation_page_queries_do_not_grow_with_comments(
    client, site_tree, consultation, consultation_en, citizen, settings, django_assert_max_num_queries
):
    settings.TAWASUL_PAGE_CACHE_SECONDS = 0
    people = [make_citizen(f"reader{n}") for n in range(12)]
    for n, person in enumerate(people):
        top = post_comment(consultation, person, "ask-post", f"تعليق {n}", language="ar")
        post_comment(consultation, citizen, "ask-post", f"رد {n}", parent_id=top.pk, language="ar")
    client.get(consultation.url)
    with django_assert_max_num_queries(10):
        response = client.get(consultation.url)
    assert "تعليق 11" in response.content.decode()


def test_uncached_home_page_queries_are_bounded(
    client, site_tree, consultation, settings, django_assert_max_num_queries
):
    settings.TAWASUL_PAGE_CACHE_SECONDS = 0
    for n in range(5):
        add_page(
            site_tree.agency_b,
            type(consultation)(
                title=f"مشاورة {n}",
                slug=f"c-{n}",
                consultation_type="policy",
                summary="ملخص",
                opens_at=consultation.opens_at,
                closes_at=consultation.closes_at,
                body=participation_body(),
            ),
        )
    client.get(site_tree.home.url)
    with django_assert_max_num_queries(10):
        assert client.get(site_tree.home.url).status_code == 200


def test_a_page_restricted_to_signed_in_people_stays_restricted_with_remembered_routes(
    client, citizen_client, site_tree, consultation
):
    from wagtail.models import PageViewRestriction

    assert citizen_client.get(consultation.url).status_code == 200  # the route is remembered
    assert client.get(consultation.url).status_code == 200
    PageViewRestriction.objects.create(page=site_tree.agency_a, restriction_type=PageViewRestriction.LOGIN)
    refused = client.get(consultation.url)
    assert refused.status_code == 302 and "login/?next=" in refused["Location"]
    assert HIT_HEADER not in refused
    assert client.get(consultation.url).status_code == 302  # and again, from the remembered route
    assert citizen_client.get(consultation.url).status_code == 200


@pytest.fixture
def on_redis(settings):
    """The shared cache of production (Redis), under a key prefix of this test's own."""
    import os
    import secrets
    import socket

    url = os.environ.get("TAWASUL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=2).close()
    except OSError:
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    prefix = f"anon-cache-{secrets.token_hex(4)}"
    settings.CACHES = {"default": {"BACKEND": "ops.cache.ResilientRedisCache", "LOCATION": url, "KEY_PREFIX": prefix}}
    yield
    import redis

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()


def test_on_redis_a_cached_page_is_served_until_what_it_shows_changes(on_redis, client, consultation, citizen):
    assert client.get(consultation.url)[HIT_HEADER] == "miss"
    assert client.get(consultation.url)[HIT_HEADER] == "hit"
    post_comment(consultation, citizen, "ask-post", "تعليق على خادم ريديس", language="ar")
    response = client.get(consultation.url)
    assert response[HIT_HEADER] == "miss"
    assert "تعليق على خادم ريديس" in response.content.decode()
    assert client.get(consultation.url)[HIT_HEADER] == "hit"
    consultation.title = "عنوان بعد النشر"
    publish_directly(consultation)
    assert "عنوان بعد النشر" in client.get(consultation.url).content.decode()
