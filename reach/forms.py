"""Following and unfollowing, checked on the server whatever the form says."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import FollowKind, Frequency


class FollowForm(forms.Form):
    kind = forms.ChoiceField(label=_("What to follow"), choices=FollowKind.choices, widget=forms.HiddenInput)
    target = forms.CharField(label=_("Followed item"), max_length=64, widget=forms.HiddenInput)
    frequency = forms.ChoiceField(
        label=_("How often"), choices=Frequency.choices, initial=Frequency.IMMEDIATE, required=False
    )
    next = forms.CharField(required=False, max_length=500, widget=forms.HiddenInput)


class FrequencyForm(forms.Form):
    frequency = forms.ChoiceField(label=_("How often"), choices=Frequency.choices)
