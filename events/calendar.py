"""An iCalendar (RFC 5545) file for one event, like reach.feeds.calendar: UID from the event's translation
key and language, times in UTC. The online link is never in it (the file is public)."""

from datetime import UTC

from django.http import HttpResponse
from django.utils import timezone
from django.utils.html import strip_tags
from django.views.decorators.http import require_safe

from reach.feeds import tag_host


def event_calendar(request, event):
    return _calendar(request, event)


@require_safe
def _calendar(request, event):
    import icalendar

    language = event.locale.language_code
    cal = icalendar.Calendar()
    cal.add("prodid", f"-//Tawasul//Events//{language.upper()}")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    item = icalendar.Event()
    item.add("uid", f"event-{event.translation_key}-{language}@{tag_host(request)}")
    item.add("dtstamp", (event.last_published_at or timezone.now()).astimezone(UTC))
    item.add("dtstart", event.starts_at.astimezone(UTC))
    item.add("dtend", event.ends_at.astimezone(UTC))
    item.add("summary", event.title)
    item.add("description", strip_tags(event.summary))
    item.add("url", request.build_absolute_uri(event.url))
    place = ", ".join(part for part in (event.venue, event.get_governorate_display()) if part)
    if place:
        item.add("location", place)
    if event.contact_email:
        item.add("organizer", f"mailto:{event.contact_email}")
        if event.agency_id:
            item["organizer"].params["cn"] = event.agency.title
    item.add("status", "CONFIRMED")
    cal.add_component(item)
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}.ics"'
    return response
