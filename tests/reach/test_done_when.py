"""Issue 10's "Done when": a citizen follows the Ministry of Health; when a health consultation is approved
they receive one e-mail in their language, a second run sends nothing, and one click unsubscribes them."""

import re

import pytest
from django.test import Client

from reach.models import Notice, NoticeStatus, Subscription
from tests.factories import publish_directly

from .conftest import make_consultation, run_schedule

pytestmark = pytest.mark.django_db


def follow(client, kind, target, frequency="immediate", language="ar"):
    return client.post(
        f"/{language}/my-participation/subscriptions/follow/",
        {"kind": kind, "target": str(target), "frequency": frequency, "next": f"/{language}/"},
    )


def unsubscribe_link(message):
    match = re.search(r"http://testserver(/(?:ar|en)/my-participation/unsubscribe/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_follow_ministry_then_one_email_on_approval_and_one_click_unsubscribe(health, make_person, signed_in, outbox):
    citizen = make_person()
    response = follow(signed_in(citizen), "agency", health.agency.translation_key)
    assert response.status_code == 302
    assert Subscription.objects.filter(user=citizen, kind="agency").count() == 1

    draft = make_consultation(health.agency, publish=False, title="مشروع نظام الرعاية الصحية الأولية")
    assert run_schedule()  # nothing is live yet
    assert outbox == []

    publish_directly(draft)  # the reviewer's approval makes it live
    outbox.clear()
    run_schedule()

    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == [citizen.email]
    assert "مشروع نظام الرعاية الصحية الأولية" in message.subject
    assert "وزارة الصحة" in message.body
    assert f"/ar/agencies/moh/{draft.slug}/" in message.body
    assert "/ar/my-participation/#subscriptions" in message.body
    link = unsubscribe_link(message)
    assert message.extra_headers["List-Unsubscribe"] == f"<http://testserver{link}>"
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    # A rerun, or the digest job, sends nothing more.
    outbox.clear()
    run_schedule()
    assert outbox == []
    assert Notice.objects.get(user=citizen).status == NoticeStatus.SENT

    # One click, as a mail program does it: a POST without cookies, session or CSRF token.
    mail_program = Client(enforce_csrf_checks=True)
    response = mail_program.post(link, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert not Subscription.objects.filter(user=citizen).exists()
    assert "csrfmiddlewaretoken" not in response.content.decode()

    # A later consultation of the ministry is not sent.
    make_consultation(health.agency, title="مشروع تعليمات الصيدليات")
    outbox.clear()
    run_schedule()
    assert outbox == []


def test_email_in_the_language_they_followed_in(health, make_person, signed_in, outbox):
    from tests.factories import translate_page

    citizen = make_person()
    follow(signed_in(citizen), "agency", health.agency.translation_key, language="en")
    consultation = make_consultation(health.agency, publish=False, title="مسودة")
    english = translate_page(consultation, title="Draft primary health care regulation", publish=False)
    publish_directly(consultation)
    publish_directly(english)
    outbox.clear()
    run_schedule()
    assert len(outbox) == 1
    assert "Draft primary health care regulation" in outbox[0].subject
    assert "Ministry of Health" in outbox[0].body
    assert "/en/agencies/moh/" in outbox[0].body
    assert "/en/my-participation/unsubscribe/" in outbox[0].body


def test_confirm_page_asks_before_stopping_and_carries_no_csrf_token(health, make_person, signed_in, outbox):
    citizen = make_person()
    follow(signed_in(citizen), "agency", health.agency.translation_key)
    make_consultation(health.agency, publish=False)
    publish_directly(make_consultation(health.agency, publish=False))
    outbox.clear()
    run_schedule()
    link = unsubscribe_link(outbox[0])

    page = Client().get(link)
    assert page.status_code == 200
    html = page.content.decode()
    assert "وزارة الصحة" in html
    assert 'method="post"' in html and "csrfmiddlewaretoken" not in html
    assert "no-store" in page["Cache-Control"] or "private" in page["Cache-Control"]
    assert "Set-Cookie" not in page.headers
    assert Subscription.objects.filter(user=citizen).exists()  # a GET (a link scanner) changes nothing
