"""The demo proposals: every state, a small threshold, one turned into a consultation; safe to run twice."""

from collections import Counter
from types import SimpleNamespace

import pytest
from django.db.models import Count

from pages.demo_responses import PARTICIPANTS
from proposals import demo
from proposals.models import Answer, Proposal, ProposalState
from tests.factories import ConsultationPageFactory, add_page
from tests.participation.conftest import make_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_namespace(site_tree, users):
    for name in ["citizen-demo"] + [spec["username"] for spec in PARTICIPANTS]:
        make_citizen(name)
    consultation = add_page(site_tree.agency_b, ConsultationPageFactory(slug="draft-e-participation-law"))
    return SimpleNamespace(
        agencies={"modee": site_tree.agency_a, "lob": site_tree.agency_b, "moh": site_tree.agency_b},
        topics={},
        consultations=[(consultation, None)],
        counts=Counter(),
        log=lambda message: None,
    )


def test_demo_has_every_state_and_is_idempotent(demo_namespace):
    demo.seed(demo_namespace)
    first = list(Proposal.objects.order_by("pk").values_list("pk", "state", "supporters_count"))
    demo.seed(demo_namespace)
    assert list(Proposal.objects.order_by("pk").values_list("pk", "state", "supporters_count")) == first
    assert {state for _pk, state, _n in first} == set(ProposalState.values)
    for proposal in Proposal.objects.annotate(n=Count("supports")):
        assert proposal.supporters_count == proposal.n
    turned = Proposal.objects.get(answer=Answer.CONSULTATION)
    assert turned.answer_consultation.slug == "draft-e-participation-law"
    assert turned.supporters_count >= turned.threshold == demo.DEMO_THRESHOLD
    assert Proposal.objects.overdue().exists()
    assert Proposal.objects.filter(agency__isnull=True, state=ProposalState.SUBMITTED).exists()
    assert {p.language for p in Proposal.objects.all()} == {"ar", "en"}
