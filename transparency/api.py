"""The read-only content API (Wagtail API v2): published, public pages only.

Mount it outside the language prefixes, in config/urls.py:

    from transparency.api import api_router
    path("api/v2/", api_router.urls),

and add "rest_framework" and "wagtail.api.v2" to INSTALLED_APPS.

Wagtail's `PagesAPIViewSet` serves only live pages that are not behind a view
restriction (wagtail.api.querysets.get_public_pages_queryset), with the
published content; drafts and unpublished changes never appear. Citizens'
comments and votes are not pages and are not served here (see the open data
files instead).
"""

from rest_framework.renderers import JSONRenderer
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet


class PublicPagesAPIViewSet(PagesAPIViewSet):
    """Wagtail's pages endpoint, JSON only: no browsable HTML API (whose inline
    scripts the site's Content-Security-Policy would block anyway)."""

    renderer_classes = [JSONRenderer]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublicPagesAPIViewSet)
