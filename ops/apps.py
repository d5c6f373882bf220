from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Operations: the e-mail outbox, the task worker and its schedule."""

    name = "ops"
    verbose_name = _("Operations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from post_office.signals import email_queued

        from . import outbox

        email_queued.connect(outbox.deliver_after_commit, dispatch_uid="ops-outbox-delivery")
