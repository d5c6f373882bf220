"""An agency editor adds an event in the admin (no StreamField: the form works without a browser); the form
refuses a consultation of another entity, dates in the wrong order and an in-person event without a place."""

from django.urls import reverse

from events.models import EventPage
from tests.factories import ConsultationPageFactory, add_page

from .conftest import client_for

# Draftail's empty content (the rich-text widget posts JSON).
EMPTY_RICH_TEXT = '{"blocks": [], "entityMap": {}}'


def form_data(belongs_to, **changes):
    data = {
        "title": "ورشة عمل في مأدبا",
        "slug": "madaba-workshop",
        "summary": "ورشة للتعريف بالبوابة.",
        "description": EMPTY_RICH_TEXT,
        "event_format": "in_person",
        "starts_at": "2030-05-10 10:00",
        "ends_at": "2030-05-10 13:00",
        "governorate": "madaba",
        "venue": "قاعة بلدية مأدبا",
        "address": "",
        "online_link": "",
        "accessibility_notes": "",
        "step_free_access": "on",
        "capacity": "30",
        "registration_open": "on",
        "contact_email": "",
        "consultation": str(belongs_to.pk) if belongs_to else "",
        "participants_total": "",
        "report": EMPTY_RICH_TEXT,
        "action-submit": "",
    }
    for prefix in ("sector_counts", "governorate_counts", "comments"):
        data.update(
            {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        )
    data.update(changes)
    return data


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=["events", "eventpage", parent.pk])


def test_editor_adds_an_event_and_submits_it_for_approval(site_tree, users, consultation):
    client = client_for(users.editor)
    response = client.post(add_url(site_tree.agency_a), form_data(consultation))
    assert response.status_code == 302, response.content.decode()[:3000]
    event = EventPage.objects.get(slug="madaba-workshop")
    assert not event.live  # the ministry's approval comes first
    assert event.agency_id == site_tree.agency_a.pk


def test_form_refuses_another_entitys_consultation_and_bad_dates(site_tree, users):
    other = add_page(site_tree.agency_b, ConsultationPageFactory(slug="lob-law"))
    client = client_for(users.editor)
    for field, changes in (
        ("consultation", {"consultation": str(other.pk)}),
        ("ends_at", {"ends_at": "2030-05-10 09:00"}),
        ("venue", {"venue": "", "governorate": ""}),
    ):
        data = form_data(None, **changes)
        response = client.post(add_url(site_tree.agency_a), data)
        assert response.status_code == 200, changes
        assert field in response.context["form"].errors, changes
        assert not EventPage.objects.exists()


def test_another_agencys_editor_cannot_add_an_event_here(site_tree, users, consultation):
    response = client_for(users.editor2).post(add_url(site_tree.agency_a), form_data(consultation))
    assert response.status_code in (302, 403)
    assert not EventPage.objects.exists()
