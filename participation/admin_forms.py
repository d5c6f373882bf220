"""The consultation editor's form: the consultation period rules, checked where editors work."""

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.admin.forms import WagtailAdminPageForm

SUBMITTING_ACTIONS = ("action-submit", "action-publish")


def period_problem(consultation_type, opens_at, closes_at, rules):
    """Why this window is too short for its type, or None."""
    if not (consultation_type and opens_at and closes_at):
        return None
    minimum = rules.minimum_days(consultation_type)
    if closes_at - opens_at < timezone.timedelta(days=minimum):
        return _(
            "A consultation of this type must stay open for at least %(days)d days; this one is open for "
            "%(actual)s. Move the closing date to %(earliest)s or later."
        ) % {
            "days": minimum,
            "actual": _("less than one day")
            if (closes_at - opens_at).days < 1
            else _("%(n)d days") % {"n": (closes_at - opens_at).days},
            "earliest": date_format(timezone.localtime(opens_at + timezone.timedelta(days=minimum)), "j F Y H:i"),
        }
    return None


class ConsultationPageForm(WagtailAdminPageForm):
    def clean(self):
        cleaned_data = super().clean()
        from .models import ConsultationRules, DateChange

        rules = ConsultationRules.load()
        kind, opens_at, closes_at = (cleaned_data.get(name) for name in ("consultation_type", "opens_at", "closes_at"))
        problem = period_problem(kind, opens_at, closes_at, rules)
        submitting = any(action in self.data for action in SUBMITTING_ACTIONS)
        if problem and submitting:
            self.add_error("closes_at", problem)

        live = type(self.instance).objects.filter(pk=self.instance.pk, live=True).first() if self.instance.pk else None
        if live and closes_at and closes_at != live.closes_at:
            reason = (cleaned_data.get("date_change_reason") or "").strip()
            last = DateChange.objects.filter(translation_key=live.translation_key).order_by("-changed_at").first()
            if not reason or (last and reason == last.reason):
                self.add_error(
                    "date_change_reason",
                    _("This consultation is published: say why the closing date moves. The reason is shown publicly."),
                )
            if closes_at < live.closes_at and problem:
                self.add_error("closes_at", _("A published consultation cannot be shortened below its minimum period."))
        return cleaned_data
