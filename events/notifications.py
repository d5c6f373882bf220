"""E-mails about events, always through the outbox (ops.outbox), each to each person once.

- registered: a confirmed place or a place on the waiting list (written in the registration's transaction);
- promoted: a place freed by a cancellation went to the person waiting longest;
- reminder: the day before, to everyone with a confirmed place, queued by the periodic task
  `queue_event_reminders` (settings.TAWASUL_SCHEDULE). Keys carry the event's start, so an event that
  moves reminds again, and running the task twice (or on two workers) reminds once.
"""

from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django_tasks import task

from ops.outbox import queue_once

from .models import EventPage, Registration, RegistrationStatus

REMINDER_HOURS = 24


def _base_url():
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


def _event_in(language, event):
    """The live version of `event` in `language`, or `event` itself."""
    if event.locale.language_code == language:
        return event
    other = EventPage.objects.live().filter(translation_key=event.translation_key, locale__language_code=language)
    return other.first() or event


def _message(kind, registration, event):
    person = registration.person
    language = registration.language or "ar"
    with translation.override(language):
        event = _event_in(language, event)
        context = {
            "event": event,
            "registration": registration,
            "person": person,
            "url": _base_url() + (event.url or ""),
            "calendar_url": _base_url() + (event.url or "") + "calendar/",
            "start": timezone.localtime(event.starts_at),
            "end": timezone.localtime(event.ends_at),
            "confirmed": registration.status == RegistrationStatus.CONFIRMED,
        }
        subject = render_to_string(f"events/email/{kind}_subject.txt", context).strip()
        body = render_to_string(f"events/email/{kind}.txt", context)
    return EmailMessage(subject=" ".join(subject.split()), body=body, to=[person.email])


def _send(kind, key, registration, event):
    person = registration.person
    if not person.is_active or not person.email:
        return False
    return queue_once(key, _message(kind, registration, event))


def queue_registered(registration, event):
    stamp = registration.requested_at.strftime("%Y%m%d%H%M%S%f")
    key = f"event:{event.translation_key}:registered:{registration.person_id}:{stamp}"
    return _send("registered", key, registration, event)


def queue_promoted(registration, event):
    stamp = registration.requested_at.strftime("%Y%m%d%H%M%S%f")
    key = f"event:{event.translation_key}:promoted:{registration.person_id}:{stamp}"
    return _send("promoted", key, registration, event)


def queue_reminders(now=None):
    """Remind everyone with a confirmed place of the events starting within the next day. Returns how many
    e-mails were queued now."""
    now = now or timezone.now()
    events = {}
    for event in (
        EventPage.objects.live()
        .filter(starts_at__gt=now, starts_at__lte=now + timedelta(hours=REMINDER_HOURS))
        .select_related("locale")
    ):
        events.setdefault(event.translation_key, event)
    queued = 0
    if not events:
        return 0
    registrations = (
        Registration.objects.filter(event_key__in=list(events), status=RegistrationStatus.CONFIRMED)
        .select_related("person")
        .order_by("pk")
    )
    for registration in registrations:
        event = events[registration.event_key]
        stamp = event.starts_at.strftime("%Y%m%d%H%M")
        key = f"event:{event.translation_key}:reminder:{registration.person_id}:{stamp}"
        queued += _send("reminder", key, registration, event)
    return queued


@task()
def queue_event_reminders():
    """Periodic (settings.TAWASUL_SCHEDULE): the day-before reminders."""
    return queue_reminders()
