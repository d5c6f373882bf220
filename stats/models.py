"""Reference population shares that participation is compared against.

Nothing here is invented: every share is blank until a ministry reviewer enters
an official figure and says where it comes from. The statistics pages show a
comparison only for the shares that have been entered.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from participation.models import AgeBand, Disability, Gender, Governorate

SHARE_HELP = _("Percentage of the population, e.g. 42.5. Leave blank unless you have an official figure.")

# The groups a reviewer can give population shares for, and the answers in each
# that exist in a population census ("prefer not to say" does not).
REFERENCE_GROUPS = {
    "governorate": [choice.value for choice in Governorate],
    "gender": [Gender.FEMALE.value, Gender.MALE.value],
    "age_band": [choice.value for choice in AgeBand],
    "disability": [Disability.YES.value],
}
GROUP_LABELS = {
    "governorate": _("governorates"),
    "gender": _("gender"),
    "age_band": _("age"),
    "disability": _("disability"),
}
CHOICES = {"governorate": Governorate, "gender": Gender, "age_band": AgeBand, "disability": Disability}


def share_field_name(group, value):
    return f"{group}_{value}"


def _share_field(label):
    return models.DecimalField(
        label,
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
        help_text=SHARE_HELP,
    )


@register_setting(icon="group")
class ReferencePopulation(BaseGenericSetting):
    """Official population shares (per cent) that the statistics compare participants against.

    Edited by ministry reviewers (permission `stats.change_referencepopulation`).
    """

    source = models.CharField(
        _("source of the figures"),
        max_length=255,
        blank=True,
        help_text=_(
            "Who published the figures and for which year, e.g. 'Department of Statistics, population estimates "
            "2024'. Shown under every comparison. Required once any share is entered."
        ),
    )

    governorate_amman = _share_field(Governorate.AMMAN.label)
    governorate_irbid = _share_field(Governorate.IRBID.label)
    governorate_zarqa = _share_field(Governorate.ZARQA.label)
    governorate_balqa = _share_field(Governorate.BALQA.label)
    governorate_mafraq = _share_field(Governorate.MAFRAQ.label)
    governorate_karak = _share_field(Governorate.KARAK.label)
    governorate_jerash = _share_field(Governorate.JERASH.label)
    governorate_madaba = _share_field(Governorate.MADABA.label)
    governorate_ajloun = _share_field(Governorate.AJLOUN.label)
    governorate_aqaba = _share_field(Governorate.AQABA.label)
    governorate_maan = _share_field(Governorate.MAAN.label)
    governorate_tafilah = _share_field(Governorate.TAFILAH.label)

    gender_female = _share_field(Gender.FEMALE.label)
    gender_male = _share_field(Gender.MALE.label)

    age_band_under_18 = _share_field(AgeBand.UNDER_18.label)
    age_band_18_24 = _share_field(AgeBand.FROM_18.label)
    age_band_25_34 = _share_field(AgeBand.FROM_25.label)
    age_band_35_44 = _share_field(AgeBand.FROM_35.label)
    age_band_45_54 = _share_field(AgeBand.FROM_45.label)
    age_band_55_64 = _share_field(AgeBand.FROM_55.label)
    age_band_65_plus = _share_field(AgeBand.FROM_65.label)

    disability_yes = _share_field(_("People with a disability"))

    panels = [
        FieldPanel("source"),
        MultiFieldPanel(
            [FieldPanel(share_field_name("governorate", v)) for v in REFERENCE_GROUPS["governorate"]],
            heading=_("Population by governorate (%)"),
        ),
        MultiFieldPanel(
            [FieldRowPanel([FieldPanel(share_field_name("gender", v)) for v in REFERENCE_GROUPS["gender"]])],
            heading=_("Population by gender (%)"),
        ),
        MultiFieldPanel(
            [FieldPanel(share_field_name("age_band", v)) for v in REFERENCE_GROUPS["age_band"]],
            # xgettext:no-python-format
            heading=_("Population by age (%)"),
        ),
        MultiFieldPanel(
            [FieldPanel("disability_yes")],
            # xgettext:no-python-format
            heading=_("People with a disability (% of the population)"),
        ),
    ]

    class Meta:
        verbose_name = _("reference population")

    def share(self, group, value):
        """The population share entered for one answer, or None."""
        if value not in REFERENCE_GROUPS.get(group, ()):
            return None
        return getattr(self, share_field_name(group, value))

    def shares(self, group):
        return {value: self.share(group, value) for value in REFERENCE_GROUPS[group]}

    def has_shares(self, group):
        return any(share is not None for share in self.shares(group).values())

    def clean(self):
        super().clean()
        errors = {}
        any_share = False
        for group, values in REFERENCE_GROUPS.items():
            entered = [getattr(self, share_field_name(group, v)) for v in values]
            entered = [share for share in entered if share is not None]
            any_share = any_share or bool(entered)
            if sum(entered, Decimal(0)) > Decimal("100.5"):
                errors[share_field_name(group, values[0])] = _(
                    "The shares for %(group)s add up to more than 100%%."
                ) % {"group": GROUP_LABELS[group]}
        if any_share and not self.source.strip():
            errors["source"] = _("Say where the figures come from.")
        if errors:
            raise ValidationError(errors)
