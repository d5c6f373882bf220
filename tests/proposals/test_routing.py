"""Routing a collecting proposal gives it the new entity's threshold, keeps the support gathered, and says so."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from proposals import services
from proposals.models import AgencyThreshold, Proposal, ProposalState
from tests.participation.conftest import make_citizen

from .conftest import published

pytestmark = pytest.mark.django_db


def with_supporters(proposal, count):
    for number in range(count):
        services.support(proposal, make_citizen(f"r{proposal.pk}s{number}"))
    proposal.refresh_from_db()
    return proposal


def test_routing_takes_the_new_entitys_threshold_and_keeps_support(site_tree, citizen, staff):
    AgencyThreshold.objects.create(agency_key=site_tree.agency_b.translation_key, threshold=5)
    proposal = with_supporters(published(citizen, None, staff.reviewer), 2)
    ends = proposal.collection_ends_at
    assert proposal.threshold == 3
    routed = services.route(proposal, staff.reviewer, site_tree.agency_b)
    assert (routed.threshold, routed.supporters_count, routed.state) == (5, 2, ProposalState.PUBLISHED)
    assert routed.threshold_before_routing == 3 and routed.collection_ends_at == ends
    html = Client().get(f"/en/proposals/{proposal.pk}/").content.decode()
    assert "2 supporters of the 5 needed for an answer" in html
    assert "whose rule is 5 supporters (it was 3 before). Every support given before still counts" in html


def test_support_already_gathered_can_reach_the_new_threshold_at_once(
    site_tree, citizen, staff, django_capture_on_commit_callbacks
):
    AgencyThreshold.objects.create(agency_key=site_tree.agency_a.translation_key, threshold=2)
    proposal = with_supporters(published(citizen, None, staff.reviewer), 2)
    before = timezone.now()
    with django_capture_on_commit_callbacks(execute=True):
        routed = services.route(proposal, staff.reviewer, site_tree.agency_a)
    assert routed.state == ProposalState.THRESHOLD_REACHED and routed.threshold == 2
    assert routed.threshold_reached_at >= before and routed.answer_due_at > routed.threshold_reached_at


def test_a_proposal_whose_collection_ended_keeps_its_threshold(site_tree, citizen, staff):
    AgencyThreshold.objects.create(agency_key=site_tree.agency_a.translation_key, threshold=1)
    proposal = with_supporters(published(citizen, None, staff.reviewer), 2)
    Proposal.objects.filter(pk=proposal.pk).update(collection_ends_at=timezone.now() - timedelta(days=1))
    routed = services.route(proposal, staff.reviewer, site_tree.agency_a)
    assert (routed.threshold, routed.state, routed.routed_at) == (3, ProposalState.PUBLISHED, None)


def test_the_route_form_explains_the_rule(site_tree, citizen, staff):
    proposal = published(citizen, None, staff.reviewer)
    client = Client()
    client.force_login(staff.reviewer2)
    html = client.get(f"/admin/proposals/{proposal.pk}/").content.decode()
    assert "Every support already given still counts" in html or "يبقى كل دعم سابق" in html
