"""Forms used on the public consultation pages."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pages.models import AgencyPage

from .models import ConsultationStatus, ConsultationType, Profile, RespondentSector, Stance, Topic
from .models.respondents import ORGANISATION_NAME_MAX_LENGTH


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


class SignupForm(forms.Form):
    """Extra fields on allauth's sign-up form: the public display name."""

    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_("Shown with your comments instead of your e-mail address. You can use a nickname."),
    )

    def signup(self, request, user):
        from .models import Profile

        Profile.objects.update_or_create(
            user=user, defaults={"display_name": self.cleaned_data["display_name"].strip()}
        )


class RespondentFields(forms.Form):
    """Who is answering: the person as themselves (the default) or on behalf of an organisation.

    Works without JavaScript: the organisation's fields are always in the form and are read only when
    "on behalf of an organisation" is chosen."""

    SELF = "self"
    ORGANISATION = "organisation"

    respondent = forms.ChoiceField(
        label=_("You answer"),
        required=False,
        initial=SELF,
        choices=[(SELF, _("As myself")), (ORGANISATION, _("On behalf of an organisation"))],
        widget=forms.RadioSelect,
    )
    organisation_name = forms.CharField(
        label=_("Name of the organisation"),
        required=False,
        max_length=ORGANISATION_NAME_MAX_LENGTH,
        help_text=_("Only if you answer on behalf of an organisation. It is shown publicly with your response."),
    )
    respondent_sector = forms.ChoiceField(
        label=_("Sector of the organisation"),
        required=False,
        choices=[("", _("Choose a sector"))] + RespondentSector.choices,
    )

    def clean(self):
        data = super().clean()
        if data.get("respondent") != self.ORGANISATION:
            data["organisation_name"], data["respondent_sector"] = "", ""
            return data
        data["organisation_name"] = (data.get("organisation_name") or "").strip()
        if not data["organisation_name"]:
            self.add_error("organisation_name", _("Give the organisation's name, or choose to answer as yourself."))
        if not data.get("respondent_sector"):
            self.add_error("respondent_sector", _("Choose the organisation's sector."))
        return data

    def respondent_values(self):
        """(organisation name, sector) as the services take them; ("", "") for a person as themselves."""
        return self.cleaned_data.get("organisation_name", ""), self.cleaned_data.get("respondent_sector", "")


class RespondentForm(RespondentFields):
    """The respondent's fields on their own (the questionnaire's form)."""


class CommentForm(RespondentFields):
    """A comment, an answer to a question, or a reply. Plain text only."""

    body = forms.CharField(
        label=_("Your comment"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=settings.TAWASUL_COMMENT_MAX_LENGTH,
        help_text=_("Plain text. Do not include personal data such as phone numbers or ID numbers."),
    )
    stance = forms.ChoiceField(
        label=_("Your position (optional)"),
        required=False,
        choices=[("", _("I prefer not to say"))] + Stance.choices,
        widget=forms.RadioSelect,
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # A honeypot: people never see or fill it; bots often do.
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Your comment could not be sent."))
        return ""


class VoteForm(RespondentFields):
    option = forms.MultipleChoiceField(label=_("Your answer"), choices=[])
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = options
        self.fields["option"].error_messages["required"] = _("Choose an answer before voting.")

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Your vote could not be sent."))
        return ""


class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["display_name", "demographics_consent", "governorate", "age_band", "gender", "disability"]


class DeleteAccountForm(forms.Form):
    """Deleting one's account: a tick to confirm, and the current password when the account has one."""

    confirm = forms.BooleanField(
        label=_("I understand; delete my account"),
        error_messages={"required": _("Tick the box to confirm that you want to delete your account.")},
    )
    password = forms.CharField(
        label=_("Your current password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        help_text=_("So that nobody else can delete your account from a device you left signed in."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():  # signed in with the national digital identity only
            del self.fields["password"]

    def clean_password(self):
        password = self.cleaned_data.get("password", "")
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your current password."))
        return password
