"""Record publicly when a published consultation's dates move; keep each consultation's agency in step with the tree."""

from django.dispatch import receiver
from wagtail.signals import page_published, post_page_move

from .models import ConsultationPage, DateChange, PublishedSchedule


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
