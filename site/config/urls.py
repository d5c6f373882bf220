from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from config import page_passwords
from pages import pwa
from pages.scope import admin_overrides
from transparency.api import api_router

urlpatterns = [
    # Every login goes through allauth (rate-limited), the admin's included.
    path("admin/login/", RedirectView.as_view(pattern_name="account_login", query_string=True)),
    # …and every password reset (Wagtail's own is off: WAGTAIL_PASSWORD_RESET_ENABLED).
    re_path(r"^admin/password_reset/", RedirectView.as_view(pattern_name="account_reset_password")),
    # Agency scope: the page chooser and reports served at Wagtail's own addresses (pages.scope).
    path("admin/", include(admin_overrides())),
    path("admin/", include(wagtailadmin_urls)),
    # Passwords of private documents and pages: wrong guesses rate-limited like logins (config.page_passwords).
    path("documents/authenticate_with_password/<int:restriction_id>/", page_passwords.document_password),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v2/", api_router.urls),
    # The service worker at the root, so that it may serve every page offline (pages.pwa).
    path("sw.js", pwa.service_worker, name="pwa_service_worker"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("", include("participation.urls")),
    path("", include("transparency.urls")),
    path("", include("stats.urls")),
    path("", include("search.urls")),
    path("", include("reach.urls")),
    path("manifest.webmanifest", pwa.manifest, name="pwa_manifest"),
    path("_offline/", pwa.offline, name="pwa_offline"),
    path("", include("proposals.urls")),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/",
        page_passwords.page_password,
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)
