"""Tell the authors of comments about outcomes that became public without a publication,
e.g. an outcome filled in before the consultation closed. Safe to run as often as you like."""

from django.core.management.base import BaseCommand

from transparency.notifications import notify_outcome, pending_outcomes


class Command(BaseCommand):
    help = "E-mail the authors of comments on consultations whose outcome is published and who were not told yet."

    def handle(self, *args, **options):
        consultations = 0
        sent = 0
        seen = set()
        for page in pending_outcomes().order_by("pk"):
            if page.translation_key in seen:
                continue
            seen.add(page.translation_key)
            count = notify_outcome(page)
            consultations += 1
            sent += count
        self.stdout.write(f"{sent} e-mail(s) sent for {consultations} consultation(s).")
