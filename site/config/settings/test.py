"""Test settings: fast hashing, in-memory e-mail, DATABASE_URL or SQLite."""

from .base import *  # noqa: F403

TAWASUL_ENVIRONMENT = "test"
DEBUG = False
SECRET_KEY = "test-only-secret-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# E-mail still goes through the outbox, but is delivered at once into Django's locmem outbox so tests read
# the real message; tasks run immediately. tests/ops switch both to the real queue (database + worker).
POST_OFFICE = {  # noqa: F405
    **POST_OFFICE,  # noqa: F405
    "BACKENDS": {"default": "django.core.mail.backends.locmem.EmailBackend"},
    "DEFAULT_PRIORITY": "now",
}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
WAGTAILADMIN_BASE_URL = "http://testserver"
# The page cache is off unless a test turns it on (tests/ops/test_anonymous_cache.py): other tests change
# data without the signals that invalidate it (bulk_create) and read pages again.
TAWASUL_PAGE_CACHE_SECONDS = 0
TAWASUL_ROUTE_CACHE = False
