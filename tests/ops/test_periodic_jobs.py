"""The worker's periodic jobs beyond the outbox: overdue outcomes told once, and the outbox pruned.

Both are entries of settings.TAWASUL_SCHEDULE, enqueued by the scheduler (ops.scheduler), not a cron line.
"""

from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core import mail
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone
from post_office.models import STATUS, Email, Log

from ops import scheduler
from ops.tasks import prune_outbox, remind_overdue_outcomes_task
from pages.roles import REVIEWERS_GROUP
from tests.factories import ConsultationPageFactory, UserFactory, add_page, translate_page

pytestmark = pytest.mark.django_db

DAY = timedelta(days=1)


def closed_consultation(agency, closes_days_ago, title, outcome=""):
    closes_at = timezone.now() - closes_days_ago * DAY
    return add_page(
        agency,
        ConsultationPageFactory(title=title, opens_at=closes_at - 20 * DAY, closes_at=closes_at, outcome=outcome),
    )


@pytest.fixture
def people(site_tree):
    reviewers = Group.objects.get(name=REVIEWERS_GROUP)
    return {
        "editor_a": UserFactory(
            username="editor-a", email="editor-a@modee.gov.jo", groups=[site_tree.agency_a.editors_group]
        ),
        "editor_b": UserFactory(
            username="editor-b", email="editor-b@lob.gov.jo", groups=[site_tree.agency_b.editors_group]
        ),
        "reviewer": UserFactory(username="reviewer-1", email="reviewer@mop.gov.jo", groups=[reviewers]),
        "citizen": UserFactory(username="citizen-1", email="citizen@example.jo"),
    }


def by_recipient():
    found = {}
    for message in mail.outbox:
        found.setdefault(message.to[0], []).append(message)
    return found


def test_schedule_runs_the_reminders_and_the_pruning():
    assert settings.TAWASUL_SCHEDULE["ops.tasks.remind_overdue_outcomes_task"] <= 24 * 3600
    assert settings.TAWASUL_SCHEDULE["ops.tasks.prune_outbox"] <= 24 * 3600
    enqueued = scheduler.enqueue_due()  # tests run tasks at once (ImmediateBackend): each job must import and run
    assert {"ops.tasks.remind_overdue_outcomes_task", "ops.tasks.prune_outbox"} <= set(enqueued)


def test_an_overdue_outcome_is_told_once_to_its_agency_and_the_reviewers(site_tree, people):
    """12 weeks after closing (the rules' default) without an outcome: overdue."""
    overdue = closed_consultation(site_tree.agency_a, 100, "مشروع نظام تأخرت نتيجته")
    translate_page(overdue, title="Regulation with an overdue outcome")  # one consultation, not two
    closed_consultation(site_tree.agency_a, 30, "مشروع ما زال في مهلته")  # closed, outcome not due yet
    closed_consultation(site_tree.agency_b, 120, "مشروع نشرت نتيجته", outcome="<p>ما قررته الجهة.</p>")
    mail.outbox.clear()

    remind_overdue_outcomes_task.enqueue()
    received = by_recipient()
    assert set(received) == {"editor-a@modee.gov.jo", "reviewer@mop.gov.jo"}  # not agency B, not citizens
    [to_editor] = received["editor-a@modee.gov.jo"]
    assert "مشروع نظام تأخرت نتيجته" in to_editor.subject
    assert f"/admin/pages/{overdue.pk}/edit/" in to_editor.body
    [to_reviewer] = received["reviewer@mop.gov.jo"]
    assert "مشروع نظام تأخرت نتيجته" in to_reviewer.body
    assert "مشروع ما زال في مهلته" not in to_reviewer.body and "مشروع نشرت نتيجته" not in to_reviewer.body

    mail.outbox.clear()
    remind_overdue_outcomes_task.enqueue()  # the next hour: nobody is told twice
    assert mail.outbox == []


def test_reviewers_get_one_digest_of_what_became_overdue_since_their_last(site_tree, people):
    closed_consultation(site_tree.agency_a, 100, "الأولى المتأخرة")
    closed_consultation(site_tree.agency_b, 90, "الثانية المتأخرة")
    mail.outbox.clear()
    remind_overdue_outcomes_task.enqueue()
    [digest] = by_recipient()["reviewer@mop.gov.jo"]
    assert "الأولى المتأخرة" in digest.body and "الثانية المتأخرة" in digest.body
    assert [m.to for m in mail.outbox].count(["editor-b@lob.gov.jo"]) == 1

    closed_consultation(site_tree.agency_b, 85, "الثالثة المتأخرة")
    mail.outbox.clear()
    remind_overdue_outcomes_task.enqueue()
    [digest] = by_recipient()["reviewer@mop.gov.jo"]
    assert "الثالثة المتأخرة" in digest.body
    assert "الأولى المتأخرة" not in digest.body


def test_an_outcome_published_before_the_job_runs_is_never_mentioned(site_tree, people):
    page = closed_consultation(site_tree.agency_a, 100, "نتيجة نشرت في الوقت")
    page.outcome = "<p>قررت الجهة.</p>"
    from tests.factories import publish_directly

    publish_directly(page)
    mail.outbox.clear()
    remind_overdue_outcomes_task.enqueue()
    assert mail.outbox == []


def _mail(subject, status, days_old):
    get_connection().send_messages([EmailMessage(subject, "نص", None, ["someone@example.jo"])])
    email = Email.objects.get(subject=subject)
    Email.objects.filter(pk=email.pk).update(status=status, last_updated=timezone.now() - days_old * DAY)
    Log.objects.create(email=email, status=STATUS.failed if status == STATUS.failed else STATUS.sent, message="")
    return email


def test_pruning_forgets_old_sent_mail_and_keeps_failed_and_waiting(settings):
    settings.TAWASUL_OUTBOX = {**settings.TAWASUL_OUTBOX, "KEEP_SENT_DAYS": 30}
    old_sent = _mail("قديمة أرسلت", STATUS.sent, 31)
    recent_sent = _mail("حديثة أرسلت", STATUS.sent, 29)
    old_failed = _mail("قديمة فشلت", STATUS.failed, 90)
    old_waiting = _mail("قديمة تنتظر", STATUS.requeued, 60)

    result = prune_outbox.enqueue()
    assert result.return_value == 1
    remaining = set(Email.objects.values_list("pk", flat=True))
    assert old_sent.pk not in remaining
    assert {recent_sent.pk, old_failed.pk, old_waiting.pk} <= remaining
    assert not Log.objects.filter(email_id=old_sent.pk).exists()
    assert Log.objects.filter(email_id=old_failed.pk).exists()  # reviewers still see why it failed
