"""Editors answering the same campaign at once: every answer goes through (no error page, no deadlock) and
every copy ends with one disposition, the same for all of them (the last answer's)."""

import threading

import pytest
from django.db import connection, connections

from participation.campaigns import group_pending
from participation.models import CommentFingerprint
from tests.factories import UserFactory
from transparency.dispositions import record, record_many
from transparency.models import Decision, Disposition

from .conftest import add_comment
from .test_campaign_report import TEXT

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency is tested on PostgreSQL (set DATABASE_URL; CI does); SQLite serialises writers",
    ),
]

PARALLEL = 8
COPIES = 12


def run_in_parallel(work):
    barrier = threading.Barrier(PARALLEL)
    outcomes = []
    lock = threading.Lock()

    def worker(index):
        try:
            barrier.wait()
            work(index)
            result = "ok"
        except Exception as error:  # noqa: BLE001 - any error is what the test reports
            result = f"{type(error).__name__}: {error}"
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


@pytest.fixture
def campaign(concluded, make_people, site_tree):
    copies = [add_comment(concluded, person, TEXT) for person in make_people(COPIES)]
    group_pending(concluded.translation_key)
    assert len({CommentFingerprint.objects.get(comment=c).campaign_id for c in copies}) == 1
    editors = [UserFactory(username=f"editor-{i}", groups=[site_tree.agency_a.editors_group]) for i in range(PARALLEL)]
    return copies, editors


DECISIONS = [Decision.ACCEPTED, Decision.NOTED]


def answers(copies):
    return list(Disposition.objects.filter(comment__in=copies).values_list("comment_id", "decision", "reason"))


def test_editors_answering_copies_of_one_campaign_at_once(campaign):
    copies, editors = campaign
    outcomes = run_in_parallel(lambda i: record(editors[i], copies[i], DECISIONS[i % 2], f"الرد رقم {i} على الحملة"))
    assert outcomes == ["ok"] * PARALLEL
    found = answers(copies)
    assert sorted(pk for pk, _decision, _reason in found) == sorted(copy.pk for copy in copies)
    assert len({(decision, reason) for _pk, decision, reason in found}) == 1


def test_editors_answering_overlapping_selections_at_once(campaign, concluded, make_people):
    copies, editors = campaign
    # A second campaign: editors tick copies of both, in different orders.
    other_text = "نرجو أن تنشر الجهة الحكومية كل عام تقريراً مفصلاً عن طلبات الاطلاع على البيانات وكيف ردّت عليها."
    others = [add_comment(concluded, person, other_text) for person in make_people(COPIES)]
    group_pending(concluded.translation_key)
    assert len({CommentFingerprint.objects.get(comment=c).campaign_id for c in others}) == 1

    def work(i):
        chosen = [copies[i].pk, others[-1 - i].pk] if i % 2 else [others[i].pk, copies[-1 - i].pk]
        record_many(editors[i], chosen, DECISIONS[i % 2], f"رد جماعي رقم {i}", concluded.translation_key)

    outcomes = run_in_parallel(work)
    assert outcomes == ["ok"] * PARALLEL
    for group in (copies, others):
        found = answers(group)
        assert len(found) == COPIES
        assert len({(decision, reason) for _pk, decision, reason in found}) == 1
