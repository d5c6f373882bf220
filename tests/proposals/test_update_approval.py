"""The implementation update goes through the same second-person approval as the answer."""

import pytest
from django.test import Client

from proposals import services
from proposals.models import Proposal, ProposalState

from .conftest import ADMIN_INDEX, answered, published, reach_threshold, update_version, version_on_page
from .test_admin import client_for, refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def accepted(site_tree, citizen, staff):
    proposal = reach_threshold(published(citizen, site_tree.agency_a, staff.moderator_a))
    return answered(proposal, staff.editor_a, staff.reviewer)


def public_page(proposal):
    return Client().get(f"/ar/proposals/{proposal.pk}/").content.decode()


def test_the_update_is_public_only_once_another_person_approves_it(accepted, staff):
    editor = client_for(staff.editor_a)
    response = editor.post(f"{ADMIN_INDEX}{accepted.pk}/update/", {"text": "بدأ التنفيذ في ثلاث مدارس."})
    assert response.status_code == 302
    accepted.refresh_from_db()
    assert accepted.state == ProposalState.ANSWERED and accepted.update_pending_approval
    assert "بدأ التنفيذ في ثلاث مدارس." not in public_page(accepted)
    assert refused(editor.post(f"{ADMIN_INDEX}{accepted.pk}/approve_update/"))
    reviewer = client_for(staff.reviewer)
    html = reviewer.get(f"{ADMIN_INDEX}{accepted.pk}/").content.decode()
    assert "/approve_update/" in html and "بدأ التنفيذ في ثلاث مدارس." in html
    version = version_on_page(reviewer, accepted, "approve_update")
    assert reviewer.post(f"{ADMIN_INDEX}{accepted.pk}/approve_update/", {"version": version}).status_code == 302
    accepted.refresh_from_db()
    assert accepted.state == ProposalState.IMPLEMENTED and accepted.update_approved_by == staff.reviewer
    assert not accepted.update_pending_approval
    assert "بدأ التنفيذ في ثلاث مدارس." in public_page(accepted)


def test_a_new_update_waits_while_the_published_one_stays(accepted, staff):
    services.draft_implementation_update(accepted, staff.editor_a, "المرحلة الأولى انتهت.")
    services.approve_implementation_update(accepted, staff.reviewer, version=update_version(accepted))
    services.draft_implementation_update(accepted, staff.editor_a, "المرحلة الثانية بدأت.")
    html = public_page(accepted)
    assert "المرحلة الأولى انتهت." in html and "المرحلة الثانية بدأت." not in html
    services.send_back_implementation_update(accepted, staff.reviewer2, "أضيفوا الأرقام.")
    accepted.refresh_from_db()
    assert not accepted.update_pending_approval and accepted.implementation_update == "المرحلة الأولى انتهت."
    with pytest.raises(services.ProposalRefused):
        services.approve_implementation_update(accepted, staff.reviewer, version=update_version(accepted))


def test_nobody_approves_their_own_update(accepted, staff):
    Proposal.objects.filter(pk=accepted.pk).update(
        update_draft="كتبه المراجع نفسه.", update_drafted_by=staff.reviewer, update_drafted_at=accepted.answered_at
    )
    accepted.refresh_from_db()
    with pytest.raises(services.ProposalRefused):
        services.approve_implementation_update(accepted, staff.reviewer, version=update_version(accepted))
    html = client_for(staff.reviewer).get(f"{ADMIN_INDEX}{accepted.pk}/").content.decode()
    assert "/approve_update/" not in html
    services.approve_implementation_update(accepted, staff.reviewer2, version=update_version(accepted))
    accepted.refresh_from_db()
    assert accepted.implementation_update == "كتبه المراجع نفسه."


def test_the_queue_and_dashboard_show_updates_waiting(accepted, staff):
    services.draft_implementation_update(accepted, staff.editor_a, "تحديث ينتظر.")
    reviewer = client_for(staff.reviewer)
    assert accepted.title in reviewer.get(f"{ADMIN_INDEX}?state=update_pending").content.decode()
    assert "?state=update_pending" in reviewer.get("/admin/").content.decode()
