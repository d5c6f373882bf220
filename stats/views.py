"""Public statistics pages: the whole portal, and one agency."""

from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import get_language, get_language_bidi
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from wagtail.models import Locale

from events.stats import statistics as event_statistics
from pages.models import AgencyPage
from participation.models import AgeBand, ConsultationStatus, ConsultationType, Disability, Gender, Governorate
from participation.respondents import group_keys, group_label, participation_by_sector, people_by_sector
from proposals import opendata

from .agency_tables import agency_demographics, agency_sectors
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


def _breakdown(name, heading, chart_title, caption, protected, total, rtl, population=None):
    """One protected breakdown (stats.disclosure.protect's cells, or None when withheld) as the template shows
    it: the table's rows and the chart. `population`: {key: share of the population} lookup, if any."""
    rows = []
    chart_rows = []
    for cell in protected or []:
        share = 100 * cell.count / total if cell.shown else None
        reference_share = population(cell.key) if population else None
        rows.append(
            {
                "label": cell.label,
                "state": cell.state,
                "count": _number(cell.count) if cell.shown else "",
                "share": _percent(share) if share is not None else "",
                "population": _percent(reference_share) if reference_share is not None else "",
            }
        )
        if cell.shown:
            text = _percent(share)
        elif cell.state == SMALL:
            text = _("fewer than %(n)s") % {"n": _number(THRESHOLD)}
        else:
            text = _("hidden")
        chart_rows.append((cell.label, share, text, float(reference_share) if reference_share is not None else None))
    chart = None
    if protected:
        chart = bar_chart(
            f"chart-{name.replace('_', '-')}",
            chart_title,
            _("Bar chart. The same figures are in the table that follows."),
            chart_rows,
            rtl,
        )
    return {
        "name": name,
        "id": name.replace("_", "-"),
        "heading": heading,
        "caption": caption,
        "withheld": protected is None,
        "rows": rows,
        "chart": chart,
        "show_reference": population is not None,
        "hides_some": any(row["state"] != SHOWN for row in rows),
    }


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
        heading, chart_title, caption = _dimension_texts(name)
        breakdowns.append(
            _breakdown(
                name,
                heading,
                chart_title,
                caption,
                protected,
                total,
                rtl,
                population=(lambda key, name=name: reference.share(name, key)) if show_reference else None,
            )
        )
    return {
        "total": total,
        "total_text": _number(total) if total >= THRESHOLD else "",
        "enough": total >= THRESHOLD,
        "breakdowns": breakdowns,
        "reference_source": reference.source,
        "threshold": THRESHOLD,
    }


def _sectors(stats, agency, rtl):
    """People who took part by respondent sector (issue 11), protected like the demographic breakdowns. For the
    whole portal, a site-wide cell is hidden as well when subtracting the agencies' shown cells from it would
    give away an agency's hidden cell (stats.disclosure, rule 6)."""
    keys = list(stats.consultation_agencies)
    if agency is not None:
        breakdown = participation_by_sector(keys)
        total, protected = breakdown.total, breakdown.cells
    else:
        counts = people_by_sector(keys)
        total = sum(counts.values())
        published = {item.agency.translation_key for item in stats.agencies}
        tables = []
        for agency_key, agency_counts in agency_sectors(stats.consultation_agencies).items():
            if agency_key not in published:
                continue  # no table of its own is published
            cells = [Cell(key=key, label="", count=agency_counts[key]) for key in group_keys()]
            tables.append((protect(cells, sum(agency_counts.values())), agency_counts))
        force, prefer = forced_site_keys(counts, tables)
        cells = [Cell(key=key, label=str(group_label(key)), count=counts[key]) for key in group_keys()]
        protected = protect(cells, total, force=force, prefer=prefer)
    breakdown = _breakdown(
        "sector",
        _("Sector"),
        _("Share of participants by sector"),
        _("Participants by sector: individuals, and organisations by sector"),
        protected,
        total,
        rtl,
    )
    breakdown["total_text"] = _number(total) if total >= THRESHOLD else ""
    breakdown["enough"] = total >= THRESHOLD
    return breakdown


def _proposal_rows(rows, labels=None):
    """Rows of `proposals.opendata.counts_by` as the template shows them; `labels`: {key: label} to prefer."""
    labels = labels or {}
    return [
        {
            "key": row["key"],
            "label": labels.get(row["key"]) or row["label"] or _("Not stated"),
            "proposals": row["proposals"],
            "answered": row["answered"],
        }
        for row in rows
    ]


def _proposals(stats, agency, rtl):
    """Citizens' proposals (issue 12): public proposals by agency, topic and governorate, and how the answer
    deadline is kept. Four queries whatever the number of proposals."""
    governorates = {choice.value: str(choice.label) for choice in Governorate}
    by_topic = _proposal_rows(opendata.counts_by("topic", agency=agency))
    by_governorate = _proposal_rows(opendata.counts_by("governorate", agency=agency), governorates)
    by_agency = []
    if agency is None:
        names = {item.agency.translation_key: item.agency.title for item in stats.agencies}
        urls = {item.agency.translation_key: item.url for item in stats.agencies}
        by_agency = _proposal_rows(opendata.counts_by("agency"), names)
        for row in by_agency:
            row["url"] = urls.get(row["key"])
            if row["key"] is None:
                row["label"] = _("The portal (entity not chosen)")
    timeliness = opendata.answer_timeliness(agency=agency)
    share = timeliness["share_answered_on_time"]
    description = _("Bar chart. The same figures are in the table that follows.")

    def chart(chart_id, title, rows):
        if len(rows) < 2:
            return None  # one bar says nothing the table does not
        return bar_chart(
            chart_id, title, description, [(r["label"], r["proposals"], _number(r["proposals"])) for r in rows], rtl
        )

    total = sum(row["proposals"] for row in by_governorate)
    return {
        "total": total,
        "answered": sum(row["answered"] for row in by_governorate),
        "by_agency": by_agency,
        "by_topic": by_topic,
        "by_governorate": by_governorate,
        "agency_chart": chart("chart-proposals-agency", _("Proposals by government entity"), by_agency),
        "topic_chart": chart("chart-proposals-topic", _("Proposals by topic"), by_topic),
        "governorate_chart": chart("chart-proposals-governorate", _("Proposals by governorate"), by_governorate),
        "timeliness": timeliness,
        "share_on_time": 100 * share if share is not None else None,
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
        "sectors": _sectors(stats, agency_page, rtl),
        "proposals": _proposals(stats, agency_page, rtl),
        "events_stats": event_statistics(agency=agency_page),
        "rtl": rtl,
    }
    return TemplateResponse(request, "stats/statistics.html", context)
