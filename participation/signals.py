"""Record publicly when a published consultation's dates move; keep each consultation's agency in step with the
tree; have the task worker look for campaigns (near-identical comments) when a comment arrives."""

import logging

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import page_published, post_page_move

from .models import Comment, ConsultationPage, DateChange, PublishedSchedule

logger = logging.getLogger(__name__)


@receiver(page_published, sender=ConsultationPage)
def record_date_change(sender, instance, revision=None, **kwargs):
    schedule, created = PublishedSchedule.objects.get_or_create(
        translation_key=instance.translation_key,
        defaults={"opens_at": instance.opens_at, "closes_at": instance.closes_at},
    )
    if created or (schedule.opens_at, schedule.closes_at) == (instance.opens_at, instance.closes_at):
        return
    DateChange.objects.create(
        translation_key=instance.translation_key,
        changed_by=getattr(revision, "user", None),
        old_opens_at=schedule.opens_at,
        new_opens_at=instance.opens_at,
        old_closes_at=schedule.closes_at,
        new_closes_at=instance.closes_at,
        reason=instance.date_change_reason.strip(),
    )
    schedule.opens_at, schedule.closes_at = instance.opens_at, instance.closes_at
    schedule.save()


@receiver(post_page_move)
def refresh_consultation_agency(sender, instance, **kwargs):
    for consultation in ConsultationPage.objects.descendant_of(instance, inclusive=True):
        agency = consultation._find_agency()
        if consultation.agency_id != (agency.pk if agency else None):
            ConsultationPage.objects.filter(pk=consultation.pk).update(agency=agency)


def _enqueue_grouping(translation_key, comment_id):
    from .campaigns import group_comments_task

    try:
        group_comments_task.enqueue(translation_key, comment_id)
    except Exception:  # the comment is saved whatever happens here; `manage.py group_campaigns` catches up
        logger.exception("Could not hand comment %s to the worker for campaign grouping", comment_id)


@receiver(post_save, sender=Comment)
def group_near_duplicates(sender, instance, created, raw=False, **kwargs):
    """After the comment is committed, the worker compares it with the consultation's other comments
    (participation.campaigns). Official replies and input received at events are never grouped."""
    if not created or raw or instance.is_official or instance.event_id is not None:
        return
    key, pk = str(instance.translation_key), instance.pk
    transaction.on_commit(lambda: _enqueue_grouping(key, pk))
