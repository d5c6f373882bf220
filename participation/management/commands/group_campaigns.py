"""Check every comment not checked yet for campaigns (near-identical comments), consultation by consultation.

The task worker does this as comments arrive; this command catches up after an outage of the worker, or
after comments were loaded in bulk. Safe to run again: a comment is checked once."""

from django.core.management.base import BaseCommand

from participation.campaigns import group_pending, groupable
from participation.models import Comment, CommentFingerprint


class Command(BaseCommand):
    help = "Group near-identical comments into campaigns (comments not checked yet)."

    def handle(self, *args, **options):
        keys = (
            groupable(Comment.objects.exclude(pk__in=CommentFingerprint.objects.values("comment_id")))
            .order_by()
            .values_list("translation_key", flat=True)
            .distinct()
        )
        joined = sum(group_pending(key) for key in list(keys))
        self.stdout.write(f"{joined} comments checked now are in a campaign.")
