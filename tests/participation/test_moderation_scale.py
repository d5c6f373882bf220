"""The moderation queue at scale: later pages and search in a fixed number of small queries."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from participation import admin_views
from participation.models import Comment, CommentStatus
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/participation/comment/"


@pytest.fixture
def moderator_a(site_tree):
    return UserFactory(username="moderator_a", groups=[site_tree.agency_a.moderators_group])


def bulk_comments(page, author, count, status=CommentStatus.PENDING, word="ملاحظة"):
    Comment.objects.bulk_create(
        [
            Comment(
                translation_key=page.translation_key,
                block_id="ask-pre",
                consultation=page,
                agency_key=page.agency.translation_key,
                author=author,
                language="ar",
                body=f"{word} رقم {i}",
                status=status,
            )
            for i in range(count)
        ],
        batch_size=2000,
    )


def ids_on(html):
    return [int(value) for value in re.findall(r'name="comment" value="(\d+)"', html)]


def test_later_pages_and_search_cost_the_same_queries_as_the_first(
    consultation, citizen, moderator_a, client_for, settings
):
    bulk_comments(consultation, citizen, 1_200)
    client = client_for(moderator_a)
    client.get(INDEX_URL)  # warm per-process caches
    counts = {}
    for name, params in {
        "first": {},
        "later": {"p": 20},
        "search": {"q": "رقم 11"},
        "search later": {"q": "ملاحظة", "p": 10},
        "filtered later": {"status__exact": "pending", "p": 15},
    }.items():
        with CaptureQueriesContext(connection) as queries:
            response = client.get(INDEX_URL, params)
        assert response.status_code == 200, name
        assert len(ids_on(response.content.decode())) > 0, name
        counts[name] = len(queries)
    assert max(counts.values()) - min(counts.values()) <= 1, counts
    assert max(counts.values()) <= 30, counts


def test_pages_show_the_newest_first_without_gaps_or_repeats(consultation, citizen, moderator_a, client_for):
    bulk_comments(consultation, citizen, 130)
    client = client_for(moderator_a)
    seen = []
    for page in (1, 2, 3):
        seen += ids_on(client.get(INDEX_URL, {"p": page}).content.decode())
    expected = list(Comment.objects.order_by("-created_at", "-pk").values_list("pk", flat=True))
    assert seen == expected


def test_counts_stop_at_the_cap_and_later_pages_stay_reachable(
    consultation, citizen, moderator_a, client_for, monkeypatch
):
    monkeypatch.setattr(admin_views, "COUNT_CAP", 100)
    bulk_comments(consultation, citizen, 260)
    client = client_for(moderator_a)
    html = client.get(INDEX_URL).content.decode()
    assert "100+" in html  # "100+ out of 100+", not a count of every comment

    last = client.get(INDEX_URL, {"p": 6}).content.decode()  # beyond the counted pages
    expected = list(Comment.objects.order_by("-created_at", "-pk").values_list("pk", flat=True))
    assert ids_on(last) == expected[250:260]
    # Past the end: the first page, as before.
    assert ids_on(client.get(INDEX_URL, {"p": 9}).content.decode()) == expected[:50]


def test_a_moderator_still_sees_only_their_agency_on_later_pages(
    consultation, citizen, moderator_a, client_for, site_tree
):
    from tests.factories import ConsultationPageFactory, add_page

    from .conftest import participation_body

    other = add_page(site_tree.agency_b, ConsultationPageFactory(slug="b-scale", body=participation_body()))
    bulk_comments(consultation, citizen, 120, word="الأولى")
    bulk_comments(other, citizen, 120, word="الثانية")
    client = client_for(moderator_a)
    for page in (1, 2, 3):
        html = client.get(INDEX_URL, {"p": page}).content.decode()
        assert "الثانية" not in html
    assert "الأولى" in client.get(INDEX_URL, {"p": 3}).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="query plans are PostgreSQL's")
def test_postgresql_pages_the_queue_through_its_index(consultation, citizen, moderator_a, client_for, site_tree):
    from tests.factories import ConsultationPageFactory, add_page

    from .conftest import participation_body

    other = add_page(site_tree.agency_b, ConsultationPageFactory(slug="b-plan", body=participation_body()))
    bulk_comments(consultation, citizen, 3_000)
    bulk_comments(other, citizen, 6_000)  # another agency's: the moderator's filter is selective
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE participation_comment")
    with CaptureQueriesContext(connection) as queries:
        client_for(moderator_a).get(INDEX_URL, {"p": 40})
    (ids_query,) = [
        q["sql"]
        for q in queries
        if q["sql"].startswith('SELECT "participation_comment"."id" AS') and "OFFSET" in q["sql"]
    ]
    with transaction.atomic(), connection.cursor() as cursor:
        # Small test tables may be read whole and sorted; forbidding that shows whether an index returns
        # the queue in its order (newest first, then by id) so a later page is read, not sorted, from it.
        for method in ("seqscan", "sort", "incremental_sort"):
            cursor.execute(f"SET LOCAL enable_{method} = off")
        cursor.execute("EXPLAIN " + ids_query)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert re.search(r"Index (Only )?Scan using comment_queue", plan), plan  # comment_queue_agency or comment_queue
    assert "Sort" not in plan, plan
