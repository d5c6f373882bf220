"""Events in numbers: the participants of one event by sector and governorate, and, for the statistics page,
events held and people reached per governorate. Counts of people are shown with the statistics' small-cell
suppression (stats.disclosure): a group of fewer than five is "fewer than 5", and one more cell is hidden
where the total would give it away."""

from django.utils import timezone
from django.utils.translation import gettext as _

from participation.models import Governorate
from stats.disclosure import SHOWN, SMALL, THRESHOLD, Cell, protect
from stats.formatting import number

NOT_STATED = ""


def protected_rows(counts, choices, total):
    """[{"label", "count", "state"}] for a breakdown {key: count} of `total` people (the keys recorded, in the
    order of `choices`, then "not stated" for the rest), or None when the breakdown must be withheld."""
    if total is None:
        return None
    cells = [Cell(key=key, label=str(label), count=counts[key]) for key, label in choices if key in counts]
    rest = total - sum(cell.count for cell in cells)
    if rest < 0:
        return None  # inconsistent figures are not published (the page refuses them: EventPage.publication_problems)
    if rest:
        cells.append(Cell(key=NOT_STATED, label=_("Not stated"), count=rest))
    protected = protect(cells, total)
    if protected is None:
        return None
    return [
        {
            "label": cell.label,
            "state": cell.state,
            "count": number(cell.count) if cell.shown else "",
            "text": number(cell.count)
            if cell.shown
            else (_("fewer than %(n)s") % {"n": number(THRESHOLD)} if cell.state == SMALL else "–"),
        }
        for cell in protected
    ]


def held_events(agency=None, now=None):
    """One row per event held (whatever the number of its language versions): (governorate, participants)."""
    from .models import EventPage

    now = now or timezone.now()
    rows = EventPage.objects.live().public().filter(ends_at__lt=now)
    if agency is not None:
        rows = rows.filter(agency__translation_key=agency.translation_key)
    found = {}
    for key, governorate, total in rows.order_by("pk").values_list(
        "translation_key", "governorate", "participants_total"
    ):
        found.setdefault(key, (governorate, total))
    return list(found.values())


def statistics(agency=None, now=None):
    """What the statistics page shows of events: {"held", "reached", "rows", "withheld"}; each row has the
    governorate ("Online only" for events with none), the events held and the people reached (protected)."""
    events = held_events(agency, now)
    held = {}
    reached = {}
    for governorate, total in events:
        held[governorate] = held.get(governorate, 0) + 1
        reached[governorate] = reached.get(governorate, 0) + (total or 0)
    choices = list(Governorate.choices) + [(NOT_STATED, _("Online only"))]
    people_total = sum(reached.values())
    cells = [Cell(key=key, label=str(label), count=reached.get(key, 0)) for key, label in choices if key in held]
    protected = protect(cells, people_total) if cells else None
    by_key = {cell.key: cell for cell in protected or []}
    rows = []
    for key, label in choices:
        if key not in held:
            continue
        cell = by_key.get(key)
        if cell is None:
            text = ""
        elif cell.state == SHOWN:
            text = number(cell.count)
        elif cell.state == SMALL:
            text = _("fewer than %(n)s") % {"n": number(THRESHOLD)}
        else:
            text = "–"
        rows.append(
            {"label": str(label), "held": number(held[key]), "reached": text, "state": cell.state if cell else ""}
        )
    # The total is public (each event's page shows its participants); the governorates are protected.
    return {
        "held": number(len(events)),
        "reached": number(people_total),
        "rows": rows,
        "withheld": bool(cells) and protected is None,
    }
