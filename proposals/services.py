"""The rules of proposals, enforced on the server whatever a form says.

Views (public and admin) call these functions; tests call them directly too. A refusal to a citizen is a
`participation.services.ResponseRefused`, a refusal to staff a `ProposalRefused`; both carry a message in the
active language. Who may act on what is decided here, from the stored row, never from the form:

- moderating (publish or reject): the moderators of the proposal's entity, and ministry reviewers; a proposal
  sent to the portal (no entity) is moderated by reviewers only;
- routing a proposal to an entity: ministry reviewers;
- drafting the answer and the implementation update: the editors of the proposal's entity (and reviewers);
- approving the answer (which publishes it): a ministry reviewer who did not draft it (four eyes).

Every staff decision is written to Wagtail's log with who, when and the entity (`data["agency"]`, which keeps
the site history scoped per agency, pages.scope).
"""

import hashlib
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from pages.roles import agency_keys_for, is_reviewer
from participation.identity import identity_hashes
from participation.services import ResponseRefused, clean_respondent, user_is_verified

from .models import (
    REJECTION_REASONS,
    TEXT_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Answer,
    Proposal,
    ProposalAttachment,
    ProposalRules,
    ProposalState,
    Support,
    threshold_for,
)

LOG_SUBMIT = "tawasul.proposal.submit"
LOG_PUBLISH = "tawasul.proposal.publish"
LOG_REJECT = "tawasul.proposal.reject"
LOG_ROUTE = "tawasul.proposal.route"
LOG_THRESHOLD = "tawasul.proposal.threshold"
LOG_ANSWER_DRAFT = "tawasul.proposal.answer_draft"
LOG_ANSWER_APPROVE = "tawasul.proposal.answer_approve"
LOG_ANSWER_SEND_BACK = "tawasul.proposal.answer_send_back"
LOG_IMPLEMENTATION = "tawasul.proposal.implementation"
LOG_IMPLEMENTATION_DRAFT = "tawasul.proposal.implementation_draft"
LOG_IMPLEMENTATION_SEND_BACK = "tawasul.proposal.implementation_send_back"


class ProposalRefused(Exception):
    """A staff action the rules do not allow; `message` is shown to the person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _log(proposal, action, user, **data):
    log(
        instance=proposal,
        action=action,
        user=user,
        # The log keeps an id, not the citizen's words (they may hold personal data).
        title=f"Proposal #{proposal.pk}",
        data={
            "proposal": proposal.pk,
            "agency": str(proposal.agency.translation_key) if proposal.agency_id else "",
            **data,
        },
    )


def _after_commit(proposal_pk, event):
    from .notifications import queue_proposal_notices

    transaction.on_commit(lambda: queue_proposal_notices.enqueue(proposal_pk, event))


def _bump_public_pages():
    from pages.cache import bump

    from .views import CACHE_DEPENDENCY

    transaction.on_commit(lambda: bump(CACHE_DEPENDENCY))


# Scope ----------------------------------------------------------------------------------------


def proposals_for(user, role="moderators"):
    """Every proposal `user` may see in the admin in `role` ("moderators" or "editors")."""
    keys = agency_keys_for(user, role)
    if keys is None:
        return Proposal.objects.all()
    return Proposal.objects.filter(agency__translation_key__in=keys)


def proposals_in_admin_scope(user):
    """What a staff member sees in the proposals queue: as moderator or as editor of their agencies."""
    moderators = agency_keys_for(user, "moderators")
    editors = agency_keys_for(user, "editors")
    if moderators is None or editors is None:
        return Proposal.objects.all()
    return Proposal.objects.filter(agency__translation_key__in=set(moderators) | set(editors))


def _in_role(user, proposal, role):
    keys = agency_keys_for(user, role)
    if keys is None:
        return True
    return proposal.agency_id is not None and proposal.agency.translation_key in keys


def can_moderate(user, proposal):
    return _in_role(user, proposal, "moderators")


def can_route(user):
    return is_reviewer(user)


def can_draft_answer(user, proposal):
    return proposal.agency_id is not None and _in_role(user, proposal, "editors")


def can_approve_answer(user, proposal):
    return is_reviewer(user) and proposal.answer_drafted_by_id != user.pk


def can_approve_update(user, proposal):
    return is_reviewer(user) and proposal.update_drafted_by_id != user.pk


# Citizens -------------------------------------------------------------------------------------


def _ensure_verified(user):
    if not user.is_authenticated:
        raise ResponseRefused(_("Sign in to take part."), status=403)
    if not user_is_verified(user):
        raise ResponseRefused(
            _("Confirm your e-mail address before taking part. We sent you a link when you signed up."), status=403
        )


def _clean_text(value, label, max_length):
    text = (value or "").strip()
    if not text:
        raise ResponseRefused(_("Fill in “%(field)s”.") % {"field": label})
    if len(text) > max_length:
        raise ResponseRefused(
            _("“%(field)s” is too long: at most %(max)d characters.") % {"field": label, "max": max_length}
        )
    return text


def submit_proposal(
    user,
    *,
    title,
    problem,
    solution,
    beneficiaries,
    language,
    agency=None,
    governorate="",
    topic=None,
    organisation_name="",
    respondent_sector="",
    attachments=(),
):
    """A verified citizen's new proposal, waiting for moderation; as themselves, or on behalf of an organisation
    (its name and sector, shown with the proposal, as on comments and votes), with optional documents and images
    (proposals.attachments: every file is checked before anything is stored)."""
    from .attachments import clean_uploads

    _ensure_verified(user)
    organisation_name, respondent_sector = clean_respondent(organisation_name, respondent_sector)
    files = clean_uploads(attachments)
    if agency is not None and not (agency.live and agency.get_view_restrictions().count() == 0):
        raise ResponseRefused(_("Choose a government entity from the list."))
    saved = []
    try:
        with transaction.atomic():
            proposal = _create_proposal(
                user,
                title,
                problem,
                solution,
                beneficiaries,
                language,
                agency,
                governorate,
                topic,
                organisation_name,
                respondent_sector,
            )
            for clean in files:
                attachment = ProposalAttachment(
                    proposal=proposal,
                    name=clean.name,
                    kind=clean.kind,
                    content_type=clean.content_type,
                    size=len(clean.content),
                )
                attachment.file.save(f"file{clean.extension}", ContentFile(clean.content), save=False)
                saved.append(attachment.file)
                attachment.save()
    except Exception:
        for stored in saved:  # no row points to them: do not keep them
            stored.storage.delete(stored.name)
        raise
    transaction.on_commit(lambda: _notify_moderators(proposal.pk))
    return proposal


def _create_proposal(
    user,
    title,
    problem,
    solution,
    beneficiaries,
    language,
    agency,
    governorate,
    topic,
    organisation_name,
    respondent_sector,
):
    return Proposal.objects.create(
        agency=agency,
        title=_clean_text(title, _("Title"), TITLE_MAX_LENGTH),
        problem=_clean_text(problem, _("The problem"), TEXT_MAX_LENGTH),
        solution=_clean_text(solution, _("The proposed solution"), TEXT_MAX_LENGTH),
        beneficiaries=_clean_text(beneficiaries, _("Who benefits"), 1000),
        governorate=governorate or "",
        topic=topic,
        language=language,
        author=user,
        organisation_name=organisation_name,
        respondent_sector=respondent_sector,
    )


def _notify_moderators(pk):
    from .notifications import notify_moderators

    notify_moderators.enqueue(pk)


def support(proposal, user, follow=True, language="ar", now=None, organisation_name="", respondent_sector=""):
    """Count `user`'s support, as themselves or on behalf of an organisation. Exact under concurrency: the row
    and the count change in one transaction, the count with an F() update, and the unique constraints refuse a
    second support by the same person (whoever they support for)."""
    _ensure_verified(user)
    organisation_name, respondent_sector = clean_respondent(organisation_name, respondent_sector)
    now = now or timezone.now()
    if not proposal.is_collecting(now):
        raise ResponseRefused(_("This proposal is not collecting support."), status=409)
    if proposal.author_id == user.pk:
        raise ResponseRefused(_("You wrote this proposal: your support is counted as its author."), status=409)
    supports = Support.objects.filter(proposal=proposal)
    if supports.filter(supporter=user).exists():
        raise ResponseRefused(_("You already support this proposal. Each person supports once."), status=409)
    identity, subject = identity_hashes(user)
    same_person = Q(identity_hash=identity) if identity else Q(pk__in=[])
    if subject:
        same_person |= Q(subject_hash=subject)
    if supports.filter(same_person).exists():
        raise ResponseRefused(
            _(
                "Your support is already counted for this proposal, perhaps from an account you deleted. "
                "Each person supports once, whatever the account."
            ),
            status=409,
        )
    try:
        with transaction.atomic():
            row = Support.objects.create(
                proposal=proposal,
                supporter=user,
                identity_hash=identity,
                subject_hash=subject,
                follow=follow,
                language=language,
                organisation_name=organisation_name,
                respondent_sector=respondent_sector,
            )
            # Only while still collecting: a support racing the end of the period or the threshold is refused.
            counted = Proposal.objects.filter(
                pk=proposal.pk, state=ProposalState.PUBLISHED, collection_ends_at__gt=now
            ).update(supporters_count=F("supporters_count") + 1)
            if not counted:
                raise ResponseRefused(_("This proposal is not collecting support."), status=409)
            _reach_threshold(proposal, now)
    except IntegrityError as error:
        raise ResponseRefused(_("You already support this proposal. Each person supports once."), status=409) from error
    _bump_public_pages()
    return row


def _reach_threshold(proposal, now):
    """Move the proposal to "threshold reached" once, by one conditional update; the answer deadline starts."""
    weeks = ProposalRules.load().answer_deadline_weeks
    reached = Proposal.objects.filter(
        pk=proposal.pk, state=ProposalState.PUBLISHED, supporters_count__gte=F("threshold")
    ).update(
        state=ProposalState.THRESHOLD_REACHED, threshold_reached_at=now, answer_due_at=now + timedelta(weeks=weeks)
    )
    if reached:
        proposal.refresh_from_db()
        _log(proposal, LOG_THRESHOLD, None, supporters=proposal.supporters_count, threshold=proposal.threshold)
        _after_commit(proposal.pk, "threshold_reached")
    return bool(reached)


def withdraw(proposal, user, now=None):
    """Take back one's support while the proposal is still collecting."""
    if not user.is_authenticated:
        raise ResponseRefused(_("Sign in to take part."), status=403)
    now = now or timezone.now()
    if not proposal.is_collecting(now):
        raise ResponseRefused(_("Support can only be withdrawn while the proposal is collecting."), status=409)
    with transaction.atomic():
        deleted, _rows = Support.objects.filter(proposal=proposal, supporter=user).delete()
        if not deleted:
            raise ResponseRefused(_("You do not support this proposal."), status=409)
        changed = Proposal.objects.filter(
            pk=proposal.pk, state=ProposalState.PUBLISHED, collection_ends_at__gt=now, supporters_count__gt=0
        ).update(supporters_count=F("supporters_count") - 1)
        if not changed:  # reached its threshold or closed meanwhile: the support stays (rolled back)
            raise ResponseRefused(_("Support can only be withdrawn while the proposal is collecting."), status=409)
    _bump_public_pages()
    return True


def similar_proposals(title, language=None, exclude=None, limit=5):
    """Public proposals that share most of the words of `title`, from the site search (search.query.similar:
    Arabic normalisation, English stemming), the most shared words first. Any language: a proposal is one copy."""
    from django.utils.translation import get_language

    from search.models import Kind
    from search.query import similar

    rows = similar(title or "", language or get_language(), types=[Kind.PROPOSAL], limit=limit + 1)
    ids = [row.object_id for row in rows if row.object_id != exclude][:limit]
    found = Proposal.objects.public().filter(pk__in=ids).select_related("agency").in_bulk()
    return [found[pk] for pk in ids if pk in found]


# Staff ----------------------------------------------------------------------------------------


def _locked(proposal):
    return Proposal.objects.select_for_update(of=("self",)).select_related("agency").get(pk=proposal.pk)


def publish(proposal, user, now=None):
    """A moderator's approval: the proposal is public and starts collecting, with the threshold of its entity."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(proposal)
        if not can_moderate(user, locked):
            raise PermissionDenied
        if locked.state != ProposalState.SUBMITTED:
            raise ProposalRefused(_("Only a proposal waiting for moderation can be published."))
        rules = ProposalRules.load()
        locked.state = ProposalState.PUBLISHED
        locked.moderated_by = user
        locked.moderated_at = locked.published_at = now
        locked.collection_ends_at = now + timedelta(days=rules.collection_days)
        locked.threshold = threshold_for(locked.agency)
        locked.moderation_reason = locked.moderation_note = ""
        locked.save()
        _log(locked, LOG_PUBLISH, user, threshold=locked.threshold)
        _after_commit(locked.pk, "published")
    _bump_public_pages()
    return locked


def reject(proposal, user, reason, note="", now=None):
    """A moderator's refusal, with a reason from the comments' list; the author sees both."""
    if reason not in dict(REJECTION_REASONS):
        raise ProposalRefused(_("Choose a reason from the list before rejecting a proposal."))
    note = (note or "").strip()
    if len(note) > 1000:
        raise ProposalRefused(_("The note to the author is too long: at most 1000 characters."))
    with transaction.atomic():
        locked = _locked(proposal)
        if not can_moderate(user, locked):
            raise PermissionDenied
        if locked.state != ProposalState.SUBMITTED:
            raise ProposalRefused(_("Only a proposal waiting for moderation can be rejected."))
        locked.state = ProposalState.REJECTED
        locked.moderation_reason = reason
        locked.moderation_note = note
        locked.moderated_by = user
        locked.moderated_at = now or timezone.now()
        locked.save()
        _log(locked, LOG_REJECT, user, reason=reason, note=note)
    return locked


def route(proposal, user, agency, now=None):
    """A reviewer sends a proposal addressed to the portal (or to the wrong entity) to `agency`.

    A proposal that collects support takes the new entity's threshold: that entity owes the answer, on its own
    rule. Every support already given still counts (it was given to the proposal, not to an entity), the
    collection period does not change, and if the support gathered already meets the new threshold, the
    threshold is reached now and the answer deadline starts today. Readers see the change on the proposal."""
    if not can_route(user):
        raise PermissionDenied
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(proposal)
        if locked.state not in (ProposalState.SUBMITTED, ProposalState.PUBLISHED):
            raise ProposalRefused(_("A proposal can be routed only before it reaches its threshold."))
        previous = str(locked.agency.translation_key) if locked.agency_id else ""
        previous_threshold = locked.threshold
        locked.agency = agency
        fields = ["agency"]
        collecting = locked.is_collecting(now)
        if collecting:
            new_threshold = threshold_for(agency)
            if new_threshold != locked.threshold:
                locked.threshold_before_routing = locked.threshold
                locked.threshold = new_threshold
                locked.routed_at = now
                fields += ["threshold", "threshold_before_routing", "routed_at"]
        locked.save(update_fields=fields)
        _log(
            locked,
            LOG_ROUTE,
            user,
            previous_agency=previous,
            previous_threshold=previous_threshold,
            threshold=locked.threshold,
        )
        if collecting:
            _reach_threshold(locked, now)
    _bump_public_pages()
    locked.refresh_from_db()
    return locked


def draft_answer(proposal, user, answer, text, consultation=None, now=None, text_en=""):
    """The entity's answer (in Arabic, and optionally in English: `text_en`), written by its editors and waiting
    for a ministry reviewer's approval. Both languages are approved and published together."""
    try:
        answer = Answer(answer)
    except ValueError as error:
        raise ProposalRefused(_("Choose an answer from the list.")) from error
    text = (text or "").strip()
    if not text:
        raise ProposalRefused(_("Give the reasons for the answer."))
    text_en = (text_en or "").strip()
    if len(text) > TEXT_MAX_LENGTH or len(text_en) > TEXT_MAX_LENGTH:
        raise ProposalRefused(_("The answer is too long: at most %(max)d characters.") % {"max": TEXT_MAX_LENGTH})
    if answer == Answer.CONSULTATION and consultation is None:
        raise ProposalRefused(_("Choose the consultation this proposal became."))
    with transaction.atomic():
        locked = _locked(proposal)
        if not can_draft_answer(user, locked):
            raise PermissionDenied
        if locked.state != ProposalState.THRESHOLD_REACHED:
            raise ProposalRefused(_("An answer is given once the proposal has reached its threshold."))
        locked.answer = answer
        locked.answer_text = text
        locked.answer_text_en = text_en
        locked.answer_consultation = consultation if answer == Answer.CONSULTATION else None
        locked.answer_drafted_by = user
        locked.answer_drafted_at = now or timezone.now()
        locked.save()
        _log(locked, LOG_ANSWER_DRAFT, user, answer=answer)
    return locked


def _version(*parts):
    return hashlib.sha256("\x1f".join("" if part is None else str(part) for part in parts).encode()).hexdigest()[:32]


def answer_version(proposal):
    """Names the drafted answer exactly as a reviewer reads it (both languages, the kind, the consultation, who
    wrote it and when): the approve form carries it, so that a text rewritten meanwhile is not approved unseen."""
    return _version(
        proposal.answer_drafted_at and proposal.answer_drafted_at.isoformat(),
        proposal.answer_drafted_by_id,
        proposal.answer,
        proposal.answer_text,
        proposal.answer_text_en,
        proposal.answer_consultation_id,
    )


def update_version(proposal):
    """Names the implementation update waiting for approval, like answer_version."""
    return _version(
        proposal.update_drafted_at and proposal.update_drafted_at.isoformat(),
        proposal.update_drafted_by_id,
        proposal.update_draft,
    )


def _text_changed():
    return ProposalRefused(_("The text changed since you opened it: read it again."))


def approve_answer(proposal, user, *, version, now=None):
    """A ministry reviewer who did not draft the answer approves it: it is published. `version` is the
    answer_version of the text the reviewer read; when the draft has changed since, nothing is published."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(proposal)
        if not is_reviewer(user):
            raise PermissionDenied
        if not locked.answer_pending_approval:
            raise ProposalRefused(_("There is no answer waiting for approval."))
        if locked.answer_drafted_by_id == user.pk:
            raise ProposalRefused(_("Someone other than the author of the answer must approve it."))
        if version != answer_version(locked):
            raise _text_changed()
        locked.state = ProposalState.ANSWERED
        locked.answer_approved_by = user
        locked.answered_at = now
        locked.save()
        _log(locked, LOG_ANSWER_APPROVE, user, answer=locked.answer, on_time=locked.answered_on_time())
        _after_commit(locked.pk, "answered")
    _bump_public_pages()
    return locked


def send_back_answer(proposal, user, comment=""):
    """A reviewer returns the drafted answer to the entity; it stays unpublished."""
    with transaction.atomic():
        locked = _locked(proposal)
        if not is_reviewer(user):
            raise PermissionDenied
        if not locked.answer_pending_approval:
            raise ProposalRefused(_("There is no answer waiting for approval."))
        locked.answer_drafted_at = None
        locked.save(update_fields=["answer_drafted_at"])
        _log(locked, LOG_ANSWER_SEND_BACK, user, comment=(comment or "").strip()[:1000])
    return locked


def _accepted_and_answered(locked):
    return locked.state in (ProposalState.ANSWERED, ProposalState.IMPLEMENTED) and locked.answer in (
        Answer.ACCEPTED,
        Answer.PARTLY_ACCEPTED,
    )


def draft_implementation_update(proposal, user, text, now=None):
    """What the entity did after accepting (in full or in part), written by its editors. Like the answer, it is
    published only when a ministry reviewer who did not write it approves it (four eyes)."""
    text = (text or "").strip()
    if not text:
        raise ProposalRefused(_("Write the update before submitting it."))
    if len(text) > TEXT_MAX_LENGTH:
        raise ProposalRefused(_("The update is too long: at most %(max)d characters.") % {"max": TEXT_MAX_LENGTH})
    with transaction.atomic():
        locked = _locked(proposal)
        if not can_draft_answer(user, locked):
            raise PermissionDenied
        if not _accepted_and_answered(locked):
            raise ProposalRefused(_("An implementation update follows an accepted proposal."))
        locked.update_draft = text
        locked.update_drafted_by = user
        locked.update_drafted_at = now or timezone.now()
        locked.save(update_fields=["update_draft", "update_drafted_by", "update_drafted_at"])
        _log(locked, LOG_IMPLEMENTATION_DRAFT, user)
    return locked


def approve_implementation_update(proposal, user, *, version, now=None):
    """A ministry reviewer who did not write the update approves it: it is published. `version` is the
    update_version of the text the reviewer read; when the draft has changed since, nothing is published."""
    now = now or timezone.now()
    with transaction.atomic():
        locked = _locked(proposal)
        if not is_reviewer(user):
            raise PermissionDenied
        if not locked.update_pending_approval:
            raise ProposalRefused(_("There is no implementation update waiting for approval."))
        if locked.update_drafted_by_id == user.pk:
            raise ProposalRefused(_("Someone other than the author of the update must approve it."))
        if version != update_version(locked):
            raise _text_changed()
        locked.state = ProposalState.IMPLEMENTED
        locked.implementation_update = locked.update_draft
        locked.implemented_at = now
        locked.update_approved_by = user
        locked.update_draft = ""
        locked.update_drafted_at = None
        locked.save()
        _log(locked, LOG_IMPLEMENTATION, user)
    _bump_public_pages()
    return locked


def send_back_implementation_update(proposal, user, comment=""):
    """A reviewer returns the update to the entity; the published one (if any) stays as it was."""
    with transaction.atomic():
        locked = _locked(proposal)
        if not is_reviewer(user):
            raise PermissionDenied
        if not locked.update_pending_approval:
            raise ProposalRefused(_("There is no implementation update waiting for approval."))
        locked.update_drafted_at = None
        locked.save(update_fields=["update_drafted_at"])
        _log(locked, LOG_IMPLEMENTATION_SEND_BACK, user, comment=(comment or "").strip()[:1000])
    return locked
