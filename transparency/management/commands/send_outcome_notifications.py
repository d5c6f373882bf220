"""Queue the e-mails telling authors of comments about outcomes that became public without a publication,
e.g. an outcome filled in before the consultation closed. The worker's schedule does this every 15 minutes
(settings.TAWASUL_SCHEDULE); run it by hand when you like. Safe to run as often as you like: nobody is told
twice, and a run that stopped midway resumes with the authors not queued yet."""

from django.core.management.base import BaseCommand

from transparency.notifications import notify_pending_outcomes


class Command(BaseCommand):
    help = "Queue e-mails to the authors of comments on consultations whose outcome is published and who were not told."

    def handle(self, *args, **options):
        consultations, queued = notify_pending_outcomes()
        self.stdout.write(
            f"{queued} e-mail(s) queued for {consultations} consultation(s); "
            "the worker (manage.py run_worker) sends them."
        )
