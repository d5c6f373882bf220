"""The events listing (filters, pages, constant queries), the Arabic page without English, the calendar file,
the day-before reminder through the outbox, and the statistics of events."""

from datetime import timedelta

import icalendar
from django.core import mail
from django.test import Client
from django.utils import timezone

from events import stats
from events.models import EventGovernorateCount, EventPage, EventSectorCount
from events.notifications import queue_reminders
from events.services import register
from ops.models import OutboxKey

from .conftest import make_citizen, make_event

ENGLISH_WORDS = ("Register", "Registration", "places", "Programme", "Accessibility", "Event", "Sign in", "Online")


def test_listing_shows_upcoming_first_then_past_and_filters_without_javascript(site_tree, event_index, event):
    past = make_event(
        site_tree.agency_b,
        slug="karak",
        title="ورشة توعية في الكرك",
        governorate="karak",
        starts_in=-timedelta(days=30),
        participants_total=30,
    )
    html = Client().get(event_index.url).content.decode()
    assert html.index(event.title) < html.index(past.title)
    assert "csrfmiddlewaretoken" not in html
    filtered = Client().get(event_index.url, {"governorate": "karak"}).content.decode()
    assert past.title in filtered and event.title not in filtered
    by_agency = Client().get(event_index.url, {"agency": site_tree.agency_a.pk}).content.decode()
    assert event.title in by_agency and past.title not in by_agency
    held = Client().get(event_index.url, {"when": "past"}).content.decode()
    assert past.title in held and event.title not in held
    # A nonsense filter is ignored, not an error.
    assert Client().get(event_index.url, {"governorate": "<x>", "page": "zz"}).status_code == 200


def test_listing_queries_do_not_grow_with_events(site_tree, event_index, django_assert_max_num_queries):
    def count_queries():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            assert Client().get(event_index.url).status_code == 200
        return len(queries)

    make_event(site_tree.agency_a, slug="e0", title="فعالية 0")
    few = count_queries()
    for number in range(1, 9):
        make_event(
            site_tree.agency_b if number % 2 else site_tree.agency_a, slug=f"e{number}", title=f"فعالية {number}"
        )
    with django_assert_max_num_queries(few):
        assert Client().get(event_index.url).status_code == 200


def test_arabic_event_page_has_no_english(event, event_index, citizen, events_catalogue):
    waiting = make_citizen("waiting")
    for person in (make_citizen("f1"), make_citizen("f2"), waiting):
        register(event, person)
    for client in (Client(), _signed_in(citizen), _signed_in(waiting)):
        for url in (event.url, event_index.url):
            html = client.get(url).content.decode()
            body = html[html.index("<main") :]
            for word in ENGLISH_WORDS:
                assert word not in body, (url, word)


def _signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def test_calendar_file_is_valid_icalendar(event, event_en):
    response = Client().get(f"{event_en.url}calendar/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    (item,) = calendar.walk("VEVENT")
    assert str(item["summary"]) == event_en.title
    assert item.decoded("dtstart") == event.starts_at.replace(microsecond=0)
    assert item.decoded("dtend") == event.ends_at.replace(microsecond=0)
    assert str(event.translation_key) in str(item["uid"])
    assert "Irbid Chamber of Commerce" in str(item["location"])
    assert Client().post(f"{event_en.url}calendar/").status_code == 405


def test_reminder_the_day_before_is_queued_once_through_the_outbox(site_tree, event_index, consultation):
    soon = make_event(site_tree.agency_a, slug="tomorrow", starts_in=timedelta(hours=20))
    later = make_event(site_tree.agency_a, slug="next-week", starts_in=timedelta(days=7))
    person, other = make_citizen("r1"), make_citizen("r2")
    register(soon, person)
    register(later, other)
    mail.outbox.clear()
    assert queue_reminders() == 1
    assert queue_reminders() == 0  # the task runs every hour: nobody is reminded twice
    assert [message.to for message in mail.outbox] == [[person.email]]
    assert soon.title in mail.outbox[0].subject
    assert OutboxKey.objects.filter(key__contains=":reminder:").count() == 1
    # A day later the other event is due.
    assert queue_reminders(now=timezone.now() + timedelta(days=6, hours=6)) == 1


def test_participants_and_statistics_are_protected(site_tree, event_index, event):
    past = make_event(
        site_tree.agency_a,
        slug="zarqa",
        title="ورشة الزرقاء",
        governorate="zarqa",
        starts_in=-timedelta(days=10),
        participants_total=50,
    )
    EventSectorCount.objects.create(page=past, sector="individual", count=47)
    EventSectorCount.objects.create(page=past, sector="academic", count=3)
    EventGovernorateCount.objects.create(page=past, governorate="zarqa", count=50)
    past = EventPage.objects.get(pk=past.pk)
    html = Client().get(past.url).content.decode()
    assert ">47<" not in html  # the academic 3 would follow from 47 and the total: both hidden
    make_event(
        site_tree.agency_a, slug="karak", governorate="karak", starts_in=-timedelta(days=5), participants_total=3
    )
    figures = stats.statistics()
    assert figures["held"] == "2"
    assert figures["reached"] == "53"
    rows = {row["label"]: row for row in figures["rows"]}
    assert all(row["reached"] != "3" for row in rows.values())
    assert all(row["reached"] != "50" for row in rows.values())  # 53 - 50 would give Karak's 3 away


def test_statistics_section_renders_for_the_statistics_page(site_tree, event_index, events_catalogue):
    from django.template.loader import render_to_string
    from django.utils import translation

    make_event(site_tree.agency_a, slug="irbid", starts_in=-timedelta(days=9), participants_total=36)
    make_event(
        site_tree.agency_b, slug="zarqa", governorate="zarqa", starts_in=-timedelta(days=8), participants_total=50
    )
    with translation.override("ar"):
        html = render_to_string("events/includes/statistics.html", {"events_stats": stats.statistics()})
    assert "86" in html and "36" in html and "50" in html
    for word in ("Events held", "People reached", "Governorate"):
        assert word not in html
    only_a = stats.statistics(agency=site_tree.agency_a)
    assert only_a["held"] == "1" and only_a["reached"] == "36"
