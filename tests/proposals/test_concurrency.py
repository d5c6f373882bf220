"""256 supports arriving together are all counted, exactly; one person's parallel supports count once."""

import threading

import pytest
from django.db import connection, connections

from participation.services import ResponseRefused
from proposals import services
from proposals.models import Proposal, ProposalRules, ProposalState, Support
from tests.participation.conftest import make_citizen

from .conftest import submit

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency is tested on PostgreSQL (set DATABASE_URL; CI does); SQLite serialises writers",
    ),
]

SUPPORTS = 256
# Connections are shared with other sessions on the machine (max_connections 100): 256 supports are sent by
# 32 threads, each with its own connection, all released by one barrier; each thread sends 8 in a row.
THREADS = 32


def run_together(people, work):
    barrier = threading.Barrier(THREADS)
    outcomes = []
    lock = threading.Lock()

    def worker(index):
        try:
            barrier.wait()
            for person in people[index::THREADS]:
                try:
                    work(person)
                    result = "ok"
                except ResponseRefused as refusal:
                    result = refusal.status
                with lock:
                    outcomes.append(result)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    return outcomes


@pytest.fixture
def collecting(site_tree, staff):
    rules = ProposalRules.load()
    rules.default_threshold = 1000
    rules.save()
    return services.publish(submit(make_citizen("author"), site_tree.agency_a), staff.moderator_a)


def test_256_concurrent_supports_are_counted_exactly(collecting):
    people = [make_citizen(f"c{i}") for i in range(SUPPORTS)]
    outcomes = run_together(people, lambda person: services.support(collecting, person))
    assert outcomes == ["ok"] * SUPPORTS
    proposal = Proposal.objects.get(pk=collecting.pk)
    assert proposal.supporters_count == SUPPORTS == Support.objects.filter(proposal=proposal).count()


def test_the_threshold_is_crossed_once_and_no_support_is_counted_after_it(collecting):
    Proposal.objects.filter(pk=collecting.pk).update(threshold=100)
    collecting.refresh_from_db()
    people = [make_citizen(f"t{i}") for i in range(128)]
    outcomes = run_together(people, lambda person: services.support(collecting, person))
    proposal = Proposal.objects.get(pk=collecting.pk)
    assert proposal.state == ProposalState.THRESHOLD_REACHED
    assert outcomes.count("ok") == 100 == proposal.supporters_count == Support.objects.filter(proposal=proposal).count()
    assert outcomes.count(409) == 28


def test_one_person_supporting_in_parallel_counts_once(collecting):
    person = make_citizen("eager")
    outcomes = run_together([person] * THREADS, lambda who: services.support(collecting, who))
    assert outcomes.count("ok") == 1 and outcomes.count(409) == THREADS - 1
    assert Proposal.objects.get(pk=collecting.pk).supporters_count == 1
