"""Atom and iCalendar feeds: well-formed, with the elements the standards require, stable ids, per language."""

import re
from datetime import UTC, datetime, timedelta

import icalendar
import pytest
from defusedxml import ElementTree
from django.utils import timezone

from tests.factories import publish_directly, translate_page
from tests.transparency.conftest import conclude

from .conftest import make_consultation

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
TAG_OR_URL = re.compile(r"^(tag:[a-z0-9.-]+,\d{4}(-\d{2}(-\d{2})?)?:\S+|https?://\S+)$")


def parse_atom(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed"
    for required in ("id", "title", "updated"):
        assert feed.find(f"{ATOM}{required}") is not None, required
    assert TAG_OR_URL.match(feed.findtext(f"{ATOM}id"))
    assert RFC3339.match(feed.findtext(f"{ATOM}updated"))
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    has_feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    entries = feed.findall(f"{ATOM}entry")
    for entry in entries:
        for required in ("id", "title", "updated"):
            assert entry.findtext(f"{ATOM}{required}"), required
        assert TAG_OR_URL.match(entry.findtext(f"{ATOM}id"))
        assert RFC3339.match(entry.findtext(f"{ATOM}updated"))
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http")
        assert has_feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
    ids = [entry.findtext(f"{ATOM}id") for entry in entries]
    assert len(ids) == len(set(ids))
    return feed, {entry.findtext(f"{ATOM}title"): entry for entry in entries}


def test_all_consultations_feed_per_language(health, site_tree, client):
    page = make_consultation(health.agency, title="مشروع نظام الرعاية الصحية")
    translate_page(page, title="Draft health care regulation")
    other = make_consultation(site_tree.agency_a, title="مشروع الخدمات الرقمية")
    feed, entries = parse_atom(client.get("/ar/feeds/consultations.atom"))
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "ar"
    assert set(entries) == {page.title, other.title}
    entry = entries[page.title]
    assert entry.findtext(f"{ATOM}author/{ATOM}name") == "وزارة الصحة"
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/ar/agencies/moh/{page.slug}/")
    assert entry.findtext(f"{ATOM}summary") == page.summary
    _feed, english = parse_atom(client.get("/en/feeds/consultations.atom"))
    assert set(english) == {"Draft health care regulation"}


def test_entry_ids_are_stable_when_a_page_is_renamed_or_moved(health, client):
    page = make_consultation(health.agency, title="الاسم الأول")
    _feed, before = parse_atom(client.get("/ar/feeds/consultations.atom"))
    page.title = "الاسم الثاني"
    page.slug = "renamed"
    publish_directly(page)
    _feed, after = parse_atom(client.get("/ar/feeds/consultations.atom"))
    old_id = before["الاسم الأول"].findtext(f"{ATOM}id")
    assert old_id == after["الاسم الثاني"].findtext(f"{ATOM}id")
    assert old_id.startswith("tag:testserver,2026:consultation:")


def test_agency_topic_and_outcome_feeds(health, site_tree, client):
    health_page = make_consultation(health.agency, topics=[health.topic], title="مشروع الصحة")
    other = make_consultation(site_tree.agency_a, title="مشروع آخر")
    concluded = make_consultation(site_tree.agency_a, title="مشروع انتهى")
    conclude(concluded)
    _feed, agency = parse_atom(client.get("/ar/feeds/agencies/moh.atom"))
    assert set(agency) == {health_page.title}
    _feed, topic = parse_atom(client.get(f"/ar/feeds/topics/{health.topic.pk}.atom"))
    assert set(topic) == {health_page.title}
    _feed, outcomes = parse_atom(client.get("/ar/feeds/outcomes.atom"))
    assert len(outcomes) == 1
    (entry,) = outcomes.values()
    assert concluded.title in entry.findtext(f"{ATOM}title")
    assert entry.find(f"{ATOM}link").get("href").endswith(f"/ar/consultations/{concluded.pk}/report/")
    assert other.title not in outcomes
    assert client.get("/ar/feeds/agencies/nowhere.atom").status_code == 404
    assert client.get(f"/en/feeds/topics/{health.topic.pk}.atom").status_code == 404  # the Arabic topic


def parse_calendar(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    text = response.content.decode()
    assert "\r\n" in text and all(len(line.encode()) <= 75 for line in text.split("\r\n"))  # folded lines
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    for event in events:
        for required in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
            assert event.get(required) is not None, required
        assert event.decoded("DTSTART").tzinfo is not None
        assert event.decoded("DTSTART").utcoffset() == timedelta(0)
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids))
    return events


def test_calendar_of_opening_and_closing_dates(health, site_tree, client):
    opens = datetime(2026, 3, 1, 7, 0, tzinfo=UTC)
    page = make_consultation(health.agency, title="مشروع الصحة", opens_at=opens, closes_at=opens + timedelta(days=20))
    make_consultation(site_tree.agency_a, title="مشروع آخر")
    events = parse_calendar(client.get("/ar/feeds/consultations.ics"))
    assert len(events) == 4
    agency_events = parse_calendar(client.get("/ar/feeds/agencies/moh.ics"))
    by_uid = {str(event["UID"]): event for event in agency_events}
    assert set(by_uid) == {
        f"{page.translation_key}-opens-ar@testserver",
        f"{page.translation_key}-closes-ar@testserver",
    }
    assert by_uid[f"{page.translation_key}-opens-ar@testserver"].decoded("DTSTART") == opens
    assert by_uid[f"{page.translation_key}-closes-ar@testserver"].decoded("DTSTART") == opens + timedelta(days=20)
    assert "مشروع الصحة" in str(by_uid[f"{page.translation_key}-opens-ar@testserver"]["SUMMARY"])
    # Stable: the same UIDs after an edit.
    page.title = "عنوان جديد"
    publish_directly(page)
    assert {str(e["UID"]) for e in parse_calendar(client.get("/ar/feeds/agencies/moh.ics"))} == set(by_uid)


def test_pages_link_their_feeds_in_the_head(health, site_tree, client):
    make_consultation(health.agency, topics=[health.topic])

    def head(path):
        html = client.get(path).content.decode()
        return html.split("</head>")[0]

    agency = head("/ar/agencies/moh/")
    assert '<link rel="alternate" type="application/atom+xml" href="/ar/feeds/agencies/moh.atom"' in agency
    assert '<link rel="alternate" type="text/calendar" href="/ar/feeds/agencies/moh.ics"' in agency
    home = head("/ar/")
    assert 'type="application/atom+xml" href="/ar/feeds/consultations.atom"' in home
    assert 'type="application/atom+xml" href="/ar/feeds/outcomes.atom"' in home
    index = head("/ar/consultations/")
    assert 'href="/ar/feeds/consultations.atom"' in index
    topic = head(f"/ar/consultations/?topic={health.topic.pk}")
    assert f'href="/ar/feeds/topics/{health.topic.pk}.atom"' in topic
    assert timezone.now()  # pages rendered without error
