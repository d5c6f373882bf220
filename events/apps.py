from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Workshops and events: registration, what happened, and the input received there (issue 11)."""

    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from wagtail.signals import page_published

        from .signals import event_published

        page_published.connect(event_published, dispatch_uid="events-published")
