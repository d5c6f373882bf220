"""`manage.py requeue_failed_mail`: give e-mails that failed for good another full round of attempts,
e.g. after fixing the SMTP settings. Sent e-mails are never touched, so nobody gets a message twice."""

from django.core.management.base import BaseCommand
from post_office.models import STATUS, Email

from ops.outbox import request_delivery


class Command(BaseCommand):
    help = "Queue the outbox's failed e-mails again (sent ones are never resent)."

    def add_arguments(self, parser):
        parser.add_argument("--to", help="Only e-mails to this address.")

    def handle(self, *args, to=None, **options):
        failed = Email.objects.filter(status=STATUS.failed)
        if to:
            failed = failed.filter(to__icontains=to)
        count = failed.update(status=STATUS.queued, number_of_retries=0, scheduled_time=None)
        if count:
            request_delivery()
        self.stdout.write(f"{count} e-mail(s) queued again; the worker (manage.py run_worker) sends them.")
