"""Threat: a request the page does not offer (issue 9).

Every form the templates hide behind an {% if %} is refused by the server too, whatever is posted:
- the report button (templates/participation/includes/comment.html): hidden for visitors, on one's own comment,
  on official replies, and absent on comments not published;
- the reply and comment forms (comment_thread.html, comment_form.html): hidden when the consultation refuses
  responses (closed, not yet open, unverified account) and offered only on top-level comments;
- the poll form (blocks/poll_block.html): hidden after voting and when the consultation refuses responses.
The admin's moderation and official-reply forms (can_moderate / can_reply in comment_moderate.html) are refused on the
server in participation.admin_views (PermissionDenied, ModerationRefused): tests/participation/test_moderation.py.
"""

import itertools
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from participation.models import Ballot, Comment, CommentReport, CommentStatus, ConsultationPage
from participation.services import post_comment
from tests.factories import UserFactory

from .conftest import make_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(consultation, citizen):
    return post_comment(consultation, citizen, "ask-post", "تعليق منشور")


@pytest.fixture
def official_reply(consultation, published, site_tree):
    moderator = UserFactory(username="mod", groups=[site_tree.agency_a.moderators_group])
    return Comment.objects.create(
        translation_key=consultation.translation_key,
        block_id="ask-post",
        consultation=consultation,
        agency_key=consultation.agency.translation_key,
        parent=published,
        author=moderator,
        language="ar",
        body="رد الجهة الرسمي",
        is_official=True,
        signed_as="وزارة الاقتصاد الرقمي والريادة",
        status=CommentStatus.APPROVED,
    )


_readers = itertools.count()


def readers(n):
    clients = []
    for _ in range(n):
        client = Client()
        client.force_login(make_citizen(f"reader{next(_readers)}"))
        clients.append(client)
    return clients


def report(client, comment, language="ar"):
    return client.post(f"/{language}/participate/report/{comment.pk}/", follow=True)


def test_official_replies_cannot_be_reported_or_hidden_by_reports(consultation, official_reply, settings):
    page = readers(1)[0].get(consultation.url).content.decode()
    assert f"/participate/report/{official_reply.pk}/" not in page  # the page offers no button ...
    for client in readers(settings.TAWASUL_REPORTS_TO_HIDE):  # ... and the server takes no report
        response = report(client, official_reply, "en")
        assert "Official replies cannot be reported." in response.content.decode()
    assert not CommentReport.objects.filter(comment=official_reply).exists()
    official_reply.refresh_from_db()
    assert official_reply.status == CommentStatus.APPROVED
    assert "رد الجهة الرسمي" in Client().get(consultation.url).content.decode()


def test_own_comment_cannot_be_reported(published, citizen_client):
    response = report(citizen_client, published, "en")
    assert "You cannot report your own comment." in response.content.decode()
    assert not CommentReport.objects.exists()


def test_visitors_cannot_report(published):
    response = Client().post(f"/ar/participate/report/{published.pk}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not CommentReport.objects.exists()


def test_unpublished_comments_cannot_be_reported(consultation, citizen):
    pending = post_comment(consultation, citizen, "ask-pre", "ينتظر المراجعة")
    response = report(readers(1)[0], pending, "en")
    assert "This comment is not published." in response.content.decode()
    assert not CommentReport.objects.exists()


def test_replies_only_to_top_level_published_comments(consultation, published, official_reply):
    client = readers(1)[0]
    for parent in (official_reply, post_comment(consultation, published.author, "ask-pre", "ينتظر")):
        response = client.post(
            f"/en/participate/{consultation.pk}/comment/ask-post/", {"body": "رد", "parent": parent.pk}
        )
        assert response.status_code == 400
        assert "The comment you are replying to is not available." in response.content.decode()
    assert not Comment.objects.filter(body="رد").exists()


def test_unverified_accounts_cannot_comment_or_vote(consultation, poll_options):
    client = Client()
    client.force_login(make_citizen("unverified", verified=False))
    page = client.get(consultation.url).content.decode()
    assert "poll__form" not in page
    comment = client.post(f"/en/participate/{consultation.pk}/comment/ask-post/", {"body": "تعليق"})
    vote = client.post(f"/en/participate/{consultation.pk}/vote/poll-1/", {"option": poll_options[0]})
    assert (comment.status_code, vote.status_code) == (403, 403)
    assert "Confirm your e-mail address before taking part." in vote.content.decode()
    assert not Comment.objects.exists() and not Ballot.objects.exists()


def test_closed_consultations_refuse_replies_and_votes(consultation, published, poll_options):
    ConsultationPage.objects.filter(pk=consultation.pk).update(
        opens_at=timezone.now() - timedelta(days=20), closes_at=timezone.now() - timedelta(hours=1)
    )
    client = readers(1)[0]
    page = client.get(consultation.url).content.decode()
    assert "poll__form" not in page and 'name="parent"' not in page
    reply = client.post(
        f"/en/participate/{consultation.pk}/comment/ask-post/", {"body": "رد متأخر", "parent": published.pk}
    )
    vote = client.post(f"/en/participate/{consultation.pk}/vote/poll-1/", {"option": poll_options[0]})
    assert (reply.status_code, vote.status_code) == (403, 403)
    assert not Comment.objects.filter(body="رد متأخر").exists() and not Ballot.objects.exists()


def test_a_second_vote_is_refused_after_the_form_is_gone(consultation, citizen_client, poll_options):
    url = f"/en/participate/{consultation.pk}/vote/poll-1/"
    assert citizen_client.post(url, {"option": poll_options[0]}).status_code == 302
    assert "poll__form" not in citizen_client.get(consultation.url).content.decode()
    response = citizen_client.post(url, {"option": poll_options[1]})
    assert response.status_code == 409
    assert Ballot.objects.count() == 1
