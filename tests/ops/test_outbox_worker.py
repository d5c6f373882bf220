"""The outbox and the worker: delivery stopped midway resumes without resending, two workers never send the
same e-mail, failures back off and end visible to reviewers, and the schedule survives a double start."""

import io
import os
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.mail import EmailMessage, get_connection
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from post_office.models import STATUS, Email, Log

from ops import scheduler
from ops.models import ScheduledJob
from ops.outbox import send_outbox
from tests.participation.conftest import clear_cache, consultation, make_citizen  # noqa: F401
from tests.transparency.conftest import add_comment, conclude

from .mailserver import MailServer, free_port
from .test_smtp_outage import real_queue, run_worker

ROOT = Path(__file__).resolve().parents[2]
BODY = "https://tawasul.example/accounts/password/reset/key/secret-token/"

transactional = pytest.mark.django_db(transaction=True, serialized_rollback=True)
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks (SKIP LOCKED) and a second process need PostgreSQL"
)


@pytest.fixture
def server():
    server = MailServer().start()
    yield server
    server.stop()


def authors_with_outcome(page, count):
    """`count` authors of published comments on `page`, whose outcome is then published."""
    authors = [make_citizen(f"author{i:02d}") for i in range(count)]
    for author in authors:
        add_comment(page, author, f"ملاحظة من {author.username}")
    conclude(page)  # the publication enqueues the outcome notices for the worker
    return authors


def queue_mail(count):
    get_connection().send_messages(
        [EmailMessage(f"رسالة {i}", BODY, None, [f"person{i:02d}@example.jo"]) for i in range(count)]
    )


@transactional
def test_a_delivery_broken_off_midway_resumes_without_resending(settings, server, consultation):  # noqa: F811
    real_queue(settings, server.port)
    authors = authors_with_outcome(consultation, 30)
    server.accept_then_drop = 10  # the server accepts ten messages, then hangs up on every one

    run_worker()
    assert len(server.received) == 10
    assert Email.objects.filter(status=STATUS.sent).count() == 10
    assert Email.objects.filter(status__in=[STATUS.queued, STATUS.requeued]).count() == 20

    server.dropping = False  # it is back
    run_worker()
    delivered = Counter(m.to[0] for m in server.received)
    assert delivered == Counter({author.email: 1 for author in authors})
    # Publishing again and the periodic job queue nothing more.
    call_command("send_outcome_notifications", verbosity=0)
    run_worker()
    assert len(server.received) == 30


@transactional
@on_postgresql
def test_a_worker_killed_midway_resumes_without_resending(settings, server):
    """A real `manage.py run_worker` process, killed (SIGKILL) while it talks to the server."""
    real_queue(settings, server.port)
    queue_mail(20)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.ops.worker_settings",
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'site'}",
        "TAWASUL_TEST_SMTP_PORT": str(server.port),
        "DATABASE_URL": database_url(),
    }
    command = [sys.executable, "manage.py", "run_worker", "--tick", "1", "--verbosity", "0"]
    worker = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
    try:
        server.kill_after = (8, worker)  # on the ninth message, before accepting it, the worker dies
        assert wait_for(lambda: worker.poll() is not None, 60), "the worker was not killed"
        assert len(server.received) == 8
        assert Email.objects.filter(status=STATUS.sent).count() == 8  # each committed before the next one

        server.kill_after = None
        worker = subprocess.Popen(command, cwd=ROOT, env=env)  # noqa: S603
        assert wait_for(lambda: len(server.received) >= 20, 60)
        time.sleep(2)  # time for a duplicate to show up, were there one
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(20)
    assert Counter(m.to[0] for m in server.received) == Counter({f"person{i:02d}@example.jo": 1 for i in range(20)})
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


@transactional
@on_postgresql
def test_two_workers_at_once_never_send_the_same_message(settings, server):
    real_queue(settings, server.port)
    queue_mail(40)
    results = []

    def work():
        try:
            results.append(send_outbox())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sum(result["sent"] for result in results) == 40
    assert Counter(m.to[0] for m in server.received) == Counter({f"person{i:02d}@example.jo": 1 for i in range(40)})


@pytest.mark.django_db
def test_failures_back_off_then_fail_with_the_error_for_reviewers(settings, client_for, site_tree, users, server):
    real_queue(settings, free_port())  # nobody listens
    settings.TAWASUL_OUTBOX = {"MAX_ATTEMPTS": 3, "RETRY_BASE_SECONDS": 60, "RETRY_MAX_SECONDS": 3600}
    queue_mail(1)
    email = Email.objects.get()

    before = timezone.now()
    assert send_outbox() == {"sent": 0, "failed": 1, "stopped": True}
    email.refresh_from_db()
    assert email.status == STATUS.requeued and email.number_of_retries == 1
    assert before + timedelta(seconds=59) < email.scheduled_time < timezone.now() + timedelta(seconds=61)
    assert send_outbox() == {"sent": 0, "failed": 0, "stopped": False}  # not due yet: nobody tries

    Email.objects.update(scheduled_time=timezone.now())  # a minute later
    send_outbox()
    email.refresh_from_db()
    assert email.number_of_retries == 2
    assert timezone.now() + timedelta(seconds=110) < email.scheduled_time  # twice as long: 120 s

    Email.objects.update(scheduled_time=timezone.now())
    send_outbox()
    email.refresh_from_db()
    assert email.status == STATUS.failed  # the last attempt
    assert Log.objects.filter(email=email, status=STATUS.failed).count() == 3

    # Reviewers see it in the admin, failed, with the error; editors and citizens do not.
    page = client_for(users.reviewer).get("/admin/ops/outbox/")
    html = page.content.decode()
    assert page.status_code == 200
    assert "person00@example.jo" in html and "ConnectionRefusedError" in html
    assert "secret-token" not in html  # never the body: it may hold a password-reset link
    assert client_for(users.editor).get("/admin/ops/outbox/").status_code in (302, 403)
    assert client_for(users.citizen).get("/admin/ops/outbox/").status_code in (302, 403)

    # The SMTP settings are fixed; the failed e-mail is queued again and delivered, once.
    settings.EMAIL_PORT = server.port
    call_command("requeue_failed_mail", stdout=io.StringIO())
    send_outbox()
    send_outbox()
    assert [m.to for m in server.received] == [["person00@example.jo"]]
    assert Email.objects.get().status == STATUS.sent


@pytest.mark.django_db
def test_the_schedule_enqueues_each_job_once_however_many_schedulers_run(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    now = timezone.now()
    first = scheduler.enqueue_due(now)
    again = scheduler.enqueue_due(now)  # a second worker (or `make run` started twice) at the same moment
    assert sorted(first) == sorted(settings.TAWASUL_SCHEDULE) and again == []
    for path in settings.TAWASUL_SCHEDULE:  # django-tasks records each task's import path
        assert DBTaskResult.objects.filter(task_path=path).count() == 1
    assert scheduler.enqueue_due(now + timedelta(seconds=61)) == ["ops.tasks.send_outbox_task"]
    assert ScheduledJob.objects.count() == len(settings.TAWASUL_SCHEDULE)


@transactional
@on_postgresql
def test_concurrent_schedulers_enqueue_each_job_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    now = timezone.now()
    scheduler.enqueue_due(now - timedelta(days=1))  # the rows exist; all jobs due again at `now`
    DBTaskResult.objects.all().delete()
    ScheduledJob.objects.update(next_run_at=now)
    barrier = threading.Barrier(4)
    enqueued = []

    def tick():
        try:
            barrier.wait(10)
            enqueued.extend(scheduler.enqueue_due(now))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tick) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert Counter(enqueued) == Counter(settings.TAWASUL_SCHEDULE.keys())
    assert DBTaskResult.objects.count() == len(settings.TAWASUL_SCHEDULE)


def database_url():
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False
