"""What makes cached consultation pages stale (pages.cache): responses the public sees.

A comment published, rejected, hidden or answered (an official reply, a disposition), a moderation
decision (written with `.update()`, so seen through its log entry), a report that may hide a
comment, a moved date, and a vote bump the consultation's version (every language) and the
"responses" version (the report, statistics and open data). Votes bump at most once every
TAWASUL_VOTE_INVALIDATE_SECONDS per poll, so a busy poll does not empty the cache on every vote;
results shown to anonymous readers lag by at most that interval or the cache lifetime.
When a CDN is configured (WAGTAILFRONTENDCACHE), the consultation's pages are purged there too.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import ModelLogEntry

from pages.cache import RESPONSES, bump, page_dependency

from .models import Ballot, Comment, CommentReport, CommentStatus, DateChange

VOTE_THROTTLE_PREFIX = "pagecache:vote:"


def consultation_changed(translation_key):
    """Stale everywhere: the app cache now and again once the change is committed (a reader between the
    two could store the page as it was before the commit), and the CDN when configured."""

    def invalidate():
        bump(page_dependency(translation_key), RESPONSES)
        if getattr(settings, "WAGTAILFRONTENDCACHE", None):
            purge_from_cdn(translation_key)

    bump(page_dependency(translation_key), RESPONSES)
    transaction.on_commit(invalidate)


def purge_from_cdn(translation_key):
    """The consultation in every language and its report, through wagtail.contrib.frontend_cache
    (Wagtail runs the purge as a task)."""
    from django.urls import reverse
    from django.utils import translation
    from wagtail.contrib.frontend_cache.utils import PurgeBatch

    from .models import ConsultationPage

    batch = PurgeBatch()
    for page in ConsultationPage.objects.live().filter(translation_key=translation_key).select_related("locale"):
        batch.add_page(page)
        site = page.get_site()
        if site is not None:
            with translation.override(page.locale.language_code):
                batch.add_url(site.root_url + reverse("transparency_report", args=[page.pk]))
    batch.purge()


@receiver(post_save, sender=Comment, dispatch_uid="pagecache-comment-saved")
def comment_saved(sender, instance, created, raw=False, **kwargs):
    if raw or (created and instance.status == CommentStatus.PENDING):
        return  # nobody but its author sees a comment waiting for moderation
    consultation_changed(instance.translation_key)


@receiver(post_delete, sender=Comment, dispatch_uid="pagecache-comment-deleted")
def comment_deleted(sender, instance, **kwargs):
    consultation_changed(instance.translation_key)


@receiver(post_save, sender=CommentReport, dispatch_uid="pagecache-comment-reported")
def comment_reported(sender, instance, created, raw=False, **kwargs):
    # Enough reports hide the comment through an update(), which sends no signal of its own.
    if not raw:
        consultation_changed(instance.comment.translation_key)


@receiver(post_save, sender=ModelLogEntry, dispatch_uid="pagecache-moderation-logged")
def moderation_logged(sender, instance, created, raw=False, **kwargs):
    """Moderation decisions and dispositions are logged with the consultation's key."""
    if raw or not created or not (instance.action or "").startswith(("tawasul.comment.", "tawasul.disposition.")):
        return
    key = (instance.data or {}).get("consultation")
    if key:
        consultation_changed(key)


@receiver(post_save, sender=DateChange, dispatch_uid="pagecache-dates-moved")
def dates_moved(sender, instance, raw=False, **kwargs):
    if not raw:
        consultation_changed(instance.translation_key)


@receiver(post_save, sender=Ballot, dispatch_uid="pagecache-voted")
def voted(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    seconds = int(getattr(settings, "TAWASUL_VOTE_INVALIDATE_SECONDS", 5))
    if seconds <= 0 or cache.add(f"{VOTE_THROTTLE_PREFIX}{instance.translation_key}:{instance.block_id}", 1, seconds):
        consultation_changed(instance.translation_key)
