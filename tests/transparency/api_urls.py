"""The site's addresses plus the content API, as the lead mounts it in config/urls.py."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns
from transparency.api import api_router

urlpatterns = [path("api/v2/", api_router.urls), *site_urlpatterns]
