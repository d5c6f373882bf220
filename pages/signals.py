"""Keep agency groups and consultation links in step with the page tree."""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.signals import post_page_move

from .models import AgencyPage
from .roles import ensure_agency_groups


@receiver(post_save, sender=AgencyPage)
def set_up_agency_groups(sender, instance, created, raw=False, **kwargs):
    if raw or not instance.path:
        return
    if created or instance.editors_group_id is None or instance.moderators_group_id is None:
        ensure_agency_groups(instance)


@receiver(post_page_move)
def refresh_consultation_agency(sender, instance, **kwargs):
    from participation.models import ConsultationPage

    for consultation in ConsultationPage.objects.descendant_of(instance, inclusive=True):
        agency = consultation._find_agency()
        if consultation.agency_id != (agency.pk if agency else None):
            ConsultationPage.objects.filter(pk=consultation.pk).update(agency=agency)
