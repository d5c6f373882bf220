"""Forms for proposals: the public list's filters and the citizen's submission. Plain text only."""

from django import forms
from django.utils.translation import gettext_lazy as _

from pages.models import AgencyPage
from participation.forms import RespondentFields
from participation.models import Governorate, Topic

from .models import PUBLIC_STATES, TEXT_MAX_LENGTH, TITLE_MAX_LENGTH

PORTAL = "portal"


def _agency_choices(locale):
    agencies = AgencyPage.objects.live().public().filter(locale=locale).order_by("title").only("pk", "title")
    return [(str(agency.pk), agency.title) for agency in agencies]


class ProposalFilterForm(forms.Form):
    """Filters for the list of proposals; every field is optional, unknown values are ignored."""

    agency = forms.ChoiceField(label=_("Government entity"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any state"))] + [(state.value, state.label) for state in PUBLIC_STATES],
    )

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("All entities"))] + _agency_choices(locale)

    chosen_agency = None  # the entity chosen, once filtered (for its feed's link)

    def filter(self, proposals):
        data = self.cleaned_data
        if data.get("agency"):
            agency = AgencyPage.objects.filter(pk=data["agency"]).only("translation_key", "slug", "title").first()
            self.chosen_agency = agency
            if agency is not None:
                proposals = proposals.filter(agency__translation_key=agency.translation_key)
        if data.get("state"):
            proposals = proposals.filter(state=data["state"])
        return proposals


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by proposals.attachments when the proposal is submitted."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ProposalForm(RespondentFields):
    """A citizen's proposal, as themselves or on behalf of an organisation."""

    RESPONDENT_FIELDS = ("respondent", "organisation_name", "respondent_sector")

    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX_LENGTH,
        help_text=_(
            "Your proposal in one sentence. Check the similar proposals first: support one instead of splitting it."
        ),
    )
    problem = forms.CharField(
        label=_("The problem"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What is wrong today, and for whom."),
    )
    solution = forms.CharField(
        label=_("The proposed solution"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What should the government entity do?"),
    )
    beneficiaries = forms.CharField(
        label=_("Who benefits"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The people or places that would benefit."),
    )
    agency = forms.ChoiceField(
        label=_("To which government entity?"),
        help_text=_("Not sure? Choose “The portal”: the ministry sends it to the right entity."),
    )
    governorate = forms.ChoiceField(
        label=_("Governorate (optional)"),
        required=False,
        choices=[("", _("The whole country"))] + Governorate.choices,
    )
    topic = forms.TypedChoiceField(label=_("Topic (optional)"), required=False, coerce=int, empty_value=None)
    attachments = MultipleFileField(
        label=_("Documents or images (optional)"),
        required=False,
        help_text=_(
            "Up to 3 files: PDF documents, or JPEG or PNG images, 5 MB each. They are public once the proposal is "
            "published: do not attach identity papers or other personal documents."
        ),
    )
    # A honeypot: people never see or fill it; bots often do.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, locale, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [("", _("Choose…")), (PORTAL, _("The portal (the ministry routes it)"))] + (
            _agency_choices(locale)
        )
        topics = Topic.objects.filter(locale=locale).order_by("name")
        self.topics_by_pk = {topic.pk: topic for topic in topics}
        self.fields["topic"].choices = [("", _("No particular topic"))] + [(t.pk, t.name) for t in topics]

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Your proposal could not be sent."))
        return ""

    def clean_agency(self):
        value = self.cleaned_data["agency"]
        if value == PORTAL:
            return None
        agency = AgencyPage.objects.live().public().filter(pk=value).first()
        if agency is None:
            raise forms.ValidationError(_("Choose a government entity from the list."))
        return agency

    def clean_topic(self):
        value = self.cleaned_data.get("topic")
        return self.topics_by_pk.get(value) if value else None


class SupportForm(RespondentFields):
    follow = forms.BooleanField(label=_("E-mail me when this proposal moves on"), required=False, initial=True)
