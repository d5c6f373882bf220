"""What a served page shows, for the page cache (pages.cache): the page itself in every language.

Listings and menus depend on the site version, which every publication bumps; a consultation's
responses bump its own version (participation.cache_invalidation)."""

from wagtail import hooks

from ..cache import add_dependencies, page_dependency


@hooks.register("before_serve_page")
def record_page_dependency(page, request, serve_args, serve_kwargs):
    add_dependencies(request, page_dependency(page.translation_key))
