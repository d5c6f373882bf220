"""Keep agency groups in step with the page tree."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import AgencyPage
from .roles import ensure_agency_groups


@receiver(post_save, sender=AgencyPage)
def set_up_agency_groups(sender, instance, created, raw=False, **kwargs):
    if raw or not instance.path:
        return
    if created or instance.editors_group_id is None or instance.moderators_group_id is None:
        ensure_agency_groups(instance)
