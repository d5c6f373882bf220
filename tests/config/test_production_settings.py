"""Production settings refuse to start without their secrets and shared cache, pass Django's deploy
checks, and hold rate limits across processes through Redis."""

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Database 15 of the machine's Redis, and a key prefix per test run: nothing else's keys are touched.
TEST_REDIS_URL = os.environ.get("TAWASUL_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
SECRETS = {
    "SECRET_KEY": "x" * 20 + "-a-long-random-production-secret-for-the-test-only-0123456789",
    "ALLOWED_HOSTS": "tawasul.example.jo",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/tawasul",
    "REDIS_URL": TEST_REDIS_URL,
}
# Variables of deploy/ENVIRONMENT.md that change behaviour: never inherited from the test's environment.
OPTIONAL = [
    "AWS_STORAGE_BUCKET_NAME",
    "AWS_S3_CUSTOM_DOMAIN",
    "AWS_S3_ENDPOINT_URL",
    "ALLAUTH_TRUSTED_PROXY_COUNT",
    "ALLAUTH_TRUSTED_CLIENT_IP_HEADER",
    "CACHE_KEY_PREFIX",
    "DATABASE_STATEMENT_TIMEOUT",
    "DATABASE_CONNECT_TIMEOUT",
]


def manage(*args, **env):
    clean = {k: v for k, v in os.environ.items() if k not in SECRETS and k not in OPTIONAL}
    clean.update(DJANGO_SETTINGS_MODULE="config.settings.production", **env)
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=clean, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_production_refuses_to_start_without_secret(missing):
    env = {k: v for k, v in SECRETS.items() if k != missing}
    result = manage("check", **env)
    assert result.returncode != 0
    assert f"The environment variable {missing} is required in production" in result.stderr


def test_production_refuses_sqlite():
    result = manage("check", **{**SECRETS, "DATABASE_URL": "sqlite:////tmp/x.sqlite3"})
    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr


def test_production_passes_deploy_checks():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **SECRETS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_sends_security_headers():
    code = (
        "from django.test import Client;"
        "r = Client(HTTP_HOST='tawasul.example.jo').get('/i18n/setlang/', secure=True);"
        "print(r.headers.get('Content-Security-Policy'));"
        "print(r.headers.get('Strict-Transport-Security'))"
    )
    result = manage("shell", "-c", code, **SECRETS)
    assert "object-src 'none'" in result.stdout, result.stderr
    assert "base-uri 'none'" in result.stdout
    assert "max-age=31536000" in result.stdout


def redis_available():
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


needs_redis = pytest.mark.skipif(not redis_available(), reason="needs the machine's Redis on 127.0.0.1:6379")


def shell(code, **env):
    """Run `code` in a Django shell with production settings; its last line of output is JSON."""
    result = manage("shell", "-c", code, **{**SECRETS, **env})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_refuses_to_start_without_shared_cache_and_says_why():
    env = {k: v for k, v in SECRETS.items() if k != "REDIS_URL"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "REDIS_URL is required in production (the shared cache for rate limits and cached pages)" in result.stderr
    assert "deploy/ENVIRONMENT.md" in result.stderr


def test_production_settings_for_the_database_and_the_cache():
    code = (
        "import json; from django.conf import settings; d = settings.DATABASES['default'];"
        "print(json.dumps({'cache': settings.CACHES['default'], 'options': d['OPTIONS'],"
        " 'health': d['CONN_HEALTH_CHECKS'], 'age': d['CONN_MAX_AGE']}))"
    )
    found = shell(code)
    assert found["cache"]["BACKEND"] == "ops.cache.ResilientRedisCache"
    assert found["cache"]["LOCATION"] == TEST_REDIS_URL
    assert found["options"]["connect_timeout"] == 5
    assert found["options"]["options"] == "-c statement_timeout=20000"
    assert found["health"] is True and found["age"] == 60
    worker = shell(code, DATABASE_STATEMENT_TIMEOUT="600000", DATABASE_CONNECT_TIMEOUT="3")
    assert worker["options"] == {"connect_timeout": 3, "options": "-c statement_timeout=600000"}


@needs_redis
def test_production_uses_the_real_redis():
    key = f"h7-{uuid.uuid4()}"
    code = (
        "import json; from django.core.cache import cache;"
        f"cache.set('{key}', 'مشترك', 30); print(json.dumps(cache.get('{key}')))"
    )
    assert shell(code, CACHE_KEY_PREFIX=f"tawasul-test-{uuid.uuid4()}") == "مشترك"


RATE_LIMIT_ATTEMPTS = """
import json
from allauth.core import ratelimit
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

def attempt(forwarded_for):
    request = RequestFactory().post("/ar/accounts/signup/", REMOTE_ADDR="127.0.0.1",
                                    HTTP_X_FORWARDED_FOR=forwarded_for)
    request.user = AnonymousUser()
    return ratelimit.consume(request, action="signup")

print(json.dumps([attempt(address) for address in {addresses!r}]))
"""


@needs_redis
def test_rate_limits_count_across_two_processes():
    """Sign-up allows 10 per hour per address: 6 in one process and 6 in another make 12, and the
    last two are refused. With the per-process cache each process allowed all 6."""
    prefix = f"tawasul-test-{uuid.uuid4()}"
    code = RATE_LIMIT_ATTEMPTS.format(addresses=["203.0.113.7"] * 6)
    first = shell(code, CACHE_KEY_PREFIX=prefix, ALLAUTH_TRUSTED_PROXY_COUNT="1")
    second = shell(code, CACHE_KEY_PREFIX=prefix, ALLAUTH_TRUSTED_PROXY_COUNT="1")
    assert first == [True] * 6
    assert second == [True] * 4 + [False] * 2


@needs_redis
def test_behind_the_proxy_each_citizen_has_their_own_limit():
    """All requests come from the proxy (127.0.0.1). Trusting one proxy, citizens are counted by the
    address nginx appends to X-Forwarded-For; without it they shared one limit for the whole site."""
    citizens = [f"198.51.100.{n}" for n in (1, 2)] * 8  # 8 sign-ups each, 16 in all
    code = RATE_LIMIT_ATTEMPTS.format(addresses=citizens)
    trusted = shell(code, CACHE_KEY_PREFIX=f"tawasul-test-{uuid.uuid4()}", ALLAUTH_TRUSTED_PROXY_COUNT="1")
    assert all(trusted)
    untrusted = shell(code, CACHE_KEY_PREFIX=f"tawasul-test-{uuid.uuid4()}")
    assert untrusted.count(True) == 10
    # A citizen cannot pick their own address: with one trusted proxy, the address nginx appended
    # (the last one) counts, not one the client put in front of it.
    spoofed = [f"10.0.0.{n}, 198.51.100.9" for n in range(12)]
    code = RATE_LIMIT_ATTEMPTS.format(addresses=spoofed)
    assert (
        shell(code, CACHE_KEY_PREFIX=f"tawasul-test-{uuid.uuid4()}", ALLAUTH_TRUSTED_PROXY_COUNT="1").count(True) == 10
    )


def test_uploads_go_to_object_storage_when_a_bucket_is_configured():
    code = (
        "import json; from django.core.files.storage import storages; s = storages['default'];"
        "print(json.dumps([type(s).__module__ + '.' + type(s).__name__, s.url('original_images/a.jpg')]))"
    )
    backend, url = shell(
        code,
        AWS_STORAGE_BUCKET_NAME="tawasul-media",
        AWS_S3_CUSTOM_DOMAIN="media.tawasul.example.jo",
        AWS_S3_REGION_NAME="me-central-1",
    )
    assert backend == "storages.backends.s3.S3Storage"
    assert url == "https://media.tawasul.example.jo/media/original_images/a.jpg"
    backend, url = shell(code)
    assert backend == "django.core.files.storage.filesystem.FileSystemStorage"
    assert url == "/media/original_images/a.jpg"
