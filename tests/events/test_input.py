"""Input received at an event: entered by the agency's staff, moderated, answered, in the report under the
event's name and on the event's page."""

from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from events.admin_views import record_input
from participation.models import Comment, CommentStatus
from participation.moderation import moderate
from tests.transparency.conftest import conclude
from transparency.dispositions import record

from .conftest import client_for, make_event


def signed(language, title):
    """The signature in `language` (Arabic once the catalogue has the string: "ورشة عمل: …")."""
    with translation.override(language):
        return gettext("Workshop: %(title)s") % {"title": title}


def input_url(event):
    return reverse("events_input_event", args=[event.pk])


def refused(response):
    return response.status_code in (403, 404) or (response.status_code == 302 and response["Location"] == "/admin/")


def test_agency_staff_record_input_that_waits_for_moderation(event, event_en, staff):
    for user in (staff.editor_a, staff.moderator_a, staff.reviewer):
        client = client_for(user)
        assert client.get(reverse("events_input")).status_code == 200
        page = client.get(input_url(event))
        assert page.status_code == 200
        html = page.content.decode()
        assert 'value="ask-pre" selected' in html  # the first comment block by default
    response = client_for(staff.editor_a).post(
        input_url(event), {"block": "ask-pre", "language": "ar", "body": "طالب المشاركون بتدريب على استخدام البوابة."}
    )
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING
    assert comment.author is None
    assert comment.recorded_by == staff.editor_a
    assert comment.event_id == event.pk
    assert comment.translation_key == event.consultation.translation_key
    assert comment.agency_key == event.agency.translation_key
    assert comment.signed_as == signed("ar", "ورشة توعية ببوابة تواصل في إربد")
    # In English, signed with the English title.
    client_for(staff.editor_a).post(input_url(event), {"block": "art-5", "language": "en", "body": "More training."})
    english = Comment.objects.get(language="en")
    assert english.signed_as == "Workshop: Awareness workshop on Tawasul in Irbid" == signed("en", event_en.title)
    assert english.event_id == event_en.pk
    assert english.block_id == "art-5"


def test_other_agencys_staff_citizens_and_anonymous_are_refused(event, staff, citizen):
    for user in (staff.editor_b, staff.moderator_b):
        client = client_for(user)
        assert refused(client.get(input_url(event)))
        assert refused(client.post(input_url(event), {"block": "ask-pre", "language": "ar", "body": "مدخل"}))
    for client in (client_for(citizen), Client()):  # no admin access: sent to sign in
        response = client.post(input_url(event), {"block": "ask-pre", "language": "ar", "body": "مدخل"})
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Comment.objects.exists()


def test_a_block_that_is_not_commentable_is_refused(event, staff):
    response = client_for(staff.editor_a).post(input_url(event), {"block": "poll-1", "language": "ar", "body": "x"})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_input_in_the_report_and_on_the_event_page_after_approval(
    site_tree, consultation, consultation_en, staff, event_index
):
    past = make_event(
        site_tree.agency_a,
        slug="zarqa-workshop",
        belongs_to=consultation,
        title="ورشة توعية في الزرقاء",
        starts_in=-__import__("datetime").timedelta(days=3),
        participants_total=50,
        governorate="zarqa",
    )
    comment = record_input(past, staff.editor_a, "ask-pre", "ar", "اقترح المشاركون نشر دليل مبسط للبوابة.")
    hidden = record_input(past, staff.editor_a, "ask-pre", "ar", "مدخل لم يعتمد بعد <script>x</script>")
    conclude(consultation)
    # Not published before a moderator approves it.
    assert "دليل مبسط" not in Client().get(past.url).content.decode()
    moderate(comment, staff.moderator_a, "approve")
    comment.refresh_from_db()
    record(staff.editor_a, comment, "accepted", "سننشر الدليل مع إطلاق النسخة الجديدة.")
    report = Client().get(reverse("transparency_report", args=[consultation.pk])).content.decode()
    assert "اقترح المشاركون نشر دليل مبسط للبوابة." in report
    assert signed("ar", "ورشة توعية في الزرقاء") in report
    html = Client().get(past.url).content.decode()
    assert "اقترح المشاركون نشر دليل مبسط للبوابة." in html
    assert "سننشر الدليل مع إطلاق النسخة الجديدة." in html
    assert "<script>x</script>" not in html and hidden.body not in html
    assert "50" in html
