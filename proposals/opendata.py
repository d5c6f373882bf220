"""Proposals as open data and statistics, without personal data.

`rows()` yields one dictionary per public proposal (CSV and JSON at /<lang>/proposals/open-data.csv|.json):
no author (only the organisation a proposal was made for, which is shown publicly with it), no supporter, no
moderation note, no identity hash; the citizen's own words (title, problem,
solution, beneficiaries) are public on the site already and are part of the record. Rejected and waiting
proposals are never included. Read with `iterator()` so that memory stays flat however many there are.

The statistics functions return plain dictionaries for the stats/ app to render (see the report: they are
not wired into stats/ by this app):

- `counts_by(field, agency=None)`: public proposals per "agency" (translation key and title), "topic" or
  "governorate"; `agency` (an AgencyPage in any language) keeps that agency's proposals only;
- `answer_timeliness(agency=None)`: answers due, answered on time, late, still overdue, the share answered on time,
  and the median days from threshold to answer.
"""

from statistics import median

from django.conf import settings
from django.db.models import Count
from django.utils import timezone

from .models import Proposal, ProposalState

COLUMNS = [
    "id",
    "url_ar",
    "url_en",
    "title",
    "language",
    "organisation_name",
    "organisation_sector",
    "agency_key",
    "agency",
    "topic",
    "governorate",
    "state",
    "submitted_at",
    "published_at",
    "collection_ends_at",
    "threshold",
    "supporters",
    "threshold_reached_at",
    "answer_due_at",
    "answer",
    "answered_at",
    "answered_on_time",
    "answer_text",
    "answer_text_en",
    "implementation_update",
    "problem",
    "solution",
    "beneficiaries",
]


def _iso(value):
    return value.replace(microsecond=0).isoformat() if value else ""


def rows():
    from django.urls import reverse
    from django.utils import translation

    base = (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")
    queryset = (
        Proposal.objects.public()
        .select_related("agency", "topic")
        .order_by("pk")
        .only(
            *[f.name for f in Proposal._meta.concrete_fields if f.name not in ("author", "moderation_note")],
            "agency__title",
            "agency__translation_key",
            "topic__name",
        )
    )
    links = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            links[code] = base + reverse("proposal_detail", args=[0]).replace("/0/", "/{}/")
    for proposal in queryset.iterator(chunk_size=500):
        yield {
            "id": proposal.pk,
            "url_ar": links.get("ar", "").format(proposal.pk),
            "url_en": links.get("en", "").format(proposal.pk),
            "title": proposal.title,
            "language": proposal.language,
            "organisation_name": proposal.organisation_name,
            "organisation_sector": proposal.respondent_sector,
            "agency_key": str(proposal.agency.translation_key) if proposal.agency_id else "",
            "agency": proposal.agency.title if proposal.agency_id else "",
            "topic": proposal.topic.name if proposal.topic_id else "",
            "governorate": proposal.governorate,
            "state": proposal.state,
            "submitted_at": _iso(proposal.created_at),
            "published_at": _iso(proposal.published_at),
            "collection_ends_at": _iso(proposal.collection_ends_at),
            "threshold": proposal.threshold,
            "supporters": proposal.supporters_count,
            "threshold_reached_at": _iso(proposal.threshold_reached_at),
            "answer_due_at": _iso(proposal.answer_due_at),
            "answer": proposal.answer if proposal.state in (ProposalState.ANSWERED, ProposalState.IMPLEMENTED) else "",
            "answered_at": _iso(proposal.answered_at),
            "answered_on_time": proposal.answered_on_time(),
            "answer_text": proposal.answer_text
            if proposal.state in (ProposalState.ANSWERED, ProposalState.IMPLEMENTED)
            else "",
            "answer_text_en": proposal.answer_text_en
            if proposal.state in (ProposalState.ANSWERED, ProposalState.IMPLEMENTED)
            else "",
            "implementation_update": proposal.implementation_update,
            "problem": proposal.problem,
            "solution": proposal.solution,
            "beneficiaries": proposal.beneficiaries,
        }


def _for_agency(queryset, agency):
    """The proposals to `agency` (any language version of it), or all of them when it is None."""
    return queryset if agency is None else queryset.filter(agency__translation_key=agency.translation_key)


def counts_by(field, agency=None):
    """Public proposals per "agency", "topic" or "governorate": a list of dicts sorted by count, one query.
    `agency`: that agency's proposals only."""
    public = _for_agency(Proposal.objects.public(), agency).order_by()
    if field == "agency":
        values = ("agency__translation_key", "agency__title")
    elif field == "topic":
        values = ("topic__translation_key", "topic__name")
    elif field == "governorate":
        values = ("governorate",)
    else:
        raise ValueError(field)
    rows_ = public.values(*values).annotate(
        proposals=Count("pk"),
        answered=Count("pk", filter=models_q_answered()),
    )
    merged = {}
    for row in rows_:
        key = row[values[0]]
        entry = merged.setdefault(key, {"key": key, "label": row[values[-1]] or "", "proposals": 0, "answered": 0})
        entry["proposals"] += row["proposals"]
        entry["answered"] += row["answered"]
    return sorted(merged.values(), key=lambda entry: (-entry["proposals"], str(entry["label"])))


def models_q_answered():
    from django.db.models import Q

    return Q(state__in=[ProposalState.ANSWERED, ProposalState.IMPLEMENTED])


def answer_timeliness(now=None, agency=None):
    """How entities keep the answer deadline, over every proposal that reached its threshold (`agency`: to
    that agency only)."""
    now = now or timezone.now()
    due = _for_agency(Proposal.objects.filter(threshold_reached_at__isnull=False), agency).values_list(
        "state", "threshold_reached_at", "answer_due_at", "answered_at"
    )
    on_time = late = overdue = waiting = 0
    days = []
    for state, reached, due_at, answered in due:
        if answered:
            days.append((answered - reached).total_seconds() / 86400)
            if due_at and answered <= due_at:
                on_time += 1
            else:
                late += 1
        elif state == ProposalState.THRESHOLD_REACHED and due_at and due_at < now:
            overdue += 1
        else:
            waiting += 1
    settled = on_time + late + overdue
    return {
        "reached_threshold": on_time + late + overdue + waiting,
        "answered_on_time": on_time,
        "answered_late": late,
        "overdue": overdue,
        "not_yet_due": waiting,
        "share_answered_on_time": round(on_time / settled, 3) if settled else None,
        "median_days_to_answer": round(median(days), 1) if days else None,
    }
