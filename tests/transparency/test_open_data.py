"""Open data: per-consultation CSV and JSON, the site-wide catalogue and its documented schema."""

import csv
import io
import json

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction

from participation.models import CommentStatus, Profile
from tests.factories import ConsultationPageFactory, add_page
from transparency.data import comments_schema, consultations_schema, polls_schema
from transparency.files import neutralise
from transparency.models import Decision, Disposition

from .conftest import add_comment, add_vote, participation_body

pytestmark = pytest.mark.django_db


def url(name, page=None, language="ar"):
    with translation.override(language):
        return reverse(name, args=[page.pk] if page is not None else [])


def body(response):
    """The bytes of a response, streamed (the comments files and the catalogue) or not."""
    return b"".join(response.streaming_content) if response.streaming else response.content


def read_csv(response):
    content = body(response).decode("utf-8")
    assert content.startswith("\ufeff"), "UTF-8 with a byte order mark, for Excel"
    return list(csv.DictReader(io.StringIO(content[1:])))


@pytest.fixture
def commented(consultation, make_people):
    """An open consultation with published, pending, rejected and official comments, and votes."""
    layla, omar, huda = make_people(3)
    Profile.objects.filter(user=layla).update(
        governorate="irbid", age_band="25_34", gender="female", demographics_consent=True
    )
    published = [
        add_comment(consultation, layla, '=HYPERLINK("http://evil.example","click")', block_id="art-5"),
        add_comment(consultation, omar, "+1 أؤيد", stance="for"),
        add_comment(consultation, layla, "-2 ملاحظة", language="en"),
        add_comment(consultation, omar, "@mention", block_id="ask-post"),
        add_comment(consultation, omar, "\tمسافة في البداية", block_id="ask-post"),
    ]
    add_comment(consultation, huda, "تعليق ينتظر الإشراف", status=CommentStatus.PENDING)
    add_comment(consultation, huda, "تعليق مرفوض", status=CommentStatus.REJECTED)
    add_comment(consultation, None, "رد رسمي من الوزارة", parent=published[1], is_official=True)
    Disposition.objects.create(comment=published[0], decision=Decision.NOT_ACCEPTED, reason="=لا يتفق مع الدستور")
    add_vote(consultation, layla, ["opt-for"])
    add_vote(consultation, omar, ["opt-against"])
    add_vote(consultation, huda, ["opt-for"])
    return {"published": published, "people": (layla, omar, huda)}


def test_neutralise_spreadsheet_formulas():
    for dangerous in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(dangerous) == "'" + dangerous
    assert neutralise("عادي =1") == "عادي =1"
    assert neutralise(5) == 5
    assert neutralise(None) == ""
    assert neutralise(True) == "true"


def test_comments_csv(client, consultation, commented):
    response = client.get(url("transparency_comments_csv", consultation))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    rows = read_csv(response)
    assert list(rows[0].keys()) == [field.name for field in comments_schema()]

    published = commented["published"]
    assert sorted(int(row["id"]) for row in rows) == sorted(comment.pk for comment in published)
    by_id = {int(row["id"]): row for row in rows}

    first = by_id[published[0].pk]
    assert first["text"] == '\'=HYPERLINK("http://evil.example","click")'  # neutralised, never a formula
    assert first["disposition"] == "not_accepted"
    assert first["disposition_reason"] == "'=لا يتفق مع الدستور"
    assert first["block_id"] == "art-5" and first["block_type"] == "article"
    assert first["display_name"] == "مشارك 1"
    assert by_id[published[1].pk]["text"] == "'+1 أؤيد"
    assert by_id[published[1].pk]["stance"] == "for"
    assert by_id[published[2].pk]["text"] == "'-2 ملاحظة"
    assert by_id[published[2].pk]["language"] == "en"
    assert by_id[published[3].pk]["text"] == "'@mention"
    assert by_id[published[4].pk]["text"] == "'\tمسافة في البداية"
    for row in rows:
        if row["text"]:
            assert not row["text"].startswith(("=", "+", "-", "@", "\t", "\r"))

    content = body(response).decode()
    for person in commented["people"]:
        assert person.email not in content
    for secret in ("ينتظر الإشراف", "تعليق مرفوض", "رد رسمي", "irbid", "female", "25_34"):
        assert secret not in content


def test_comments_json(client, consultation, commented):
    response = client.get(url("transparency_comments_json", consultation))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    document = json.loads(body(response))
    assert document["consultation"]["translation_key"] == str(consultation.translation_key)
    assert document["consultation"]["title"] == consultation.title
    comments = document["comments"]
    published = commented["published"]
    assert [item["id"] for item in comments] == [comment.pk for comment in published]
    assert set(comments[0]) == {field.name for field in comments_schema()}
    # JSON keeps the text exactly as written (no spreadsheet here).
    assert comments[0]["text"] == published[0].body
    assert comments[0]["disposition"] == "not_accepted"
    assert comments[1]["disposition"] == ""
    text = body(response).decode()
    assert "email" not in text and "@example.jo" not in text
    assert "governorate" not in text and "irbid" not in text
    assert "ينتظر الإشراف" not in text and "رد رسمي" not in text


def test_polls_files(client, consultation, commented):
    rows = read_csv(client.get(url("transparency_polls_csv", consultation)))
    assert list(rows[0].keys()) == [field.name for field in polls_schema()]
    by_option = {row["option_id"]: row for row in rows}
    assert by_option["opt-for"]["votes"] == "2" and by_option["opt-for"]["percent"] == "67"
    assert by_option["opt-against"]["votes"] == "1" and by_option["opt-against"]["percent"] == "33"
    assert by_option["opt-for"]["voters"] == "3"

    document = json.loads(client.get(url("transparency_polls_json", consultation)).content)
    (poll,) = document["polls"]
    assert poll["poll_id"] == "poll-1" and poll["voters"] == 3 and poll["results_public"] is True
    assert [(o["option_id"], o["votes"]) for o in poll["options"]] == [("opt-for", 2), ("opt-against", 1)]


def test_poll_results_stay_hidden_until_they_are_public(client, site_tree, make_people):
    body = participation_body()
    body[-1]["value"]["show_results"] = "after_closing"
    page = add_page(site_tree.agency_a, ConsultationPageFactory(slug="hidden-results", body=body))
    (voter,) = make_people(1)
    add_vote(page, voter, ["opt-for"])
    rows = read_csv(client.get(url("transparency_polls_csv", page)))
    assert {row["votes"] for row in rows} == {""}
    assert {row["voters"] for row in rows} == {""}
    (poll,) = json.loads(client.get(url("transparency_polls_json", page)).content)["polls"]
    assert poll["results_public"] is False and poll["voters"] is None
    assert all(option["votes"] is None for option in poll["options"])


def test_only_live_public_consultations(client, site_tree, consultation):
    draft = add_page(site_tree.agency_a, ConsultationPageFactory(slug="draft-one", live=False), publish=False)
    private = add_page(site_tree.agency_a, ConsultationPageFactory(slug="private-one"))
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    for name in (
        "transparency_comments_csv",
        "transparency_comments_json",
        "transparency_polls_csv",
        "transparency_polls_json",
    ):
        assert client.get(url(name, draft)).status_code == 404
        assert client.get(url(name, private)).status_code == 404
        assert client.get(url(name, consultation)).status_code == 200

    html = client.get(url("transparency_open_data")).content.decode()
    assert f'data-consultation="{consultation.pk}"' in html
    assert f'data-consultation="{draft.pk}"' not in html
    assert f'data-consultation="{private.pk}"' not in html


def test_open_data_page_lists_consultations_with_figures_and_schema(
    client, consultation, consultation_en, consultation_b, commented, django_assert_max_num_queries
):
    client.get(url("transparency_open_data", language="en"))
    with django_assert_max_num_queries(14):
        response = client.get(url("transparency_open_data", language="en"))
    html = response.content.decode()
    # One row per consultation, in the visitor's language where translated.
    assert f'data-consultation="{consultation_en.pk}"' in html
    assert f'data-consultation="{consultation.pk}"' not in html
    assert f'data-consultation="{consultation_b.pk}"' in html
    assert url("transparency_comments_csv", consultation_en, "en") in html
    assert url("transparency_polls_json", consultation_b, "en") in html
    for schema in (consultations_schema(), comments_schema(), polls_schema()):
        for field in schema:
            assert f'<code dir="ltr">{field.name}</code>' in html
    assert "<caption" in html and 'scope="col"' in html

    catalogue = json.loads(body(client.get(url("transparency_catalogue_json", language="en"))))["consultations"]
    entry = next(item for item in catalogue if item["translation_key"] == str(consultation.translation_key))
    assert entry["id"] == consultation_en.pk and entry["language"] == "en"
    assert entry["comments"] == len(commented["published"])
    assert entry["answered"] == 1
    assert entry["votes"] == 3
    authors = {comment.author_id for comment in commented["published"]}
    voters = {person.pk for person in commented["people"]}
    assert entry["participants"] == len(authors | voters)
    other = next(item for item in catalogue if item["translation_key"] == str(consultation_b.translation_key))
    assert (other["comments"], other["votes"], other["participants"]) == (0, 0, 0)

    rows = read_csv(client.get(url("transparency_catalogue_csv", language="en")))
    assert list(rows[0].keys()) == [field.name for field in consultations_schema()]
    assert {row["translation_key"] for row in rows} == {
        str(consultation.translation_key),
        str(consultation_b.translation_key),
    }
