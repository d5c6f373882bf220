"""Page and document passwords (Wagtail's private pages) rate-limited like logins.

Wagtail's `authenticate_with_password` views take unlimited guesses. These wrappers count every wrong password
with allauth's limiter (ACCOUNT_RATE_LIMITS["page_password"]): per visitor address, and per page or document
whoever guesses. Once over the limit the form answers 429 without checking the password, so even the right one
waits. A right password is not counted.
"""

from allauth.core import ratelimit
from wagtail import views as wagtail_views
from wagtail.documents.views import serve as document_views

ACTION = "page_password"


def _throttled(view, request, key, *args, **kwargs):
    if request.method != "POST":
        return view(request, *args, **kwargs)
    if not ratelimit.consume(request, action=ACTION, key=key, dry_run=True):
        return ratelimit.respond_429(request)
    response = view(request, *args, **kwargs)
    if response.status_code != 302:  # the form again: a wrong password
        ratelimit.consume(request, action=ACTION, key=key)
    return response


def page_password(request, page_view_restriction_id, page_id):
    return _throttled(
        wagtail_views.authenticate_with_password,
        request,
        f"page:{page_view_restriction_id}",
        page_view_restriction_id,
        page_id,
    )


def document_password(request, restriction_id):
    return _throttled(document_views.authenticate_with_password, request, f"document:{restriction_id}", restriction_id)
