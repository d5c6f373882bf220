"""Citizens comment and vote; the rules hold whatever a form says."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from participation.models import Ballot, Comment, CommentStatus
from participation.services import ResponseRefused, cast_vote, post_comment
from tests.factories import publish_directly

from .conftest import make_citizen

pytestmark = pytest.mark.django_db


def comment_url(page, block_id, language="ar"):
    return f"/{language}" + reverse("participation_comment", args=[page.pk, block_id])[3:]


def vote_url(page, block_id, language="ar"):
    return f"/{language}" + reverse("participation_vote", args=[page.pk, block_id])[3:]


def test_pre_moderated_comment_is_hidden_until_approved(consultation, citizen_client):
    response = citizen_client.post(comment_url(consultation, "ask-pre"), {"body": "أقترح مدة أطول للتعليق."})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING

    public = Client().get(consultation.url).content.decode()
    assert "أقترح مدة أطول للتعليق." not in public
    # The author sees their own comment is waiting.
    assert "أقترح مدة أطول للتعليق." in citizen_client.get(consultation.url).content.decode()

    comment.status = CommentStatus.APPROVED
    comment.save()
    assert "أقترح مدة أطول للتعليق." in Client().get(consultation.url).content.decode()


def test_post_moderated_comment_is_shown_at_once(consultation, citizen_client):
    citizen_client.post(comment_url(consultation, "ask-post"), {"body": "سؤال عن الرسوم."})
    assert Comment.objects.get().status == CommentStatus.APPROVED
    assert "سؤال عن الرسوم." in Client().get(consultation.url).content.decode()


def test_comments_and_votes_are_shared_across_languages(consultation, consultation_en, citizen, poll_options):
    english_author = make_citizen("sam", display_name="Sam")
    post_comment(consultation_en, english_author, "ask-post", "I support a longer consultation period.", language="en")
    post_comment(consultation, citizen, "ask-post", "أؤيد إطالة مدة التشاور.", language="ar")
    cast_vote(consultation, citizen, "poll-1", [poll_options[0]])
    cast_vote(consultation_en, english_author, "poll-1", [poll_options[0]])

    arabic = Client().get(consultation.url).content.decode()
    english = Client().get(consultation_en.url).content.decode()
    for html in (arabic, english):
        assert "I support a longer consultation period." in html
        assert "أؤيد إطالة مدة التشاور." in html
    assert Ballot.objects.filter(translation_key=consultation.translation_key).count() == 2
    assert set(Comment.objects.values_list("language", flat=True)) == {"ar", "en"}
    assert "2 people voted" in english


@pytest.mark.parametrize(
    "dates",
    [
        {"opens_at": timezone.now() + timedelta(days=1), "closes_at": timezone.now() + timedelta(days=20)},
        {"opens_at": timezone.now() - timedelta(days=20), "closes_at": timezone.now() - timedelta(minutes=1)},
    ],
    ids=["before-opening", "after-closing"],
)
def test_responses_refused_outside_the_window(consultation, citizen_client, poll_options, dates):
    for name, value in dates.items():
        setattr(consultation, name, value)
    publish_directly(consultation)

    response = citizen_client.post(comment_url(consultation, "ask-post"), {"body": "تعليق متأخر"})
    assert response.status_code == 403
    assert not Comment.objects.exists()
    response = citizen_client.post(vote_url(consultation, "poll-1"), {"option": [poll_options[0]]})
    assert response.status_code == 403
    assert not Ballot.objects.exists()


def test_responses_refused_on_unpublished_page(consultation, citizen, poll_options):
    consultation.unpublish()
    consultation.refresh_from_db()
    with pytest.raises(ResponseRefused):
        post_comment(consultation, citizen, "ask-post", "تعليق")
    with pytest.raises(ResponseRefused):
        cast_vote(consultation, citizen, "poll-1", [poll_options[0]])
    client = Client()
    client.force_login(citizen)
    assert client.post(comment_url(consultation, "ask-post"), {"body": "تعليق"}).status_code == 404
    assert not Comment.objects.exists()


def test_unverified_and_anonymous_people_cannot_respond(consultation, poll_options):
    unverified = make_citizen("unverified", verified=False)
    client = Client()
    client.force_login(unverified)
    response = client.post(comment_url(consultation, "ask-post"), {"body": "تعليق"})
    assert response.status_code == 403
    from django.utils import translation

    with translation.override("ar"):
        expected = translation.gettext(
            "Confirm your e-mail address before taking part. We sent you a link when you signed up."
        )
    assert expected != "Confirm your e-mail address before taking part. We sent you a link when you signed up."
    assert expected in response.content.decode()
    assert Client().post(vote_url(consultation, "poll-1"), {"option": [poll_options[0]]}).status_code == 403
    assert not Comment.objects.exists() and not Ballot.objects.exists()


def test_one_vote_per_person(consultation, citizen_client, citizen, poll_options):
    assert citizen_client.post(vote_url(consultation, "poll-1"), {"option": [poll_options[0]]}).status_code == 302
    response = citizen_client.post(vote_url(consultation, "poll-1"), {"option": [poll_options[1]]})
    assert response.status_code == 409
    assert Ballot.objects.filter(voter=citizen).count() == 1


def test_single_choice_poll_refuses_two_answers_and_unknown_answers(consultation, citizen_client, poll_options):
    assert citizen_client.post(vote_url(consultation, "poll-1"), {"option": poll_options}).status_code == 400
    assert citizen_client.post(vote_url(consultation, "poll-1"), {"option": ["forged"]}).status_code == 400
    assert citizen_client.post(vote_url(consultation, "poll-1"), {}).status_code == 400
    assert not Ballot.objects.exists()


def test_errors_are_shown_next_to_the_field_in_the_page_language(consultation, citizen_client):
    response = citizen_client.post(comment_url(consultation, "ask-pre"), {"body": "   "})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="field__error"' in html
    assert 'lang="ar"' in html


def test_voted_poll_options_cannot_be_removed_or_changed(consultation, citizen, poll_options):
    cast_vote(consultation, citizen, "poll-1", [poll_options[0]])
    page = type(consultation).objects.get(pk=consultation.pk)
    raw = list(page.body.raw_data)
    poll = next(item for item in raw if item["id"] == "poll-1")
    poll["value"]["options"] = [option for option in poll["value"]["options"] if option["id"] != poll_options[0]]
    page.body = raw
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "body" in error.value.message_dict

    page = type(consultation).objects.get(pk=consultation.pk)
    raw = list(page.body.raw_data)
    poll = next(item for item in raw if item["id"] == "poll-1")
    poll["value"]["options"][0]["value"]["label"] = "تعديل الخيار"
    page.body = raw
    with pytest.raises(ValidationError):
        page.full_clean()

    # Options nobody voted for may still change.
    page = type(consultation).objects.get(pk=consultation.pk)
    raw = list(page.body.raw_data)
    poll = next(item for item in raw if item["id"] == "poll-1")
    poll["value"]["options"][1]["value"]["label"] = "أعارض بشدة"
    page.body = raw
    page.full_clean()


def test_replies_are_one_level_deep(consultation, citizen):
    other = make_citizen("omar")
    top = post_comment(consultation, citizen, "ask-post", "تعليق أول")
    reply = post_comment(consultation, other, "ask-post", "رد", parent_id=top.pk)
    assert reply.parent == top
    with pytest.raises(ResponseRefused):
        post_comment(consultation, citizen, "ask-post", "رد على رد", parent_id=reply.pk)


def test_rate_limit_answers_429_with_a_message(consultation, citizen_client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "comment": "2/h/user,40/h/ip"}
    for _ in range(2):
        assert citizen_client.post(comment_url(consultation, "ask-post"), {"body": "تعليق"}).status_code == 302
    response = citizen_client.post(comment_url(consultation, "ask-post"), {"body": "تعليق"})
    assert response.status_code == 429
    assert "محاولات" in response.content.decode()
    assert Comment.objects.count() == 2


def test_honeypot_refuses_bots(consultation, citizen_client):
    response = citizen_client.post(comment_url(consultation, "ask-post"), {"body": "إعلان", "website": "http://spam"})
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_comment_forms_need_csrf(consultation, citizen):
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    assert client.post(comment_url(consultation, "ask-post"), {"body": "تعليق"}).status_code == 403
    assert not Comment.objects.exists()


def test_consultation_page_queries_do_not_grow_with_comments(consultation, citizen, poll_options):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        client = Client()
        client.force_login(citizen)
        client.get(consultation.url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(consultation.url).status_code == 200
        return len(captured)

    post_comment(consultation, citizen, "ask-post", "تعليق واحد")
    few = queries()
    for number in range(30):
        author = make_citizen(f"many{number}")
        top = post_comment(consultation, author, "ask-post", f"تعليق رقم {number}")
        post_comment(consultation, citizen, "ask-post", "رد", parent_id=top.pk)
        cast_vote(consultation, author, "poll-1", [poll_options[number % 2]])
    assert queries() == few


def test_html_in_a_comment_is_escaped_on_the_page_and_in_my_participation(consultation, citizen, citizen_client):
    attack = '<script>alert("x")</script><img src=x onerror=alert(1)><a href="javascript:alert(1)">link</a>'
    post_comment(consultation, citizen, "ask-post", attack)
    for html in (
        Client().get(consultation.url).content.decode(),
        citizen_client.get("/ar/my-participation/").content.decode(),
    ):
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
        assert "&lt;script&gt;alert" in html


def test_links_in_comments_are_plain_safe_links(consultation, citizen):
    post_comment(consultation, citizen, "ask-post", "انظر https://www.ogp.gov.jo للتفاصيل")
    html = Client().get(consultation.url).content.decode()
    assert 'href="https://www.ogp.gov.jo"' in html
    assert 'rel="nofollow"' in html
