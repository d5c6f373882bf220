from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Workshops and events: registration, what happened, and the input received there (issue 11)."""

    name = "events"
    verbose_name = _("Events")

    def ready(self):
        from django.db.models.signals import post_delete
        from wagtail.signals import page_published

        from .models import Registration
        from .signals import event_published, registration_deleted

        page_published.connect(event_published, dispatch_uid="events-published")
        post_delete.connect(registration_deleted, sender=Registration, dispatch_uid="events-registration-deleted")
