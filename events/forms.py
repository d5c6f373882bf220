"""The events listing's filters (a GET form that works without JavaScript) and the input form of the admin."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pages.models import AgencyPage
from participation.models import Governorate


class EventFilterForm(forms.Form):
    WHEN = [("", _("Upcoming and held")), ("upcoming", _("Upcoming")), ("past", _("Held"))]

    when = forms.ChoiceField(label=_("When"), required=False, choices=WHEN)
    governorate = forms.ChoiceField(
        label=_("Governorate"), required=False, choices=[("", _("All governorates"))] + Governorate.choices
    )
    agency = forms.TypedChoiceField(label=_("Government entity"), required=False, coerce=int, empty_value=None)

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        agencies = AgencyPage.objects.live().public().filter(locale=locale).order_by("title").only("pk", "title")
        self.fields["agency"].choices = [("", _("All entities"))] + [(a.pk, a.title) for a in agencies]

    def filter(self, events):
        data = self.cleaned_data
        if data.get("when") == "upcoming":
            events = events.upcoming()
        elif data.get("when") == "past":
            events = events.past()
        if data.get("governorate"):
            events = events.filter(governorate=data["governorate"])
        if data.get("agency"):
            events = events.filter(agency_id=data["agency"])
        return events


class EventInputForm(forms.Form):
    """One point raised at the event, entered by the agency's staff."""

    block = forms.ChoiceField(
        label=_("Part of the consultation"),
        help_text=_("The article or question the point is about; the general comments by default."),
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=settings.LANGUAGES,
        help_text=_("The language the point is written in."),
    )
    body = forms.CharField(
        label=_("The point raised"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=settings.TAWASUL_COMMENT_MAX_LENGTH,
        help_text=_(
            "As it was said, in plain language, without anyone's name or personal data. "
            "Moderators check it before it is published under the event's name."
        ),
    )

    def __init__(self, *args, blocks, language, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["block"].choices = blocks
        if blocks:
            self.fields["block"].initial = blocks[0][0]
        self.fields["language"].initial = language

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if not body:
            raise forms.ValidationError(_("Write the point raised."))
        return body
