from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReachConfig(AppConfig):
    """Subscriptions, reminders, digests, feeds and calendars (issue 10)."""

    name = "reach"
    verbose_name = _("Subscriptions and feeds")
