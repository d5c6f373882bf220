from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TransparencyConfig(AppConfig):
    name = "transparency"
    verbose_name = _("Transparency")

    def ready(self):
        from . import (
            notifications,  # noqa: F401  (connects the page_published receiver)
            tasks,  # noqa: F401  (connects the receivers that keep the report's PDF current)
        )
