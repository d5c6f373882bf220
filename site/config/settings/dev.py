"""Development settings: `make run` on a newcomer's machine (SQLite, console e-mail)."""

from .base import *  # noqa: F403

TAWASUL_ENVIRONMENT = "development"
DEBUG = True
SECRET_KEY = "django-insecure-dev-only-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
# E-mail goes through the outbox as in production; the worker (`make run` starts it) prints it here.
POST_OFFICE = {**POST_OFFICE, "BACKENDS": {"default": "django.core.mail.backends.console.EmailBackend"}}  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
