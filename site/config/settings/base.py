"""Settings shared by every environment.

Environment-specific modules (dev, test, production) import from here and
override what differs. Secrets never live in this file.
"""

import os
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

# site/config/settings/base.py -> the repository root is three folders up.
PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent.parent

INSTALLED_APPS = [
    "pages",
    "participation",
    "guidelines",
    "transparency",
    "stats",
    "search",
    "reach",
    "proposals",
    "events",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "wagtail_modeladmin",
    "rest_framework",
    "wagtail.api.v2",
    # The task worker and the e-mail outbox (ops/: README, "Deploying")
    "ops",
    "post_office",
    "django_tasks",
    "django_tasks_db",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Early, so nothing below sees a NUL byte or a non-UTF-8 form (400 in the page's language);
    # also gives 405s a page and makes every /api/ error JSON (pages.middleware).
    "pages.middleware.BadInputMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Anonymous pages from the shared cache, before sessions, CSRF and authentication run (pages.cache).
    "pages.cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Which page answers an address, remembered until pages are published or moved (pages.cache).
    "pages.cache.RouteCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # No session cookie: anonymous, without opening the session (no Vary: Cookie).
    "pages.cache.AnonymousVisitorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "config.wsgi.application"

# Database: DATABASE_URL when given (PostgreSQL in CI and production),
# otherwise an embedded SQLite file for a newcomer's first `make run`.
# Each worker keeps its connection for CONN_MAX_AGE seconds (no new connection per request);
# CONN_HEALTH_CHECKS tests a kept connection before a request uses it, so after a database
# restart the next request reconnects instead of answering 500 once per worker.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    INSTALLED_APPS.append("django.contrib.postgres")
    # Parameters given in DATABASE_URL (?connect_timeout=…) win over these defaults.
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    for _key, _value in {
        # psycopg waits for ever for a server that does not answer: give up after a few
        # seconds, so a stalled database costs the visitor an error page, not a worker hung
        # until gunicorn kills it (deploy/gunicorn.conf.py, timeout 30 s).
        "connect_timeout": int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5")),
        # The server cancels any statement running longer than this (milliseconds), below
        # gunicorn's timeout, so a slow query fails alone and frees its locks. The task worker
        # sets a longer one in its service (deploy/tawasul-worker.service); migrations run with
        # DATABASE_STATEMENT_TIMEOUT=0 (no limit).
        "options": f"-c statement_timeout={int(os.environ.get('DATABASE_STATEMENT_TIMEOUT', '20000'))}",
    }.items():
        _options.setdefault(_key, _value)


DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Arabic first (the default, right-to-left), English second.
LANGUAGE_CODE = "ar"
LANGUAGES = [
    ("ar", "العربية"),
    ("en", "English"),
]
# The project's catalogue first; then corrections and additions for Wagtail's and wagtail-modeladmin's
# own strings (locale/overrides: makemessages would mark them obsolete in locale/ar). Both win over the
# apps' catalogues.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]
TIME_ZONE = "Asia/Amman"
# Our date and number formats per language (site/config/formats): the Arabic comma in dates,
# digits grouped by three. Counts are grouped where shown (|intcomma, stats' |number), not through
# USE_THOUSAND_SEPARATOR, which would also group ids written into attributes and addresses.
FORMAT_MODULE_PATH = ["config.formats"]
USE_I18N = True
USE_TZ = True

WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

# A translation is a draft until a ministry reviewer approves it; never
# publish it as a side effect of creating or syncing it (STACK-NOTES).
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False

STATIC_ROOT = BASE_DIR / "staticfiles"
# Files served at the site's root by whitenoise: /favicon.ico, which browsers and auditors ask for.
WHITENOISE_ROOT = BASE_DIR / "site" / "root"
STATIC_URL = "/static/"
MEDIA_ROOT = BASE_DIR / "media"
MEDIA_URL = "/media/"

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Wagtail
WAGTAIL_SITE_NAME = "Tawasul"
WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "ods", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Editors must never bypass the workflow; publishing a page does not cancel a
# review in progress by accident because editors cannot publish at all.
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Latin slugs: Arabic ones become long percent-encoded addresses. The editor transliterates Arabic
# titles as they are typed, and every save transliterates what arrives another way (pages/slugs.py).
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# No avatar requests to an outside service (a privacy leak, and broken offline).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# One way in: every password reset and e-mail change goes through allauth (rate-limited, verified, unique).
# Wagtail's /admin/password_reset/ answers 404 and /admin/account/ no longer edits the address.
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"

DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Content-Security-Policy for the public site. The Wagtail admin keeps its
# own inline scripts, so it is excluded here and protected by login instead.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "font-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    },
}

# The CSRF failure page in the page's language, drawn like the rest of the site (templates/403_csrf.html).
CSRF_FAILURE_VIEW = "pages.errors.csrf_failure"

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True

# Accounts (django-allauth). Everyone signs in through allauth, the Wagtail
# admin included, so its rate limits cover every login form.
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my_participation"
ACCOUNT_ADAPTER = "participation.adapters.AccountAdapter"  # staff land in the admin
WAGTAILADMIN_LOGIN_URL = "account_login"
ACCOUNT_LOGIN_METHODS = {"email", "username"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "participation.forms.SignupForm"
ACCOUNT_SIGNUP_FORM_HONEYPOT_FIELD = "website"
# Reading needs no account; an account counts for nothing (no sign-in, no comment, no vote) until its
# address is verified. With ACCOUNT_PREVENT_ENUMERATION, sign-up with a registered address shows the same
# "check your e-mail" page and the address's owner gets an e-mail instead: no answer reveals who is registered.
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Following the link in the browser that signed up signs the person in (allauth checks it is the same session).
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True  # also a unique index on lower(email) (a participation migration)
# One address per account; a new address replaces the old one only once its link is followed,
# and the old address is told of the change.
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
# Deleting one's account without a password (national-identity sign-in) needs a sign-in this recent (seconds).
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "10/h/ip",
    "reset_password": "20/m/ip,5/m/key",
    # The portal's own actions, counted with allauth's limiter (participation.views).
    "comment": "10/h/user,40/h/ip",
    "vote": "30/h/user,120/h/ip",
    "report": "20/h/user,60/h/ip",
    # Private pages' and documents' password forms (config.urls), per IP and per page like failed logins.
    "page_password": "10/m/ip,5/5m/key",
    "delete_account": "5/5m/user",
    "questionnaire": "20/h/user,60/h/ip",
    "follow": "30/h/user,120/h/ip",
    "unsubscribe": "30/m/ip",  # one-click links in e-mails: anonymous
    "proposal_submit": "5/h/user,20/h/ip",
    "proposal_support": "30/h/user,120/h/ip",
    "event_register": "10/h/user,40/h/ip",  # registering for an event and cancelling
}
# The visitor's address for the per-IP rate limits above. Behind a reverse proxy every request
# comes from the proxy, so without this all citizens share one limit. Set exactly one, to match the
# proxies in front of the application (deploy/ENVIRONMENT.md): ALLAUTH_TRUSTED_PROXY_COUNT, the
# number of proxies you run that append to X-Forwarded-For (1 for the nginx of deploy/); or
# ALLAUTH_TRUSTED_CLIENT_IP_HEADER, a header your proxy sets and clients cannot (e.g. X-Real-IP).
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("ALLAUTH_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = os.environ.get("ALLAUTH_TRUSTED_CLIENT_IP_HEADER") or None
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_AUTO_SIGNUP = True
# A national digital identity through OpenID Connect (allauth's generic provider),
# off by default: set NATIONAL_ID_OIDC_CLIENT_ID, NATIONAL_ID_OIDC_SECRET and
# NATIONAL_ID_OIDC_SERVER_URL (the issuer, with /.well-known/openid-configuration) to enable it.
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"OAUTH_PKCE_ENABLED": True, "APPS": []}}
if os.environ.get("NATIONAL_ID_OIDC_CLIENT_ID"):
    SOCIALACCOUNT_PROVIDERS["openid_connect"]["APPS"].append(
        {
            "provider_id": "national-id",
            "name": os.environ.get("NATIONAL_ID_OIDC_NAME", "National digital identity"),
            "client_id": os.environ["NATIONAL_ID_OIDC_CLIENT_ID"],
            "secret": os.environ.get("NATIONAL_ID_OIDC_SECRET", ""),
            "settings": {"server_url": os.environ["NATIONAL_ID_OIDC_SERVER_URL"]},
        }
    )

DEFAULT_FROM_EMAIL = "Tawasul <no-reply@tawasul.example>"

# Background work (ops/). Django's tasks API (django-tasks, as Wagtail 8 uses it) on the database
# backend (django-tasks-db): no extra service, run by `manage.py run_worker` as its own process.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Every e-mail goes through the outbox (django-post-office): one row per message and recipient, written in
# the request and delivered by the worker, so an SMTP outage never fails a request and loses no message.
EMAIL_BACKEND = "ops.outbox.OutboxBackend"
EMAIL_TIMEOUT = 10  # seconds; the worker gives up on a silent SMTP server and retries later
POST_OFFICE = {
    # How the worker delivers; development and tests override it.
    "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
    "DEFAULT_PRIORITY": "medium",  # queued, never sent in the request
    "LOG_LEVEL": 2,  # log successes and failures: reviewers see both
    "MESSAGE_ID_ENABLED": True,
}
# Retries with exponential back-off: 1, 2, 4 … minutes, at most 6 hours apart, 12 attempts (about a day).
# Delivered e-mails are forgotten after KEEP_SENT_DAYS (ops.tasks.prune_outbox); failed ones stay in view.
TAWASUL_OUTBOX = {"MAX_ATTEMPTS": 12, "RETRY_BASE_SECONDS": 60, "RETRY_MAX_SECONDS": 6 * 3600, "KEEP_SENT_DAYS": 30}
# Periodic jobs the worker enqueues itself (ops/scheduler.py): task import path -> interval in seconds.
TAWASUL_SCHEDULE = {
    "ops.tasks.send_outbox_task": 60,  # retries whose back-off has passed (new mail wakes the worker at once)
    "transparency.notifications.queue_pending_outcome_notices": 15 * 60,  # outcomes filled in before closing
    "ops.tasks.prune_task_results": 24 * 3600,
    "ops.tasks.prune_outbox": 24 * 3600,  # sent mail older than TAWASUL_OUTBOX["KEEP_SENT_DAYS"]
    "ops.tasks.remind_overdue_outcomes_task": 3600,  # editors and reviewers told once per overdue outcome
    "reach.tasks.send_notices": 10 * 60,  # followers told of openings, closings, outcomes and replies
    "reach.tasks.send_weekly_digests": 7 * 24 * 3600,  # one digest per person who chose weekly e-mails
    "proposals.notifications.queue_pending_proposal_notices": 15 * 60,  # published, threshold, answered
    "events.notifications.queue_event_reminders": 3600,  # the day-before reminder to people with a place
    "participation.campaigns.group_all_pending_task": 15 * 60,  # comments whose grouping was not handed over
}

# Labels used in the interface for the language switcher.
LANGUAGE_SWITCH_LABELS = {"ar": _("Arabic"), "en": _("English")}

# Participation
TAWASUL_COMMENT_MAX_LENGTH = 2000
# A published comment reported by this many readers is hidden until a moderator reviews it.
TAWASUL_REPORTS_TO_HIDE = 3
# The secret of the keyed hash (HMAC-SHA256) that keeps "one vote per person" across deleted accounts
# (participation.identity): a vote keeps the hash of its voter's verified e-mail and national-identity
# subject. Set TAWASUL_IDENTITY_KEY in production and never change it (changing it lets every person vote
# again); without it a key is derived from SECRET_KEY, which then must not change either.
TAWASUL_IDENTITY_KEY = os.environ.get("TAWASUL_IDENTITY_KEY", "")
# At most one e-mail per consultation per this many seconds tells moderators of new comments.
TAWASUL_MODERATION_EMAIL_INTERVAL = 3600

# Anonymous pages (pages.cache): kept this many seconds in the shared cache (0: off) and sent with
# `Cache-Control: public, max-age=0, s-maxage` for a CDN (browsers ask again). Short, because a consultation
# opens and closes with the clock; changes (publishing, comments, votes…) invalidate sooner.
TAWASUL_PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "60"))
TAWASUL_PUBLIC_MAX_AGE = int(os.environ.get("PUBLIC_MAX_AGE", "60"))
# Remember which page answers an address until pages are published or moved (pages.cache.RouteCacheMiddleware).
TAWASUL_ROUTE_CACHE = True
# Votes make a consultation's cached pages stale at most once per poll in this many seconds.
TAWASUL_VOTE_INVALIDATE_SECONDS = 5
