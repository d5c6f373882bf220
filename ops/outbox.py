"""The e-mail outbox: every message Django sends is stored first and delivered by the worker.

`EMAIL_BACKEND` is `ops.outbox.OutboxBackend` (django-post-office's queueing backend, one row per recipient),
so allauth's verification and password-reset mail, Wagtail's workflow mail and the portal's own notices
are written to the database inside the request and never touch the SMTP server there. The worker's
`send_outbox` task delivers them through `POST_OFFICE["BACKENDS"]["default"]` (SMTP in production):

- one message at a time, its row locked (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL) and marked sent in
  the same transaction as its delivery, so two workers never send the same row and a run stopped midway
  resumes after the last message the server accepted (the only gap left is a crash between the server's
  "250 OK" and the commit, which SMTP itself cannot close);
- a failure is logged with its error (post_office's `Log`, shown to reviewers) and retried with exponential
  back-off (`TAWASUL_OUTBOX`); a permanent refusal (5xx) or the last attempt marks the row failed;
- when the server cannot be reached at all, the run stops after one attempt instead of spending every
  message's attempts on the same outage.
"""

import contextlib
import copy
import smtplib
import threading
from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Q
from django.utils import timezone
from post_office.backends import EmailBackend as PostOfficeBackend
from post_office.models import STATUS, Email, Log
from post_office.settings import get_available_backends

from .models import OutboxKey

_local = threading.local()

# Errors about one message (its sender, recipients or content); anything else from smtplib or the socket
# means the server itself could not be used, and the run stops.
MESSAGE_ERRORS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)


def outbox_settings():
    return {"MAX_ATTEMPTS": 12, "RETRY_BASE_SECONDS": 60, "RETRY_MAX_SECONDS": 6 * 3600, **settings.TAWASUL_OUTBOX}


def one_per_recipient(message):
    """Copies of `message`, one for each address in To:, so that no recipient sees the others' addresses."""
    if len(message.to) <= 1 or message.cc or message.bcc:
        return [message]
    copies = []
    for address in message.to:
        single = copy.copy(message)
        single.to = [address]
        copies.append(single)
    return copies


class OutboxBackend(PostOfficeBackend):
    """django-post-office's backend, storing one row per recipient. Returns how many messages were queued."""

    def send_messages(self, email_messages):
        messages = [single for message in email_messages or [] for single in one_per_recipient(message)]
        if not messages:
            return 0
        super().send_messages(messages)
        return len(messages)


def deliver_after_commit(sender, emails, **kwargs):
    """post_office's `email_queued` signal: ask the worker to deliver once the rows are committed."""
    if getattr(_local, "batch_depth", 0):
        _local.batch_pending = True
        return
    transaction.on_commit(request_delivery)


@contextlib.contextmanager
def batch():
    """Queue many e-mails and wake the worker once, at the end, instead of once per e-mail."""
    _local.batch_depth = getattr(_local, "batch_depth", 0) + 1
    try:
        yield
    finally:
        _local.batch_depth -= 1
        if not _local.batch_depth and getattr(_local, "batch_pending", False):
            _local.batch_pending = False
            transaction.on_commit(request_delivery)


def request_delivery():
    """Enqueue `send_outbox` unless a run is already waiting for the worker. Never sends anything itself
    (with the database backend); the periodic schedule runs it too, so a lost request only delays mail."""
    from .tasks import send_outbox_task

    try:
        from django_tasks_db.backend import DatabaseBackend
        from django_tasks_db.models import DBTaskResult

        if isinstance(send_outbox_task.get_backend(), DatabaseBackend):
            waiting = DBTaskResult.objects.filter(task_path=send_outbox_task.module_path, status="READY")
            if waiting.exists():
                return
    except ImportError:  # pragma: no cover - django-tasks-db is a requirement
        pass
    send_outbox_task.enqueue()


def queue_once(key, message):
    """Queue `message` unless a message with this key was queued before. True when queued now.

    The key and the e-mail are written in one transaction: either both exist or neither does."""
    with transaction.atomic():
        _, created = OutboxKey.objects.get_or_create(key=key[:255])
        if not created:
            return False
        get_connection().send_messages([message])
    return True


def due_emails(now=None):
    now = now or timezone.now()
    return Email.objects.filter(
        Q(status__in=[STATUS.queued, STATUS.requeued]),
        Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now),
        Q(expires_at__isnull=True) | Q(expires_at__gt=now),
    )


def _is_permanent(exc):
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in exc.recipients.values())
    code = getattr(exc, "smtp_code", None)
    return isinstance(exc, MESSAGE_ERRORS) and isinstance(code, int) and code >= 500


def _record_failure(email, exc):
    config = outbox_settings()
    attempts = (email.number_of_retries or 0) + 1
    now = timezone.now()
    if attempts >= config["MAX_ATTEMPTS"] or _is_permanent(exc):
        Email.objects.filter(pk=email.pk).update(status=STATUS.failed, number_of_retries=attempts, last_updated=now)
    else:
        delay = min(config["RETRY_BASE_SECONDS"] * 2 ** (attempts - 1), config["RETRY_MAX_SECONDS"])
        Email.objects.filter(pk=email.pk).update(
            status=STATUS.requeued,
            number_of_retries=attempts,
            scheduled_time=now + timedelta(seconds=delay),
            last_updated=now,
        )
    Log.objects.create(
        email=email, status=STATUS.failed, message=str(exc)[:2000] or repr(exc), exception_type=type(exc).__name__
    )


class _Connections:
    """One open connection per delivery backend for the whole run; dropped after an error."""

    def __init__(self):
        self.open = {}

    def get(self, alias):
        if alias not in self.open:
            backends = get_available_backends()
            connection = get_connection(backend=backends.get(alias or "default", backends["default"]))
            connection.open()  # opened here, kept open across messages, closed in close()
            self.open[alias] = connection
        return self.open[alias]

    def drop(self, alias):
        connection = self.open.pop(alias, None)
        if connection is not None:
            with contextlib.suppress(Exception):
                connection.close()

    def close(self):
        for alias in list(self.open):
            self.drop(alias)


def _locked(queryset):
    if connections[DEFAULT_DB_ALIAS].features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    return queryset  # SQLite: one worker in development; writes are serialised anyway


def send_outbox(limit=None):
    """Deliver due e-mails, one per transaction, until none is due, `limit` were tried or the server is down.

    Returns {"sent": n, "failed": n, "stopped": bool}."""
    counts = {"sent": 0, "failed": 0, "stopped": False}
    smtp = _Connections()
    try:
        while limit is None or counts["sent"] + counts["failed"] < limit:
            with transaction.atomic():
                email = _locked(due_emails().order_by("-priority", "created", "pk")).first()
                if email is None:
                    break
                try:
                    message = email.prepare_email_message()
                    if message.recipients():
                        smtp.get(email.backend_alias).send_messages([message])
                except Exception as exc:
                    smtp.drop(email.backend_alias)
                    _record_failure(email, exc)
                    counts["failed"] += 1
                    if not isinstance(exc, MESSAGE_ERRORS) and isinstance(exc, OSError):
                        counts["stopped"] = True  # the server is unreachable or broke off: try later
                        break
                    continue
                Email.objects.filter(pk=email.pk).update(status=STATUS.sent, last_updated=timezone.now())
                Log.objects.create(email=email, status=STATUS.sent)
                counts["sent"] += 1
    finally:
        smtp.close()
    return counts
