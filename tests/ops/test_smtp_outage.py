"""With the SMTP server down, citizens and reviewers notice nothing; when it returns, every e-mail arrives once.

These tests use the real queue: django-tasks' database backend, the outbox (django-post-office rows), the
SMTP backend with EMAIL_TIMEOUT, and `manage.py run_worker --batch`. The mail server is a real one (aiosmtpd)
started on a thread; the messages it receives are parsed and read. Run them on PostgreSQL
(DATABASE_URL=postgres://…): the worker locks rows with SELECT … FOR UPDATE SKIP LOCKED there.
"""

import re
import signal
import time
from collections import Counter
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from post_office.models import STATUS, Email, Log

from pages.publishing import direct_publishing
from participation.models import Comment, ConsultationPage
from tests.factories import UserFactory
from tests.participation.conftest import clear_cache, consultation, make_citizen  # noqa: F401
from tests.transparency.conftest import OUTCOME, add_comment

from .mailserver import MailServer, SilentServer, free_port

# transaction=True: requests and the worker commit for real (on_commit runs, rows are locked); serialized_rollback
# restores the data migrations create (locales, root page) after the flush.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

EMAIL_TIMEOUT = 1


def real_queue(settings, port):
    """The production path: tasks in the database, mail queued in the outbox and sent over SMTP by the worker."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.EMAIL_BACKEND = "ops.outbox.OutboxBackend"
    settings.POST_OFFICE = {
        **settings.POST_OFFICE,
        "BACKENDS": {"default": "django.core.mail.backends.smtp.EmailBackend"},
        "DEFAULT_PRIORITY": "medium",
    }
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = EMAIL_TIMEOUT
    # Retries without waiting, so that "SMTP returns, the worker runs" needs no clock tricks
    # (test_retries_back_off checks the real back-off).
    settings.TAWASUL_OUTBOX = {"MAX_ATTEMPTS": 12, "RETRY_BASE_SECONDS": 0, "RETRY_MAX_SECONDS": 0}
    # Each worker run below stands for "a minute later": the schedule's outbox job is due every time.
    settings.TAWASUL_SCHEDULE = {**settings.TAWASUL_SCHEDULE, "ops.tasks.send_outbox_task": 0}


def run_worker():
    """`manage.py run_worker --batch`: the due periodic jobs, then every queued task, then exit."""
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    started = time.monotonic()
    try:
        call_command("run_worker", "--batch", verbosity=0)
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
    return time.monotonic() - started


class Outage:
    """A port where nobody answers: closed (connection refused) or listening and mute (the timeout decides)."""

    def __init__(self, kind):
        self.silent = SilentServer() if kind == "silent" else None
        self.kind = kind
        self.port = self.silent.port if self.silent else free_port()

    def attempts(self):
        """Connections the silent server received (a refused port counts none)."""
        return len(self.silent.accepted) if self.silent else 0

    def end(self):
        if self.silent:
            self.silent.close()
            self.silent = None


@pytest.fixture(params=["refused", "silent"])
def smtp_down(request, settings):
    outage = Outage(request.param)
    real_queue(settings, outage.port)
    yield outage
    outage.end()


@pytest.fixture
def mailserver_factory():
    servers = []

    def start(port=None):
        server = MailServer(port).start()
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


@pytest.fixture
def moderator(site_tree):
    site_tree.agency_a.refresh_from_db()
    return UserFactory(username="mod-a", email="mod-a@modee.gov.jo", groups=[site_tree.agency_a.moderators_group])


@pytest.fixture
def second_moderator(site_tree):
    site_tree.agency_a.refresh_from_db()
    return UserFactory(username="mod-a2", email="mod-a2@modee.gov.jo", groups=[site_tree.agency_a.moderators_group])


def comment_url(page, block_id):
    return reverse("participation_comment", args=[page.pk, block_id])


def approve_url(page):
    task_state = page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def test_citizens_and_reviewers_see_no_error_while_smtp_is_down_and_every_mail_arrives_once_after(
    smtp_down,
    mailserver_factory,
    consultation,  # noqa: F811 (the fixture imported above)
    users,
    moderator,
    second_moderator,
    client_for,
):
    # A citizen comments (pre-moderated: the agency's moderators are told).
    citizen = make_citizen("layla", display_name="ليلى")
    response = client_for(citizen).post(comment_url(consultation, "ask-pre"), {"body": "أقترح مدة أطول للتعليق."})
    assert response.status_code == 302
    assert Comment.objects.filter(author=citizen).count() == 1  # nothing to resubmit, no duplicate
    other = make_citizen("omar", display_name="عمر")
    add_comment(consultation, other, "ملاحظة منشورة")

    # Someone signs up (the verification e-mail), someone forgot their password.
    newcomer = Client()
    response = newcomer.post(
        "/ar/accounts/signup/",
        {
            "email": "huda@example.jo",
            "password1": "a-strong-passphrase-2026",
            "password2": "a-strong-passphrase-2026",
            "display_name": "هدى",
        },
    )
    assert response.status_code == 302
    huda = get_user_model().objects.get(email="huda@example.jo")
    response = Client().post("/ar/accounts/password/reset/", {"email": other.email})
    assert response.status_code == 302

    # An editor fills in the outcome of the closed consultation and submits it; a reviewer approves it.
    page = ConsultationPage.objects.get(pk=consultation.pk)
    now = timezone.now()
    with direct_publishing():  # it ran forty days and closed as planned (test set-up, no workflow)
        page.opens_at, page.closes_at = now - timedelta(days=40), now - timedelta(minutes=1)
        page.save_revision().publish()
    page.refresh_from_db()
    page.outcome = OUTCOME
    page.save_revision(user=users.editor)
    page.get_workflow().start(page, users.editor)
    response = client_for(users.reviewer).post(approve_url(page), {"comment": ""})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.outcome

    # No request talked to the SMTP server (a refused connection would have raised in the request).
    assert smtp_down.attempts() == 0

    # The worker tries while the server is down: nothing delivered, nothing lost, the error recorded,
    # and the worker does not hang (EMAIL_TIMEOUT; it stops at the first unreachable attempt).
    assert run_worker() < 10 * EMAIL_TIMEOUT
    queued = list(Email.objects.all())
    if smtp_down.kind == "silent":  # each delivery run stops at its first timeout, not one timeout per message
        assert 1 <= smtp_down.attempts() < len(queued)
    assert queued and all(email.status in (STATUS.queued, STATUS.requeued) for email in queued)
    assert Log.objects.filter(status=STATUS.failed).exists()
    assert all(len(email.to) == 1 for email in queued)  # one row per message and recipient
    expected = Counter((email.to[0], email.subject) for email in queued)

    # The server returns (on the same address); the worker delivers everything, once.
    smtp_down.end()
    server = mailserver_factory(port=smtp_down.port)
    run_worker()
    assert Counter((m.to[0], m.subject) for m in server.received) == expected
    assert len({m.message_id for m in server.received}) == len(server.received)
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}

    # The real messages: each moderator alone, the verification link works, the outcome reached the authors.
    for address in (moderator.email, second_moderator.email):
        (notice,) = [m for m in server.to(address) if "أقترح مدة أطول للتعليق." in m.body]
        assert notice.to == [address] and notice.envelope_to == [address]
    (verification,) = [m for m in server.to(huda.email) if "confirm-email" in m.body]
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", verification.body).group(0)
    assert newcomer.post("/" + link.split("://", 1)[1].split("/", 1)[1]).status_code == 302
    assert huda.emailaddress_set.get().verified
    assert any("password/reset/key" in m.body for m in server.to(other.email))
    assert any(f"/consultations/{page.pk}/report/" in m.body for m in server.to(other.email))
    assert server.to(users.editor.email)  # Wagtail's workflow e-mail: the page was approved

    # Running the worker again, or the periodic outcome job, sends nothing more.
    call_command("send_outcome_notifications", verbosity=0)
    run_worker()
    assert len(server.received) == sum(expected.values())
