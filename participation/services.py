"""The rules of responding, enforced on the server whatever a form says.

Views call these functions; tests call them directly too. Every refusal is a
`ResponseRefused` with a message in the active language.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .blocks import COMMENTABLE_BLOCK_TYPES, ModerationMode
from .identity import NATIONAL_ID_PROVIDER, email_hash, identity_hashes, subject_hash
from .models import (
    Ballot,
    BallotChoice,
    Comment,
    CommentReport,
    CommentStatus,
    ConsultationStatus,
    ModerationReason,
    QuestionnaireAnswer,
    QuestionnaireSubmission,
    RespondentSector,
)
from .models.respondents import ORGANISATION_NAME_MAX_LENGTH


def _already_voted_as_person():
    return _(
        "A vote from you is already counted in this poll, perhaps from an account you deleted. "
        "Each person votes once, whatever the account."
    )


class ResponseRefused(Exception):
    """A response that the rules do not allow; `message` is shown to the person."""

    def __init__(self, message, status=400):
        super().__init__(message)
        self.message = message
        self.status = status


def user_is_verified(user):
    if not user.is_authenticated:
        return False
    from allauth.account.models import EmailAddress

    return EmailAddress.objects.filter(user=user, verified=True).exists()


def identity_of(user):
    """(first verified e-mail address or None, national-identity subject or None) of a signed-in person, in
    one query: whether they may take part (a verified address) and who they are for "one vote per person"
    (participation.identity), read together instead of three times. Written in SQL because it runs on every
    vote: the ORM spends longer building this statement than the database spends answering it."""
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount
    from django.db import connection

    quote = connection.ops.quote_name

    def column(model, name):
        return quote(model._meta.get_field(name).column)

    addresses, accounts = quote(EmailAddress._meta.db_table), quote(SocialAccount._meta.db_table)
    # Table and column names come from the models; values are parameters.
    sql = (
        f"SELECT (SELECT {column(EmailAddress, 'email')} FROM {addresses}"  # noqa: S608
        f" WHERE {column(EmailAddress, 'user')} = %s AND {column(EmailAddress, 'verified')}"
        f" ORDER BY {column(EmailAddress, 'primary')} DESC, {column(EmailAddress, 'id')} LIMIT 1),"
        f" (SELECT {column(SocialAccount, 'uid')} FROM {accounts}"
        f" WHERE {column(SocialAccount, 'user')} = %s AND {column(SocialAccount, 'provider')} = %s LIMIT 1)"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user.pk, user.pk, NATIONAL_ID_PROVIDER])
        address, subject = cursor.fetchone()
    return address, subject


def refusal_for(page, user, now=None, verified=None):
    """Why `user` may not respond to `page` right now, or None when they may. `verified`: whether the
    person has a verified address, when the caller has just read it (read here otherwise)."""
    now = now or timezone.now()
    if not page.live:
        return _("This consultation is not published, so it does not accept responses.")
    status = page.status_at(now)
    if status == ConsultationStatus.UPCOMING:
        opens = date_format(timezone.localtime(page.opens_at), "j F Y، H:i" if get_language() == "ar" else "j F Y, H:i")
        return _("This consultation is not open yet. It opens on %(date)s.") % {"date": opens}
    if status in (ConsultationStatus.CLOSED, ConsultationStatus.CONCLUDED):
        return _("This consultation has closed. Responses are no longer accepted.")
    if not user.is_authenticated:
        return _("Sign in to take part.")
    if not (user_is_verified(user) if verified is None else verified):
        return _("Confirm your e-mail address before taking part. We sent you a link when you signed up.")
    return None


def is_restricted(page):
    """Whether the page or one of its ancestors has view restrictions (a password, sign-in or groups): such
    a page is not public and accepts no response. Pages looked up with `with_restriction()` already know."""
    known = getattr(page, "tawasul_restricted", None)
    return page.get_view_restrictions().exists() if known is None else known


def with_restriction(pages):
    """`pages` (a page queryset) with `tawasul_restricted`: whether view restrictions apply to each page, read
    in the same query (a restriction on the page itself or on any ancestor, whose path is a prefix of its own)."""
    from django.db.models import CharField, Exists, ExpressionWrapper, F, OuterRef
    from wagtail.models import PageViewRestriction

    path = ExpressionWrapper(OuterRef("path"), output_field=CharField())
    restrictions = PageViewRestriction.objects.alias(tawasul_path=path).filter(tawasul_path__startswith=F("page__path"))
    return pages.annotate(tawasul_restricted=Exists(restrictions))


def _ensure_can_respond(page, user, verified=None):
    reason = refusal_for(page, user, verified=verified)
    if reason is None and is_restricted(page):
        reason = _("This consultation is not published, so it does not accept responses.")
    if reason:
        raise ResponseRefused(reason, status=403)


def clean_respondent(organisation_name="", respondent_sector=""):
    """(organisation name, sector) checked: both empty (the person answers as themselves) or both given."""
    name = (organisation_name or "").strip()
    sector = respondent_sector or ""
    if not name and not sector:
        return "", ""
    if not name:
        raise ResponseRefused(_("Give the organisation's name, or choose to answer as yourself."))
    if len(name) > ORGANISATION_NAME_MAX_LENGTH:
        raise ResponseRefused(
            _("The organisation's name is too long: at most %(max)d characters.")
            % {"max": ORGANISATION_NAME_MAX_LENGTH}
        )
    if sector not in RespondentSector.values:
        raise ResponseRefused(_("Choose the organisation's sector."))
    return name, sector


def find_block(page, block_id, block_types):
    for block in page.body:
        if block.id == block_id and block.block_type in block_types:
            return block
    raise ResponseRefused(_("This part of the consultation no longer exists."), status=404)


def post_comment(
    page, user, block_id, body, stance="", parent_id=None, language=None, organisation_name="", respondent_sector=""
):
    _ensure_can_respond(page, user)
    block = find_block(page, block_id, COMMENTABLE_BLOCK_TYPES)
    organisation_name, respondent_sector = clean_respondent(organisation_name, respondent_sector)
    text = (body or "").strip()
    if not text:
        raise ResponseRefused(_("Write your comment before sending it."))
    if len(text) > settings.TAWASUL_COMMENT_MAX_LENGTH:
        raise ResponseRefused(
            _("Your comment is too long: at most %(max)d characters.") % {"max": settings.TAWASUL_COMMENT_MAX_LENGTH}
        )
    parent = None
    if parent_id:
        parent = Comment.objects.filter(
            pk=parent_id,
            translation_key=page.translation_key,
            block_id=block_id,
            parent__isnull=True,
            status=CommentStatus.APPROVED,
        ).first()
        if parent is None:
            raise ResponseRefused(_("The comment you are replying to is not available."))
    pre = block.value.get("moderation", ModerationMode.PRE) != ModerationMode.POST
    comment = Comment.objects.create(
        translation_key=page.translation_key,
        block_id=block_id,
        consultation=page,
        agency_key=page.agency.translation_key,
        parent=parent,
        author=user,
        language=language or get_language(),
        body=text,
        stance=stance or "",
        status=CommentStatus.PENDING if pre else CommentStatus.APPROVED,
        organisation_name=organisation_name,
        respondent_sector=respondent_sector,
    )
    from .notifications import notify_moderators

    transaction.on_commit(lambda: notify_moderators(comment))
    return comment


def cast_vote(page, user, block_id, option_ids, language=None, organisation_name="", respondent_sector=""):
    # The verified address both allows the vote and identifies the person (read once, with the national identity).
    address, subject = identity_of(user) if user.is_authenticated else (None, None)
    _ensure_can_respond(page, user, verified=address is not None)
    block = find_block(page, block_id, ("poll",))
    organisation_name, respondent_sector = clean_respondent(organisation_name, respondent_sector)
    valid = [child.id for child in block.value["options"].bound_blocks]
    chosen = list(dict.fromkeys(option_ids or []))
    if not chosen:
        raise ResponseRefused(_("Choose an answer before voting."))
    if any(option not in valid for option in chosen):
        raise ResponseRefused(_("That answer is not part of this poll."))
    if len(chosen) > 1 and not block.value["multiple"]:
        raise ResponseRefused(_("Choose only one answer."))
    poll = Ballot.objects.filter(translation_key=page.translation_key, block_id=block_id)
    # This account, or the same person through another account, perhaps one since deleted: the vote kept a
    # keyed hash of their verified e-mail address and national identity (participation.identity). One query;
    # the unique constraints below are what guarantee it.
    identity, subject = email_hash(address), subject_hash(NATIONAL_ID_PROVIDER, subject)
    earlier = Q(voter=user)
    if identity:
        earlier |= Q(identity_hash=identity)
    if subject:
        earlier |= Q(subject_hash=subject)
    voters = set(poll.filter(earlier).values_list("voter_id", flat=True)[:3])
    if user.pk in voters:
        raise ResponseRefused(_("You have already voted in this poll. Each person votes once."), status=409)
    if voters:
        raise ResponseRefused(_already_voted_as_person(), status=409)
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(
                translation_key=page.translation_key,
                block_id=block_id,
                voter=user,
                identity_hash=identity,
                subject_hash=subject,
                language=language or get_language(),
                organisation_name=organisation_name,
                respondent_sector=respondent_sector,
            )
            BallotChoice.objects.bulk_create([BallotChoice(ballot=ballot, option_id=option) for option in chosen])
    except IntegrityError as error:
        raise ResponseRefused(_("You have already voted in this poll. Each person votes once."), status=409) from error
    return ballot


class AnswersRefused(ResponseRefused):
    """Answers to a questionnaire with problems; `errors` is {question id: message} ("" for the whole form)."""

    def __init__(self, errors, answers=None):
        super().__init__(next(iter(errors.values())), status=400)
        self.errors = errors
        self.answers = answers or {}


def _already_answered_as_person():
    return _(
        "Answers from you are already counted in this questionnaire, perhaps from an account you deleted. "
        "Each person answers once, whatever the account."
    )


def submit_questionnaire(page, user, block_id, raw_answers, language=None, organisation_name="", respondent_sector=""):
    """Store `user`'s answers to the questionnaire `block_id`: the first time, or replacing their earlier
    answers (editable until the consultation closes). One submission per person is a database constraint;
    two requests at once by the same person leave one submission with one set of answers.

    `raw_answers`: {question id: {"options": [option ids], "text": "..."}}. Returns (submission, created)."""
    from .questionnaires import clean_answers, questions_of

    _ensure_can_respond(page, user)
    block = find_block(page, block_id, ("questionnaire",))
    organisation_name, respondent_sector = clean_respondent(organisation_name, respondent_sector)
    questions = questions_of(block.value)
    answers, errors = clean_answers(questions, raw_answers or {})
    if errors:
        raise AnswersRefused(errors, answers)
    questionnaire = QuestionnaireSubmission.objects.filter(translation_key=page.translation_key, block_id=block_id)
    values = {
        "consultation": page,
        "agency_key": page.agency.translation_key,
        "language": language or get_language(),
        "organisation_name": organisation_name,
        "respondent_sector": respondent_sector,
    }
    with transaction.atomic():
        submission = questionnaire.select_for_update().filter(respondent=user).first()
        created = submission is None
        if created:
            identity, subject = identity_hashes(user)
            same_person = Q(identity_hash=identity) if identity else Q(pk__in=[])
            if subject:
                same_person |= Q(subject_hash=subject)
            # (Their own submission, made a moment ago by a parallel request, is edited below instead.)
            if questionnaire.filter(same_person).exclude(respondent=user).exists():
                raise ResponseRefused(_already_answered_as_person(), status=409)
            try:
                with transaction.atomic():
                    submission = QuestionnaireSubmission.objects.create(
                        translation_key=page.translation_key,
                        block_id=block_id,
                        respondent=user,
                        identity_hash=identity,
                        subject_hash=subject,
                        **values,
                    )
            except IntegrityError:
                # The same person's other request created it a moment ago: this one edits it.
                submission = questionnaire.select_for_update().filter(respondent=user).first()
                if submission is None:
                    raise ResponseRefused(_already_answered_as_person(), status=409) from None
                created = False
        if not created:
            for name, value in values.items():
                setattr(submission, name, value)
            submission.save()
            submission.answers.all().delete()
        rows = []
        for question_id, answer in answers.items():
            options = answer["options"] or [""]
            for option_id in options:
                text = answer["text"] if option_id in ("", "other") else ""
                rows.append(
                    QuestionnaireAnswer(submission=submission, question_id=question_id, option_id=option_id, text=text)
                )
        QuestionnaireAnswer.objects.bulk_create(rows)
    from .questionnaires import answers_changed

    answers_changed(page.translation_key)
    return submission, created


def report_comment(comment, user):
    if not user.is_authenticated:
        raise ResponseRefused(_("Sign in to report a comment."), status=403)
    if comment.status != CommentStatus.APPROVED:
        raise ResponseRefused(_("This comment is not published."), status=404)
    if comment.author_id == user.pk:
        raise ResponseRefused(_("You cannot report your own comment."))
    if comment.is_official:
        raise ResponseRefused(
            _("Official replies cannot be reported. To disagree, reply to the consultation or contact the agency."),
            status=403,
        )
    try:
        with transaction.atomic():
            CommentReport.objects.create(comment=comment, reporter=user)
    except IntegrityError:
        return False
    reports = comment.reports.all()
    if comment.moderated_at:  # a moderator decided since earlier reports: count anew
        reports = reports.filter(created_at__gt=comment.moderated_at)
    if reports.count() >= settings.TAWASUL_REPORTS_TO_HIDE:
        Comment.objects.filter(pk=comment.pk, status=CommentStatus.APPROVED).update(
            status=CommentStatus.HIDDEN, moderation_reason=ModerationReason.REPORTED, moderated_at=timezone.now()
        )
    return True


# Reading -----------------------------------------------------------------


@dataclass
class PollResult:
    options: list  # (option id, label, votes, percent)
    voters: int
    my_choices: set = field(default_factory=set)
    show: bool = False


def poll_results(page, user, now=None):
    """Tallies for every poll on the page: two queries, whatever the number of votes."""
    from .blocks import ResultsVisibility

    polls = [block for block in page.body if block.block_type == "poll"]
    if not polls:
        return {}
    ids = [block.id for block in polls]
    counts = {}
    for row in (
        BallotChoice.objects.filter(ballot__translation_key=page.translation_key, ballot__block_id__in=ids)
        .values("ballot__block_id", "option_id")
        .annotate(n=Count("id"))
    ):
        counts[(row["ballot__block_id"], row["option_id"])] = row["n"]
    voters = dict(
        Ballot.objects.filter(translation_key=page.translation_key, block_id__in=ids)
        .values_list("block_id")
        .annotate(n=Count("id"))
    )
    mine = {}
    if user.is_authenticated:
        for block_id, option_id in BallotChoice.objects.filter(
            ballot__translation_key=page.translation_key, ballot__block_id__in=ids, ballot__voter=user
        ).values_list("ballot__block_id", "option_id"):
            mine.setdefault(block_id, set()).add(option_id)
    closed = page.status_at(now or timezone.now()) in (ConsultationStatus.CLOSED, ConsultationStatus.CONCLUDED)
    results = {}
    for block in polls:
        total = voters.get(block.id, 0)
        options = []
        for child in block.value["options"].bound_blocks:
            votes = counts.get((block.id, child.id), 0)
            options.append((child.id, child.value["label"], votes, round(100 * votes / total) if total else 0))
        visibility = block.value["show_results"]
        show = (
            visibility == ResultsVisibility.ALWAYS
            or closed
            or (visibility == ResultsVisibility.AFTER_VOTING and block.id in mine)
        )
        results[block.id] = PollResult(options=options, voters=total, my_choices=mine.get(block.id, set()), show=show)
    return results
