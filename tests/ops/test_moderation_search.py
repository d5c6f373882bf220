"""The moderation queue's search: same answers as before, read through indexes on PostgreSQL (issue 8, part 4).

The admin's search looks for every word in a comment's text, its author's display name or its
consultation's title. It used to OR `icontains` across three joined tables, which PostgreSQL could only
answer by reading every comment; participation.admin_views.search_comments keeps the answers and lets the
trigram index of migration participation 0011 and the foreign-key indexes find the matches.
"""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from participation import admin_views
from participation.models import Comment, CommentStatus, Profile
from tests.factories import ConsultationPageFactory, UserFactory, add_page
from tests.participation import conftest as participation_fixtures

citizen = participation_fixtures.citizen
consultation = participation_fixtures.consultation
make_citizen = participation_fixtures.make_citizen
participation_body = participation_fixtures.participation_body

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/participation/comment/"


@pytest.fixture
def moderator_a(site_tree):
    return UserFactory(username="moderator_a", groups=[site_tree.agency_a.moderators_group])


def bulk_comments(page, author, count, word="ملاحظة"):
    Comment.objects.bulk_create(
        [
            Comment(
                translation_key=page.translation_key,
                block_id="ask-pre",
                consultation=page,
                agency_key=page.agency.translation_key,
                author=author,
                language="ar",
                body=f"{word} عادية عن المقترح رقم {i}",
                status=CommentStatus.PENDING,
            )
            for i in range(count)
        ],
        batch_size=2000,
    )


def ids_on(html):
    return {int(value) for value in re.findall(r'name="comment" value="(\d+)"', html)}


def one(page, author, body):
    return Comment.objects.create(
        translation_key=page.translation_key,
        block_id="ask-pre",
        consultation=page,
        agency_key=page.agency.translation_key,
        author=author,
        language="ar",
        body=body,
        status=CommentStatus.PENDING,
    )


@pytest.mark.parametrize("id_limit", [500, 0], ids=["names listed", "names matched in the query"])
def test_search_finds_text_author_and_consultation_title_within_the_moderators_agency(
    site_tree, consultation, citizen, moderator_a, client_for, monkeypatch, id_limit
):
    monkeypatch.setattr(admin_views, "SEARCH_ID_LIMIT", id_limit)
    other = add_page(
        site_tree.agency_b, ConsultationPageFactory(slug="b-search", title="نظام الطاقة", body=participation_body())
    )
    samira = make_citizen("samira", display_name="سميرة الزعبي")
    by_text = one(consultation, citizen, "أقترح توسيع التعريفات الإلكترونية")
    by_author = one(consultation, samira, "رأي عام")
    by_title = one(consultation, citizen, "تعليق ثالث")  # its consultation's title is searched
    elsewhere = one(other, samira, "أقترح توسيع التعريفات في الطاقة")  # another agency: never shown
    client = client_for(moderator_a)

    def found(query):
        return ids_on(client.get(INDEX_URL, {"q": query}).content.decode())

    assert found("التعريفات") == {by_text.pk}
    assert found("الزعبي") == {by_author.pk}
    title_word = consultation.title.split()[-1]
    assert by_title.pk in found(title_word) and elsewhere.pk not in found(title_word)
    assert found("توسيع الإلكترونية") == {by_text.pk}  # every word, anywhere
    assert found("توسيع سميرة") == set()  # …in the same comment
    assert found("سميرة رأي") == {by_author.pk}
    assert found("لا يوجد مثله") == set()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes and query plans are PostgreSQL's")
def test_postgresql_searches_the_queue_through_the_trigram_index(consultation, citizen, moderator_a, client_for):
    bulk_comments(consultation, citizen, 20_000)
    needle = one(consultation, citizen, "مقترح فريد حول الترددات اللاسلكية")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE participation_comment")
        cursor.execute("ANALYZE participation_profile")
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'comment_body_trgm'")
        assert "gin_trgm_ops" in cursor.fetchone()[0]
    with CaptureQueriesContext(connection) as queries:
        response = client_for(moderator_a).get(INDEX_URL, {"q": "اللاسلكية"})
    assert ids_on(response.content.decode()) == {needle.pk}
    page_ids = [
        q["sql"]
        for q in queries
        if q["sql"].startswith('SELECT "participation_comment"."id"') and "LIMIT 51" in q["sql"] and "LIKE" in q["sql"]
    ]
    assert len(page_ids) == 1, [q["sql"][:300] for q in queries]
    ids_query = page_ids[0]
    with transaction.atomic(), connection.cursor() as cursor:
        # A table this size may still be read whole; forbidding that shows whether the index can answer.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN " + ids_query)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "Bitmap Index Scan on comment_body_trgm" in plan, plan
    assert "Seq Scan on participation_comment" not in plan, plan
    # And without forcing anything, a rare word is not looked for by walking the whole queue.
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + ids_query)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "comment_body_trgm" in plan, plan


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes are PostgreSQL's")
def test_the_migration_made_the_trigram_indexes():
    with connection.cursor() as cursor:
        cursor.execute("SELECT extname FROM pg_extension WHERE extname = 'pg_trgm'")
        assert cursor.fetchone() == ("pg_trgm",)
        cursor.execute(
            "SELECT indexname FROM pg_indexes WHERE indexname IN ('comment_body_trgm', 'profile_display_name_trgm')"
        )
        assert {row[0] for row in cursor.fetchall()} == {"comment_body_trgm", "profile_display_name_trgm"}
    assert Profile._meta.db_table == "participation_profile" and Comment._meta.db_table == "participation_comment"
