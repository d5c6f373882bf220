"""Places freed other than by cancelling go to the people waiting (with an e-mail): an event published with
more places than before, or a confirmed registration deleted with its account. An event moved in the tree (or
inside a moved page) takes the agency of its new parent: who may see and record its input follows."""

from django.db import transaction
from django.dispatch import receiver
from wagtail.signals import post_page_move


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


@receiver(post_page_move, dispatch_uid="events-page-moved")
def refresh_event_agency(sender, instance, **kwargs):
    """Wagtail's move does not call EventPage.save, which sets the agency: set it here for the moved page and
    every event below it (connected when events.apps imports this module)."""
    from .models import EventPage, _agency_of

    for event in EventPage.objects.descendant_of(instance, inclusive=True).only("pk", "path", "depth", "agency_id"):
        agency = _agency_of(event)
        if event.agency_id != (agency.pk if agency else None):
            EventPage.objects.filter(pk=event.pk).update(agency=agency)
