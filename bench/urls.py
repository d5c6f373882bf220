"""The portal's addresses plus /bench/bare/, the yardstick: a Django view that does nothing, served
through the same middleware, by the same gunicorn, in the same run (config.settings.bench only)."""

from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *portal_urlpatterns]
