"""Who is answering: a person as themselves, or on behalf of an organisation.

Comments, votes and questionnaire answers carry the same two fields. An empty
organisation name means the person answered as themselves; otherwise the
organisation's name and its sector (the commitment's audiences: government,
private sector, civil society, academia, plus media and other) are stored with
the response and shown with it.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

ORGANISATION_NAME_MAX_LENGTH = 200


class RespondentSector(models.TextChoices):
    GOVERNMENT = "government", _("Government entity")
    PRIVATE = "private", _("Private sector")
    CIVIL_SOCIETY = "civil_society", _("Civil-society organisation")
    ACADEMIC = "academic", _("Academic or research institution")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


INDIVIDUAL = "individual"


class RespondentFields(models.Model):
    """The organisation a response was given on behalf of, if any."""

    organisation_name = models.CharField(
        _("on behalf of"),
        max_length=ORGANISATION_NAME_MAX_LENGTH,
        blank=True,
        default="",
        help_text=_(
            "The organisation the person answered for, as they typed it; empty when they answered as themselves."
        ),
    )
    respondent_sector = models.CharField(
        _("sector"),
        max_length=16,
        choices=RespondentSector.choices,
        blank=True,
        default="",
        help_text=_("The organisation's sector; empty when the person answered as themselves."),
    )

    class Meta:
        abstract = True

    @property
    def on_behalf_of_organisation(self):
        return bool(self.organisation_name)

    @property
    def respondent_group(self):
        """The sector, or "individual" for a person answering as themselves."""
        return self.respondent_sector or INDIVIDUAL


def respondent_constraint(prefix):
    """An organisation's response has a name and a sector; a person's has neither."""
    return models.CheckConstraint(
        condition=(Q(organisation_name="") & Q(respondent_sector=""))
        | (~Q(organisation_name="") & ~Q(respondent_sector="")),
        name=f"{prefix}_organisation_has_sector",
    )
