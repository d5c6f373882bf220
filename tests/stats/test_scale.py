"""Statistics at scale: counted by the database per consultation, never per comment, with indexes."""

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from participation.models import Ballot, Comment, CommentStatus
from stats.figures import compute

from .conftest import make_consultation, person

pytestmark = pytest.mark.django_db


def bulk_comments(page, authors, count, status=CommentStatus.APPROVED):
    Comment.objects.bulk_create(
        [
            Comment(
                translation_key=page.translation_key,
                block_id="ask-pre",
                consultation=page,
                agency_key=page.agency.translation_key,
                author=authors[i % len(authors)],
                language="ar",
                body=f"تعليق {i}",
                status=status,
                moderation_reason="spam" if status in (CommentStatus.REJECTED, CommentStatus.HIDDEN) else "",
            )
            for i in range(count)
        ],
        batch_size=2000,
    )


def figures_with_queries():
    with CaptureQueriesContext(connection) as queries:
        stats = compute(language="ar")
    return stats, queries


def test_figures_are_right_and_queries_constant_from_hundreds_to_thousands(site_tree):
    page_a = make_consultation(site_tree.agency_a, "open")
    page_b = make_consultation(site_tree.agency_b, "open")
    people = [person() for _ in range(12)]
    bulk_comments(page_a, people[:8], 200)
    bulk_comments(page_b, people[6:], 30)
    bulk_comments(page_a, people, 40, status=CommentStatus.PENDING)  # not counted
    Ballot.objects.create(translation_key=page_b.translation_key, block_id="poll-1", voter=people[0], language="ar")
    compute(language="ar")  # warm per-process caches
    few, few_queries = figures_with_queries()

    bulk_comments(page_a, people[:8], 4_800)
    many, many_queries = figures_with_queries()

    assert len(many_queries) == len(few_queries) <= 15
    assert (few.total.comments, many.total.comments) == (230, 5_030)
    assert many.total.participants == 12  # people[:8] and people[6:], each once
    assert many.total.votes == 1
    by_agency = {item.agency.translation_key: item.record for item in many.agencies}
    assert by_agency[site_tree.agency_a.translation_key].comments == 5_000
    assert by_agency[site_tree.agency_a.translation_key].participants == 8
    # people[0] voted in agency B without commenting there: counted once in B.
    assert by_agency[site_tree.agency_b.translation_key].participants == 7
    assert by_agency[site_tree.agency_b.translation_key].votes == 1


def test_no_subquery_runs_for_each_comment(site_tree):
    """Comments are grouped by consultation in the database; agencies are added up from those rows.
    A correlated subquery per comment (the agency of its consultation) cost seconds at 100,000."""
    page = make_consultation(site_tree.agency_a, "open")
    bulk_comments(page, [person()], 50)
    _stats, queries = figures_with_queries()
    comment_queries = [query["sql"] for query in queries if '"participation_comment"' in query["sql"]]
    assert comment_queries
    for sql in comment_queries:
        select_list = sql.split(" FROM ", 1)[0]
        assert "(SELECT" not in select_list, sql


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's")
# VACUUM runs outside a transaction; the serialized rows come back after an earlier transactional test flushed them
# (content types and permissions, which the flush recreates with new ids that Django's cache does not know).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_postgresql_counts_people_from_the_published_comments_index(site_tree):
    page = make_consultation(site_tree.agency_a, "open")
    bulk_comments(page, [person() for _ in range(20)], 3_000)
    bulk_comments(page, [person()], 3_000, status=CommentStatus.PENDING)
    official = [person()]
    bulk_comments(page, official, 6_000)
    Comment.objects.filter(author=official[0]).update(is_official=True)  # the agency's replies: not counted
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE participation_comment")  # as autovacuum leaves a live table
    _stats, queries = figures_with_queries()
    people = [query["sql"] for query in queries if "COUNT(DISTINCT" in query["sql"]]
    assert people
    with transaction.atomic(), connection.cursor() as cursor:
        # Small test tables may be read whole; without that, the index for published comments is chosen.
        for method in ("seqscan", "bitmapscan"):
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute("EXPLAIN " + people[0])
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Index Only Scan using comment_published_people" in plan, plan
