"""Production settings: gunicorn + whitenoise + PostgreSQL + Redis.

Required environment variables: SECRET_KEY, ALLOWED_HOSTS (comma-separated),
DATABASE_URL (PostgreSQL) and REDIS_URL (the shared cache). Every variable,
required and optional, is listed in deploy/ENVIRONMENT.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, INSTALLED_APPS


def required_env(name, why=""):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production{why} "
            f"(see deploy/ENVIRONMENT.md). Set it and start again."
        )
    return value


TAWASUL_ENVIRONMENT = "production"
DEBUG = False
SECRET_KEY = required_env("SECRET_KEY")
ALLOWED_HOSTS = [h.strip() for h in required_env("ALLOWED_HOSTS").split(",") if h.strip()]
required_env("DATABASE_URL")
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("DATABASE_URL must point at PostgreSQL in production.")

CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", f"https://{ALLOWED_HOSTS[0]}")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() != "false"
SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True

# User uploads (images, documents) go through Django's default storage, whichever it is: S3-compatible
# object storage when AWS_STORAGE_BUCKET_NAME is set (every app server sees the same files, and a CDN
# can serve them), otherwise MEDIA_ROOT on this server's disk (one server, or a shared volume).
# django-storages reads the other AWS_* settings below; boto3 also finds credentials by itself
# (an instance role, AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY in the environment).
if os.environ.get("AWS_STORAGE_BUCKET_NAME", "").strip():
    DEFAULT_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"].strip(),
            # The endpoint of an S3-compatible service (MinIO, Ceph, a national cloud); empty for AWS.
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # A CDN or public domain in front of the bucket; links are then plain, unsigned addresses.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            # Uploads never replace each other: the same name gets a suffix, as on disk.
            "file_overwrite": False,
            # Objects stay private (the bucket's own policy decides); links are signed and expire,
            # so documents behind a Wagtail view restriction are not readable by guessing their address.
            "default_acl": None,
            "querystring_auth": not os.environ.get("AWS_S3_CUSTOM_DOMAIN"),
            "querystring_expire": int(os.environ.get("AWS_QUERYSTRING_EXPIRE", "3600")),
        },
    }
else:
    DEFAULT_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
MEDIA_ROOT = os.environ.get("MEDIA_ROOT") or MEDIA_ROOT  # noqa: F405
# Citizens' files on proposals before publication: never under MEDIA_ROOT's public address (proposals.attachments).
PROPOSAL_ATTACHMENTS_ROOT = os.environ.get("PROPOSAL_ATTACHMENTS_ROOT", "")
# Where `collectstatic` writes and whitenoise serves from (the manifest of hashed names lives there too).
STATIC_ROOT = os.environ.get("STATIC_ROOT") or STATIC_ROOT  # noqa: F405
STORAGES = {
    "default": DEFAULT_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# The shared cache. Rate limits (allauth's limiter), "moderators notified this hour" keys and cached
# pages must be the same for every gunicorn worker and every app server; Django's default cache is
# per process, so with 4 workers a citizen had 4 times the limit. Production refuses to start without it.
# ops.cache.ResilientRedisCache is Django's RedisCache that keeps answering while Redis is down: rate limits
# then count per process, cached pages are bypassed, and nothing answers 500 (the policy: ops/cache.py,
# deploy/README.md "When Redis is down").
CACHES = {
    "default": {
        "BACKEND": "ops.cache.ResilientRedisCache",
        "LOCATION": required_env("REDIS_URL", " (the shared cache for rate limits and cached pages)"),
        # Several sites or environments may share one Redis: keep their keys apart.
        "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "tawasul"),
        "OPTIONS": {
            # A stalled Redis must not hang workers either: fail the cache call after 2 seconds.
            "socket_connect_timeout": float(os.environ.get("REDIS_TIMEOUT", "2")),
            "socket_timeout": float(os.environ.get("REDIS_TIMEOUT", "2")),
            # After a failure, use process memory for this many seconds before trying Redis again.
            "RETRY_SECONDS": float(os.environ.get("REDIS_RETRY_SECONDS", "5")),
        },
    }
}

# A CDN or caching proxy in front (optional, off by default). Anonymous pages say `Cache-Control: public,
# s-maxage=…` (pages.cache); with FRONTEND_CACHE_BACKEND set, Wagtail purges a page from it when the page is
# published or unpublished, and participation.cache_invalidation purges a consultation when its responses
# change. "http": a proxy that accepts PURGE requests (Varnish, nginx with a purge module) at
# FRONTEND_CACHE_LOCATION; "cloudflare": CLOUDFLARE_BEARER_TOKEN and CLOUDFLARE_ZONE_ID; "cloudfront":
# CLOUDFRONT_DISTRIBUTION_ID (boto3 finds the credentials). The purges run in the task worker.
FRONTEND_CACHE_BACKEND = os.environ.get("FRONTEND_CACHE_BACKEND", "").strip().lower()
if FRONTEND_CACHE_BACKEND:
    _backends = {
        "http": lambda: {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": required_env("FRONTEND_CACHE_LOCATION", " with FRONTEND_CACHE_BACKEND=http"),
        },
        "cloudflare": lambda: {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": required_env("CLOUDFLARE_BEARER_TOKEN", " with FRONTEND_CACHE_BACKEND=cloudflare"),
            "ZONEID": required_env("CLOUDFLARE_ZONE_ID", " with FRONTEND_CACHE_BACKEND=cloudflare"),
        },
        "cloudfront": lambda: {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": required_env("CLOUDFRONT_DISTRIBUTION_ID", " with FRONTEND_CACHE_BACKEND=cloudfront"),
        },
    }
    if FRONTEND_CACHE_BACKEND not in _backends:
        raise ImproperlyConfigured(
            f"FRONTEND_CACHE_BACKEND must be one of {', '.join(_backends)} (see deploy/ENVIRONMENT.md)."
        )
    INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.contrib.frontend_cache"]
    WAGTAILFRONTENDCACHE = {"default": _backends[FRONTEND_CACHE_BACKEND]()}

EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"
# The worker delivers the outbox (ops.outbox); a silent server costs it this many seconds, never a request.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
}
