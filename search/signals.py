"""Index what is published, when it is published (search.indexing).

Items of other apps (search.items, e.g. proposals): when saved or deleted.

Pages: on publish (every path: approval, scheduled publishing, direct publishing), unpublish and
move. Deleting a page deletes its rows (foreign key). Comments: when saved; their status is read
at query time, so moderation decisions written with `.update()` need no signal.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

from participation.models import Comment

from .indexing import index_comment, index_item, index_page
from .items import item_modules
from .models import SearchDocument

logger = logging.getLogger(__name__)


def _index_safely(index, item):
    """Index in a savepoint: a failure is logged and leaves the publish or the comment standing (the index is
    repaired by `manage.py search_reindex`), as Wagtail's own search signal handlers do."""
    try:
        with transaction.atomic():
            index(item)
    except Exception:
        logger.exception("Could not index %r for the site search", item)


@receiver(page_published, dispatch_uid="search-page-published")
def page_was_published(sender, instance, **kwargs):
    _index_safely(index_page, instance)


@receiver(page_unpublished, dispatch_uid="search-page-unpublished")
def page_was_unpublished(sender, instance, **kwargs):
    SearchDocument.objects.filter(page_id=instance.pk).delete()


@receiver(post_page_move, dispatch_uid="search-page-moved")
def page_was_moved(sender, instance, **kwargs):
    """The agency of the moved page and of everything under it may have changed."""
    indexed = SearchDocument.objects.filter(page__path__startswith=instance.path).values("page_id").distinct()
    for page in Page.objects.filter(pk__in=indexed).specific():
        _index_safely(index_page, page)


@receiver(post_save, sender=Comment, dispatch_uid="search-comment-saved")
def comment_was_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _index_safely(index_comment, instance)


def _item_handlers(module):
    def saved(sender, instance, raw=False, **kwargs):
        if not raw:
            _index_safely(lambda obj: index_item(module, obj), instance)

    def deleted(sender, instance, **kwargs):
        SearchDocument.objects.filter(page__isnull=True, source=module.SOURCE, object_id=instance.pk).delete()

    return saved, deleted


def connect_items():
    """Re-index an item of another app whenever it is saved; drop its row when it is deleted."""
    for source, module in item_modules().items():
        saved, deleted = _item_handlers(module)
        post_save.connect(saved, sender=module.MODEL, weak=False, dispatch_uid=f"search-item-saved-{source}")
        post_delete.connect(deleted, sender=module.MODEL, weak=False, dispatch_uid=f"search-item-deleted-{source}")
