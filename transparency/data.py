"""What the public's input was and what the agency did with it, computed from the data.

The outcome report, the open-data files and the e-mails to authors all read
their figures from here, so they always agree. Every function runs a fixed
number of queries whatever the number of comments or votes.

Never here: e-mail addresses, demographics, unpublished comments.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from participation.models import (
    Ballot,
    Comment,
    CommentStatus,
    ConsultationPage,
    ConsultationStatus,
    QuestionnaireSubmission,
    Stance,
)
from participation.templatetags.participation_tags import author_name

from .models import Decision

COMMENTABLE_TYPES = ("comments", "article")


def public_consultations():
    return ConsultationPage.objects.live().public()


def published_comments(translation_key=None):
    """Published comments written by the public (official replies are the agency's own)."""
    comments = Comment.objects.filter(status=CommentStatus.APPROVED, is_official=False)
    if translation_key is not None:
        comments = comments.filter(translation_key=translation_key)
    return comments


# Blocks --------------------------------------------------------------------------


@dataclass
class BlockInfo:
    id: str
    type: str
    label: str
    position: int


def block_label(item):
    value = item.get("value") or {}
    if item.get("type") == "article":
        label = _("Article %(number)s") % {"number": value.get("number", "")}
        heading = value.get("heading")
        return f"{label}: {heading}" if heading else label
    if item.get("type") == "poll":
        return value.get("question") or _("Poll")
    return value.get("prompt") or _("Comments")


def blocks_of(page, types=COMMENTABLE_TYPES):
    """{block id: BlockInfo} in the order of the page, read from its stored data (no query)."""
    blocks = {}
    for position, item in enumerate(page.body.raw_data):
        if item.get("type") in types and item.get("id"):
            blocks[item["id"]] = BlockInfo(item["id"], item["type"], block_label(item), position)
    return blocks


def removed_block(block_id):
    return BlockInfo(block_id, "removed", _("Removed part (%(id)s)") % {"id": block_id}, 10_000)


# Participation figures -------------------------------------------------------------


def participant_counts(translation_keys):
    """{translation key: number of people who wrote a published comment, voted or answered a questionnaire},
    in three queries.

    A person who did several of these counts once. Accounts deleted since
    cannot be told apart and are not counted."""
    authors = dict(
        published_comments()
        .filter(translation_key__in=translation_keys, author__isnull=False)
        .order_by()
        .values_list("translation_key")
        .annotate(n=Count("author", distinct=True))
    )
    commented = published_comments().filter(translation_key=OuterRef("translation_key"), author=OuterRef("voter"))
    voters_only = dict(
        Ballot.objects.filter(translation_key__in=translation_keys, voter__isnull=False)
        .exclude(Exists(commented))
        .order_by()
        .values_list("translation_key")
        .annotate(n=Count("voter", distinct=True))
    )
    voted = Ballot.objects.filter(translation_key=OuterRef("translation_key"), voter=OuterRef("respondent"))
    commented_as_respondent = published_comments().filter(
        translation_key=OuterRef("translation_key"), author=OuterRef("respondent")
    )
    respondents_only = dict(
        QuestionnaireSubmission.objects.filter(translation_key__in=translation_keys, respondent__isnull=False)
        .exclude(Exists(commented_as_respondent))
        .exclude(Exists(voted))
        .order_by()
        .values_list("translation_key")
        .annotate(n=Count("respondent", distinct=True))
    )
    return {
        key: authors.get(key, 0) + voters_only.get(key, 0) + respondents_only.get(key, 0) for key in translation_keys
    }


def submission_counts_by_block(translation_keys):
    """{(translation key, questionnaire block id): submissions} in one query."""
    rows = (
        QuestionnaireSubmission.objects.filter(translation_key__in=translation_keys)
        .order_by()
        .values_list("translation_key", "block_id")
        .annotate(n=Count("pk"))
    )
    return {(key, block_id): n for key, block_id, n in rows}


def public_questionnaires(page):
    """[(block id, results public now)] of the page's questionnaires (no query)."""
    from participation.questionnaires import results_public

    return [(block.id, results_public(page, block.value)) for block in page.body if block.block_type == "questionnaire"]


def public_submission_count(page, by_block):
    """Submissions to the page's questionnaires whose results are public (participation.questionnaires.
    results_public), as everywhere else they are shown; None when the page has questionnaires and none
    of them is public yet, 0 when it has none."""
    blocks = public_questionnaires(page)
    if not blocks:
        return 0
    if not any(public for _block, public in blocks):
        return None
    return sum(by_block.get((page.translation_key, block_id), 0) for block_id, public in blocks if public)


def public_submissions(page, questionnaires):
    """The report's figure: submissions to the questionnaires whose results are public (0 when none is)."""
    shown = [questionnaire for questionnaire in questionnaires if questionnaire.show]
    return sum(questionnaire.results.submissions for questionnaire in shown)


def comment_counts(translation_keys):
    """{translation key: (published comments, comments answered)} in one query."""
    rows = (
        published_comments()
        .filter(translation_key__in=translation_keys)
        .order_by()
        .values("translation_key")
        .annotate(n=Count("pk"), answered=Count("disposition"))
    )
    return {row["translation_key"]: (row["n"], row["answered"]) for row in rows}


def vote_counts(translation_keys):
    return dict(
        Ballot.objects.filter(translation_key__in=translation_keys)
        .order_by()
        .values_list("translation_key")
        .annotate(n=Count("pk"))
    )


def percent(part, whole):
    return round(100 * part / whole) if whole else 0


# Polls ----------------------------------------------------------------------------


@dataclass
class PollOption:
    id: str
    label: str
    votes: int
    percent: int


@dataclass
class Poll:
    id: str
    question: str
    multiple: bool
    voters: int
    show: bool
    options: list = field(default_factory=list)


def polls_of(page):
    """Every poll on the page with its tally; `show` is False while the poll's
    results are not public yet (then the numbers are left out)."""
    from participation.services import poll_results

    results = poll_results(page, AnonymousUser())
    polls = []
    for block in page.body:
        if block.block_type != "poll":
            continue
        result = results.get(block.id)
        if result is None:
            continue
        polls.append(
            Poll(
                id=block.id,
                question=block.value["question"],
                multiple=bool(block.value["multiple"]),
                voters=result.voters,
                show=result.show,
                options=[PollOption(*option) for option in result.options],
            )
        )
    return polls


# Questionnaires ---------------------------------------------------------------------


@dataclass
class Questionnaire:
    id: str
    title: str
    show: bool  # False while the results are not public (then the numbers are left out)
    results: object  # participation.questionnaires.Results


def questionnaires_of(page, charts=False):
    """Every questionnaire on the page with the counts of its closed questions (three queries each).
    Text answers are never part of it: only how many there are."""
    from django.utils.translation import get_language_bidi

    from participation.questionnaires import questions_of, results_of, results_public

    questionnaires = []
    for block in page.body:
        if block.block_type != "questionnaire":
            continue
        questions = questions_of(block.value)
        questionnaires.append(
            Questionnaire(
                id=block.id,
                title=block.value["title"],
                show=results_public(page, block.value),
                results=results_of(page, block.id, questions, rtl=get_language_bidi(), charts=charts),
            )
        )
    return questionnaires


def questionnaires_schema():
    return _schema(
        ("questionnaire_id", _("string"), _("The questionnaire's identifier, the same in every language.")),
        ("questionnaire_title", _("string"), _("The questionnaire's title.")),
        (
            "respondents",
            _("integer or empty"),
            _("How many people answered the questionnaire; empty while not public."),
        ),
        ("question_id", _("string"), _("The question's identifier, the same in every language.")),
        ("question_number", _("integer"), _("The question's position in the questionnaire.")),
        ("question", _("string"), _("The question asked.")),
        ("kind", _("string"), _("“single”, “multiple”, “scale” (1 to 5) or “yes_no”.")),
        ("answered", _("integer or empty"), _("How many people answered this question.")),
        ("option_id", _("string"), _("The answer's identifier (“other”, “yes”, “no” or 1–5 for those kinds).")),
        ("option_label", _("string"), _("The answer, as shown on the portal.")),
        ("count", _("integer or empty"), _("How many people chose this answer; empty while results are not public.")),
        ("percent", _("integer or empty"), _("This answer's share of the people who answered the question, rounded.")),
    )


def questionnaire_rows(page):
    """One dict per answer of every closed question, in the order of `questionnaires_schema`. Written
    answers are not published (they may hold personal data); the agency reads them in the admin."""
    rows = []
    for questionnaire in questionnaires_of(page):
        show = questionnaire.show
        for result in questionnaire.results.questions:
            for option in result.options:
                rows.append(
                    {
                        "questionnaire_id": questionnaire.id,
                        "questionnaire_title": questionnaire.title,
                        "respondents": questionnaire.results.submissions if show else None,
                        "question_id": result.question.id,
                        "question_number": result.question.number,
                        "question": result.question.text,
                        "kind": result.question.kind,
                        "answered": result.answered if show else None,
                        "option_id": option.id,
                        "option_label": str(option.label),
                        "count": option.count if show else None,
                        "percent": option.percent if show else None,
                    }
                )
    return rows


def questionnaires_document(page):
    documents = []
    for questionnaire in questionnaires_of(page):
        show = questionnaire.show
        documents.append(
            {
                "questionnaire_id": questionnaire.id,
                "questionnaire_title": questionnaire.title,
                "results_public": show,
                "respondents": questionnaire.results.submissions if show else None,
                "questions": [
                    {
                        "question_id": result.question.id,
                        "question_number": result.question.number,
                        "question": result.question.text,
                        "kind": result.question.kind,
                        "answered": result.answered if show else None,
                        "options": [
                            {
                                "option_id": option.id,
                                "option_label": str(option.label),
                                "count": option.count if show else None,
                                "percent": option.percent if show else None,
                            }
                            for option in result.options
                        ],
                    }
                    for result in questionnaire.results.questions
                ],
            }
        )
    return documents


def sectors_document(page):
    """People who took part by respondent sector, suppressed as in the statistics (None: withheld)."""
    from participation.respondents import participation_by_sector

    breakdown = participation_by_sector([page.translation_key])
    if breakdown.cells is None:
        return None
    return [
        {"sector": cell.key, "label": cell.label, "people": cell.count if cell.shown else None}
        for cell in breakdown.cells
    ]


# The outcome report ----------------------------------------------------------------


@dataclass
class CommentGroup:
    block: BlockInfo
    comments: list = field(default_factory=list)
    stances: Counter = field(default_factory=Counter)
    answered: int = 0

    @property
    def count(self):
        return len(self.comments)

    @property
    def for_count(self):
        return self.stances[Stance.FOR]

    @property
    def against_count(self):
        return self.stances[Stance.AGAINST]

    @property
    def other_count(self):
        return self.count - self.for_count - self.against_count


@dataclass
class Report:
    page: object
    agency: object
    status: str
    generated_at: object
    comments: int
    answered: int
    votes: int
    participants: int
    groups: list
    polls: list
    decisions: list  # (code, label, count)
    questionnaires: list = field(default_factory=list)
    submissions: int = 0
    sectors: object = None  # participation.respondents.SectorBreakdown
    campaigns: int = 0  # texts sent by several people, each counted once in `comments`
    campaign_comments: int = 0  # the published comments those texts stand for
    people_comments: int = 0  # every published comment by the public, campaigns' copies included

    @property
    def answered_percent(self):
        return percent(self.answered, self.comments)

    @property
    def unanswered(self):
        return self.comments - self.answered


def report_comments(translation_key):
    return (
        published_comments(translation_key)
        .select_related("author__participation_profile", "disposition")
        .annotate(campaign_id=F("fingerprint__campaign_id"))
        .order_by("created_at", "pk")
    )


def campaign_sizes(translation_key):
    """{campaign id: published comments by the public in it}, in one query: how many people sent its text."""
    return dict(
        published_comments(translation_key)
        .filter(fingerprint__campaign__isnull=False)
        .order_by()
        .values_list("fingerprint__campaign_id")
        .annotate(n=Count("pk"))
    )


FOLD_CANDIDATES = 50  # shown copies of a campaign on one part a comment is compared with, the latest first


def fold_campaigns(comments):
    """The comments with the near-exact copies of a campaign's text shown once: a published comment of a
    campaign is folded into an earlier one shown on the same article or question whose text is near-exact
    (participation.campaigns.NEAR_EXACT, by the measure that groups campaigns). A comment of the campaign
    that differs more (a campaign is grouped at a lower similarity: words of its own added) or was sent on
    another part is listed as itself, so the report never hides what someone said behind another's copy.
    Each comment gets `campaign_size` (how many people's comments it stands for) and `answer`: its
    disposition or that of the first of its folded copies that has one (transparency.dispositions gives
    one disposition to the whole group)."""
    from participation.campaigns import NEAR_EXACT, jaccard, normalise, shingles

    shown = []
    candidates = {}  # (campaign, block) → [(shingles, shown comment)]
    by_body = {}  # (campaign, block, text) → shown comment: exact copies need no comparison
    for comment in comments:
        comment.answer = getattr(comment, "disposition", None)
        comment.campaign_size = 1
        campaign = getattr(comment, "campaign_id", None)
        if campaign is None:
            shown.append(comment)
            continue
        key = (campaign, comment.block_id)
        first = by_body.get((*key, comment.body))
        if first is None:
            pieces = shingles(normalise(comment.body))
            for their_pieces, candidate in reversed(candidates.get(key, [])[-FOLD_CANDIDATES:]):
                if jaccard(pieces, their_pieces) >= NEAR_EXACT:
                    first = candidate
                    break
            if first is None:
                candidates.setdefault(key, []).append((pieces, comment))
                by_body[(*key, comment.body)] = comment
                shown.append(comment)
                continue
            by_body[(*key, comment.body)] = first
        first.campaign_size += 1
        if first.answer is None and comment.answer is not None:
            first.answer = comment.answer
    return shown


def build_report(page):
    """The outcome report. The near-exact copies of a campaign's text (participation.campaigns) on one part
    count once, with the number of people who sent them (`fold_campaigns`); those people still count as
    participants."""
    key = page.translation_key
    questionnaires = questionnaires_of(page, charts=True)
    blocks = blocks_of(page)
    groups = {block_id: CommentGroup(block) for block_id, block in blocks.items()}
    decisions = Counter()
    everyone = list(report_comments(key))
    # Every published comment by the public is here, so the campaigns' sizes need no query of their own.
    comments = fold_campaigns(everyone)
    for comment in comments:
        group = groups.get(comment.block_id)
        if group is None:
            group = groups[comment.block_id] = CommentGroup(removed_block(comment.block_id))
        comment.display_name = comment.organisation_name or author_name(comment)
        comment.sector_label = comment.get_respondent_sector_display() if comment.organisation_name else ""
        disposition = comment.answer
        group.comments.append(comment)
        group.stances[comment.stance] += 1
        if disposition is not None:
            group.answered += 1
            decisions[disposition.decision] += 1
    answered = sum(decisions.values())
    return Report(
        page=page,
        agency=page.agency,
        status=page.status,
        generated_at=timezone.now(),
        comments=len(comments),
        answered=answered,
        votes=vote_counts([key]).get(key, 0),
        participants=participant_counts([key])[key],
        campaigns=sum(1 for comment in comments if comment.campaign_size > 1),
        campaign_comments=sum(comment.campaign_size for comment in comments if comment.campaign_size > 1),
        people_comments=len(everyone),
        groups=sorted(groups.values(), key=lambda group: (group.block.position, group.block.id)),
        polls=polls_of(page),
        decisions=[(choice.value, choice.label, decisions[choice.value]) for choice in Decision],
        questionnaires=questionnaires,
        submissions=public_submissions(page, questionnaires),
        sectors=_sectors(key),
    )


def _sectors(translation_key):
    from participation.respondents import participation_by_sector

    return participation_by_sector([translation_key])


# Open data ------------------------------------------------------------------------


@dataclass
class DataField:
    name: str
    type: str
    meaning: str


def _schema(*fields):
    return [DataField(*item) for item in fields]


def comments_schema():
    return _schema(
        ("id", _("integer"), _("The comment's number, the same in every file and on the portal.")),
        ("parent_id", _("integer or empty"), _("The comment this one replies to, if it is a reply.")),
        (
            "block_id",
            _("string"),
            _("The article or question commented on; its identifier is the same in every language."),
        ),
        ("block_type", _("string"), _("“article” for an article of a draft, “comments” for a question.")),
        ("block_label", _("string"), _("The article's number and heading, or the question, as shown on the portal.")),
        ("language", _("string"), _("The language the comment was written in: “ar” or “en”.")),
        ("stance", _("string"), _("The author's position: “for”, “against”, “neutral”, or empty.")),
        ("created_at", _("date and time"), _("When the comment was written (ISO 8601, with the time zone).")),
        (
            "display_name",
            _("string"),
            _("The name the author chose to show, or the event the input was received at. Never an e-mail address."),
        ),
        (
            "event_id",
            _("integer or empty"),
            _("For input received at a workshop or event and entered by the agency: the event page's number."),
        ),
        (
            "organisation",
            _("string"),
            _(
                "The organisation the author wrote on behalf of, as they gave it; "
                "empty for a person writing as themselves."
            ),
        ),
        (
            "sector",
            _("string"),
            _("The organisation's sector: government, private, civil_society, academic, media, other; or empty."),
        ),
        ("text", _("string"), _("The comment, as published.")),
        (
            "disposition",
            _("string"),
            _("The decision: “accepted”, “partly_accepted”, “not_accepted”, “noted”, “out_of_scope”, or empty."),
        ),
        ("disposition_label", _("string"), _("The decision in words, in the language of the file.")),
        ("disposition_reason", _("string"), _("Why the agency decided so.")),
        ("disposition_date", _("date and time"), _("When the decision was last recorded (ISO 8601).")),
        (
            "campaign_id",
            _("integer or empty"),
            _(
                "For a comment sent with the same or nearly the same text by several people (a campaign): the "
                "group's number, the same on each of its comments. Count a campaign once by this number."
            ),
        ),
        (
            "campaign_size",
            _("integer"),
            _("How many published comments of the public have this text (1 outside a campaign)."),
        ),
    )


def polls_schema():
    return _schema(
        ("poll_id", _("string"), _("The poll's identifier, the same in every language.")),
        ("question", _("string"), _("The question asked.")),
        ("multiple", _("boolean"), _("Whether people could choose more than one answer.")),
        ("voters", _("integer or empty"), _("How many people voted in this poll; empty while results are not public.")),
        ("option_id", _("string"), _("The answer's identifier, the same in every language.")),
        ("option_label", _("string"), _("The answer, as shown on the portal.")),
        ("votes", _("integer or empty"), _("How many people chose this answer; empty while results are not public.")),
        ("percent", _("integer or empty"), _("Votes for this answer as a share of the voters in the poll, rounded.")),
    )


def consultations_schema():
    return _schema(
        ("id", _("integer"), _("The consultation page's number in this language; used in the file addresses.")),
        ("translation_key", _("string"), _("The consultation's identifier, the same in every language.")),
        ("language", _("string"), _("The language of the title and of the texts in the files.")),
        ("title", _("string"), _("The consultation's title.")),
        ("agency", _("string"), _("The government entity that consulted.")),
        (
            "type",
            _("string"),
            _("What was consulted on: draft_law, regulation, policy, public_service or government_project."),
        ),
        ("status", _("string"), _("upcoming, open, closed or concluded (outcome published).")),
        ("opens_at", _("date and time"), _("When the consultation opened (ISO 8601).")),
        ("closes_at", _("date and time"), _("When the consultation closed or closes (ISO 8601).")),
        ("outcome_published_at", _("date and time or empty"), _("When the agency published the outcome.")),
        ("comments", _("integer"), _("Published comments by the public.")),
        ("answered", _("integer"), _("Published comments that have the agency's decision.")),
        ("votes", _("integer"), _("Votes cast in the consultation's polls (one per person per poll).")),
        (
            "questionnaire_responses",
            _("integer or empty"),
            _(
                "Answers sent to the consultation's questionnaires (one per person each), counted for the "
                "questionnaires whose results are public; empty while none of them is."
            ),
        ),
        (
            "participants",
            _("integer"),
            _("People who wrote a published comment, voted or answered a questionnaire, each counted once."),
        ),
        ("url", _("string"), _("The consultation on the portal.")),
        ("report_url", _("string or empty"), _("The outcome report, once the outcome is published.")),
        ("comments_csv", _("string"), _("The comments as CSV.")),
        ("comments_json", _("string"), _("The comments as JSON.")),
        ("polls_csv", _("string"), _("The poll results as CSV.")),
        ("polls_json", _("string"), _("The poll results as JSON.")),
        ("questionnaires_csv", _("string"), _("The questionnaire results as CSV.")),
        ("questionnaires_json", _("string"), _("The questionnaire results and participation by sector as JSON.")),
    )


def iso(value):
    return timezone.localtime(value).isoformat() if value else ""


COMMENT_COLUMNS = (
    "pk",
    "parent_id",
    "block_id",
    "language",
    "stance",
    "created_at",
    "author_id",
    "author__participation_profile__display_name",
    "event_id",
    "signed_as",
    "organisation_name",
    "respondent_sector",
    "body",
    "disposition__decision",
    "disposition__reason",
    "disposition__decided_at",
    "fingerprint__campaign_id",
)


def iter_comment_rows(page, chunk_size=2000):
    """One dict per published comment by the public, in the order of `comments_schema`, read from the
    database `chunk_size` rows at a time (a server-side cursor on PostgreSQL) as plain tuples: memory
    stays flat whatever the number of comments. Same names as `author_name` gives."""
    blocks = blocks_of(page)
    decisions = {choice.value: str(choice.label) for choice in Decision}
    deleted, participant = str(_("Deleted account")), str(_("Participant"))
    sizes = campaign_sizes(page.translation_key)
    rows = report_comments(page.translation_key).values_list(*COMMENT_COLUMNS)
    for (
        pk,
        parent_id,
        block_id,
        language,
        stance,
        created_at,
        author_id,
        display_name,
        event_id,
        signed_as,
        organisation_name,
        respondent_sector,
        body,
        decision,
        reason,
        decided_at,
        campaign_id,
    ) in rows.iterator(chunk_size=chunk_size):
        block = blocks.get(block_id) or removed_block(block_id)
        if event_id is not None and signed_as:
            name = signed_as
        elif author_id is None:
            name = deleted
        else:
            name = display_name if display_name is not None else participant
        yield {
            "id": pk,
            "parent_id": parent_id,
            "block_id": block_id,
            "block_type": block.type,
            "block_label": block.label,
            "language": language,
            "stance": stance,
            "created_at": iso(created_at),
            "display_name": name,
            "event_id": event_id,
            "organisation": organisation_name,
            "sector": respondent_sector,
            "text": body,
            "disposition": decision or "",
            "disposition_label": decisions.get(decision, "") if decision else "",
            "disposition_reason": reason or "",
            "disposition_date": iso(decided_at),
            "campaign_id": campaign_id if sizes.get(campaign_id, 0) > 1 else None,
            "campaign_size": sizes.get(campaign_id, 1) if campaign_id else 1,
        }


def comment_rows(page):
    """Every row of `iter_comment_rows` in a list (small consultations and tests only)."""
    return list(iter_comment_rows(page))


# Versions of the open-data files, for ETag and Last-Modified: one aggregate query each --------


@dataclass
class Version:
    """What a file's content depends on: `tag` changes whenever the content may, `modified` is the
    latest of the timestamps behind it."""

    tag: str
    modified: object


def _version(parts, times):
    digest = hashlib.sha256(repr(parts).encode("utf-8")).hexdigest()[:32]
    known = [value for value in times if value is not None]
    return Version(tag=digest, modified=max(known) if known else None)


def _comment_activity(comments):
    return comments.order_by().aggregate(
        n=Count("pk"),
        written=Max("created_at"),
        moderated=Max("moderated_at"),
        answered=Count("disposition"),
        decided=Max("disposition__decided_at"),
    )


def _passed(now, *moments):
    """The opening and closing dates already passed: a status changes at those moments."""
    return [moment for moment in moments if moment is not None and moment <= now]


def comments_version(page, language):
    """The version of a consultation's comments files (and of its outcome report): the page's last
    publication and status, and its published comments and decisions (count and latest change)."""
    activity = _comment_activity(published_comments(page.translation_key))
    now = timezone.now()
    parts = (
        "comments",
        page.pk,
        language,
        page.last_published_at,
        page.status,
        sorted(activity.items()),
    )
    times = [
        page.last_published_at,
        activity["written"],
        activity["moderated"],
        activity["decided"],
        *_passed(now, page.opens_at, page.closes_at),
    ]
    return _version(parts, times)


def report_version(page, language):
    """The version of a consultation's outcome report (HTML and PDF): its comments files' version and
    its votes (count and latest)."""
    comments = comments_version(page, language)
    votes = Ballot.objects.filter(translation_key=page.translation_key).aggregate(n=Count("pk"), cast=Max("created_at"))
    answers = QuestionnaireSubmission.objects.filter(translation_key=page.translation_key).aggregate(
        n=Count("pk"), changed=Max("updated_at")
    )
    return _version(
        ("report", comments.tag, sorted(votes.items()), sorted(answers.items())),
        [comments.modified, votes["cast"], answers["changed"]],
    )


def catalogue_version(language):
    """The version of the catalogue files: every live, public consultation (count, latest publication,
    how many have opened and closed), every published comment and decision, every vote."""
    now = timezone.now()
    pages = (
        public_consultations()
        .order_by()
        .aggregate(
            n=Count("pk"),
            published=Max("last_published_at"),
            opened=Count("pk", filter=Q(opens_at__lte=now)),
            closed=Count("pk", filter=Q(closes_at__lte=now)),
            last_opened=Max("opens_at", filter=Q(opens_at__lte=now)),
            last_closed=Max("closes_at", filter=Q(closes_at__lte=now)),
        )
    )
    activity = _comment_activity(published_comments())
    votes = Ballot.objects.order_by().aggregate(n=Count("pk"), cast=Max("created_at"))
    answers = QuestionnaireSubmission.objects.order_by().aggregate(n=Count("pk"), changed=Max("updated_at"))
    parts = (
        "catalogue",
        language,
        sorted(pages.items()),
        sorted(activity.items()),
        sorted(votes.items()),
        sorted(answers.items()),
    )
    times = [
        pages["published"],
        pages["last_opened"],
        pages["last_closed"],
        activity["written"],
        activity["moderated"],
        activity["decided"],
        votes["cast"],
        answers["changed"],
    ]
    return _version(parts, times)


def poll_rows(page):
    """One dict per poll answer, in the order of `polls_schema`."""
    rows = []
    for poll in polls_of(page):
        for option in poll.options:
            rows.append(
                {
                    "poll_id": poll.id,
                    "question": poll.question,
                    "multiple": poll.multiple,
                    "voters": poll.voters if poll.show else None,
                    "option_id": option.id,
                    "option_label": option.label,
                    "votes": option.votes if poll.show else None,
                    "percent": option.percent if poll.show else None,
                }
            )
    return rows


def polls_document(page):
    return [
        {
            "poll_id": poll.id,
            "question": poll.question,
            "multiple": poll.multiple,
            "results_public": poll.show,
            "voters": poll.voters if poll.show else None,
            "options": [
                {
                    "option_id": option.id,
                    "option_label": option.label,
                    "votes": option.votes if poll.show else None,
                    "percent": option.percent if poll.show else None,
                }
                for option in poll.options
            ],
        }
        for poll in polls_of(page)
    ]


def absolute(request, url):
    if not url or request is None:
        return url or ""
    return request.build_absolute_uri(url)


def consultation_links(page, request=None):
    """Addresses of the consultation and of its files (in the active language)."""
    concluded = page.status == ConsultationStatus.CONCLUDED
    return {
        "url": absolute(request, page.get_url(request) or ""),
        "report_url": absolute(request, reverse("transparency_report", args=[page.pk])) if concluded else "",
        "comments_csv": absolute(request, reverse("transparency_comments_csv", args=[page.pk])),
        "comments_json": absolute(request, reverse("transparency_comments_json", args=[page.pk])),
        "polls_csv": absolute(request, reverse("transparency_polls_csv", args=[page.pk])),
        "polls_json": absolute(request, reverse("transparency_polls_json", args=[page.pk])),
        "questionnaires_csv": absolute(request, reverse("transparency_questionnaires_csv", args=[page.pk])),
        "questionnaires_json": absolute(request, reverse("transparency_questionnaires_json", args=[page.pk])),
    }


def consultation_metadata(page, request=None, figures=None):
    data = {
        "id": page.pk,
        "translation_key": str(page.translation_key),
        "language": page.locale.language_code,
        "title": page.title,
        "agency": page.agency.title if page.agency_id and page.agency else "",
        "type": page.consultation_type,
        "status": page.status,
        "opens_at": iso(page.opens_at),
        "closes_at": iso(page.closes_at),
        "outcome_published_at": iso(page.outcome_published_at),
    }
    if figures is not None:
        data.update(figures)
    data.update(consultation_links(page, request))
    return data


def consultations_in_language(language_code):
    """Every live, public consultation once, in `language_code` where it is
    translated and in its first language otherwise."""
    pages = list(public_consultations().select_related("agency", "locale").order_by("-opens_at", "pk"))
    chosen = {}
    for page in pages:
        current = chosen.get(page.translation_key)
        if current is None or (
            page.locale.language_code == language_code and current.locale.language_code != language_code
        ):
            chosen[page.translation_key] = page
    return [page for page in pages if chosen.get(page.translation_key) is page]


def catalogue(language_code, request=None):
    """[(page, metadata with figures)] for every live, public consultation: six queries."""
    pages = consultations_in_language(language_code)
    keys = [page.translation_key for page in pages]
    comments = comment_counts(keys)
    votes = vote_counts(keys)
    submissions = submission_counts_by_block(keys)
    participants = participant_counts(keys)
    entries = []
    for page in pages:
        count, answered = comments.get(page.translation_key, (0, 0))
        figures = {
            "comments": count,
            "answered": answered,
            "votes": votes.get(page.translation_key, 0),
            "questionnaire_responses": public_submission_count(page, submissions),
            "participants": participants.get(page.translation_key, 0),
        }
        entries.append((page, consultation_metadata(page, request, figures)))
    return entries
