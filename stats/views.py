"""Public statistics pages: the whole portal, and one agency."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from pages.models import AgencyPage
from participation.models import AgeBand, ConsultationStatus, ConsultationType, Disability, Gender, Governorate

from .agency_tables import agency_demographics
from .charts import bar_chart
from .disclosure import SHOWN, SMALL, THRESHOLD, Cell, forced_site_keys, protect
from .figures import compute
from .formatting import number as _number
from .formatting import percent as _percent
from .models import ReferencePopulation

DIMENSIONS = [
    ("governorate", Governorate),
    ("gender", Gender),
    ("age_band", AgeBand),
    ("disability", Disability),
]


def _dimension_texts(name):
    """Heading, chart title and table caption of one breakdown."""
    return {
        "governorate": (
            _("Governorate"),
            _("Share of participants by governorate"),
            _("Participants who shared their details, by governorate"),
        ),
        "gender": (
            _("Gender"),
            _("Share of participants by gender"),
            _("Participants who shared their details, by gender"),
        ),
        "age_band": (
            _("Age"),
            _("Share of participants by age"),
            _("Participants who shared their details, by age"),
        ),
        "disability": (
            _("Disability"),
            _("Share of participants by whether they have a disability"),
            _("Participants who shared their details, by whether they have a disability"),
        ),
    }[name]


def agency_statistics_url(agency):
    """The address of an agency's statistics in the current language."""
    return reverse("agency_statistics", args=[agency.slug])


def _is_page_id(value):
    """ASCII digits that fit a database id: `isdigit()` alone accepts "²", which `int()` refuses,
    and a longer number overflows PostgreSQL's bigint."""
    return value.isascii() and value.isdigit() and len(value) <= 18


def _find_agency(value):
    """An agency page from its slug (any language; the reader's first) or its id, or 404."""
    agencies = AgencyPage.objects.live().public().select_related("locale")
    candidates = list(agencies.filter(slug=value).order_by("pk"))
    language = get_language()
    page = next((p for p in candidates if p.locale.language_code == language), None)
    page = page or next(iter(candidates), None)
    if page is None and _is_page_id(value):
        page = agencies.filter(pk=int(value)).first()
    if page is None:
        raise Http404(_("There is no such government entity."))
    return page


def _counts(rows, name, choices):
    counts = {"": 0, **{choice.value: 0 for choice in choices}}
    for row in rows:
        counts[row[name] if row[name] in counts else ""] += row["n"]
    return counts


def _cells(counts, choices):
    cells = [Cell(key=choice.value, label=str(choice.label), count=counts[choice.value]) for choice in choices]
    cells.append(Cell(key="", label=_("Not stated"), count=counts[""]))
    return cells


def _inclusion(stats, reference, rtl, agency_rows=None):
    """The demographic breakdowns, protected (see stats.disclosure), with charts. `agency_rows` (site-wide
    only): each agency's demographic rows, so that no agency's hidden cell can be recovered by subtraction."""
    total = stats.consenting
    breakdowns = []
    for name, choices in DIMENSIONS:
        counts = _counts(stats.demographics, name, choices)
        force, prefer = set(), set()
        if agency_rows:
            tables = []
            for rows in agency_rows.values():
                agency_counts = _counts(rows, name, choices)
                tables.append((protect(_cells(agency_counts, choices), sum(agency_counts.values())), agency_counts))
            force, prefer = forced_site_keys(counts, tables)
        cells = _cells(counts, choices)
        protected = protect(cells, total, force=force, prefer=prefer)
        show_reference = reference.has_shares(name)
        rows = []
        chart_rows = []
        for cell in protected or []:
            share = 100 * cell.count / total if cell.shown else None
            population = reference.share(name, cell.key) if show_reference else None
            rows.append(
                {
                    "label": cell.label,
                    "state": cell.state,
                    "count": _number(cell.count) if cell.shown else "",
                    "share": _percent(share) if share is not None else "",
                    "population": _percent(population) if population is not None else "",
                }
            )
            if cell.shown:
                text = _percent(share)
            elif cell.state == SMALL:
                text = _("fewer than %(n)s") % {"n": _number(THRESHOLD)}
            else:
                text = _("hidden")
            chart_rows.append((cell.label, share, text, float(population) if population is not None else None))
        heading, chart_title, caption = _dimension_texts(name)
        chart = None
        if protected:
            chart = bar_chart(
                f"chart-{name.replace('_', '-')}",
                chart_title,
                _("Bar chart. The same figures are in the table that follows."),
                chart_rows,
                rtl,
            )
        breakdowns.append(
            {
                "name": name,
                "id": name.replace("_", "-"),
                "heading": heading,
                "caption": caption,
                "withheld": protected is None,
                "rows": rows,
                "chart": chart,
                "show_reference": show_reference,
                "hides_some": any(row["state"] != SHOWN for row in rows),
            }
        )
    return {
        "total": total,
        "total_text": _number(total) if total >= THRESHOLD else "",
        "enough": total >= THRESHOLD,
        "breakdowns": breakdowns,
        "reference_source": reference.source,
        "threshold": THRESHOLD,
    }


def _consultation_charts(record, rtl):
    status_rows = [
        (str(status.label), record.by_status.get(status.value, 0), _number(record.by_status.get(status.value, 0)))
        for status in ConsultationStatus
    ]
    type_rows = [
        (str(kind.label), record.by_type.get(kind.value, 0), _number(record.by_type.get(kind.value, 0)))
        for kind in ConsultationType
    ]
    description = _("Bar chart. The same figures are in the table that follows.")
    return {
        "by_status": bar_chart("chart-status", _("Consultations by status"), description, status_rows, rtl),
        "by_type": bar_chart("chart-type", _("Consultations by type"), description, type_rows, rtl),
    }


@require_safe
def statistics(request, agency=None):
    """The statistics for the whole portal, or for one agency (by slug or id)."""
    agency_page = _find_agency(agency) if agency is not None else None
    language = get_language()
    if agency_page is not None and agency_page.locale.language_code != language:
        locale = Locale.objects.filter(language_code=language).first()
        translation = agency_page.get_translation_or_none(locale) if locale else None
        if translation is not None and translation.live:
            agency_page = translation
    stats = compute(agency=agency_page, language=language, request=request)
    rtl = get_language_bidi()
    reference = ReferencePopulation.load(request)
    for item in stats.agencies:
        item.url = agency_statistics_url(item.agency)
    context = {
        "agency": agency_page,
        "agencies": stats.agencies,
        "stats": stats,
        "record": stats.total,
        "charts": _consultation_charts(stats.total, rtl),
        "inclusion": _inclusion(
            stats, reference, rtl, agency_rows=agency_demographics() if agency_page is None else None
        ),
        "rtl": rtl,
    }
    return TemplateResponse(request, "stats/statistics.html", context)
