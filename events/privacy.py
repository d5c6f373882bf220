"""What the events app holds about a person, for "Download my data" (participation.views asks every app)."""

from .models import Registration


def personal_data(user):
    return {
        "event_registrations": [
            {
                "event": str(registration.event_key),
                "title": registration.event.title if registration.event_id else None,
                "status": registration.status,
                "language": registration.language,
                "registered_at": registration.requested_at.isoformat(),
                "changed_at": registration.changed_at.isoformat(),
            }
            for registration in Registration.objects.filter(person=user).select_related("event").order_by("pk")
        ]
    }
