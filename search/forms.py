"""The search form: the words, and optional filters. Every field is optional and works without JavaScript."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pages.models import AgencyPage
from participation.models import ConsultationStatus, ConsultationType, Topic

from .models import Kind

COMMENTS = "comments"
MAX_QUERY_LENGTH = 200


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search for"), required=False, max_length=MAX_QUERY_LENGTH, strip=True)
    kind = forms.ChoiceField(
        label=_("Type of page"),
        required=False,
        choices=[("", _("All types"))] + Kind.choices + [(COMMENTS, _("Published comments"))],
    )
    status = forms.ChoiceField(
        label=_("Consultation status"),
        required=False,
        choices=[("", _("Any status"))] + ConsultationStatus.choices,
    )
    type = forms.ChoiceField(
        label=_("Type of consultation"), required=False, choices=[("", _("Any type"))] + ConsultationType.choices
    )
    agency = forms.TypedChoiceField(label=_("Government entity"), required=False, coerce=int, empty_value=None)
    topic = forms.TypedChoiceField(label=_("Topic"), required=False, coerce=int, empty_value=None)
    date_from = forms.DateField(
        label=_("Published from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Published until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, language, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = AgencyPage.objects.live().public().filter(locale__language_code=language).order_by("title")
        self.fields["agency"].choices = [("", _("All entities"))] + [(a.pk, a.title) for a in agencies]
        topics = Topic.objects.filter(locale__language_code=language).order_by("name")
        self.topics_by_pk = {t.pk: t for t in topics}
        self.fields["topic"].choices = [("", _("All topics"))] + [(t.pk, t.name) for t in topics]

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date must not be before the start date."))
        return data

    def filters(self):
        """The filters as search.query expects them."""
        data = self.cleaned_data
        return {
            "status": data.get("status") or "",
            "consultation_type": data.get("type") or "",
            "agency": data.get("agency"),
            "topic": self.topics_by_pk.get(data.get("topic")),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
        }

    @property
    def has_filters(self):
        return any(
            self.cleaned_data.get(name)
            for name in ("kind", "status", "type", "agency", "topic", "date_from", "date_to")
        )
