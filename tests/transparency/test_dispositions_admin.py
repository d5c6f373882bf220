"""Dispositions in the Wagtail admin: each agency's editors answer their own comments only."""

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from participation.models import Comment, CommentStatus
from transparency.dispositions import LOG_RECORD
from transparency.models import Decision, Disposition

from .conftest import add_comment

pytestmark = pytest.mark.django_db

INDEX = "transparency_dispositions"
CONSULTATION = "transparency_dispositions_consultation"
EXPORT = "transparency_dispositions_export"


@pytest.fixture
def comments(consultation, consultation_en, consultation_b, make_people):
    layla, omar, huda = make_people(3)
    return {
        "a1": add_comment(consultation, layla, "ملاحظة أولى على المادة", block_id="art-5", stance="for"),
        "a2": add_comment(consultation, omar, "ملاحظة مطابقة تقريباً", block_id="art-5"),
        "a3": add_comment(consultation_en, huda, "Same point in English", block_id="ask-pre", language="en"),
        "a_pending": add_comment(consultation, huda, "تعليق لم يُنشر بعد", status=CommentStatus.PENDING),
        "a_rejected": add_comment(consultation, omar, "نص مرفوض فيه بيانات شخصية", status=CommentStatus.REJECTED),
        "b1": add_comment(consultation_b, layla, "تعليق على مشروع الجهة الأخرى"),
    }


def refused(response):
    """The Wagtail admin answers PermissionDenied by sending the person to the dashboard."""
    return response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def logs_for(comment):
    return ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Comment), object_id=str(comment.pk), action=LOG_RECORD
    )


def post_single(client, page, comment, decision="accepted", reason="أخذنا بها"):
    return client.post(
        reverse(CONSULTATION, args=[page.pk]),
        {"mode": "single", "comment": comment.pk, "decision": decision, "reason": reason},
    )


def test_editor_sees_only_their_agency(client_for, users, consultation, consultation_en, consultation_b, comments):
    client = client_for(users.editor)
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert reverse(INDEX) in dashboard  # the menu item

    html = client.get(reverse(INDEX)).content.decode()
    # One row per consultation (whichever language version), never agency B's.
    rows = [pk for pk in (consultation.pk, consultation_en.pk) if f'data-consultation="{pk}"' in html]
    assert len(rows) == 1
    assert f'data-consultation="{consultation_b.pk}"' not in html
    assert consultation_b.title not in html

    page = client.get(reverse(CONSULTATION, args=[consultation.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    # Published comments from both language versions, grouped by article or question.
    for key in ("a1", "a2", "a3"):
        assert f'id="comment-{comments[key].pk}"' in html
    for key in ("a_pending", "a_rejected", "b1"):
        assert f'id="comment-{comments[key].pk}"' not in html
    assert 'id="block-ask-pre-heading"' in html and 'id="block-art-5-heading"' in html
    assert html.index('id="block-ask-pre-heading"') < html.index('id="block-art-5-heading"')  # the page's order
    assert html.index('id="block-art-5-heading"') < html.index(f'id="comment-{comments["a1"].pk}"')
    assert 'form="bulk-form"' in html and 'id="bulk-form"' in html


def test_editor_cannot_reach_another_agency_by_address(client_for, users, consultation, consultation_b, comments):
    client = client_for(users.editor)
    assert refused(client.get(reverse(CONSULTATION, args=[consultation_b.pk])))
    assert refused(client.get(reverse(EXPORT, args=[consultation_b.pk])))
    assert refused(client.get(reverse(CONSULTATION, args=[999_999])))  # the same as one that does not exist
    # Agency B's comment, through agency B's address or smuggled into agency A's.
    assert refused(post_single(client, consultation_b, comments["b1"]))
    assert refused(post_single(client, consultation, comments["b1"]))
    response = client.post(
        reverse(CONSULTATION, args=[consultation.pk]),
        {"mode": "bulk", "comment": [comments["b1"].pk], "decision": "noted", "reason": "x"},
    )
    assert response.status_code == 400
    assert not Disposition.objects.exists()
    assert not ModelLogEntry.objects.filter(action=LOG_RECORD).exists()


def test_recording_a_disposition_stores_it_and_logs_it(client_for, users, consultation, comments):
    client = client_for(users.editor)
    response = post_single(client, consultation, comments["a1"], "partly_accepted", "سنعدّل الفقرة الأولى فقط")
    assert response.status_code == 302
    assert response["Location"].endswith(f"#comment-{comments['a1'].pk}")
    disposition = Disposition.objects.get(comment=comments["a1"])
    assert disposition.decision == Decision.PARTLY_ACCEPTED
    assert disposition.reason == "سنعدّل الفقرة الأولى فقط"
    assert disposition.decided_by == users.editor
    (entry,) = logs_for(comments["a1"])
    assert entry.user == users.editor
    assert entry.data["decision"] == "partly_accepted" and entry.data["reason"] == "سنعدّل الفقرة الأولى فقط"
    assert "ملاحظة" not in entry.label  # the log names the comment by number, never by its words

    # Changing it is logged again; saving the same answer changes nothing.
    post_single(client, consultation, comments["a1"], "accepted", "قبلنا الملاحظة كاملة")
    post_single(client, consultation, comments["a1"], "accepted", "قبلنا الملاحظة كاملة")
    disposition.refresh_from_db()
    assert disposition.decision == Decision.ACCEPTED
    assert logs_for(comments["a1"]).count() == 2

    html = client.get(reverse(CONSULTATION, args=[consultation.pk])).content.decode()
    assert "قبلنا الملاحظة كاملة" in html


def test_a_reason_is_required(client_for, users, consultation, comments):
    client = client_for(users.editor)
    response = post_single(client, consultation, comments["a1"], "not_accepted", "   ")
    assert response.status_code == 400
    assert 'id="comment-{}"'.format(comments["a1"].pk) in response.content.decode()
    response = post_single(client, consultation, comments["a1"], "maybe", "سبب")
    assert response.status_code == 400
    assert not Disposition.objects.exists()


def test_unpublished_comments_take_no_disposition(client_for, users, consultation, comments):
    client = client_for(users.editor)
    assert refused(post_single(client, consultation, comments["a_pending"]))
    assert not Disposition.objects.exists()


def test_bulk_answers_several_comments_with_one_decision(client_for, users, consultation, comments):
    client = client_for(users.editor)
    chosen = [comments["a1"], comments["a2"], comments["a3"]]
    response = client.post(
        reverse(CONSULTATION, args=[consultation.pk]),
        {
            "mode": "bulk",
            # Agency B's comment and an unpublished one are ignored.
            "comment": [c.pk for c in chosen] + [comments["b1"].pk, comments["a_pending"].pk, "not-a-number"],
            "decision": "noted",
            "reason": "ملاحظات متشابهة: سنأخذها في الاعتبار عند إعداد التعليمات",
        },
    )
    assert response.status_code == 302
    stored = Disposition.objects.order_by("comment_id")
    assert [d.comment_id for d in stored] == sorted(c.pk for c in chosen)
    assert {d.decision for d in stored} == {"noted"}
    assert {d.decided_by_id for d in stored} == {users.editor.pk}
    for comment in chosen:
        assert logs_for(comment).count() == 1
    assert logs_for(comments["b1"]).count() == 0

    response = client.post(
        reverse(CONSULTATION, args=[consultation.pk]),
        {"mode": "bulk", "decision": "noted", "reason": "سبب"},
    )
    assert response.status_code == 400  # nothing selected


def test_filters_show_unanswered_comments(client_for, users, consultation, comments):
    client = client_for(users.editor)
    post_single(client, consultation, comments["a1"])
    html = client.get(reverse(CONSULTATION, args=[consultation.pk]) + "?state=unanswered").content.decode()
    assert f'id="comment-{comments["a1"].pk}"' not in html
    assert f'id="comment-{comments["a2"].pk}"' in html
    html = client.get(reverse(CONSULTATION, args=[consultation.pk]) + "?block=ask-pre").content.decode()
    assert f'id="comment-{comments["a3"].pk}"' in html
    assert f'id="comment-{comments["a2"].pk}"' not in html


def test_reviewer_answers_every_agency(client_for, users, consultation, consultation_b, comments):
    client = client_for(users.reviewer)
    html = client.get(reverse(INDEX)).content.decode()
    assert consultation.title in html and consultation_b.title in html
    assert post_single(client, consultation_b, comments["b1"], "out_of_scope", "خارج النطاق").status_code == 302
    assert Disposition.objects.get(comment=comments["b1"]).decided_by == users.reviewer


def test_other_agency_editor_and_moderators_cannot_answer(
    client_for, users, moderator_a, consultation, comments, client
):
    for person in (users.editor2, moderator_a):
        other = client_for(person)
        assert refused(other.get(reverse(CONSULTATION, args=[consultation.pk])))
        assert refused(post_single(other, consultation, comments["a1"]))
    assert refused(client_for(moderator_a).get(reverse(INDEX)))
    assert reverse(INDEX) not in client_for(moderator_a).get(reverse("wagtailadmin_home")).content.decode()
    # Not signed in: sent to sign in, nothing recorded.
    response = post_single(client, consultation, comments["a1"])
    assert response.status_code == 302 and "login" in response["Location"]
    assert not Disposition.objects.exists()


def test_citizen_text_is_escaped_in_the_admin(client_for, users, consultation, make_people):
    (author,) = make_people(1)
    add_comment(consultation, author, "<img src=x onerror=alert(1)>")
    html = client_for(users.editor).get(reverse(CONSULTATION, args=[consultation.pk])).content.decode()
    assert "<img src=x onerror" not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_agency_export(client_for, users, consultation, comments):
    client = client_for(users.editor)
    post_single(client, consultation, comments["a1"], "accepted", "=قبلناها")
    response = client.get(reverse(EXPORT, args=[consultation.pk]))
    assert response.status_code == 200
    content = response.content.decode()
    assert content.startswith("\ufeff")
    rows = {int(row["id"]): row for row in csv.DictReader(io.StringIO(content[1:]))}
    expected = {comments[key].pk for key in ("a1", "a2", "a3", "a_pending", "a_rejected")}
    assert set(rows) == expected  # every status, only this consultation, never agency B's
    rejected = rows[comments["a_rejected"].pk]
    assert rejected["status"] == "rejected" and rejected["moderation_reason"] == "spam"
    assert rejected["text"] == ""  # words of unpublished comments are left out
    assert rows[comments["a_pending"].pk]["status"] == "pending"
    assert rows[comments["a1"].pk]["disposition"] == "accepted"
    assert rows[comments["a1"].pk]["disposition_reason"] == "'=قبلناها"
    assert "@example.jo" not in content
    assert "email" not in content.splitlines()[0]
    assert "governorate" not in content


def test_admin_queries_do_not_grow_with_comments(client_for, users, consultation, make_people):
    client = client_for(users.editor)
    people = make_people(12)
    urls = (reverse(CONSULTATION, args=[consultation.pk]), reverse(INDEX), reverse(EXPORT, args=[consultation.pk]))

    def count_queries():
        counts = []
        for url in urls:
            client.get(url)  # warm per-process caches
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            counts.append(len(captured))
        return counts

    add_comment(consultation, people[0], "تعليق أول", block_id="art-5")
    few = count_queries()
    for index, person in enumerate(people * 4):
        comment = add_comment(consultation, person, f"تعليق {index}", block_id=("art-5", "ask-pre")[index % 2])
        if index % 3 == 0:
            Disposition.objects.create(comment=comment, decision=Decision.NOTED, reason="سبب")
    many = count_queries()
    assert many == few, (few, many)
    html = client.get(urls[0]).content.decode()
    assert html.count('name="mode" value="single"') == 49
    assert client.get(urls[2]).content.decode().count("\n") == 50  # header and 49 rows
