"""The statistics, for the whole portal or one agency, in a fixed number of queries.

Definitions (the page explains them in plain words too):

- A consultation is counted once whatever its languages: one live, public page
  per translation key, the default language's (Arabic) when there is one.
- Published comments are approved comments written by the public; official
  replies are the agency's own and are not counted.
- Votes are ballots: one per person per poll.
- Participants are the distinct people (accounts) with a published comment or
  a vote. Accounts that were deleted no longer count.
- A comment is answered when it has a disposition.
- Days to outcome run from closing to the first publication of the outcome
  (concluded consultations only; an outcome published before closing counts
  as zero days).
- An outcome is overdue when a consultation has closed without one and the
  deadline in the consultation rules (weeks after closing) has passed.

Counting is done by the database (values().annotate()); only rows per agency,
per concluded or overdue consultation, or per combination of demographic
answers come back to Python, never rows per comment or vote.
"""

import statistics
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection
from django.db.models import Case, CharField, Count, F, IntegerField, OuterRef, Q, Subquery, Value, When
from django.utils import timezone

from pages.models import AgencyPage
from participation.models import (
    Ballot,
    Comment,
    CommentStatus,
    ConsultationPage,
    ConsultationRules,
    ConsultationStatus,
    Profile,
)

DEMOGRAPHIC_FIELDS = ("governorate", "gender", "age_band", "disability")


@dataclass
class Record:
    """The figures for one scope: the whole portal or one agency."""

    by_status: dict = field(default_factory=lambda: defaultdict(int))
    by_type: dict = field(default_factory=lambda: defaultdict(int))
    participants: int = 0
    comments: int = 0
    answered: int = 0
    votes: int = 0
    durations: list = field(default_factory=list)
    overdue: int = 0

    @property
    def consultations(self):
        return sum(self.by_status.values())

    @property
    def open(self):
        return self.by_status.get(ConsultationStatus.OPEN, 0)

    @property
    def answered_share(self):
        """Per cent of published comments with a disposition, or None without comments."""
        return 100 * self.answered / self.comments if self.comments else None

    @property
    def median_days(self):
        return statistics.median(self.durations) if self.durations else None


@dataclass
class AgencyRecord:
    agency: AgencyPage  # in the reader's language when translated
    record: Record


@dataclass
class Statistics:
    now: object
    deadline_weeks: int
    total: Record
    agencies: list  # AgencyRecord, site-wide only
    overdue: list  # ConsultationPage, in the reader's language when translated
    demographics: list  # dicts: governorate, gender, age_band, disability, n (consenting participants only)
    consultation_agencies: dict = field(default_factory=dict)  # {consultation key: agency key} in scope

    @property
    def consenting(self):
        return sum(row["n"] for row in self.demographics)


def status_expression(now):
    """The status as ConsultationPage.status_at computes it, in SQL."""
    return Case(
        When(opens_at__gt=now, then=Value(ConsultationStatus.UPCOMING.value)),
        When(closes_at__gt=now, then=Value(ConsultationStatus.OPEN.value)),
        When(outcome="", then=Value(ConsultationStatus.CLOSED.value)),
        default=Value(ConsultationStatus.CONCLUDED.value),
        output_field=CharField(),
    )


def _pick_language(pages, language):
    """One page per translation key: the reader's language, else the default language, else the first."""
    chosen = {}
    rank = {language: 0, settings.LANGUAGE_CODE: 1}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or rank.get(page.locale.language_code, 2) < rank.get(current.locale.language_code, 2):
            chosen[page.translation_key] = page
    return chosen


def _as_uuid(value):
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))


def _count_people_by_agency(comments, ballots, scope_of):
    """Distinct participants per agency, in one query: the (consultation, person) pairs of comments and
    votes (a UNION, grouped by the database), joined to the consultations' agencies given as a VALUES
    list, counted per agency.

    Django cannot aggregate over a union, so the two ORM querysets are compiled and wrapped here;
    parameters stay parameters. The agencies come from `scope_of` ({consultation key: agency key}, one
    row per consultation, not per comment), so no subquery runs per comment or vote."""
    if not scope_of:
        return {}
    pairs = (
        comments.filter(author__isnull=False)
        .values("translation_key", person=F("author_id"))
        .union(ballots.filter(voter__isnull=False).values("translation_key", person=F("voter_id")))
    )
    sql, params = pairs.query.sql_with_params()
    key_field = Comment._meta.get_field("translation_key")
    values = ", ".join(["(%s, %s)"] * len(scope_of))
    mapping = []
    for consultation_key, agency_key in scope_of.items():
        mapping += [
            key_field.get_db_prep_value(consultation_key, connection),
            key_field.get_db_prep_value(agency_key, connection),
        ]
    with connection.cursor() as cursor:
        cursor.execute(
            # ORM SQL and placeholders only (a WITH list, which SQLite reads too).
            f"WITH scope (consultation_key, agency_key) AS (VALUES {values}) "  # noqa: S608
            f"SELECT scope.agency_key, COUNT(DISTINCT pairs.person) FROM ({sql}) pairs "
            "INNER JOIN scope ON pairs.translation_key = scope.consultation_key GROUP BY scope.agency_key",
            (*mapping, *params),
        )
        return {_as_uuid(key): n for key, n in cursor.fetchall()}


def compute(agency=None, language=None, now=None, request=None):
    """All the figures, for the whole portal or for `agency` (an AgencyPage in any language)."""
    now = now or timezone.now()
    language = language or settings.LANGUAGE_CODE
    weeks = ConsultationRules.load(request).outcome_deadline_weeks
    agency_key = agency.translation_key if agency is not None else None

    live = ConsultationPage.objects.live().public()
    scoped = live.filter(agency__translation_key=agency_key) if agency_key else live
    preferred = (
        live.filter(translation_key=OuterRef("translation_key"))
        .annotate(
            rank=Case(
                When(locale__language_code=settings.LANGUAGE_CODE, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("rank", "pk")
        .values("pk")[:1]
    )
    canonical = scoped.filter(pk=Subquery(preferred)).order_by()
    # {consultation key: agency key}: one row per language version, so counts grouped by consultation
    # in the database are added up per agency here (no subquery per comment or vote).
    scope_of = dict(scoped.order_by().values_list("translation_key", "agency__translation_key"))
    keys = list(scope_of)
    comments = Comment.objects.filter(
        status=CommentStatus.APPROVED, is_official=False, translation_key__in=keys
    ).order_by()
    ballots = Ballot.objects.filter(translation_key__in=keys).order_by()

    total = Record()
    records = defaultdict(Record)

    # Consultations by agency, type and status.
    rows = (
        canonical.annotate(state=status_expression(now))
        .values("agency__translation_key", "consultation_type", "state")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        for record in (total, records[row["agency__translation_key"]]):
            record.by_status[row["state"]] += row["n"]
            record.by_type[row["consultation_type"]] += row["n"]

    # Days from closing to outcome, concluded consultations only.
    concluded = canonical.concluded(now).filter(outcome_published_at__isnull=False)
    for agency_translation_key, closes_at, published_at in concluded.values_list(
        "agency__translation_key", "closes_at", "outcome_published_at"
    ):
        days = max((published_at - closes_at).total_seconds() / 86400, 0)
        total.durations.append(days)
        records[agency_translation_key].durations.append(days)

    # Overdue outcomes, named in the reader's language.
    overdue_keys = canonical.closed(now).filter(closes_at__lt=now - timedelta(weeks=weeks)).values("translation_key")
    overdue_pages = (
        live.filter(translation_key__in=overdue_keys)
        .select_related("locale", "agency")
        .defer_streamfields()
        .order_by("closes_at", "pk")
    )
    overdue = sorted(_pick_language(overdue_pages, language).values(), key=lambda page: (page.closes_at, page.pk))
    for page in overdue:
        page.due_at = page.closes_at + timedelta(weeks=weeks)
        total.overdue += 1
        records[page.agency.translation_key if page.agency_id else None].overdue += 1

    # Comments (and how many have a disposition) and votes.
    for row in comments.values("translation_key").annotate(n=Count("pk"), answered=Count("disposition")):
        for record in (total, records[scope_of[row["translation_key"]]]):
            record.comments += row["n"]
            record.answered += row["answered"]
    for row in ballots.values("translation_key").annotate(n=Count("pk")):
        for record in (total, records[scope_of[row["translation_key"]]]):
            record.votes += row["n"]

    # Distinct participants: a person counts once however often they took part.
    commenters = comments.filter(author__isnull=False).values("author_id")
    voters = ballots.filter(voter__isnull=False).values("voter_id")
    total.participants = get_user_model().objects.filter(Q(pk__in=commenters) | Q(pk__in=voters)).count()

    # Demographics: consenting participants only, counted per combination of answers.
    demographics = list(
        Profile.objects.filter(demographics_consent=True)
        .filter(Q(user_id__in=commenters) | Q(user_id__in=voters))
        .order_by()
        .values(*DEMOGRAPHIC_FIELDS)
        .annotate(n=Count("pk"))
    )

    agencies = []
    if agency is None:
        for key, n in _count_people_by_agency(comments, ballots, scope_of).items():
            records[key].participants = n
        agency_pages = AgencyPage.objects.live().public().select_related("locale").order_by("title", "pk")
        for page in sorted(_pick_language(agency_pages, language).values(), key=lambda page: page.title):
            agencies.append(AgencyRecord(agency=page, record=records.get(page.translation_key) or Record()))

    return Statistics(
        now=now,
        deadline_weeks=weeks,
        total=total,
        agencies=agencies,
        overdue=overdue,
        demographics=demographics,
        consultation_agencies=scope_of,
    )
