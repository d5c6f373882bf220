"""One vote per person holds under parallel submissions: the database constraint decides."""

import threading

import pytest
from django.db import connection, connections

from participation.models import Ballot, BallotChoice
from participation.services import ResponseRefused, cast_vote

from .conftest import make_citizen

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency is tested on PostgreSQL (set DATABASE_URL; CI does); SQLite serialises writers",
    ),
]

PARALLEL = 32


def run_in_parallel(work):
    barrier = threading.Barrier(PARALLEL)
    outcomes = []
    lock = threading.Lock()

    def worker(index):
        try:
            barrier.wait()
            work(index)
            result = "ok"
        except ResponseRefused as refusal:
            result = refusal.status
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(PARALLEL)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_parallel_votes_by_one_person_leave_exactly_one(consultation, poll_options):
    voter = make_citizen("eager")
    outcomes = run_in_parallel(lambda i: cast_vote(consultation, voter, "poll-1", [poll_options[i % 2]]))
    assert outcomes.count("ok") == 1
    assert outcomes.count(409) == PARALLEL - 1
    assert Ballot.objects.filter(voter=voter).count() == 1
    assert BallotChoice.objects.filter(ballot__voter=voter).count() == 1


def test_parallel_votes_by_different_people_are_all_counted(consultation, poll_options):
    voters = [make_citizen(f"voter{i}") for i in range(PARALLEL)]
    outcomes = run_in_parallel(lambda i: cast_vote(consultation, voters[i], "poll-1", [poll_options[0]]))
    assert outcomes == ["ok"] * PARALLEL
    assert Ballot.objects.filter(translation_key=consultation.translation_key).count() == PARALLEL
    assert BallotChoice.objects.filter(option_id=poll_options[0]).count() == PARALLEL
