"""Error responses in the reader's language: an HTML page matching the site, or JSON for the API.

Django renders 400.html, 403.html and 404.html itself (with the request). Three cases need help:
the CSRF failure page (Django renders 403_csrf.html without the request, so the site's header
cannot be drawn: `csrf_failure` below is CSRF_FAILURE_VIEW), errors refused before the language
is known (pages.middleware), and 405 responses, which Django sends with an empty body.
"""

from django.conf import settings
from django.http import HttpResponse, JsonResponse, QueryDict
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext as _

API_PREFIX = "/api/"

TEMPLATES = {
    400: "400.html",
    403: "403.html",
    404: "404.html",
    405: "405.html",
    429: "429.html",
    500: "500.html",
}


def is_api(request):
    return request.path_info.startswith(API_PREFIX)


def language_for(request):
    """The language of the address (/en/… or /ar/…); for addresses without one (the API, documents)
    the reader's language cookie or browser (Accept-Language), else the site's default (Arabic)."""
    language = translation.get_language_from_path(request.path_info.replace("\x00", ""))
    return language or translation.get_language_from_request(request) or settings.LANGUAGE_CODE


def api_messages():
    return {
        400: _("The request could not be read. Check the parameters and send it again."),
        403: _("You do not have permission to do this."),
        404: _("There is nothing at this address."),
        405: _("This address does not accept this method."),
        429: _("Too many requests. Wait a few minutes, then try again."),
        500: _("There is a problem with the service. Try again later."),
    }


def json_error(status, message=None):
    """An API error in the shape Wagtail's API uses: {"message": "…"}."""
    return JsonResponse({"message": str(message or api_messages()[status])}, status=status)


def _sanitise(request):
    """Strip what was refused (a NUL byte, a form in an unknown charset) from the request before the
    site's header and language switcher read it: the error page links to the language's home."""
    language = language_for(request)
    request.path = request.path_info = f"/{language}/"
    request.META["QUERY_STRING"] = ""
    request.GET = QueryDict()
    request._post = QueryDict()  # noqa: SLF001 (Django's own attribute: the form is not read again)
    return language


def error_page(request, status, template_name=None, sanitise=False):
    """The site's error page for `status` in the address's language (JSON under /api/)."""
    api = is_api(request)
    language = _sanitise(request) if sanitise else language_for(request)
    with translation.override(language):
        if api:
            return json_error(status)
        template = loader.get_template(template_name or TEMPLATES[status])
        return HttpResponse(template.render({"request_path": request.path}, request), status=status)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: the form has expired or cookies are blocked, said in the page's language."""
    with translation.override(language_for(request)):
        if is_api(request):
            return json_error(403, _("The form has expired. Reload the page and send it again."))
        template = loader.get_template("403_csrf.html")
        return HttpResponse(template.render({}, request), status=403)
