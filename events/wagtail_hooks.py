"""The "Input from events" area of the Wagtail admin."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .admin_views import EventInputIndexView, EventInputView, may_record_anything


@hooks.register("register_admin_urls")
def register_event_input_urls():
    return [
        path("event-input/", EventInputIndexView.as_view(), name="events_input"),
        path("event-input/<int:page_id>/", EventInputView.as_view(), name="events_input_event"),
    ]


class EventInputMenuItem(MenuItem):
    def is_shown(self, request):
        return may_record_anything(request.user)


@hooks.register("register_admin_menu_item")
def register_event_input_menu_item():
    return EventInputMenuItem(
        gettext_lazy("Input from events"), reverse("events_input"), name="event-input", icon_name="group", order=262
    )
