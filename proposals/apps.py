from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    """Citizens' proposals to agencies, public support, thresholds and answers (issue 12)."""

    name = "proposals"
    verbose_name = _("Proposals")
