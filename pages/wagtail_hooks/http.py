"""HTTP methods for public pages: GET and HEAD only, POST for pages that take a form.

Wagtail's serve view hands every method to `Page.serve`, so PUT, DELETE or PATCH on a page
answered 200 with the whole page. Forms of the portal post to their own views (participation),
so a page accepts POST only when it processes a form itself (Wagtail's form pages).
"""

from django.http import HttpResponseNotAllowed
from wagtail import hooks

SAFE_METHODS = ("GET", "HEAD")


def allowed_methods(page):
    """The methods `page` answers: GET and HEAD, and POST for a page that processes a form."""
    if hasattr(page, "process_form_submission"):
        return (*SAFE_METHODS, "POST")
    return SAFE_METHODS


@hooks.register("before_serve_page")
def refuse_other_methods(page, request, serve_args, serve_kwargs):
    """405 (with its page, see pages.middleware) for any other method."""
    allowed = allowed_methods(page)
    if request.method not in allowed:
        return HttpResponseNotAllowed(allowed)
    return None
