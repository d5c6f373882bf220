"""A citizen's public name and optional, consented demographics."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Governorate(models.TextChoices):
    AMMAN = "amman", _("Amman")
    IRBID = "irbid", _("Irbid")
    ZARQA = "zarqa", _("Zarqa")
    BALQA = "balqa", _("Balqa")
    MAFRAQ = "mafraq", _("Mafraq")
    KARAK = "karak", _("Karak")
    JERASH = "jerash", _("Jerash")
    MADABA = "madaba", _("Madaba")
    AJLOUN = "ajloun", _("Ajloun")
    AQABA = "aqaba", _("Aqaba")
    MAAN = "maan", _("Ma'an")
    TAFILAH = "tafilah", _("Tafilah")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    FROM_18 = "18_24", _("18 to 24")
    FROM_25 = "25_34", _("25 to 34")
    FROM_35 = "35_44", _("35 to 44")
    FROM_45 = "45_54", _("45 to 54")
    FROM_55 = "55_64", _("55 to 64")
    FROM_65 = "65_plus", _("65 or over")


class Gender(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNSAID = "unsaid", _("Prefer not to say")


class Disability(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNSAID = "unsaid", _("Prefer not to say")


class Profile(models.Model):
    """What a participant shows publicly (a display name) and, with consent, tells us in confidence."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participation_profile"
    )
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        help_text=_("Shown with your comments. Do not use your e-mail address."),
    )
    demographics_consent = models.BooleanField(
        _("I agree that this information is used in anonymous statistics"),
        default=False,
        help_text=_("Only totals are ever published, and never for groups of fewer than five people."),
    )
    governorate = models.CharField(
        _("governorate"), max_length=16, choices=Governorate.choices, blank=True, help_text=_("Optional.")
    )
    age_band = models.CharField(_("age"), max_length=16, choices=AgeBand.choices, blank=True, help_text=_("Optional."))
    gender = models.CharField(_("gender"), max_length=16, choices=Gender.choices, blank=True, help_text=_("Optional."))
    disability = models.CharField(
        _("do you have a disability?"),
        max_length=16,
        choices=Disability.choices,
        blank=True,
        help_text=_("Optional."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("participant profile")
        verbose_name_plural = _("participant profiles")

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        if not self.demographics_consent:
            # Without consent nothing is kept.
            self.governorate = self.age_band = self.gender = self.disability = ""
        super().save(*args, **kwargs)
