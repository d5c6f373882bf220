"""`manage.py run_worker`: the task worker (django-tasks-db's `db_worker`, every queue) and the schedule.

Run it as its own process beside the web servers (one or more; see README, "Deploying"). It delivers the
e-mail outbox, runs Wagtail's background tasks and enqueues the periodic jobs of `TAWASUL_SCHEDULE`."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from ops import scheduler


class Command(BaseCommand):
    help = "Run the background worker: queued tasks, the e-mail outbox and the periodic schedule."

    def add_arguments(self, parser):
        parser.add_argument("--no-scheduler", action="store_true", help="Run tasks only; enqueue no periodic jobs.")
        parser.add_argument("--tick", type=float, default=10, help="Seconds between schedule checks (default 10).")
        parser.add_argument("--interval", type=float, default=1, help="Seconds between polls of an empty queue.")
        parser.add_argument(
            "--batch", action="store_true", help="Enqueue the due jobs, run every outstanding task, then exit."
        )

    def handle(self, *args, no_scheduler, tick, interval, batch, verbosity, **options):
        worker_options = {"queue_name": "*", "reload": False, "verbosity": verbosity, "interval": interval}
        if batch:
            if not no_scheduler:
                scheduler.enqueue_due()
            call_command("db_worker", batch=True, startup_delay=False, **worker_options)
            return
        if not no_scheduler:
            scheduler.start(tick)
        call_command("db_worker", **worker_options)
