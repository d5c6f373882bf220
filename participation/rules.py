"""The consultation rules that hold on every path to publication.

The edit form checks them where editors work (admin_forms); the page checks them
where a revision is published (`ConsultationPage.publication_problems`, asked by
pages.publishing and by the ministry's approval task), so that bulk actions,
scheduled publishing, approval and any other path meet the same rules.
"""

from django.utils.translation import gettext as _

from .admin_forms import period_problem


def published_window(page, previous_live=None):
    """(opens_at, closes_at) as the public last saw them for this consultation (in any
    language), or None when it has never been published."""
    from wagtail.models import Page

    from .models import PublishedSchedule

    # Scheduling a revision records its dates too (page_published is sent then): only a consultation
    # that went live in some language has dates the public saw.
    if (
        page.translation_key
        and Page.objects.filter(translation_key=page.translation_key, first_published_at__isnull=False).exists()
    ):
        schedule = (
            PublishedSchedule.objects.filter(translation_key=page.translation_key)
            .values_list("opens_at", "closes_at")
            .first()
        )
        if schedule:
            return tuple(schedule)
    if previous_live is not None:
        return previous_live.opens_at, previous_live.closes_at
    return None


def _to_minute(moment):
    # The admin's date-time inputs have no seconds: a value saved there and the same value saved in code
    # with seconds are the same date.
    return moment.replace(second=0, microsecond=0) if moment else moment


def dates_moved(window, opens_at, closes_at):
    """Whether (opens_at, closes_at) differ from the published `window` (to the minute)."""
    if window is None:
        return False
    return (_to_minute(opens_at), _to_minute(closes_at)) != tuple(_to_minute(moment) for moment in window)


def date_change_reason_problem(reason, translation_key):
    """A published consultation's dates move only with a reason, and a new one (the field keeps the
    reason of the previous move)."""
    from .models import DateChange

    reason = (reason or "").strip()
    last = DateChange.objects.filter(translation_key=translation_key).order_by("-changed_at").first()
    if not reason or (last and reason == last.reason):
        return _("This consultation is published: say why the closing date moves. The reason is shown publicly.")
    return None


def consultation_publication_problems(page, previous_live=None):
    """Why this version of a consultation may not go live: a period shorter than its type's
    minimum (checked on first publication and whenever the dates move), and, for a live
    consultation whose dates move, a missing or repeated reason."""
    from .models import ConsultationRules

    problems = []
    window = published_window(page, previous_live)
    moved = dates_moved(window, page.opens_at, page.closes_at)
    if window is None or moved:
        problem = period_problem(page.consultation_type, page.opens_at, page.closes_at, ConsultationRules.load())
        if problem:
            problems.append(problem)
    if previous_live is not None and moved:
        problem = date_change_reason_problem(page.date_change_reason, page.translation_key)
        if problem:
            problems.append(problem)
    return problems
