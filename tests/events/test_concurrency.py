"""Parallel registrations on PostgreSQL never give more places than the event has; one person's parallel
registrations make one row; parallel cancellations promote each person waiting once."""

import threading

import pytest
from django.db import connection, connections

from events.models import EventPage, EventSeats, Registration, RegistrationStatus
from events.services import cancel, register
from tests.participation.conftest import make_citizen

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency is tested on PostgreSQL (set DATABASE_URL; CI does); SQLite serialises writers",
    ),
]

# The machine's connections are shared (max_connections 100): a few threads, each with its own connection.
THREADS = 16


def run_together(items, work):
    barrier = threading.Barrier(THREADS)
    errors = []

    def worker(index):
        try:
            barrier.wait()
            for item in items[index::THREADS]:
                try:
                    work(item)
                except Exception as error:  # noqa: BLE001 - reported below
                    errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return errors


def test_parallel_registrations_never_exceed_the_capacity(event):
    EventPage.objects.filter(pk=event.pk).update(capacity=10)
    event.refresh_from_db()
    people = [make_citizen(f"p{i}") for i in range(48)]
    assert run_together(people, lambda person: register(event, person)) == []
    rows = Registration.objects.filter(event_key=event.translation_key)
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 10
    assert rows.filter(status=RegistrationStatus.WAITING).count() == 38
    seats = EventSeats.objects.get(event_key=event.translation_key)
    assert (seats.confirmed, seats.waiting) == (10, 38)


def test_one_persons_parallel_registrations_make_one_row(event):
    person = make_citizen("same")
    assert run_together([person] * THREADS, lambda who: register(event, who)) == []
    assert Registration.objects.filter(person=person).count() == 1


def test_parallel_cancellations_promote_each_person_waiting_once(event):
    EventPage.objects.filter(pk=event.pk).update(capacity=8)
    event.refresh_from_db()
    people = [make_citizen(f"q{i}") for i in range(24)]
    for person in people:
        register(event, person)
    confirmed = people[:8]
    assert run_together(confirmed, lambda person: cancel(event, person)) == []
    rows = Registration.objects.filter(event_key=event.translation_key)
    assert rows.filter(status=RegistrationStatus.CONFIRMED).count() == 8
    assert set(rows.filter(status=RegistrationStatus.CONFIRMED).values_list("person__username", flat=True)) == {
        f"q{i}" for i in range(8, 16)
    }
