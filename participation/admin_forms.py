"""The consultation editor's form: the consultation period rules, checked where editors work."""

from django.db import DatabaseError
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.forms import WagtailAdminPageForm

SUBMITTING_ACTIONS = ("action-submit", "action-publish")


def period_problem(consultation_type, opens_at, closes_at, rules):
    """Why this window is too short for its type, or None."""
    if not (consultation_type and opens_at and closes_at):
        return None
    minimum = rules.minimum_days(consultation_type)
    if closes_at - opens_at < timezone.timedelta(days=minimum):
        return _(
            "A consultation of this type must stay open for at least %(minimum)s; this one is open for "
            "%(actual)s. Move the closing date to %(earliest)s or later."
        ) % {
            "minimum": days_text(minimum),
            "actual": _("less than one day")
            if (closes_at - opens_at).days < 1
            else days_text((closes_at - opens_at).days),
            "earliest": date_format(timezone.localtime(opens_at + timezone.timedelta(days=minimum)), "j F Y H:i"),
        }
    return None


def days_text(n):
    """ "5 days", with the plural form the reader's language needs (Arabic has six)."""
    return ngettext("%(n)d day", "%(n)d days", n) % {"n": n}


def minimum_periods_text():
    """The minimum periods in force, in words, for the editor's help text. Editors cannot open the
    consultation rules setting, so the help states the periods rather than pointing there."""
    from .models import ConsultationRules

    try:
        rules = ConsultationRules.load()
    except DatabaseError:  # before migrations, e.g. while Django runs its checks
        return _("The minimum periods are set by the ministry's reviewers.")
    return _(
        "Minimum periods, set by the ministry's reviewers: draft laws %(draft_law)s; regulations and instructions "
        "%(regulation)s; policies and strategies %(policy)s; public services %(public_service)s; government projects "
        "%(government_project)s. If the period is too short you are told when you submit."
    ) % {
        name: days_text(rules.minimum_days(name))
        for name in ("draft_law", "regulation", "policy", "public_service", "government_project")
    }


minimum_periods_help = lazy(minimum_periods_text, str)


class ConsultationPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not (self.instance.pk and self.instance.live) and "date_change_reason" in self.fields:
            # A reason is asked for only when a published consultation's dates move.
            del self.fields["date_change_reason"]
        if "topics" in self.fields:
            self._limit_topics_to_page_language()

    def _limit_topics_to_page_language(self):
        """Offer the topics of the page's own language only; topics already chosen in another
        language (translations start with the source page's topics) are shown as their
        translation, or kept as they are when the topic has not been translated."""
        from .models import Topic

        locale_id = self.instance.locale_id or getattr(self.parent_page, "locale_id", None)
        field = self.fields["topics"]
        if locale_id is None:
            return
        initial = [getattr(topic, "pk", topic) for topic in self.initial.get("topics") or []]
        chosen = list(Topic.objects.filter(pk__in=initial).values("pk", "translation_key"))
        local = dict(
            Topic.objects.filter(
                locale_id=locale_id, translation_key__in=[t["translation_key"] for t in chosen]
            ).values_list("translation_key", "pk")
        )
        untranslated = [t["pk"] for t in chosen if t["translation_key"] not in local]
        field.queryset = Topic.objects.filter(Q(locale_id=locale_id) | Q(pk__in=untranslated)).order_by("name")
        if chosen:
            self.initial["topics"] = [local.get(t["translation_key"], t["pk"]) for t in chosen]

    def clean(self):
        cleaned_data = super().clean()
        # The same rules as ConsultationPage.publication_problems (participation.rules), tied to the fields.
        from .models import ConsultationRules
        from .rules import date_change_reason_problem, dates_moved, published_window

        kind, opens_at, closes_at = (cleaned_data.get(name) for name in ("consultation_type", "opens_at", "closes_at"))
        live = type(self.instance).objects.filter(pk=self.instance.pk, live=True).first() if self.instance.pk else None
        window = published_window(self.instance, live) if self.instance.pk else None
        moved = dates_moved(window, opens_at, closes_at)
        problem = (
            period_problem(kind, opens_at, closes_at, ConsultationRules.load()) if window is None or moved else None
        )
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
