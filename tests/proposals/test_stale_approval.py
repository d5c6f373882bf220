"""A reviewer approves the text they read: when an editor rewrites the drafted answer (either language) or the
implementation update after the reviewer opened it, the approval is refused, nothing is published, and the page
shows the new text to read again."""

import pytest
from django.test import Client

from proposals import services
from proposals.models import Proposal, ProposalState

from .conftest import ADMIN_INDEX, answer_version, answered, published, reach_threshold, version_on_page
from .test_admin import client_for

pytestmark = pytest.mark.django_db

CHANGED = "The text changed since you opened it: read it again."
CHANGED_AR = "تغيّر النص منذ أن فتحته: اقرأه مرة أخرى."  # the admin speaks Arabic to Arabic staff
FIRST_EN = "The ministry accepted the proposal."
SECOND_EN = "The ministry rejected the proposal after all."


def public_page(proposal, language="ar"):
    return Client().get(f"/{language}/proposals/{proposal.pk}/").content.decode()


def draft(editor, proposal, text_en, text="قبلت الوزارة المقترح."):
    response = editor.post(
        f"{ADMIN_INDEX}{proposal.pk}/answer/", {"answer": "accepted", "answer_text": text, "answer_text_en": text_en}
    )
    assert response.status_code == 302


def test_an_answer_rewritten_after_the_reviewer_opened_it_is_not_approved_unseen(site_tree, citizen, staff):
    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    editor, reviewer = client_for(staff.editor_a), client_for(staff.reviewer)
    draft(editor, proposal, FIRST_EN)
    seen = version_on_page(reviewer, proposal, "approve")
    draft(editor, proposal, SECOND_EN)  # only the English text changes

    response = reviewer.post(f"{ADMIN_INDEX}{proposal.pk}/approve/", {"version": seen})
    assert response.status_code == 400
    html = response.content.decode()
    assert (CHANGED in html or CHANGED_AR in html) and SECOND_EN in html
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.THRESHOLD_REACHED
    assert SECOND_EN not in public_page(proposal, "en")
    # Without a version, or with a made-up one, nothing is published either.
    assert reviewer.post(f"{ADMIN_INDEX}{proposal.pk}/approve/").status_code == 400
    assert reviewer.post(f"{ADMIN_INDEX}{proposal.pk}/approve/", {"version": "0" * 32}).status_code == 400
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.THRESHOLD_REACHED

    # Read again: the new version is approved.
    again = version_on_page(reviewer, proposal, "approve")
    assert again != seen
    assert reviewer.post(f"{ADMIN_INDEX}{proposal.pk}/approve/", {"version": again}).status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.ANSWERED
    assert SECOND_EN in public_page(proposal, "en")


def test_the_service_refuses_an_old_version_of_the_answer(site_tree, citizen, staff):
    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    services.draft_answer(proposal, staff.editor_a, "accepted", "نص أول")
    seen = answer_version(proposal)
    services.draft_answer(proposal, staff.editor_a, "accepted", "نص أول", text_en="Added in English.")
    with pytest.raises(services.ProposalRefused) as refusal:
        services.approve_answer(proposal, staff.reviewer, version=seen)
    assert refusal.value.message in (CHANGED, CHANGED_AR)
    assert Proposal.objects.get(pk=proposal.pk).state == ProposalState.THRESHOLD_REACHED


def test_an_update_rewritten_after_the_reviewer_opened_it_is_not_approved_unseen(site_tree, citizen, staff):
    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    accepted = answered(proposal, staff.editor_a, staff.reviewer)
    editor, reviewer = client_for(staff.editor_a), client_for(staff.reviewer)
    assert editor.post(f"{ADMIN_INDEX}{accepted.pk}/update/", {"text": "بدأ التنفيذ في ثلاث مدارس."}).status_code == 302
    seen = version_on_page(reviewer, accepted, "approve_update")
    assert (
        editor.post(f"{ADMIN_INDEX}{accepted.pk}/update/", {"text": "اكتمل التنفيذ في كل المدارس."}).status_code == 302
    )

    response = reviewer.post(f"{ADMIN_INDEX}{accepted.pk}/approve_update/", {"version": seen})
    assert response.status_code == 400
    assert (
        CHANGED in response.content.decode() or CHANGED_AR in response.content.decode()
    ) and "اكتمل التنفيذ في كل المدارس." in response.content.decode()
    fresh = Proposal.objects.get(pk=accepted.pk)
    assert fresh.state == ProposalState.ANSWERED and not fresh.implementation_update and fresh.update_pending_approval
    assert "اكتمل التنفيذ" not in public_page(accepted)

    again = version_on_page(reviewer, accepted, "approve_update")
    assert reviewer.post(f"{ADMIN_INDEX}{accepted.pk}/approve_update/", {"version": again}).status_code == 302
    assert Proposal.objects.get(pk=accepted.pk).state == ProposalState.IMPLEMENTED
    assert "اكتمل التنفيذ في كل المدارس." in public_page(accepted)
