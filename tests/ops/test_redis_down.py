"""Redis down or stalled costs speed, never a 500 (issue 8; the policy is in ops/cache.py).

The cache is production's (`ops.cache.ResilientRedisCache`), pointed either at a port nobody listens
on, or at the machine's Redis through a TCP proxy the test starts and cuts or stalls (the machine's Redis
is never stopped). With Django's own RedisCache, signing in, commenting and voting answered 500: allauth's
limiter, the page cache and the moderators' notice all call the cache inside the request.
"""

import logging
import secrets
import socket
import time

import pytest
from django.core import mail
from django.core.cache import cache
from django.test import Client

from ops.cache import is_available
from pages.cache import HIT_HEADER
from participation.models import Ballot, Comment, CommentStatus
from tests.factories import PASSWORD, UserFactory
from tests.ops.test_db_faults import FaultyProxy
from tests.participation import conftest as participation_fixtures

citizen = participation_fixtures.citizen
citizen_client = participation_fixtures.citizen_client
consultation = participation_fixtures.consultation
poll_options = participation_fixtures.poll_options
make_citizen = participation_fixtures.make_citizen

pytestmark = pytest.mark.django_db

REDIS = ("127.0.0.1", 6379)
SOCKET_TIMEOUT = 0.5  # seconds; production's REDIS_TIMEOUT is 2


def _redis_running():
    try:
        with socket.create_connection(REDIS, timeout=2) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def _nobody_listens():
    with socket.create_server(("127.0.0.1", 0)) as sock:
        return sock.getsockname()[1]  # closed again: connections to it are refused


def _use_redis_at(settings, port, retry_seconds):
    """Production's cache backend at 127.0.0.1:<port>, under a key prefix (and a health state) of its own."""
    settings.CACHES = {
        "default": {
            "BACKEND": "ops.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/14",
            "KEY_PREFIX": f"redis-down-{secrets.token_hex(4)}",
            "OPTIONS": {
                "socket_connect_timeout": SOCKET_TIMEOUT,
                "socket_timeout": SOCKET_TIMEOUT,
                "RETRY_SECONDS": retry_seconds,
            },
        }
    }


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.TAWASUL_PAGE_CACHE_SECONDS = 60
    settings.TAWASUL_ROUTE_CACHE = True
    settings.TAWASUL_VOTE_INVALIDATE_SECONDS = 5


@pytest.fixture
def dead_redis(settings):
    """REDIS_URL points at a port nobody listens on (the server is gone)."""
    _use_redis_at(settings, _nobody_listens(), retry_seconds=30)


@pytest.fixture
def proxied_redis(settings):
    """The machine's Redis through a proxy the test cuts, stalls and restores."""
    if not _redis_running():
        pytest.skip("Redis is not running on 127.0.0.1:6379")
    proxy = FaultyProxy(*REDIS)
    _use_redis_at(settings, proxy.port, retry_seconds=0.2)
    yield proxy
    proxy.up()
    import redis

    prefix = settings.CACHES["default"]["KEY_PREFIX"]
    client = redis.Redis(host=REDIS[0], port=REDIS[1], db=14)
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)
    client.close()
    proxy.close()


def comment_url(page, block_id):
    return f"/ar/participate/{page.pk}/comment/{block_id}/"


def vote_url(page, block_id):
    return f"/ar/participate/{page.pk}/vote/{block_id}/"


def test_sign_in_comment_and_vote_work_while_redis_is_gone(dead_redis, consultation, poll_options, caplog):
    make_citizen("huda")
    browser = Client()
    signed_in = browser.post("/ar/accounts/login/", {"login": "huda", "password": PASSWORD})
    assert signed_in.status_code == 302, signed_in.content[:500]
    assert browser.get("/ar/my-participation/").status_code == 200

    posted = browser.post(comment_url(consultation, "ask-pre"), {"body": "رأيي في المقترح والخادم معطل"})
    assert posted.status_code == 302
    assert Comment.objects.filter(body="رأيي في المقترح والخادم معطل", status=CommentStatus.PENDING).exists()
    voted = browser.post(vote_url(consultation, "poll-1"), {"option": [poll_options[0]]})
    assert voted.status_code == 302
    assert Ballot.objects.filter(translation_key=consultation.translation_key, block_id="poll-1").count() == 1

    assert not is_available()
    records = caplog.get_records("setup") + caplog.get_records("call")  # publishing the page met it first
    outage_logs = [r for r in records if r.name == "ops.cache" and r.levelno >= logging.ERROR]
    assert len(outage_logs) == 1  # logged once, not once per call
    assert "rate limits count in each process's memory" in outage_logs[0].getMessage()


def test_rate_limits_still_count_while_redis_is_gone(dead_redis, settings, consultation):
    """Failing soft, not open: the limiter counts in the process's memory (ACCOUNT_RATE_LIMITS["comment"]:
    10 an hour per person), so a flood is still refused with the 429 page."""
    make_citizen("salem")
    browser = Client()
    assert browser.post("/ar/accounts/login/", {"login": "salem", "password": PASSWORD}).status_code == 302
    statuses = [
        browser.post(comment_url(consultation, "ask-pre"), {"body": f"تعليق رقم {n}"}).status_code for n in range(10)
    ]
    assert statuses == [302] * 10
    refused = browser.post(comment_url(consultation, "ask-pre"), {"body": "الحادي عشر"})
    assert refused.status_code == 429
    assert 'lang="ar"' in refused.content.decode()
    assert Comment.objects.filter(author__username="salem").count() == 10


def test_failed_sign_ins_are_still_limited_while_redis_is_gone(dead_redis):
    """ "login_failed": 5 guesses per 5 minutes per account: then even the right password is refused."""
    make_citizen("target")
    guesser = Client()
    for _ in range(6):
        assert guesser.post("/ar/accounts/login/", {"login": "target", "password": "wrong-password"}).status_code in (
            200,
            429,
        )
    late = guesser.post("/ar/accounts/login/", {"login": "target", "password": PASSWORD})
    assert late.status_code in (200, 429)
    assert "_auth_user_id" not in guesser.session


def test_moderators_are_still_told_of_new_comments_once(
    dead_redis, site_tree, consultation, citizen_client, django_capture_on_commit_callbacks
):
    UserFactory(username="moderator-a", email="moderator@example.jo", groups=[site_tree.agency_a.moderators_group])
    mail.outbox.clear()
    for n in range(3):
        with django_capture_on_commit_callbacks(execute=True):
            posted = citizen_client.post(comment_url(consultation, "ask-pre"), {"body": f"ينتظر المشرف {n}"})
        assert posted.status_code == 302
    assert [m.to for m in mail.outbox] == [["moderator@example.jo"]]  # one notice in the interval


def test_anonymous_pages_are_rendered_not_served_from_one_process_memory(dead_redis, client, consultation):
    """While Redis is down the page cache is bypassed: no server keeps a copy nobody else could invalidate."""
    first = client.get(consultation.url)
    second = client.get(consultation.url)
    assert first.status_code == second.status_code == 200
    assert HIT_HEADER not in first and HIT_HEADER not in second
    assert not first.cookies and "cookie" not in first.get("Vary", "").lower()
    assert first["Cache-Control"].startswith("public")  # a CDN in front may still keep it briefly


def test_a_stalled_redis_costs_one_timeout_per_interval_not_one_per_call(proxied_redis, client, consultation):
    """Redis accepts connections and never answers. Each cache call would wait SOCKET_TIMEOUT; after the
    first failure the process stops asking Redis for RETRY_SECONDS, so pages answer at rendering speed."""
    from django.core.cache import caches

    caches["default"].retry_seconds = 30
    assert client.get(consultation.url).status_code == 200  # up: stored
    proxied_redis.stall()
    started = time.monotonic()
    statuses = [client.get(consultation.url).status_code for _ in range(5)]
    elapsed = time.monotonic() - started
    assert statuses == [200] * 5
    # Without the fallback each request made at least three cache calls of SOCKET_TIMEOUT each (7.5 s).
    assert elapsed < 5 * 3 * SOCKET_TIMEOUT, elapsed
    assert not is_available()


def test_after_an_outage_pages_cached_before_it_are_stale(proxied_redis, client, consultation, citizen):
    """A comment published while Redis is cut cannot invalidate the copy stored before the cut: when Redis
    answers again the new epoch does, so nobody gets the page without the comment."""
    from participation.services import post_comment

    assert client.get(consultation.url)[HIT_HEADER] == "miss"
    assert client.get(consultation.url)[HIT_HEADER] == "hit"
    proxied_redis.down()
    words = "تعليق نشر أثناء انقطاع الخادم"
    post_comment(consultation, citizen, "ask-post", words, language="ar")  # post-moderated: published
    during = client.get(consultation.url)
    assert during.status_code == 200 and HIT_HEADER not in during
    assert words in during.content.decode()

    proxied_redis.up()
    time.sleep(0.3)  # RETRY_SECONDS
    after = client.get(consultation.url)
    assert after.status_code == 200
    assert after.get(HIT_HEADER) != "hit"
    assert words in after.content.decode()
    assert is_available()
    assert client.get(consultation.url)[HIT_HEADER] == "hit"  # and caching again


def test_the_cache_answers_from_redis_again_after_it_returns(proxied_redis):
    key = f"shared-{secrets.token_hex(3)}"
    cache.set(key, "مشترك", 30)
    proxied_redis.down()
    assert cache.get(key) is None  # process memory, not Redis
    cache.set(key, "محلي", 30)
    proxied_redis.up()
    time.sleep(0.3)
    assert cache.get(key) == "مشترك"  # Redis again: what every server sees
    assert is_available()
