"""Places freed other than by cancelling go to the people waiting (with an e-mail): an event published with
more places than before, or a confirmed registration deleted with its account."""

from django.db import transaction


def _promote_later(event_key):
    from .models import EventPage, Registration, RegistrationStatus
    from .services import promote_waiting

    def promote():
        if not Registration.objects.filter(event_key=event_key, status=RegistrationStatus.WAITING).exists():
            return
        event = EventPage.objects.live().filter(translation_key=event_key).order_by("pk").first()
        if event is not None:
            promote_waiting(event)

    transaction.on_commit(promote)


def event_published(sender, instance, **kwargs):
    from .models import EventPage

    page = instance if isinstance(instance, EventPage) else instance.specific
    if isinstance(page, EventPage):
        _promote_later(page.translation_key)


def registration_deleted(sender, instance, **kwargs):
    from .models import RegistrationStatus

    if instance.status == RegistrationStatus.CONFIRMED:
        _promote_later(instance.event_key)
