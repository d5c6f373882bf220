"""What an event page shows: the reader's registration, the places left, who took part (protected like
the statistics) and the input received there with the agency's answers. A fixed number of queries."""

from django.utils.translation import gettext as _

from pages.cache import RESPONSES, add_dependencies, page_dependency
from participation.models import Comment, CommentStatus, Governorate

from .models import ATTENDEE_SECTORS, EventSeats, RegistrationStatus
from .services import refusal_for, registration_of, waiting_position
from .stats import protected_rows


def published_input(event):
    """The input received at the event (any language version of it) that moderators published, with the
    agency's disposition where there is one."""
    return (
        Comment.objects.filter(event__translation_key=event.translation_key, status=CommentStatus.APPROVED)
        .select_related("disposition")
        .order_by("created_at", "pk")
    )


def participants(event):
    """{"total", "sectors", "governorates"}: the breakdowns as rows of (label, shown count or None, state)."""
    sectors = {row.sector: row.count for row in event.sector_counts.all()}
    governorates = {row.governorate: row.count for row in event.governorate_counts.all()}
    return {
        "total": event.participants_total,
        "sectors": protected_rows(sectors, ATTENDEE_SECTORS, event.participants_total) if sectors else None,
        "governorates": protected_rows(governorates, Governorate.choices, event.participants_total)
        if governorates
        else None,
    }


def event_context(event, request):
    # Registrations change the places left: the cached anonymous page depends on this event's version,
    # and on the published responses (the input received).
    add_dependencies(request, page_dependency(event.translation_key), RESPONSES)
    user = request.user
    registration = registration_of(event, user)
    seats = EventSeats.objects.filter(event_key=event.translation_key).first()
    confirmed = seats.confirmed if seats else 0
    context = {
        "registration": registration,
        "registration_refusal": refusal_for(event, user),
        "places_left": max(0, event.capacity - confirmed),
        "waiting_count": seats.waiting if seats else 0,
        "input_received": list(published_input(event)),
        "participants": participants(event) if event.participants_total is not None else None,
        "consultation": event.consultation.localized if event.consultation_id else None,
    }
    if registration is not None and registration.status == RegistrationStatus.WAITING:
        context["waiting_position"] = waiting_position(registration)
    context["format_note"] = _("Online") if event.event_format == "online" else ""
    return context
