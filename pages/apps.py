from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Pages")

    def ready(self):
        from . import cache, signals, slugs, workflow_names  # noqa: F401

        workflow_names.connect()
        slugs.connect()
        cache.connect()
