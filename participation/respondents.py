"""Participation by respondent sector: individuals, and organisations by sector, with small-cell suppression.

For the statistics pages (stats/) and the outcome report (transparency/). People are counted once: a person
who answered on behalf of an organisation at least once is counted under that organisation's sector (the
first in the order of `RespondentSector` when they answered for several), everyone else as an individual.
Responses counted: published comments by the public (official replies excluded), votes, and questionnaire
submissions. Accounts deleted since cannot be told apart and are not counted, as in the other figures.
One query, whatever the number of responses.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import INDIVIDUAL, Ballot, Comment, CommentStatus, QuestionnaireSubmission, RespondentSector


@dataclass
class SectorBreakdown:
    total: int
    cells: list | None  # stats.disclosure.Cell in order (individuals first), or None when withheld
    counts: dict  # {group: people}, before suppression: never publish these directly


def group_keys():
    return [INDIVIDUAL, *RespondentSector.values]


def group_label(key):
    if key == INDIVIDUAL:
        return _("Individuals")
    return RespondentSector(key).label


def respondent_rows(translation_keys=None, with_consultation=False):
    """(person, sector) -- or (consultation key, person, sector) -- for every published comment by the
    public, vote and questionnaire submission, in one query; UNION (not UNION ALL) also removes repeated
    rows. `translation_keys`: the consultations to read (None: all)."""
    comments = Comment.objects.filter(status=CommentStatus.APPROVED, is_official=False, author__isnull=False)
    ballots = Ballot.objects.filter(voter__isnull=False)
    submissions = QuestionnaireSubmission.objects.filter(respondent__isnull=False)
    if translation_keys is not None:
        keys = list(translation_keys)
        comments = comments.filter(translation_key__in=keys)
        ballots = ballots.filter(translation_key__in=keys)
        submissions = submissions.filter(translation_key__in=keys)
    lead = ("translation_key",) if with_consultation else ()
    return (
        comments.order_by()
        .values_list(*lead, "author_id", "respondent_sector")
        .union(
            ballots.order_by().values_list(*lead, "voter_id", "respondent_sector"),
            submissions.order_by().values_list(*lead, "respondent_id", "respondent_sector"),
        )
    )


def count_groups(rows):
    """{scope: {group: people}} from (scope, person, sector) rows: a person once per scope, under the first
    sector (in `RespondentSector` order) they answered for in that scope, else as an individual."""
    order = {key: index for index, key in enumerate(RespondentSector.values)}
    groups = {}  # (scope, person): group
    for scope, person, sector in rows:
        pair = (scope, person)
        current = groups.get(pair)
        if sector and (current is None or current == INDIVIDUAL or order[sector] < order[current]):
            groups[pair] = sector
        elif current is None:
            groups[pair] = INDIVIDUAL
    counts = {}
    for (scope, _person), group in groups.items():
        counts.setdefault(scope, dict.fromkeys(group_keys(), 0))[group] += 1
    return counts


def people_by_sector(translation_keys=None):
    """{group: people} ("individual" and every sector), each person counted once (see the module docstring).
    `translation_keys`: the consultations to count (None: all)."""
    rows = ((None, person, sector) for person, sector in respondent_rows(translation_keys))
    return count_groups(rows).get(None) or dict.fromkeys(group_keys(), 0)


def participation_by_sector(translation_keys=None):
    """People who took part, by respondent sector, with the statistics' small-cell suppression
    (stats.disclosure.protect: fewer than five shown as "fewer than 5", with secondary suppression; the
    whole breakdown withheld when fewer than five people took part)."""
    from stats.disclosure import Cell, protect

    counts = people_by_sector(translation_keys)
    total = sum(counts.values())
    cells = [Cell(key=key, label=str(group_label(key)), count=counts[key]) for key in group_keys()]
    return SectorBreakdown(total=total, cells=protect(cells, total), counts=counts)
