"""Proposals per state and per role: what each person may do, what is stored, and what is refused."""

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import translation
from wagtail.models import ModelLogEntry

from participation.services import ResponseRefused
from proposals import services
from proposals.models import AgencyThreshold, Proposal, ProposalState, Support
from tests.participation.conftest import make_citizen

from .conftest import (
    answer_version,
    answered,
    make_overdue,
    published,
    reach_threshold,
    submit,
    supporters,
    update_version,
)

pytestmark = pytest.mark.django_db


def test_a_verified_citizen_submits_and_it_waits_for_moderation(site_tree, citizen):
    proposal = submit(citizen, site_tree.agency_a)
    assert proposal.state == ProposalState.SUBMITTED
    assert proposal.author == citizen
    assert not Proposal.objects.public().exists()


def test_an_unverified_account_cannot_submit_or_support(site_tree, citizen, staff):
    unverified = make_citizen("new", verified=False)
    with pytest.raises(ResponseRefused):
        submit(unverified, site_tree.agency_a)
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    with pytest.raises(ResponseRefused):
        services.support(proposal, unverified)
    assert Support.objects.count() == 0


def test_the_agencys_moderator_publishes_with_the_agencys_threshold(site_tree, citizen, staff):
    AgencyThreshold.objects.create(agency_key=site_tree.agency_a.translation_key, threshold=7)
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    assert proposal.state == ProposalState.PUBLISHED
    assert proposal.threshold == 7
    assert proposal.is_collecting()
    assert 89 <= proposal.days_left() <= 90
    entry = ModelLogEntry.objects.get(action=services.LOG_PUBLISH)
    assert entry.user == staff.moderator_a
    assert entry.data["agency"] == str(site_tree.agency_a.translation_key)


def test_another_agencys_moderator_and_editors_cannot_moderate(site_tree, citizen, staff):
    proposal = submit(citizen, site_tree.agency_a)
    for outsider in (staff.moderator_b, staff.editor_a, staff.editor_b, citizen):
        with pytest.raises(PermissionDenied):
            services.publish(proposal, outsider)
        with pytest.raises(PermissionDenied):
            services.reject(proposal, outsider, "spam")
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.SUBMITTED


def test_rejection_needs_a_reason_from_the_comment_list(site_tree, citizen, staff):
    proposal = submit(citizen, site_tree.agency_a)
    with pytest.raises(services.ProposalRefused):
        services.reject(proposal, staff.moderator_a, "")
    with pytest.raises(services.ProposalRefused):
        services.reject(proposal, staff.moderator_a, "reported")  # set by the system for comments only
    services.reject(proposal, staff.moderator_a, "duplicate", "يوجد مقترح مماثل منشور.")
    proposal.refresh_from_db()
    assert (proposal.state, proposal.moderation_reason) == (ProposalState.REJECTED, "duplicate")


def test_portal_proposals_are_routed_by_reviewers_only(site_tree, citizen, staff):
    proposal = submit(citizen, None)
    for agency_staff in (staff.moderator_a, staff.editor_a):
        with pytest.raises(PermissionDenied):
            services.route(proposal, agency_staff, site_tree.agency_a)
        with pytest.raises(PermissionDenied):
            services.publish(proposal, agency_staff)  # nobody's agency yet: reviewers only
    services.route(proposal, staff.reviewer, site_tree.agency_b)
    proposal.refresh_from_db()
    assert proposal.agency == site_tree.agency_b
    with pytest.raises(PermissionDenied):
        services.publish(proposal, staff.moderator_a)
    services.publish(proposal, staff.moderator_b)


def test_one_support_per_person_and_withdrawal_while_collecting(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    fan = make_citizen("fan")
    services.support(proposal, fan)
    with pytest.raises(ResponseRefused) as refusal:
        services.support(proposal, fan)
    assert refusal.value.status == 409
    proposal.refresh_from_db()
    assert proposal.supporters_count == 1
    services.withdraw(proposal, fan)
    proposal.refresh_from_db()
    assert proposal.supporters_count == 0
    assert not Support.objects.filter(proposal=proposal).exists()
    with pytest.raises(ResponseRefused):
        services.withdraw(proposal, fan)


def test_the_author_does_not_support_their_own_proposal(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    with pytest.raises(ResponseRefused):
        services.support(proposal, citizen)


def test_a_deleted_and_recreated_account_cannot_support_twice(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    first = make_citizen("twice")
    services.support(proposal, first)
    email = first.email
    first.delete()
    again = make_citizen("twice-again")
    again.email = email.upper()
    again.save()
    again.emailaddress_set.update(email=email.upper())
    with pytest.raises(ResponseRefused) as refusal, translation.override("en"):
        services.support(proposal, again)
    assert "deleted" in refusal.value.message
    proposal.refresh_from_db()
    assert proposal.supporters_count == 1  # the deleted account's support still counts


def test_reaching_the_threshold_starts_the_answer_deadline_and_stops_collecting(site_tree, citizen, staff):
    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    people = supporters(3)
    reach_threshold(proposal, people)
    proposal.refresh_from_db()
    assert proposal.supporters_count == 3
    assert (proposal.answer_due_at - proposal.threshold_reached_at).days == 8 * 7
    assert ModelLogEntry.objects.filter(action=services.LOG_THRESHOLD).count() == 1
    with pytest.raises(ResponseRefused):
        services.support(proposal, make_citizen("late"))
    with pytest.raises(ResponseRefused):
        services.withdraw(proposal, people[0])
    assert Proposal.objects.get(pk=proposal.pk).supporters_count == 3


def test_a_proposal_whose_period_ended_takes_no_support(site_tree, citizen, staff):
    from datetime import timedelta

    from django.utils import timezone

    proposal = published(citizen, site_tree.agency_a, staff.moderator_a)
    Proposal.objects.filter(pk=proposal.pk).update(collection_ends_at=timezone.now() - timedelta(minutes=1))
    proposal.refresh_from_db()
    assert proposal.collection_ended()
    with pytest.raises(ResponseRefused):
        services.support(proposal, make_citizen("late"))


def test_the_agencys_editor_drafts_and_another_person_approves_the_answer(site_tree, citizen, staff):
    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    with pytest.raises(PermissionDenied):
        services.draft_answer(proposal, staff.editor_b, "accepted", "لا")
    with pytest.raises(PermissionDenied):
        services.draft_answer(proposal, staff.moderator_a, "accepted", "لا")
    services.draft_answer(proposal, staff.editor_a, "partly_accepted", "نقبل الجزء الأول من المقترح.")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.THRESHOLD_REACHED  # not public until approved
    assert proposal.answer_pending_approval
    for not_a_reviewer in (staff.editor_a, staff.moderator_a):
        with pytest.raises(PermissionDenied):
            services.approve_answer(proposal, not_a_reviewer, version=answer_version(proposal))
    services.approve_answer(proposal, staff.reviewer, version=answer_version(proposal))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ANSWERED
    assert proposal.answer_approved_by == staff.reviewer
    assert proposal.answered_on_time() is True
    entries = dict(
        ModelLogEntry.objects.filter(action__startswith="tawasul.proposal.answer").values_list("action", "user")
    )
    assert entries == {services.LOG_ANSWER_DRAFT: staff.editor_a.pk, services.LOG_ANSWER_APPROVE: staff.reviewer.pk}


def test_nobody_approves_an_answer_they_wrote(site_tree, citizen, staff):
    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    services.draft_answer(proposal, staff.reviewer, "not_accepted", "لا تتوفر الموارد اللازمة هذا العام.")
    with pytest.raises(services.ProposalRefused):
        services.approve_answer(proposal, staff.reviewer, version=answer_version(proposal))
    services.approve_answer(proposal, staff.reviewer2, version=answer_version(proposal))


def test_turned_into_a_consultation_needs_the_consultation(site_tree, citizen, staff):
    from tests.factories import ConsultationPageFactory, add_page

    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    with pytest.raises(services.ProposalRefused):
        services.draft_answer(proposal, staff.editor_a, "consultation", "نطرح الموضوع للتشاور.")
    consultation = add_page(site_tree.agency_a, ConsultationPageFactory(slug="from-proposal"))
    services.draft_answer(proposal, staff.editor_a, "consultation", "نطرح الموضوع للتشاور.", consultation)
    services.approve_answer(proposal, staff.reviewer, version=answer_version(proposal))
    proposal.refresh_from_db()
    assert proposal.answer_consultation == consultation


def test_send_back_keeps_the_answer_unpublished(site_tree, citizen, staff):
    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    services.draft_answer(proposal, staff.editor_a, "accepted", "نقبل.")
    services.send_back_answer(proposal, staff.reviewer, "أضيفوا الأسباب.")
    proposal.refresh_from_db()
    assert not proposal.answer_pending_approval
    with pytest.raises(services.ProposalRefused):
        services.approve_answer(proposal, staff.reviewer2, version=answer_version(proposal))


def test_implementation_update_follows_an_accepted_answer(site_tree, citizen, staff):
    proposal = answered(
        reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a)), staff.editor_a, staff.reviewer
    )
    with pytest.raises(PermissionDenied):
        services.draft_implementation_update(proposal, staff.editor_b, "تم.")
    services.draft_implementation_update(proposal, staff.editor_a, "بدأ التنفيذ في إربد.")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.ANSWERED and proposal.update_pending_approval
    services.approve_implementation_update(proposal, staff.reviewer, version=update_version(proposal))
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.IMPLEMENTED
    refused = answered(
        reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a, title="مقترح آخر")),
        staff.editor_a,
        staff.reviewer,
        answer="not_accepted",
    )
    with pytest.raises(services.ProposalRefused):
        services.draft_implementation_update(refused, staff.editor_a, "تم.")


def test_overdue_answers_are_found(site_tree, citizen, staff):
    proposal = make_overdue(reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a)))
    assert proposal.is_overdue()
    assert list(Proposal.objects.overdue()) == [proposal]
    answered(proposal, staff.editor_a, staff.reviewer)
    proposal.refresh_from_db()
    assert proposal.answered_on_time() is False
    assert not Proposal.objects.overdue().exists()


def test_database_constraints_hold_without_the_services(site_tree, citizen):
    from django.db import IntegrityError, transaction

    proposal = submit(citizen, site_tree.agency_a)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.REJECTED)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(state=ProposalState.ANSWERED)
    Support.objects.create(proposal=proposal, supporter=citizen, identity_hash="x")
    with pytest.raises(IntegrityError), transaction.atomic():
        Support.objects.create(proposal=proposal, supporter=None, identity_hash="x")


def test_the_answer_form_lists_each_consultation_once_in_the_admins_language(site_tree, citizen, staff):
    from django.utils import translation

    from proposals.admin_views import AnswerForm
    from tests.factories import ConsultationPageFactory, add_page, translate_page

    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    arabic = add_page(site_tree.agency_a, ConsultationPageFactory(slug="from-proposal", title="مشروع نظام النقل"))
    english = translate_page(arabic, title="Draft transport regulation")
    for language, shown, hidden in (("ar", arabic, english), ("en", english, arabic)):
        with translation.override(language):
            labels = [label for _value, label in AnswerForm(proposal=proposal).fields["consultation"].choices]
        assert shown.title in labels and hidden.title not in labels
    # A draft that named the other language's version keeps it, under its own name.
    with translation.override("ar"):
        form = AnswerForm(initial={"consultation": english.pk}, proposal=proposal)
    assert english.pk in [value for value, _label in form.fields["consultation"].choices]
