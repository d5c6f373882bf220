"""Fixtures for proposals: two agencies with their moderators and editors, citizens, and proposals in every state."""

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from proposals import services
from proposals.models import Proposal, ProposalRules, ProposalState
from tests.factories import UserFactory
from tests.participation.conftest import make_citizen

ADMIN_INDEX = "/admin/proposals/"


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def small_threshold(db):
    rules = ProposalRules.load()
    rules.default_threshold = 3
    rules.save()
    return rules


@pytest.fixture
def citizen(db):
    return make_citizen("layla", display_name="ليلى من إربد")


@pytest.fixture
def citizen_client(citizen):
    client = Client()
    client.force_login(citizen)
    return client


@pytest.fixture
def staff(site_tree, users):
    """Each agency's moderator and editor, and two reviewers."""
    from types import SimpleNamespace

    return SimpleNamespace(
        moderator_a=UserFactory(username="moderator_a", groups=[site_tree.agency_a.moderators_group]),
        moderator_b=UserFactory(username="moderator_b", groups=[site_tree.agency_b.moderators_group]),
        editor_a=users.editor,
        editor_b=users.editor2,
        reviewer=users.reviewer,
        reviewer2=users.reviewer2,
    )


def submit(author, agency, title="تحسين النقل العام في إربد", **fields):
    values = {
        "problem": "الحافلات لا تلتزم بمواعيد ثابتة.",
        "solution": "نشر جداول المواعيد وتتبع الحافلات إلكترونياً.",
        "beneficiaries": "الطلاب والموظفون في إربد.",
        "language": "ar",
    }
    values.update(fields)
    return services.submit_proposal(author, title=title, agency=agency, **values)


def published(author, agency, moderator, **fields):
    return services.publish(submit(author, agency, **fields), moderator)


def supporters(count, prefix="supporter"):
    return [make_citizen(f"{prefix}{i}") for i in range(count)]


def reach_threshold(proposal, people=None):
    for person in people or supporters(proposal.threshold - proposal.supporters_count, prefix=f"p{proposal.pk}s"):
        services.support(proposal, person)
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.THRESHOLD_REACHED
    return proposal


def answered(proposal, editor, reviewer, answer="accepted", text="قبلت الوزارة المقترح وستنفذه خلال العام."):
    services.draft_answer(proposal, editor, answer, text)
    return services.approve_answer(proposal, reviewer, version=answer_version(proposal))


def make_overdue(proposal):
    Proposal.objects.filter(pk=proposal.pk).update(answer_due_at=timezone.now() - timedelta(days=1))
    proposal.refresh_from_db()
    return proposal


def answer_version(proposal):
    """The version of the drafted answer as a reviewer opening it now reads it."""
    return services.answer_version(Proposal.objects.get(pk=proposal.pk))


def update_version(proposal):
    return services.update_version(Proposal.objects.get(pk=proposal.pk))


def version_on_page(client, proposal, action):
    """The hidden version carried by the approve form (`action`: approve or approve_update) on the admin page."""
    html = client.get(f"{ADMIN_INDEX}{proposal.pk}/").content.decode()
    form = re.search(rf"/{action}/\">.*?name=\"version\" value=\"([0-9a-f]+)\"", html, re.S)
    assert form, f"no {action} form with a version"
    return form.group(1)
