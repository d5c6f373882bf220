"""Tasks run by the worker (`manage.py run_worker`), through Django's tasks API (django-tasks)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from .outbox import send_outbox


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
