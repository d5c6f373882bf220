"""Forms used on the public consultation pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pages.models import AgencyPage

from .models import ConsultationStatus, ConsultationType, Topic


class ConsultationFilterForm(forms.Form):
    """Filters for the list of consultations; every field is optional and works without JavaScript."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status"))] + ConsultationStatus.choices
    )
    type = forms.ChoiceField(label=_("Type"), required=False, choices=[("", _("Any type"))] + ConsultationType.choices)
    agency = forms.TypedChoiceField(label=_("Government entity"), required=False, coerce=int, empty_value=None)
    topic = forms.TypedChoiceField(label=_("Topic"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = AgencyPage.objects.live().public().filter(locale=locale).order_by("title")
        self.fields["agency"].choices = [("", _("All entities"))] + [(a.pk, a.title) for a in agencies]
        topics = Topic.objects.filter(locale=locale).order_by("name")
        self.topics_by_pk = {t.pk: t for t in topics}
        self.fields["topic"].choices = [("", _("All topics"))] + [(t.pk, t.name) for t in topics]

    def filter(self, consultations):
        data = self.cleaned_data
        if data.get("status"):
            consultations = consultations.with_status(data["status"])
        if data.get("type"):
            consultations = consultations.filter(consultation_type=data["type"])
        if data.get("agency"):
            consultations = consultations.filter(agency_id=data["agency"])
        if data.get("topic"):
            topic = self.topics_by_pk[data["topic"]]
            # Translations keep the source page's topics, so match any language's version.
            consultations = consultations.filter(topics__translation_key=topic.translation_key).distinct()
        return consultations
