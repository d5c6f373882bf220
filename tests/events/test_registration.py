"""Registering for an event as a citizen: the form only for people signed in, places, waiting list, cancelling."""

from django.core import mail
from django.test import Client
from django.urls import reverse

from events.models import EventSeats, Registration, RegistrationStatus
from events.services import RegistrationRefused, cancel, register
from tests.factories import publish_directly

from .conftest import client_for, make_citizen


def test_anonymous_page_has_no_form_and_is_cacheable(event, event_en):
    client = Client()
    for page in (event, event_en):
        response = client.get(page.url)
        assert response.status_code == 200
        html = response.content.decode()
        assert "csrfmiddlewaretoken" not in html
        assert not response.cookies
        assert "cookie" not in response.get("Vary", "").lower()
        assert "public" in response["Cache-Control"]
        assert "/accounts/login/" in html
        assert 'action="' + page.url + 'register/"' not in html


def test_citizen_registers_and_gets_an_email(event, citizen):
    client = client_for(citizen)
    html = client.get(event.url).content.decode()
    assert f'action="{event.url}register/"' in html
    response = client.post(f"{event.url}register/")
    assert response.status_code == 302
    registration = Registration.objects.get(person=citizen)
    assert registration.status == RegistrationStatus.CONFIRMED
    assert registration.event_key == event.translation_key
    assert len(mail.outbox) == 1 and citizen.email in mail.outbox[0].to
    assert event.title in mail.outbox[0].subject
    html = client.get(event.url).content.decode()
    assert "تم تأكيد مقعدك" in html or "Your place is confirmed" in html or f'action="{event.url}cancel/"' in html


def test_unverified_citizen_is_refused(event):
    person = make_citizen("unverified", verified=False)
    client = client_for(person)
    client.post(f"{event.url}register/")
    assert not Registration.objects.exists()


def test_registrations_are_shared_by_both_languages(event, event_en, citizen):
    register(event_en, citizen, language="en")
    # Registering again on the Arabic page finds the same registration: one per person per event.
    assert register(event, citizen).pk == Registration.objects.get().pk
    assert Registration.objects.count() == 1
    client = client_for(citizen)
    html = client.get(event.url).content.decode()
    assert f'action="{event.url}cancel/"' in html


def test_full_event_puts_people_on_the_waiting_list_and_a_cancellation_promotes_the_first(event):
    first, second, third, fourth = (make_citizen(name) for name in ("a1", "a2", "a3", "a4"))
    assert register(event, first).status == RegistrationStatus.CONFIRMED
    assert register(event, second).status == RegistrationStatus.CONFIRMED
    assert register(event, third).status == RegistrationStatus.WAITING
    assert register(event, fourth).status == RegistrationStatus.WAITING
    mail.outbox.clear()
    response = client_for(first).post(f"{event.url}cancel/")
    assert response.status_code == 302
    statuses = dict(Registration.objects.values_list("person__username", "status"))
    assert statuses == {"a1": "cancelled", "a2": "confirmed", "a3": "confirmed", "a4": "waiting"}
    assert [message.to for message in mail.outbox] == [[third.email]]
    seats = EventSeats.objects.get(event_key=event.translation_key)
    assert (seats.confirmed, seats.waiting) == (2, 1)
    # The person waiting sees their place in the queue; the page says how many wait.
    html = client_for(fourth).get(event.url).content.decode()
    assert f'action="{event.url}cancel/"' in html


def test_cancelling_twice_is_refused_and_registering_again_reuses_the_row(event, citizen):
    register(event, citizen)
    cancel(event, citizen)
    try:
        cancel(event, citizen)
    except RegistrationRefused:
        pass
    else:  # pragma: no cover
        raise AssertionError("a second cancellation must be refused")
    assert register(event, citizen).status == RegistrationStatus.CONFIRMED
    assert Registration.objects.count() == 1


def test_registration_closes_when_the_event_starts_or_the_agency_closes_it(event, citizen):
    event.registration_open = False
    publish_directly(event)
    client = client_for(citizen)
    html = client.get(event.url).content.decode()
    assert f'action="{event.url}register/"' not in html
    client.post(f"{event.url}register/")
    assert not Registration.objects.exists()


def test_registering_needs_post_and_sign_in(event):
    assert Client().post(f"{event.url}register/").status_code == 302
    assert not Registration.objects.exists()
    citizen = make_citizen("getter")
    assert client_for(citizen).get(f"{event.url}register/").status_code == 405


def test_online_link_only_for_people_with_a_place(event, citizen):
    event.event_format = "online"
    event.online_link = "https://meet.example.jo/secret-room"
    publish_directly(event)
    assert "secret-room" not in Client().get(event.url).content.decode()
    other = make_citizen("other")
    assert "secret-room" not in client_for(other).get(event.url).content.decode()
    register(event, citizen)
    assert "secret-room" in client_for(citizen).get(event.url).content.decode()
    assert "secret-room" not in Client().get(f"{event.url}calendar/").content.decode()


def test_a_deleted_account_frees_its_place_for_the_first_person_waiting(event, django_capture_on_commit_callbacks):
    first, second, third = (make_citizen(name) for name in ("d1", "d2", "d3"))
    for person in (first, second, third):
        register(event, person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert Registration.objects.get(person=third).status == RegistrationStatus.CONFIRMED
    assert [message.to for message in mail.outbox] == [[third.email]]


def test_my_data_download_lists_registrations(event, citizen):
    register(event, citizen)
    data = client_for(citizen).get(reverse("download_my_data"))
    registrations = data.json()["event_registrations"]
    assert registrations[0]["event"] == str(event.translation_key)
    assert registrations[0]["status"] == "confirmed"


def test_cached_anonymous_page_is_made_stale_by_a_registration(event, settings, citizen):
    settings.TAWASUL_PAGE_CACHE_SECONDS = 60
    settings.TAWASUL_ROUTE_CACHE = True
    anonymous = Client()
    first = anonymous.get(event.url)
    assert first["X-Tawasul-Cache"] == "miss"
    assert anonymous.get(event.url)["X-Tawasul-Cache"] == "hit"
    assert anonymous.get(f"{event.url}calendar/").status_code == 200  # the routes of the page are remembered too
    assert anonymous.get(f"{event.url}calendar/").status_code == 200
    before = first.content.decode()
    register(event, citizen)
    after = anonymous.get(event.url)
    assert after["X-Tawasul-Cache"] == "miss"
    assert after.content.decode() != before


def test_registering_and_cancelling_are_rate_limited(event, settings, citizen):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "event_register": "3/h/user"}
    client = client_for(citizen)
    statuses = [client.post(f"{event.url}{action}/").status_code for action in ("register", "cancel") * 2]
    assert statuses == [302, 302, 302, 429]
    assert Registration.objects.get(person=citizen).status == RegistrationStatus.CONFIRMED


def test_event_rules_hold_on_every_path_to_publication(event, site_tree):
    from tests.factories import ConsultationPageFactory, add_page

    other = add_page(site_tree.agency_b, ConsultationPageFactory(slug="other-agency"))
    event.consultation = other
    event.participants_total = 10
    from events.models import EventSectorCount

    event.sector_counts = [EventSectorCount(sector="individual", count=12)]
    problems = event.publication_problems()
    assert len(problems) == 2


def test_nobody_overtakes_the_waiting_list_when_places_are_added(event):
    first, second, waiting, late = (make_citizen(name) for name in ("o1", "o2", "o3", "o4"))
    for person in (first, second, waiting):
        register(event, person)
    from events.models import EventPage

    EventPage.objects.filter(pk=event.pk).update(capacity=3)  # a larger hall; the promotion is still to come
    event.refresh_from_db()
    mail.outbox.clear()
    assert register(event, late).status == RegistrationStatus.WAITING
    assert Registration.objects.get(person=waiting).status == RegistrationStatus.CONFIRMED
    assert [message.to for message in mail.outbox] == [[waiting.email], [late.email]]
