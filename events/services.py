"""The rules of registering for an event, enforced on the server whatever a form says.

Every change of places happens in one transaction holding the row lock of the event's `EventSeats` row
(`SELECT … FOR UPDATE` on PostgreSQL; SQLite serialises writes anyway): the confirmed places are counted
under the lock, so two people registering at once never take the same last place, and a cancellation
promotes the first person waiting exactly once. The e-mails are written to the outbox (ops.outbox) in the
same transaction, each under its own key, so nobody is told twice.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pages.cache import bump, page_dependency
from participation.services import user_is_verified

from .models import EventSeats, Registration, RegistrationStatus


class RegistrationRefused(Exception):
    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def refusal_for(event, user, now=None):
    """Why `user` may not register for `event` now, or None."""
    now = now or timezone.now()
    if not event.live:
        return _("This event is not published.")
    if now >= event.starts_at:
        return _("This event has started or is over: registration is closed.")
    if not event.registration_open:
        return _("Registration for this event is closed.")
    if not user.is_authenticated:
        return _("Sign in to register.")
    if not user_is_verified(user):
        return _("Confirm your e-mail address before registering. We sent you a link when you signed up.")
    return None


def _places_changed(event_key):
    """The event's cached pages show the places left: stale now, and again once the change is committed (a
    reader between the two could store the page as it was before the commit; participation.cache_invalidation)."""
    names = (page_dependency(event_key),)
    bump(*names)
    transaction.on_commit(lambda: bump(*names))


def _locked_seats(event_key):
    EventSeats.objects.get_or_create(event_key=event_key)
    return EventSeats.objects.select_for_update().get(event_key=event_key)


def _recount(seats):
    _places_changed(seats.event_key)
    rows = Registration.objects.filter(event_key=seats.event_key)
    seats.confirmed = rows.filter(status=RegistrationStatus.CONFIRMED).count()
    seats.waiting = rows.filter(status=RegistrationStatus.WAITING).count()
    seats.save(update_fields=["confirmed", "waiting"])


def register(event, user, language="ar"):
    """A confirmed place, or a place on the waiting list when the event is full. Returns the registration."""
    from .notifications import queue_registered

    reason = refusal_for(event, user)
    if reason is None and event.get_view_restrictions().exists():
        reason = _("This event is not published.")
    if reason:
        raise RegistrationRefused(reason, status=403)
    with transaction.atomic():
        seats = _locked_seats(event.translation_key)
        registration = Registration.objects.filter(event_key=event.translation_key, person=user).first()
        if registration is not None and registration.status != RegistrationStatus.CANCELLED:
            return registration
        rows = Registration.objects.filter(event_key=event.translation_key)
        confirmed = rows.filter(status=RegistrationStatus.CONFIRMED).count()
        # Nobody overtakes the people already waiting: with a queue, a newcomer joins its end and free places
        # (e.g. after the capacity was raised) go to the queue in order.
        queue = rows.filter(status=RegistrationStatus.WAITING).exists()
        free = confirmed < event.capacity and not queue
        status = RegistrationStatus.CONFIRMED if free else RegistrationStatus.WAITING
        if registration is None:
            registration = Registration.objects.create(
                event_key=event.translation_key, event=event, person=user, status=status, language=language
            )
        else:
            registration.status = status
            registration.event = event
            registration.language = language
            registration.requested_at = timezone.now()
            registration.save()
        promoted = promote_waiting(event, seats) if queue else []
        _recount(seats)
        if registration not in promoted:
            queue_registered(registration, event)
        else:
            registration.status = RegistrationStatus.CONFIRMED
    return registration


def cancel(event, user):
    """Give up a place (or leave the waiting list); the first person waiting gets a freed place. Returns the
    promoted registration, if any."""
    with transaction.atomic():
        seats = _locked_seats(event.translation_key)
        registration = (
            Registration.objects.filter(event_key=event.translation_key, person=user)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
        if registration is None:
            raise RegistrationRefused(_("You are not registered for this event."), status=400)
        registration.status = RegistrationStatus.CANCELLED
        registration.save(update_fields=["status", "changed_at"])
        promoted = promote_waiting(event, seats)
        _recount(seats)
    return promoted[0] if promoted else None


def promote_waiting(event, seats=None):
    """Give free places to the people waiting longest, e-mailing each. Call inside a transaction holding the
    seats' lock (or without one: it takes it). Returns the promoted registrations."""
    from .notifications import queue_promoted

    if seats is None:
        with transaction.atomic():
            seats = _locked_seats(event.translation_key)
            promoted = promote_waiting(event, seats)
            _recount(seats)
            return promoted
    if timezone.now() >= event.starts_at:
        return []
    rows = Registration.objects.filter(event_key=event.translation_key)
    free = event.capacity - rows.filter(status=RegistrationStatus.CONFIRMED).count()
    if free <= 0:
        return []
    promoted = list(
        rows.filter(status=RegistrationStatus.WAITING).select_related("person").order_by("requested_at", "pk")[:free]
    )
    for registration in promoted:
        registration.status = RegistrationStatus.CONFIRMED
        registration.save(update_fields=["status", "changed_at"])
        queue_promoted(registration, event)
    return promoted


def registration_of(event, user):
    if not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(event_key=event.translation_key, person=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .first()
    )


def waiting_position(registration):
    """1 for the first person waiting."""
    return (
        Registration.objects.filter(
            event_key=registration.event_key,
            status=RegistrationStatus.WAITING,
            requested_at__lt=registration.requested_at,
        ).count()
        + 1
    )
