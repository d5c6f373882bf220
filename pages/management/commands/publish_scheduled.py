"""Wagtail's `publish_scheduled`, with the four-eyes rule (pages.publishing).

A revision scheduled for publishing goes live only when the ministry's approval task
approved it by somebody who did not write it and the page raises no problem (e.g. a
consultation shorter than its minimum period). Other revisions due now are unscheduled
and reported, so that they neither go live nor stop the pages after them.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.management.commands.publish_scheduled import Command as WagtailCommand
from wagtail.models import Page, Revision

from pages.publishing import guards_active, live_version, publication_refusals


class Command(WagtailCommand):
    help = "Publish the approved revisions that are due and unpublish expired pages; refuse unapproved revisions."

    def handle(self, *args, **options):
        if not options.get("dryrun") and guards_active():
            self.unschedule_refused()
        return super().handle(*args, **options)

    def unschedule_refused(self):
        due = Revision.page_revisions.filter(approved_go_live_at__lt=timezone.now()).order_by("approved_go_live_at")
        for revision in due:
            page = revision.as_object()
            if not isinstance(page, Page):
                continue
            reasons = publication_refusals(page, revision, live_version(page))
            if not reasons:
                continue
            with transaction.atomic():
                Revision.objects.filter(pk=revision.pk).update(approved_go_live_at=None)
            self.stderr.write(
                f"Not published: '{page.title}' (page {page.pk}, revision {revision.pk}): "
                + " ".join(map(str, reasons))
            )
