"""The worker's schedule: periodic jobs enqueued by the worker itself, not by a cron line.

`settings.TAWASUL_SCHEDULE` maps a task's import path to its interval in seconds. Every worker process
runs `run_forever` in a thread; a due job is claimed with one conditional UPDATE of its `ScheduledJob` row
(`next_run_at <= now` → `now + interval`) in the same transaction as its enqueueing, so however many
workers run (or a worker started twice), each job is enqueued once per interval.
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

from .models import ScheduledJob

logger = logging.getLogger(__name__)


def enqueue_due(now=None):
    """Enqueue every scheduled job that is due. Returns the import paths enqueued."""
    now = now or timezone.now()
    enqueued = []
    for path, seconds in settings.TAWASUL_SCHEDULE.items():
        ScheduledJob.objects.get_or_create(name=path, defaults={"next_run_at": now})
        with transaction.atomic():
            claimed = ScheduledJob.objects.filter(name=path, next_run_at__lte=now).update(
                next_run_at=now + timedelta(seconds=seconds), last_enqueued_at=now
            )
            if claimed:
                import_string(path).enqueue()
                enqueued.append(path)
    return enqueued


def run_forever(stop, tick):
    """Check the schedule every `tick` seconds until `stop` (a threading.Event) is set."""
    try:
        while True:
            close_old_connections()
            try:
                for path in enqueue_due():
                    logger.info("Scheduled job enqueued: %s", path)
            except Exception:
                logger.exception("The scheduler could not enqueue its jobs; trying again in %s s", tick)
            if stop.wait(tick):
                break
    finally:
        connection.close()


def start(tick):
    stop = threading.Event()
    thread = threading.Thread(target=run_forever, args=(stop, tick), name="tawasul-scheduler", daemon=True)
    thread.start()
    return stop, thread
