"""Wagtail admin hooks for the portal's structure, one module per concern.

Wagtail imports `pages.wagtail_hooks`; each submodule registers its own hooks.
"""

from . import admin_ui, cache, http, publishing, scope, translations  # noqa: F401
