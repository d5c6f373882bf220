"""An event moved to another agency's part of the tree belongs to that agency: its staff record the event's
input, the former agency's staff are refused."""

from django.urls import reverse

from events.models import EventPage
from pages.publishing import direct_publishing
from participation.models import Comment, ConsultationPage

from .conftest import client_for
from .test_input import refused


def input_url(event):
    return reverse("events_input_event", args=[event.pk])


def test_a_moved_event_belongs_to_its_new_agency(site_tree, event, consultation, consultation_en, staff):
    assert client_for(staff.editor_a).get(input_url(event)).status_code == 200
    # Live pages do not move (pages.publishing): taken offline first, then the consultation and its event move
    # together to agency B with Wagtail's move, which does not call EventPage.save.
    with direct_publishing():
        for page in (event, consultation, consultation_en):
            page.unpublish()
    consultation.move(site_tree.agency_b, pos="last-child")
    event.move(site_tree.agency_b, pos="last-child")

    moved = EventPage.objects.get(pk=event.pk)
    assert moved.agency_id == site_tree.agency_b.pk
    assert ConsultationPage.objects.get(pk=consultation.pk).agency_id == site_tree.agency_b.pk
    for user in (staff.editor_a, staff.moderator_a):
        client = client_for(user)
        # Refused: Wagtail's admin answers PermissionDenied with a redirect to the dashboard and a message.
        assert refused(client.get(input_url(event)))
        assert refused(client.post(input_url(event), {"block": "ask-pre", "language": "ar", "body": "مدخل"}))
    assert not Comment.objects.exists()
    for user in (staff.editor_b, staff.moderator_b):
        assert client_for(user).get(input_url(event)).status_code == 200
    response = client_for(staff.editor_b).post(
        input_url(event), {"block": "ask-pre", "language": "ar", "body": "طلب المشاركون تمديد مدة التعليق."}
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.event_id == event.pk and comment.agency_key == site_tree.agency_b.translation_key


def test_input_is_never_filed_under_another_agency_when_only_the_event_moved(site_tree, event, consultation, staff):
    with direct_publishing():
        event.unpublish()
    event.move(site_tree.agency_b, pos="last-child")  # its consultation stays with agency A

    client = client_for(staff.editor_b)
    response = client.post(input_url(event), {"block": "ask-pre", "language": "ar", "body": "مدخل من الورشة"})

    assert response.status_code == 400
    assert not Comment.objects.exists()
