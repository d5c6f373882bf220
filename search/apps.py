from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search with Arabic normalisation (issue 10)."""

    name = "search"
    verbose_name = _("Search")

    def ready(self):
        from . import signals

        signals.connect_items()
