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
        # The same rules as ConsultationPage.publication_problems (participation.rules), tied to the fields.
        from .models import ConsultationRules
        from .rules import date_change_reason_problem, dates_moved, published_window

        kind, opens_at, closes_at = (cleaned_data.get(name) for name in ("consultation_type", "opens_at", "closes_at"))
        live = type(self.instance).objects.filter(pk=self.instance.pk, live=True).first() if self.instance.pk else None
        window = published_window(self.instance, live) if self.instance.pk else None
        moved = dates_moved(window, opens_at, closes_at)
        problem = period_problem(kind, opens_at, closes_at, ConsultationRules.load()) if window is None or moved else None
        submitting = any(action in self.data for action in SUBMITTING_ACTIONS)
        if problem and submitting:
            self.add_error("closes_at", problem)

        if live and moved and opens_at and closes_at:
            reason_problem = date_change_reason_problem(cleaned_data.get("date_change_reason"), live.translation_key)
            if reason_problem and "date_change_reason" in self.fields:
                self.add_error("date_change_reason", reason_problem)
            if closes_at < window[1] and problem:
                self.add_error("closes_at", _("A published consultation cannot be shortened below its minimum period."))
        return cleaned_data
