"""The comment moderation queue: scope per agency, reasons, bulk actions, log, official replies, escaping."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import ModelLogEntry

from participation.models import Comment, CommentStatus, ModerationReason
from participation.moderation import (
    LOG_APPROVE,
    LOG_HIDE,
    LOG_OFFICIAL_REPLY,
    LOG_REJECT,
    ModerationRefused,
    bulk_moderate,
    moderate,
    post_official_reply,
)
from participation.services import post_comment, report_comment
from tests.factories import ConsultationPageFactory, UserFactory, add_page

from .conftest import make_citizen, participation_body

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/participation/comment/"
BULK_URL = "/admin/participation/comment/bulk/"
ATTACK = "<script>alert(1)</script><b>x</b>"
ESCAPED_ATTACK = "&lt;script&gt;alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;"


def edit_url(comment):
    return reverse("participation_comment_modeladmin_edit", args=[comment.pk])


def history_url(comment):
    return reverse("participation_comment_modeladmin_history", args=[comment.pk])


def refused(response):
    """The Wagtail admin answers PermissionDenied with a redirect to the dashboard and an error message."""
    return response.status_code in (403, 404) or (response.status_code == 302 and response["Location"] == "/admin/")


def status_of(comment):
    return Comment.objects.values_list("status", flat=True).get(pk=comment.pk)


@pytest.fixture
def moderator_a(site_tree):
    return UserFactory(username="moderator_a", groups=[site_tree.agency_a.moderators_group])


@pytest.fixture
def moderator_b(site_tree):
    return UserFactory(username="moderator_b", groups=[site_tree.agency_b.moderators_group])


@pytest.fixture
def consultation_b(site_tree):
    return add_page(site_tree.agency_b, ConsultationPageFactory(slug="b-consultation", body=participation_body()))


@pytest.fixture
def comment_a(consultation, citizen):
    return post_comment(consultation, citizen, "ask-pre", "تعليق على مشاورة الجهة الأولى", stance="for")


@pytest.fixture
def comment_b(consultation_b, citizen):
    return post_comment(consultation_b, citizen, "ask-pre", "تعليق على مشاورة الجهة الثانية")


# Scope ---------------------------------------------------------------------------------------------


def test_moderator_approves_own_agency_comment_and_it_appears_in_both_languages(
    consultation, consultation_en, comment_a, comment_b, moderator_a, client_for
):
    client = client_for(moderator_a)
    queue = client.get(INDEX_URL, {"status__exact": "pending"})
    assert queue.status_code == 200
    html = queue.content.decode()
    assert comment_a.body in html
    assert comment_b.body not in html
    assert "ليلى من إربد" in html  # the public display name, never the e-mail address
    assert "layla@example.jo" not in html

    assert comment_a.body not in Client().get(consultation.url).content.decode()
    response = client.post(edit_url(comment_a), {"form": "moderate", "action": "approve"})
    assert response.status_code == 302

    comment_a.refresh_from_db()
    assert comment_a.status == CommentStatus.APPROVED
    assert comment_a.moderated_by == moderator_a
    assert comment_a.moderated_at is not None
    assert comment_a.body in Client().get(consultation.url).content.decode()
    assert comment_a.body in Client().get(consultation_en.url).content.decode()


def test_moderator_cannot_see_or_act_on_another_agencys_comments(comment_a, comment_b, moderator_a, client_for):
    client = client_for(moderator_a)
    html = client.get(INDEX_URL).content.decode()
    assert comment_b.body not in html
    # Filters and searches cannot reach it either.
    html = client.get(INDEX_URL, {"agency": str(comment_b.agency_key)}).content.decode()
    assert comment_b.body not in html
    html = client.get(INDEX_URL, {"q": "الثانية"}).content.decode()
    assert comment_b.body not in html

    assert refused(client.get(edit_url(comment_b)))
    assert refused(client.get(history_url(comment_b)))
    for data in (
        {"form": "moderate", "action": "approve"},
        {"form": "moderate", "action": "reject", "reason": "spam"},
        {"form": "reply", "body": "رد", "language": "ar"},
    ):
        assert refused(client.post(edit_url(comment_b), data))
    assert status_of(comment_b) == CommentStatus.PENDING
    assert not Comment.objects.filter(parent=comment_b).exists()
    # Creating or deleting comments is not part of moderation.
    assert refused(client.get("/admin/participation/comment/create/"))
    assert refused(client.post(f"/admin/participation/comment/delete/{comment_a.pk}/"))
    assert Comment.objects.filter(pk=comment_a.pk).exists()

    # The functions refuse too, whatever calls them.
    with pytest.raises(PermissionDenied):
        moderate(comment_b, moderator_a, "approve")
    assert status_of(comment_b) == CommentStatus.PENDING


def test_reviewers_see_every_agency_and_editors_see_nothing(comment_a, comment_b, users, moderator_b, client_for):
    reviewer = client_for(users.reviewer)
    html = reviewer.get(INDEX_URL).content.decode()
    assert comment_a.body in html and comment_b.body in html
    for params in (
        {"agency": str(comment_a.agency_key)},
        {"consultation": str(comment_a.translation_key)},
        {"q": "الأولى"},
        {"status__exact": "pending", "created_at__gte": "2000-01-01 00:00:00+03:00"},
    ):
        html = reviewer.get(INDEX_URL, params).content.decode()
        assert comment_a.body in html
        assert comment_b.body not in html or "created_at__gte" in params
    assert comment_a.body not in reviewer.get(INDEX_URL, {"agency": "not-a-uuid"}).content.decode()

    html = client_for(moderator_b).get(INDEX_URL).content.decode()
    assert comment_b.body in html and comment_a.body not in html

    editor = client_for(users.editor)
    assert refused(editor.get(INDEX_URL))
    assert refused(editor.get(edit_url(comment_a)))
    assert refused(editor.post(edit_url(comment_a), {"form": "moderate", "action": "approve"}))
    assert refused(editor.post(BULK_URL, {"comment": [comment_a.pk], "action": "approve"}))
    assert status_of(comment_a) == CommentStatus.PENDING


def test_anonymous_visitors_are_sent_to_sign_in(comment_a):
    response = Client().get(INDEX_URL)
    assert response.status_code == 302
    response = Client().post(edit_url(comment_a), {"form": "moderate", "action": "approve"})
    assert response.status_code == 302
    assert status_of(comment_a) == CommentStatus.PENDING


def test_unknown_query_parameters_are_not_used_as_lookups(comment_a, moderator_a, client_for):
    # wagtail-modeladmin would otherwise filter on any field path, e.g. the author's e-mail.
    client = client_for(moderator_a)
    response = client.get(INDEX_URL, {"author__email__startswith": "nobody"})
    assert response.status_code == 200
    assert comment_a.body in response.content.decode()
    assert client.get(INDEX_URL, {"created_at__gte": "not-a-date"}).status_code in (200, 302)


# Reasons -------------------------------------------------------------------------------------------


def test_rejecting_without_a_reason_is_refused(comment_a, moderator_a, client_for):
    client = client_for(moderator_a)
    for data in (
        {"form": "moderate", "action": "reject"},
        {"form": "moderate", "action": "hide", "reason": ""},
        {"form": "moderate", "action": "reject", "reason": ModerationReason.REPORTED},  # system-only
        {"form": "moderate", "action": "reject", "reason": "made-up"},
        {"form": "moderate", "action": "delete"},
    ):
        response = client.post(edit_url(comment_a), data)
        assert response.status_code == 200
        assert status_of(comment_a) == CommentStatus.PENDING
    assert 'name="reason"' in response.content.decode()
    with pytest.raises(ModerationRefused):
        moderate(comment_a, moderator_a, "reject")
    assert not ModelLogEntry.objects.filter(object_id=str(comment_a.pk)).exists()


def test_rejection_reason_is_stored_and_shown_to_the_author(comment_a, moderator_a, client_for, citizen_client):
    note = "يرجى إعادة الصياغة دون ذكر أسماء."
    response = client_for(moderator_a).post(
        edit_url(comment_a),
        {"form": "moderate", "action": "reject", "reason": ModerationReason.PERSONAL_DATA, "note": note},
    )
    assert response.status_code == 302
    comment_a.refresh_from_db()
    assert comment_a.status == CommentStatus.REJECTED
    assert comment_a.moderation_reason == ModerationReason.PERSONAL_DATA
    assert comment_a.moderation_note == note
    assert comment_a.moderated_by == moderator_a

    html = citizen_client.get("/ar/my-participation/").content.decode()
    with translation.override("ar"):
        assert str(ModerationReason.PERSONAL_DATA.label) in html
    assert note in html

    # Approving later clears the reason, so the author no longer sees it.
    client_for(moderator_a).post(edit_url(comment_a), {"form": "moderate", "action": "approve"})
    comment_a.refresh_from_db()
    assert (comment_a.status, comment_a.moderation_reason, comment_a.moderation_note) == ("approved", "", "")


# Bulk ----------------------------------------------------------------------------------------------


def test_bulk_approve_and_reject_respect_the_agency_scope(consultation, citizen, comment_b, moderator_a, client_for):
    first = post_comment(consultation, citizen, "ask-pre", "التعليق الأول")
    second = post_comment(consultation, citizen, "art-5", "التعليق الثاني")
    third = post_comment(consultation, citizen, "ask-pre", "التعليق الثالث")
    client = client_for(moderator_a)

    response = client.post(
        BULK_URL,
        {"comment": [first.pk, second.pk, comment_b.pk, "not-a-number"], "action": "approve", "querystring": "o=9"},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{INDEX_URL}?o=9"
    assert status_of(first) == status_of(second) == CommentStatus.APPROVED
    assert status_of(comment_b) == CommentStatus.PENDING  # forged id of another agency's comment

    # Rejecting without a reason changes nothing.
    client.post(BULK_URL, {"comment": [third.pk], "action": "reject"})
    assert status_of(third) == CommentStatus.PENDING

    client.post(
        BULK_URL, {"comment": [third.pk, comment_b.pk], "action": "reject", "reason": ModerationReason.OFF_TOPIC}
    )
    third.refresh_from_db()
    assert (third.status, third.moderation_reason, third.moderated_by) == (
        CommentStatus.REJECTED,
        ModerationReason.OFF_TOPIC,
        moderator_a,
    )
    assert status_of(comment_b) == CommentStatus.PENDING
    assert not ModelLogEntry.objects.filter(object_id=str(comment_b.pk)).exists()

    # GET does nothing.
    assert client.get(BULK_URL, {"comment": [comment_b.pk], "action": "approve"}).status_code == 405
    # The function ignores out-of-scope ids too.
    assert bulk_moderate(moderator_a, [comment_b.pk], "approve") == 0


def test_bulk_form_is_on_the_queue_and_needs_csrf(comment_a, moderator_a):
    client = Client(enforce_csrf_checks=True)
    client.force_login(moderator_a)
    html = client.get(INDEX_URL).content.decode()
    assert f'action="{BULK_URL}"' in html
    assert f'name="comment" value="{comment_a.pk}"' in html
    assert "csrfmiddlewaretoken" in html
    assert client.post(BULK_URL, {"comment": [comment_a.pk], "action": "approve"}).status_code == 403
    assert client.post(edit_url(comment_a), {"form": "moderate", "action": "approve"}).status_code == 403
    assert status_of(comment_a) == CommentStatus.PENDING


# Log -------------------------------------------------------------------------------------------------


def test_every_decision_is_logged_with_who_what_and_why(consultation, citizen, comment_a, moderator_a, client_for):
    client = client_for(moderator_a)
    client.post(edit_url(comment_a), {"form": "moderate", "action": "approve"})
    client.post(
        edit_url(comment_a), {"form": "moderate", "action": "hide", "reason": ModerationReason.OFFENSIVE, "note": "n"}
    )
    other = post_comment(consultation, citizen, "ask-pre", "تعليق آخر")
    client.post(BULK_URL, {"comment": [other.pk], "action": "reject", "reason": ModerationReason.SPAM})

    entries = ModelLogEntry.objects.filter(object_id=str(comment_a.pk)).order_by("timestamp", "pk")
    assert [entry.action for entry in entries] == [LOG_APPROVE, LOG_HIDE]
    assert all(entry.user_id == moderator_a.pk for entry in entries)
    assert entries[1].data["reason"] == ModerationReason.OFFENSIVE
    assert entries[1].data["note"] == "n"
    assert entries[1].data["previous_status"] == CommentStatus.APPROVED
    assert comment_a.body not in entries[0].label  # the log keeps an id, not the citizen's words
    rejected = ModelLogEntry.objects.get(object_id=str(other.pk))
    assert (rejected.action, rejected.user_id, rejected.data["reason"]) == (LOG_REJECT, moderator_a.pk, "spam")

    history = client.get(history_url(comment_a))
    assert history.status_code == 200
    page = client.get(edit_url(comment_a)).content.decode()
    assert "moderator_a" in page


# Escaping ------------------------------------------------------------------------------------------


def test_citizen_html_is_escaped_in_the_queue_the_mail_the_page_and_my_participation(
    consultation, citizen, citizen_client, moderator_a, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(consultation, citizen, "ask-pre", ATTACK)

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert moderator_a.email in message.to
    assert ATTACK in message.body  # plain text, as typed
    assert "&lt;script" not in message.body
    assert not getattr(message, "alternatives", [])  # never sent as HTML
    assert "/admin/participation/comment/?status__exact=pending" in message.body

    client = client_for(moderator_a)
    for html in (client.get(INDEX_URL).content.decode(), client.get(edit_url(comment)).content.decode()):
        assert "<script>alert(1)" not in html
        assert "<b>x</b>" not in html
        assert ESCAPED_ATTACK in html

    client.post(edit_url(comment), {"form": "moderate", "action": "approve"})
    for html in (
        Client().get(consultation.url).content.decode(),
        citizen_client.get("/ar/my-participation/").content.decode(),
    ):
        assert "<script>alert(1)" not in html
        assert "<b>x</b>" not in html
        assert ESCAPED_ATTACK in html


def test_moderator_text_is_escaped_too(comment_a, moderator_a, client_for, citizen_client):
    client_for(moderator_a).post(
        edit_url(comment_a), {"form": "moderate", "action": "reject", "reason": "spam", "note": ATTACK}
    )
    html = citizen_client.get("/ar/my-participation/").content.decode()
    assert "<script>alert(1)" not in html and ESCAPED_ATTACK in html
    html = client_for(moderator_a).get(edit_url(comment_a)).content.decode()
    assert "<script>alert(1)" not in html and ESCAPED_ATTACK in html


# Official replies ------------------------------------------------------------------------------------


def test_official_reply_is_published_with_the_marker(consultation, consultation_en, comment_a, moderator_a, client_for):
    client = client_for(moderator_a)
    # Not before the comment is published.
    client.post(edit_url(comment_a), {"form": "reply", "body": "رد مبكر", "language": "ar"})
    assert not Comment.objects.filter(is_official=True).exists()

    client.post(edit_url(comment_a), {"form": "moderate", "action": "approve"})
    response = client.post(
        edit_url(comment_a), {"form": "reply", "body": "شكراً لملاحظتك، سنأخذها بالاعتبار.", "language": "ar"}
    )
    assert response.status_code == 302
    reply = Comment.objects.get(is_official=True)
    assert reply.parent == comment_a
    assert reply.status == CommentStatus.APPROVED
    assert reply.author == moderator_a
    assert (reply.translation_key, reply.block_id, reply.agency_key, reply.consultation_id) == (
        comment_a.translation_key,
        comment_a.block_id,
        comment_a.agency_key,
        comment_a.consultation_id,
    )
    assert reply.language == "ar"
    entry = ModelLogEntry.objects.get(action=LOG_OFFICIAL_REPLY)
    assert (entry.object_id, entry.user_id, entry.data["reply"]) == (str(comment_a.pk), moderator_a.pk, reply.pk)

    for page in (consultation, consultation_en):
        html = Client().get(page.url).content.decode()
        assert reply.body in html
        assert "tag--official" in html
        # The marker belongs to the reply, not to the citizen's comment.
        assert html.count("tag--official") == 1


def test_official_reply_to_a_reply_joins_the_thread(consultation, comment_a, moderator_a, users):
    moderate(comment_a, moderator_a, "approve")
    omar = make_citizen("omar")
    comment_a.refresh_from_db()
    citizen_reply = post_comment(consultation, omar, "ask-pre", "رد مواطن", parent_id=comment_a.pk)
    moderate(citizen_reply, users.reviewer, "approve")
    official = post_official_reply(citizen_reply, users.reviewer, "رد رسمي", language="xx")
    assert official.parent_id == comment_a.pk
    assert official.language == citizen_reply.language
    with pytest.raises(ModerationRefused):
        post_official_reply(comment_a, moderator_a, "   ")


# Reports ------------------------------------------------------------------------------------------


def test_three_reports_hide_a_comment_and_it_waits_in_the_queue(consultation, citizen, moderator_a, client_for):
    comment = post_comment(consultation, citizen, "ask-post", "تعليق منشور فوراً")
    assert comment.status == CommentStatus.APPROVED
    for number in range(3):
        report_comment(comment, make_citizen(f"reader{number}"))
    comment.refresh_from_db()
    assert comment.status == CommentStatus.HIDDEN
    assert comment.moderation_reason == ModerationReason.REPORTED
    assert comment.body not in Client().get(consultation.url).content.decode()

    response = client_for(moderator_a).get(INDEX_URL, {"status__exact": "hidden"})
    html = response.content.decode()
    assert comment.body in html
    assert str(ModerationReason.REPORTED.label) in html or ModerationReason.REPORTED.value in html
    row = html[html.index(f'data-object-pk="{comment.pk}"') :]
    assert 'class="field-reports_count title">3<' in row.replace("\n", "")


# Efficiency and dashboard ----------------------------------------------------------------------------


def test_queue_queries_do_not_grow_with_comments(consultation, citizen, moderator_a, client_for):
    client = client_for(moderator_a)

    def queries():
        client.get(INDEX_URL)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(INDEX_URL).status_code == 200
        return len(captured)

    post_comment(consultation, citizen, "ask-pre", "تعليق واحد")
    few = queries()
    for number in range(15):
        author = make_citizen(f"many{number}")
        post_comment(consultation, author, "art-5" if number % 2 else "ask-pre", f"تعليق رقم {number}")
    assert queries() == few


def test_dashboard_shows_pending_count_to_moderators_only(comment_a, comment_b, moderator_a, users, client_for):
    html = client_for(moderator_a).get("/admin/").content.decode()
    # An agency moderator sees the count in the "my agency" panel (participation.dashboard),
    # a ministry reviewer in the site-wide panel, an editor nowhere.
    assert "tawasul-my-agency" in html
    assert "?status__exact=pending" in html
    assert 'id="tawasul-pending-comments-section"' in client_for(users.reviewer).get("/admin/").content.decode()
    assert "?status__exact=pending" not in client_for(users.editor).get("/admin/").content.decode()
