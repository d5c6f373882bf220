"""The comments files and the catalogue are streamed in flat memory, with ETag and Last-Modified."""

import csv
import io
import json
import tracemalloc

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from participation.models import Comment, CommentStatus
from transparency.data import comments_schema, consultations_schema
from transparency.models import Decision, Disposition

from .conftest import add_comment

pytestmark = pytest.mark.django_db


def url(name, page=None, language="ar"):
    with translation.override(language):
        return reverse(name, args=[page.pk] if page is not None else [])


def bulk_comments(page, author, count, start=0):
    """`count` published comments on `page`, inserted in batches (the texts start with '=' on purpose)."""
    Comment.objects.bulk_create(
        [
            Comment(
                translation_key=page.translation_key,
                block_id="ask-pre" if i % 2 else "art-5",
                consultation=page,
                agency_key=page.agency.translation_key,
                author=author,
                language="ar",
                body=f"=تعليق رقم {start + i} " + "نص " * 40,
                stance="for" if i % 3 == 0 else "",
                status=CommentStatus.APPROVED,
            )
            for i in range(count)
        ],
        batch_size=2000,
    )


def streamed_peak(client, address):
    """(peak bytes allocated by Python while the response is made and read, bytes sent, first chunk)."""
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        response = client.get(address)
        assert response.status_code == 200
        assert response.streaming is True
        sent = 0
        first = None
        for chunk in response.streaming_content:  # read and dropped, as a server sends it
            sent += len(chunk)
            first = first if first is not None else chunk
        return tracemalloc.get_traced_memory()[1], sent, first
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("name", ["transparency_comments_csv", "transparency_comments_json"])
def test_comments_files_stream_in_flat_memory(client, consultation, make_people, name):
    (author,) = make_people(1)
    bulk_comments(consultation, author, 2_000)
    small_peak, small_sent, _first = streamed_peak(client, url(name, consultation))
    bulk_comments(consultation, author, 18_000, start=2_000)
    large_peak, large_sent, _first = streamed_peak(client, url(name, consultation))

    assert large_sent > 8 * small_sent  # ten times the comments went out …
    # … with about the same memory: a file built whole would need ten times as much.
    assert large_peak < 1.5 * small_peak + 512 * 1024, (small_peak, large_peak)
    assert large_peak < 8 * 1024 * 1024, large_peak


def test_streamed_csv_is_complete_and_formula_safe(client, consultation, make_people):
    (author,) = make_people(1)
    bulk_comments(consultation, author, 1_234)
    response = client.get(url("transparency_comments_csv", consultation))
    assert response.streaming is True
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.DictReader(io.StringIO(text[1:])))
    assert len(rows) == 1_234
    assert list(rows[0]) == [field.name for field in comments_schema()]
    assert all(row["text"].startswith("'=") for row in rows)
    assert {row["display_name"] for row in rows} == {"مشارك 1"}
    assert len({row["id"] for row in rows}) == 1_234


def test_streamed_json_is_valid_json_with_every_comment(client, consultation, make_people):
    (author,) = make_people(1)
    bulk_comments(consultation, author, 1_234)
    response = client.get(url("transparency_comments_json", consultation))
    assert response.streaming is True
    document = json.loads(b"".join(response.streaming_content))
    assert document["consultation"]["id"] == consultation.pk
    assert len(document["comments"]) == 1_234
    assert set(document["comments"][0]) == {field.name for field in comments_schema()}
    assert document["comments"][0]["text"].startswith("=")  # JSON keeps the text as written


def test_empty_files_are_still_valid(client, consultation):
    document = json.loads(b"".join(client.get(url("transparency_comments_json", consultation)).streaming_content))
    assert document["comments"] == []
    text = b"".join(client.get(url("transparency_comments_csv", consultation)).streaming_content).decode()
    assert text.strip() == "\ufeff" + ",".join(field.name for field in comments_schema())


def test_export_queries_do_not_grow_with_comments(client, consultation, make_people, django_assert_max_num_queries):
    (author,) = make_people(1)
    bulk_comments(consultation, author, 3_000)
    with django_assert_max_num_queries(8):
        response = client.get(url("transparency_comments_csv", consultation))
        b"".join(response.streaming_content)


@pytest.mark.parametrize("name", ["transparency_comments_csv", "transparency_comments_json"])
def test_comments_files_answer_304_until_something_changes(client, consultation, make_people, name):
    (author,) = make_people(1)
    comment = add_comment(consultation, author, "ملاحظة أولى")
    first = client.get(url(name, consultation))
    etag = first["ETag"]
    assert etag and first["Last-Modified"]
    b"".join(first.streaming_content)

    again = client.get(url(name, consultation), HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert not again.streaming or b"".join(again.streaming_content) == b""
    since = client.get(url(name, consultation), HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304

    # A decision changes the file: the old ETag no longer matches.
    Disposition.objects.create(comment=comment, decision=Decision.ACCEPTED, reason="قبلنا الملاحظة")
    changed = client.get(url(name, consultation), HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and changed["ETag"] != etag
    assert "قبلنا الملاحظة" in b"".join(changed.streaming_content).decode()

    # So does a comment leaving the published set (moderated later).
    etag = changed["ETag"]
    Comment.objects.filter(pk=comment.pk).update(
        status=CommentStatus.HIDDEN, moderation_reason="spam", moderated_at=timezone.now()
    )
    hidden = client.get(url(name, consultation), HTTP_IF_NONE_MATCH=etag)
    assert hidden.status_code == 200
    assert "ملاحظة أولى" not in b"".join(hidden.streaming_content).decode()


def test_etag_differs_between_languages(client, consultation, consultation_en):
    arabic = client.get(url("transparency_comments_csv", consultation, "ar"))
    english = client.get(url("transparency_comments_csv", consultation, "en"))
    assert arabic["ETag"] != english["ETag"]


@pytest.mark.parametrize("name", ["transparency_catalogue_csv", "transparency_catalogue_json"])
def test_catalogue_streams_with_etag(client, consultation, make_people, name):
    (author,) = make_people(1)
    response = client.get(url(name, language="en"))
    assert response.streaming is True
    content = b"".join(response.streaming_content).decode("utf-8")
    if name.endswith("json"):
        (entry,) = json.loads(content)["consultations"]
        assert entry["comments"] == 0
    else:
        rows = list(csv.DictReader(io.StringIO(content[1:])))
        assert list(rows[0]) == [field.name for field in consultations_schema()]
    etag = response["ETag"]
    assert client.get(url(name, language="en"), HTTP_IF_NONE_MATCH=etag).status_code == 304

    add_comment(consultation, author, "تعليق جديد")
    fresh = client.get(url(name, language="en"), HTTP_IF_NONE_MATCH=etag)
    assert fresh.status_code == 200 and fresh["ETag"] != etag
    if name.endswith("json"):
        (entry,) = json.loads(b"".join(fresh.streaming_content))["consultations"]
        assert entry["comments"] == 1
