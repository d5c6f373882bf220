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


def _rows(translation_keys):
    comments = Comment.objects.filter(status=CommentStatus.APPROVED, is_official=False, author__isnull=False)
    ballots = Ballot.objects.filter(voter__isnull=False)
    submissions = QuestionnaireSubmission.objects.filter(respondent__isnull=False)
    if translation_keys is not None:
        keys = list(translation_keys)
        comments = comments.filter(translation_key__in=keys)
        ballots = ballots.filter(translation_key__in=keys)
        submissions = submissions.filter(translation_key__in=keys)
    # One query: UNION (not UNION ALL) also removes a person's repeated (person, sector) pairs.
    rows = (
        comments.order_by()
        .values_list("author_id", "respondent_sector")
        .union(
            ballots.order_by().values_list("voter_id", "respondent_sector"),
            submissions.order_by().values_list("respondent_id", "respondent_sector"),
        )
    )
    yield from rows


def people_by_sector(translation_keys=None):
    """{group: people} ("individual" and every sector), each person counted once (see the module docstring).
    `translation_keys`: the consultations to count (None: all)."""
    order = {key: index for index, key in enumerate(RespondentSector.values)}
    groups = {}
    for person, sector in _rows(translation_keys):
        current = groups.get(person)
        if sector and (current is None or current == INDIVIDUAL or order[sector] < order[current]):
            groups[person] = sector
        elif current is None:
            groups[person] = INDIVIDUAL
    counts = dict.fromkeys(group_keys(), 0)
    for group in groups.values():
        counts[group] += 1
    return counts


def participation_by_sector(translation_keys=None):
    """People who took part, by respondent sector, with the statistics' small-cell suppression
    (stats.disclosure.protect: fewer than five shown as "fewer than 5", with secondary suppression; the
    whole breakdown withheld when fewer than five people took part)."""
    from stats.disclosure import Cell, protect

    counts = people_by_sector(translation_keys)
    total = sum(counts.values())
    cells = [Cell(key=key, label=str(group_label(key)), count=counts[key]) for key in group_keys()]
    return SectorBreakdown(total=total, cells=protect(cells, total), counts=counts)
