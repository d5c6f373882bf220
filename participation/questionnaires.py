"""Questionnaires: their questions, the rules for answering them, their results.

A questionnaire block (participation.blocks.QuestionnaireBlock) holds the questions; answers are rows
(participation.models.QuestionnaireSubmission and QuestionnaireAnswer) keyed by the consultation's
translation key, the block's id and each question's id. Everything here works from the block's value
and a few queries, whatever the number of answers:

- `questions_of(value)`: the questions with their ids, kinds, answers to choose from and conditions;
- `clean_answers(questions, raw)`: what a person sent, checked as the server sees it (a question hidden by
  its condition is neither required nor kept), with errors per question;
- `results_of(page, block_id, questions)`: counts and percentages for closed questions (two queries);
- `questionnaire_context(context, value)`: what the block's template shows (the reader's own answers,
  the form, the results);
- `answered_question_problems(page)`: editors cannot remove a question that has answers or change its kind.
"""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from .blocks import (
    NO_OPTION,
    OTHER_OPTION,
    SCALE_OPTIONS,
    YES_OPTION,
    QuestionKind,
    QuestionnaireResultsVisibility,
)

SHORT_TEXT_MAX_LENGTH = 300


@dataclass
class Option:
    id: str
    label: str


@dataclass
class Question:
    id: str
    number: int
    text: str
    kind: str
    help: str = ""
    required: bool = False
    options: list = field(default_factory=list)  # every answer to choose from, "other" included
    condition: tuple | None = None  # (question id, option id)
    condition_label: str = ""  # e.g. "question 3 was answered “Yes”"

    @property
    def is_text(self):
        return self.kind in QuestionKind.TEXT

    @property
    def is_closed(self):
        return self.kind in QuestionKind.CLOSED

    @property
    def multiple(self):
        return self.kind == QuestionKind.MULTIPLE

    @property
    def has_other(self):
        return any(option.id == OTHER_OPTION for option in self.options)

    @property
    def max_length(self):
        from .models import ANSWER_TEXT_MAX_LENGTH

        return SHORT_TEXT_MAX_LENGTH if self.kind == QuestionKind.SHORT_TEXT else ANSWER_TEXT_MAX_LENGTH

    def option_ids(self):
        return [option.id for option in self.options]


def _fixed_options(kind):
    if kind == QuestionKind.YES_NO:
        return [Option(YES_OPTION, _("Yes")), Option(NO_OPTION, _("No"))]
    if kind == QuestionKind.SCALE:
        return [Option(number, number) for number in SCALE_OPTIONS]
    return []


def _raw_questions(value):
    """(id, struct value) of each question, from a StructValue of the block (bound ListBlock items)."""
    questions = value.get("questions")
    bound = getattr(questions, "bound_blocks", None)
    if bound is not None:
        return [(child.id, child.value) for child in bound]
    return [(None, item) for item in questions or []]


def questions_of(value):
    """The questions of a questionnaire block's value, in order, with conditions resolved to ids."""
    questions = []
    for number, (question_id, item) in enumerate(_raw_questions(value), start=1):
        kind = item.get("kind") or QuestionKind.SINGLE
        if kind in QuestionKind.LISTS:
            options_value = item.get("options")
            bound = getattr(options_value, "bound_blocks", None)
            items = [(child.id, child.value) for child in bound] if bound is not None else []
            options = [Option(option_id, option["label"]) for option_id, option in items if option_id]
            if item.get("allow_other"):
                options.append(Option(OTHER_OPTION, _("Other")))
        else:
            options = _fixed_options(kind)
        questions.append(
            Question(
                id=question_id or f"q{number}",
                number=number,
                text=item.get("text") or "",
                kind=kind,
                help=item.get("help") or "",
                required=bool(item.get("required")),
                options=options,
            )
        )
    for question, (_id, item) in zip(questions, _raw_questions(value), strict=True):
        target_number, answer_number = item.get("condition_question"), item.get("condition_answer")
        if not target_number or not answer_number or not 1 <= target_number < question.number:
            continue
        target = questions[target_number - 1]
        if not target.is_closed:
            continue
        choices = target.options
        if target.kind == QuestionKind.SCALE:
            chosen = next((option for option in choices if option.id == str(answer_number)), None)
        else:
            chosen = choices[answer_number - 1] if answer_number <= len(choices) else None
        if chosen is None:
            continue
        question.condition = (target.id, chosen.id)
        question.condition_label = _("Answer only if your answer to question %(number)d was “%(answer)s”.") % {
            "number": target.number,
            "answer": chosen.label,
        }
    return questions


def structure_problems(value):
    """What is wrong with a questionnaire as an editor wrote it (shown in the editor)."""
    problems = []
    raw = _raw_questions(value)
    kinds = []
    for number, (_id, item) in enumerate(raw, start=1):
        kind = item.get("kind")
        kinds.append(kind)
        options = item.get("options") or []
        count = len(list(options))
        if kind in QuestionKind.LISTS and count + (1 if item.get("allow_other") else 0) < 2:
            problems.append(_("Question %(number)d needs at least two answers to choose from.") % {"number": number})
        if kind not in QuestionKind.LISTS and (count or item.get("allow_other")):
            problems.append(
                _("Question %(number)d is not a list question: remove its answers to choose from and 'Other'.")
                % {"number": number}
            )
        target, answer = item.get("condition_question"), item.get("condition_answer")
        if bool(target) != bool(answer):
            problems.append(
                _("Question %(number)d: give both the earlier question's number and the answer's number, or neither.")
                % {"number": number}
            )
            continue
        if not target:
            continue
        if target >= number:
            problems.append(_("Question %(number)d can depend only on an earlier question.") % {"number": number})
            continue
        target_kind = kinds[target - 1]
        if target_kind not in QuestionKind.CLOSED:
            problems.append(
                _("Question %(number)d depends on question %(target)d, which has no answers to choose from.")
                % {"number": number, "target": target}
            )
            continue
        target_item = raw[target - 1][1]
        if target_kind == QuestionKind.YES_NO:
            available = 2
        elif target_kind == QuestionKind.SCALE:
            available = len(SCALE_OPTIONS)
        else:
            available = len(list(target_item.get("options") or [])) + (1 if target_item.get("allow_other") else 0)
        if answer > available:
            problems.append(
                _("Question %(number)d: question %(target)d has no answer number %(answer)d.")
                % {"number": number, "target": target, "answer": answer}
            )
    return problems


# Answering -------------------------------------------------------------------------------------


def raw_answers_from(data, questions):
    """{question id: {"options": [...], "text": "..."}} from a form's POST data (field names q-<id>, q-<id>-text)."""
    raw = {}
    for question in questions:
        raw[question.id] = {
            "options": [value for value in data.getlist(f"q-{question.id}") if value],
            "text": data.get(f"q-{question.id}-text", ""),
        }
    return raw


def visible_ids(questions, answers):
    """The ids of the questions asked, given `answers` ({question id: {"options": [...]}}): a question whose
    condition is not met is not asked, nor is any question depending on it."""
    shown = set()
    for question in questions:
        if question.condition is None:
            shown.add(question.id)
            continue
        target_id, option_id = question.condition
        if target_id in shown and option_id in (answers.get(target_id) or {}).get("options", []):
            shown.add(question.id)
    return shown


def clean_answers(questions, raw):
    """(answers, errors): the answers to keep, as {question id: {"options": [...], "text": "..."}}, and
    {question id: message} for every problem. Hidden questions (condition not met) are dropped."""
    answers, errors = {}, {}
    for question in questions:
        sent = raw.get(question.id) or {}
        options = list(dict.fromkeys(str(option) for option in sent.get("options") or []))
        text = (sent.get("text") or "").strip()
        if question.is_text:
            options = []
            if len(text) > question.max_length:
                errors[question.id] = _("This answer is too long: at most %(max)d characters.") % {
                    "max": question.max_length
                }
        else:
            valid = question.option_ids()
            if any(option not in valid for option in options):
                errors[question.id] = _("That answer is not one of the choices.")
            elif len(options) > 1 and not question.multiple:
                errors[question.id] = _("Choose only one answer.")
            elif text and question.has_other:
                if OTHER_OPTION not in options:
                    if options and not question.multiple:
                        errors[question.id] = _("To give another answer, choose “Other”.")
                    else:
                        options.append(OTHER_OPTION)
            elif OTHER_OPTION in options and not text:
                errors[question.id] = _("You chose “Other”: say what it is.")
            if not question.has_other:
                text = ""
            if len(text) > SHORT_TEXT_MAX_LENGTH:
                errors[question.id] = _("This answer is too long: at most %(max)d characters.") % {
                    "max": SHORT_TEXT_MAX_LENGTH
                }
        answers[question.id] = {"options": options, "text": text}
    shown = visible_ids(questions, answers)
    kept = {}
    for question in questions:
        if question.id not in shown:
            errors.pop(question.id, None)
            continue
        answer = answers[question.id]
        empty = not answer["options"] and not answer["text"]
        if empty:
            if question.required and question.id not in errors:
                errors[question.id] = _("Answer this question: it is required.")
            continue
        kept[question.id] = answer
    if not errors and not kept:
        errors[""] = _("Answer at least one question before sending.")
    return kept, errors


def answers_of(submission_answers):
    """{question id: {"options": [...], "text": "..."}} from stored answer rows."""
    answers = {}
    for row in submission_answers:
        answer = answers.setdefault(row.question_id, {"options": [], "text": ""})
        if row.option_id:
            answer["options"].append(row.option_id)
        if row.text:
            answer["text"] = row.text
    return answers


# Results ---------------------------------------------------------------------------------------


@dataclass
class OptionResult:
    id: str
    label: str
    count: int
    percent: int


@dataclass
class QuestionResult:
    question: Question
    answered: int  # people who answered this question
    options: list = field(default_factory=list)
    chart: object = None

    @property
    def id(self):
        return self.question.id


@dataclass
class Results:
    submissions: int
    questions: list = field(default_factory=list)  # QuestionResult for closed questions
    text_answers: dict = field(default_factory=dict)  # {question id: number of text answers}


def percent(part, whole):
    return round(100 * part / whole) if whole else 0


def results_of(page, block_id, questions, rtl=False, charts=True):
    """Counts and shares for closed questions, from three aggregate queries."""
    from .models import QuestionnaireAnswer, QuestionnaireSubmission

    submissions = QuestionnaireSubmission.objects.filter(translation_key=page.translation_key, block_id=block_id)
    total = submissions.count()
    answers = QuestionnaireAnswer.objects.filter(
        submission__translation_key=page.translation_key, submission__block_id=block_id
    )
    counts = {
        (row["question_id"], row["option_id"]): row["n"]
        for row in answers.exclude(option_id="").values("question_id", "option_id").annotate(n=Count("id")).order_by()
    }
    answered = {}
    texts = {}
    for row in (
        answers.values("question_id")
        .annotate(people=Count("submission", distinct=True), texts=Count("id", filter=~_empty_text()))
        .order_by()
    ):
        answered[row["question_id"]] = row["people"]
        texts[row["question_id"]] = row["texts"]
    results = Results(submissions=total, text_answers=texts)
    for question in questions:
        if not question.is_closed:
            continue
        people = answered.get(question.id, 0)
        options = [
            OptionResult(option.id, option.label, counts.get((question.id, option.id), 0), 0)
            for option in question.options
        ]
        for option in options:
            option.percent = percent(option.count, people)
        result = QuestionResult(question=question, answered=people, options=options)
        if charts:
            result.chart = _chart(block_id, result, rtl)
        results.questions.append(result)
    return results


def _empty_text():
    from django.db.models import Q

    return Q(text="")


def _chart(block_id, result, rtl):
    from stats.charts import bar_chart

    rows = [
        (
            option.label,
            option.count,
            _("%(percent)d%% (%(count)d)") % {"percent": option.percent, "count": option.count},
        )
        for option in result.options
    ]
    description = _(
        "Bar chart of the answers to question %(number)d; the same figures are in the table that follows."
    ) % {"number": result.question.number}
    return bar_chart(f"chart-{block_id}-{result.question.id}", result.question.text, description, rows, rtl)


def results_public(page, value, now=None):
    """Whether the public may see the counts now: after closing, or while open when the editor chose so."""
    from .models import ConsultationStatus

    status = page.status_at(now or timezone.now())
    if status in (ConsultationStatus.CLOSED, ConsultationStatus.CONCLUDED):
        return True
    return status == ConsultationStatus.OPEN and value.get("show_results") == QuestionnaireResultsVisibility.WHILE_OPEN


# The block on the page ----------------------------------------------------------------------------


@dataclass
class Attempt:
    """What a person sent and what was wrong with it, to show the form again."""

    answers: dict
    errors: dict
    respondent_form: object


def questionnaire_context(context, value):
    """What templates/blocks/questionnaire_block.html shows: a fixed number of queries per questionnaire
    (the reader's own submission and answers: two; the results when public: three)."""
    from django.utils.translation import get_language_bidi

    from .forms import RespondentForm
    from .models import QuestionnaireSubmission

    page = context.get("page")
    request = context.get("request")
    block_id = context.get("id")
    questions = questions_of(value)
    state = {"questions": questions, "mine": None, "answers": {}, "errors": {}, "results": None}
    if page is None or block_id is None:
        return state
    user = getattr(request, "user", None)
    mine = None
    if user is not None and user.is_authenticated:
        mine = (
            QuestionnaireSubmission.objects.filter(
                translation_key=page.translation_key, block_id=block_id, respondent=user
            )
            .prefetch_related("answers")
            .first()
        )
    state["mine"] = mine
    attempt = (context.get("bound_forms") or {}).get(block_id)
    if isinstance(attempt, Attempt):
        state["answers"], state["errors"] = attempt.answers, attempt.errors
        state["respondent_form"] = attempt.respondent_form
    else:
        state["answers"] = answers_of(mine.answers.all()) if mine else {}
        initial = {}
        if mine is not None and mine.organisation_name:
            initial = {
                "respondent": "organisation",
                "organisation_name": mine.organisation_name,
                "respondent_sector": mine.respondent_sector,
            }
        state["respondent_form"] = RespondentForm(initial=initial, prefix=f"r-{block_id}")
    for question in questions:
        answer = state["answers"].get(question.id) or {}
        question.chosen = set(answer.get("options") or [])
        question.value = answer.get("text", "")
        question.error = state["errors"].get(question.id)
    state["general_error"] = state["errors"].get("")
    if results_public(page, value):
        state["results"] = results_of(page, block_id, questions, rtl=get_language_bidi())
    return state


# Editors' changes --------------------------------------------------------------------------------


def answered_questions(translation_key):
    """{(block id, question id)} of every question with at least one answer, in one query."""
    from .models import QuestionnaireAnswer

    return set(
        QuestionnaireAnswer.objects.filter(submission__translation_key=translation_key)
        .values_list("submission__block_id", "question_id")
        .distinct()
        .order_by()
    )


def _answered_kinds(page, answered):
    """{(block id, question id): kind} of answered questions as last published (or saved) in any language."""
    from .models import ConsultationPage

    kinds = {}
    versions = ConsultationPage.objects.filter(translation_key=page.translation_key, live=True)
    if page.pk:
        versions = versions.exclude(pk=page.pk)
    sources = list(versions)
    saved = ConsultationPage.objects.filter(pk=page.pk, live=True).first() if page.pk else None
    if saved is not None:
        sources.insert(0, saved)
    for source in sources:
        for block in source.body:
            if block.block_type != "questionnaire":
                continue
            for child in block.value["questions"].bound_blocks:
                key = (block.id, child.id)
                if key in answered and key not in kinds:
                    kinds[key] = child.value["kind"]
    return kinds


def answered_question_problems(page):
    """Why this version of `page` may not be saved or published: it removes a questionnaire question that
    people have answered, or changes the kind of answer such a question takes. Asked by the page's
    `clean()` (the editor's form) and `publication_problems()` (every path to publication)."""
    if not page.translation_key:
        return []
    answered = answered_questions(page.translation_key)
    if not answered:
        return []
    current = {}
    for block in page.body:
        if block.block_type == "questionnaire":
            for child in block.value["questions"].bound_blocks:
                current[(block.id, child.id)] = child.value
    problems = []
    kinds = _answered_kinds(page, answered)
    for key in sorted(answered):
        if key not in current:
            problems.append(
                _(
                    "A questionnaire question that people have answered cannot be removed. "
                    "Close the consultation instead, or add a new question."
                )
            )
            break
    for key, kind in sorted(kinds.items()):
        if key in current and current[key].get("kind") != kind:
            problems.append(
                _("The kind of answer of the question '%(q)s' cannot change: people have answered it.")
                % {"q": current[key].get("text", "")}
            )
    return problems


def answers_changed(translation_key):
    """Cached pages that show the results (pages.cache, and the CDN when configured) become stale once the
    answers are committed; at most once every TAWASUL_VOTE_INVALIDATE_SECONDS per consultation, as for votes."""
    from django.conf import settings
    from django.core.cache import cache

    from .cache_invalidation import consultation_changed

    seconds = int(getattr(settings, "TAWASUL_VOTE_INVALIDATE_SECONDS", 5))
    if seconds <= 0 or cache.add(f"pagecache:questionnaire:{translation_key}", 1, seconds):
        consultation_changed(translation_key)
