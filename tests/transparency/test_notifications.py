"""Authors are e-mailed once when the outcome is published, in the language they commented in."""

import io
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from participation.models import CommentStatus, ConsultationPage
from tests.factories import publish_directly
from transparency.models import Decision, Disposition, OutcomeNotification

from .conftest import OUTCOME, OUTCOME_EN, add_comment, conclude

pytestmark = pytest.mark.django_db


@pytest.fixture
def authors(consultation, consultation_en, make_people):
    layla, omar, huda, sami = make_people(4)
    comments = {
        "layla-1": add_comment(consultation, layla, "أقترح تعديل المادة الخامسة", block_id="art-5"),
        "layla-2": add_comment(consultation, layla, "وملاحظة أخرى", block_id="ask-pre"),
        "omar": add_comment(consultation_en, omar, "Please publish drafts earlier", language="en"),
        "huda-pending": add_comment(consultation, huda, "ما زال ينتظر", status=CommentStatus.PENDING),
        "deleted": add_comment(consultation, None, "من حساب محذوف"),
    }
    sami.email = ""
    sami.save()
    comments["sami"] = add_comment(consultation, sami, "بلا بريد")
    Disposition.objects.create(
        comment=comments["layla-1"], decision=Decision.ACCEPTED, reason="عدّلنا المادة الخامسة كما اقترحت"
    )
    Disposition.objects.create(comment=comments["omar"], decision=Decision.NOTED, reason="We will consider it")
    return {"layla": layla, "omar": omar, "huda": huda, "sami": sami, "comments": comments}


def publish_outcome(consultation, consultation_en, capture):
    with capture(execute=True):
        conclude(consultation)
    with capture(execute=True):
        conclude(consultation_en, OUTCOME_EN)


def test_authors_are_told_once_in_their_language(
    client, consultation, consultation_en, authors, django_capture_on_commit_callbacks
):
    publish_outcome(consultation, consultation_en, django_capture_on_commit_callbacks)

    assert sorted(message.to[0] for message in mail.outbox) == sorted([authors["layla"].email, authors["omar"].email])
    for message in mail.outbox:
        assert len(message.to) == 1  # never a list of other people's addresses

    arabic = next(m for m in mail.outbox if m.to == [authors["layla"].email])
    assert consultation.title in arabic.subject
    assert f"/ar/consultations/{consultation.pk}/report/" in arabic.body
    assert f"#comment-{authors['comments']['layla-1'].pk}" in arabic.body
    assert "عدّلنا المادة الخامسة كما اقترحت" in arabic.body
    assert "وملاحظة أخرى" in arabic.body  # both of her comments, in one e-mail
    assert "Please publish drafts earlier" not in arabic.body

    # Omar wrote in English. The Arabic outcome was published first, so his e-mail (in English)
    # links to the report under /en/, which leads to the English version once it has the outcome.
    english = next(m for m in mail.outbox if m.to == [authors["omar"].email])
    link = f"/en/consultations/{consultation.pk}/report/"
    assert link in english.body
    assert client.get(link)["Location"] == f"/en/consultations/{consultation_en.pk}/report/"
    assert "We will consider it" in english.body
    assert "Decision: Noted" in english.body
    assert "Hello" in english.body

    assert OutcomeNotification.objects.get(translation_key=consultation.translation_key).recipients == 2

    # Publishing again, in either language, sends nothing more.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish_directly(consultation)
    with django_capture_on_commit_callbacks(execute=True):
        publish_directly(consultation_en)
    assert mail.outbox == []
    assert OutcomeNotification.objects.count() == 1


def test_nobody_is_told_while_the_consultation_is_open(
    client, consultation, consultation_en, authors, django_capture_on_commit_callbacks
):
    consultation.outcome = OUTCOME  # filled in early: not public until the consultation closes
    with django_capture_on_commit_callbacks(execute=True):
        publish_directly(consultation)
    assert mail.outbox == []
    assert not OutcomeNotification.objects.exists()

    # When the closing time passes, the periodic command tells the authors, once.
    ConsultationPage.objects.filter(translation_key=consultation.translation_key).update(
        opens_at=timezone.now() - timedelta(days=30), closes_at=timezone.now() - timedelta(minutes=5)
    )
    out = io.StringIO()
    call_command("send_outcome_notifications", stdout=out)
    assert "2 e-mail(s) queued for 1 consultation(s)" in out.getvalue()
    assert sorted(m.to[0] for m in mail.outbox) == sorted([authors["layla"].email, authors["omar"].email])
    # Omar wrote in English, but only the Arabic version has the outcome.
    english = next(m for m in mail.outbox if m.to == [authors["omar"].email])
    assert "Hello" in english.body
    link = f"/en/consultations/{consultation.pk}/report/"
    assert link in english.body
    response = client.get(link)  # the English interface, the Arabic outcome
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode() and "قررت الوزارة" in response.content.decode()
    call_command("send_outcome_notifications", stdout=io.StringIO())
    assert len(mail.outbox) == 2


def test_no_mail_for_a_closed_consultation_without_outcome(consultation, authors, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        conclude(consultation, outcome="")
    assert mail.outbox == []


def test_a_run_stopped_midway_resumes_without_telling_anyone_twice(consultation, consultation_en, authors, monkeypatch):
    from ops import outbox
    from transparency.notifications import notify_outcome

    conclude(consultation)  # not captured: the on-commit enqueue does not run, as if the worker had not started
    real_queue_once = outbox.queue_once
    calls = []

    def dies_after_first(key, message):
        if calls:
            raise ConnectionError("worker stopped")
        calls.append(key)
        return real_queue_once(key, message)

    monkeypatch.setattr(outbox, "queue_once", dies_after_first)
    with pytest.raises(ConnectionError):
        notify_outcome(consultation)
    assert len(mail.outbox) == 1
    first = mail.outbox[0].to
    assert not OutcomeNotification.objects.exists()  # still pending: the schedule comes back to it

    monkeypatch.undo()
    assert notify_outcome(consultation) == 1  # only the author not told yet
    assert notify_outcome(consultation_en) == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted([authors["layla"].email, authors["omar"].email])
    assert mail.outbox[0].to == first
    assert OutcomeNotification.objects.get(translation_key=consultation.translation_key).recipients == 2
