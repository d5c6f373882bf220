"""Check every comment not checked yet for campaigns (near-identical comments), consultation by consultation.

The task worker does this as comments arrive, and catches up every 15 minutes (settings.TAWASUL_SCHEDULE); this
command does the same at once, e.g. after comments were loaded in bulk. Safe to run again: a comment is checked once."""

from django.core.management.base import BaseCommand

from participation.campaigns import group_all_pending


class Command(BaseCommand):
    help = "Group near-identical comments into campaigns (comments not checked yet)."

    def handle(self, *args, **options):
        self.stdout.write(f"{group_all_pending()} comments checked now are in a campaign.")
