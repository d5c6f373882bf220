"""An event published with more places than before gives them to the people waiting (with an e-mail)."""

from django.db import transaction


def event_published(sender, instance, **kwargs):
    from .models import EventPage, Registration, RegistrationStatus
    from .services import promote_waiting

    page = instance.specific if not isinstance(instance, EventPage) else instance
    if not isinstance(page, EventPage):
        return
    if Registration.objects.filter(event_key=page.translation_key, status=RegistrationStatus.WAITING).exists():
        transaction.on_commit(lambda: promote_waiting(page))
