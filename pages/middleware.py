"""Refuse unreadable input with a 4xx in the reader's language, and keep error responses readable.

`BadInputMiddleware` sits near the top of MIDDLEWARE (after SecurityMiddleware) so that nothing
below it sees:

- a NUL byte in the path, the query string or a form field: PostgreSQL refuses NUL in text, so
  such input reached the database as a 500 (`/ar/statistics/%00/`, `/api/v2/pages/?search=%00`);
- a form declared in a charset other than UTF-8 (`Content-Type: …; charset=latin-1`): HTML forms
  are always sent in UTF-8 here, and Django refuses the rest with an English page.

Both answer 400: the site's page in the address's language, or JSON under /api/. Documents
(/documents/, served by Wagtail's view) answer GET and HEAD only (405 otherwise); Wagtail pages
are restricted by pages.wagtail_hooks.http, the portal's own views by their decorators.

On the way out it makes error responses match the site: Django's 405 responses (require_safe,
require_POST) have an empty body, and under /api/ every error is JSON — LocaleMiddleware would
otherwise redirect an unknown API address to an Arabic HTML page, and a 500 there would be HTML.
"""

from urllib.parse import unquote_to_bytes, urlsplit

from django.conf import settings
from django.core.exceptions import BadRequest, RequestDataTooBig, SuspiciousOperation, TooManyFieldsSent
from django.http.multipartparser import MultiPartParserError

from .errors import API_PREFIX, error_page, is_api, json_error

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
UTF8 = "utf-8"  # the only charset Django accepts for urlencoded forms
# Files served by the application itself answer only GET and HEAD.
READ_ONLY_PREFIXES = ("/documents/",)
# ...except the password form of a private document, which posts (throttled in config.page_passwords).
POST_FORMS = ("/documents/authenticate_with_password/",)
SAFE_METHODS = ("GET", "HEAD")
API_STATUSES = (400, 403, 404, 405, 429)


def _has_nul(text):
    return "\x00" in text


def _query_has_nul(query_string):
    return b"\x00" in unquote_to_bytes(query_string)


def _form_has_nul(request):
    for key, values in request.POST.lists():
        if _has_nul(key) or any(_has_nul(value) for value in values):
            return True
    return False


class BadInputMiddleware:
    """Refuses NUL bytes and non-UTF-8 forms with a 400; gives 405s a body and the API JSON errors."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self.refuse(request)
        if refusal is not None:
            return refusal
        response = self.get_response(request)
        return self.readable_errors(request, response)

    def refuse(self, request):
        if _has_nul(request.path_info) or _query_has_nul(request.META.get("QUERY_STRING", "")):
            return error_page(request, 400, sanitise=True)
        if (
            request.path_info.startswith(READ_ONLY_PREFIXES)
            and not (request.method == "POST" and request.path_info.startswith(POST_FORMS))
            and request.method not in SAFE_METHODS
        ):
            response = error_page(request, 405)
            response["Allow"] = ", ".join(SAFE_METHODS)
            return response
        if request.method == "POST" and request.content_type in FORM_TYPES:
            charset = request.content_params.get("charset")
            if charset is not None and charset.strip().lower() != UTF8:
                return error_page(request, 400, sanitise=True)
            try:
                if _form_has_nul(request):
                    return error_page(request, 400, sanitise=True)
            except (MultiPartParserError, BadRequest, TooManyFieldsSent, RequestDataTooBig, SuspiciousOperation):
                return error_page(request, 400, sanitise=True)
        return None

    def readable_errors(self, request, response):
        if is_api(request):
            return self.api_errors(request, response)
        if response.status_code == 405 and not response.streaming and not response.content:
            page = error_page(request, 405)
            if response.has_header("Allow"):
                page["Allow"] = response["Allow"]
            return page
        return response

    def api_errors(self, request, response):
        if 300 <= response.status_code < 400:
            # LocaleMiddleware sends an unknown API address to /ar/api/…, an HTML page.
            localized = tuple(f"/{code}{API_PREFIX}" for code, _name in settings.LANGUAGES)
            if urlsplit(response.get("Location", "")).path.startswith(localized):
                return json_error(404)
        is_json = response.get("Content-Type", "").startswith("application/json")
        data = getattr(response, "data", None)
        if response.status_code >= 400 and is_json and isinstance(data, dict) and "message" not in data:
            # Django REST framework's own errors ({"detail": …}) in the shape of Wagtail's ({"message": …}).
            replacement = json_error(response.status_code if response.status_code in API_STATUSES else 500)
            replacement.status_code = response.status_code
            return self.keep_headers(response, replacement)
        if response.status_code >= 400 and not is_json:
            status = response.status_code if response.status_code in API_STATUSES else 500
            replacement = json_error(status)
            replacement.status_code = response.status_code
            return self.keep_headers(response, replacement)
        return response

    @staticmethod
    def keep_headers(response, replacement):
        for header in ("Allow", "Retry-After"):
            if response.has_header(header):
                replacement[header] = response[header]
        return replacement
