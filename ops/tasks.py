"""Tasks run by the worker (`manage.py run_worker`), through Django's tasks API (django-tasks)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .outbox import outbox_settings, send_outbox


@task()
def send_outbox_task():
    """Deliver the e-mails that are due (new ones, and retries whose back-off has passed)."""
    return send_outbox()


@task()
def prune_task_results():
    """Forget finished tasks after a week so the task table stays small (the outbox keeps its own log)."""
    from django_tasks_db.models import DBTaskResult

    cutoff = timezone.now() - timedelta(days=7)
    deleted, _ = DBTaskResult.objects.filter(finished_at__lt=cutoff).delete()
    return deleted


PRUNE_BATCH = 1000


@task()
def prune_outbox():
    """Forget e-mails delivered more than TAWASUL_OUTBOX["KEEP_SENT_DAYS"] days ago (30 by default), with their
    delivery logs, in batches so that no transaction grows with the outbox. Failed, queued and retrying
    e-mails stay, visible to reviewers, however old: they are what someone has to look at. The keys that
    stop a notice being queued twice (OutboxKey) are kept too."""
    from post_office.models import STATUS, Email

    days = int(outbox_settings().get("KEEP_SENT_DAYS", 30))
    cutoff = timezone.now() - timedelta(days=days)
    old = Email.objects.filter(status=STATUS.sent, last_updated__lt=cutoff)
    deleted = 0
    while True:
        ids = list(old.order_by("pk").values_list("pk", flat=True)[:PRUNE_BATCH])
        if not ids:
            return deleted
        _total, per_model = Email.objects.filter(pk__in=ids, status=STATUS.sent).delete()
        deleted += per_model.get(Email._meta.label, 0)


@task()
def remind_overdue_outcomes_task():
    """Tell agencies' editors and ministry reviewers of consultations whose outcome became overdue (ops.reminders)."""
    from .reminders import remind_overdue_outcomes

    return remind_overdue_outcomes()
