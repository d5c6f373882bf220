"""The outcome report: only once concluded, figures computed from the data, every comment with its answer."""

import re
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import translation

from participation.models import CommentStatus
from transparency.models import Decision, Disposition

from .conftest import add_comment, add_vote, conclude

pytestmark = pytest.mark.django_db


def report_url(page, language="ar"):
    with translation.override(language):
        return reverse("transparency_report", args=[page.pk])


def figure(html, name):
    return int(re.search(rf'id="figure-{name}">(\d+)%?<', html).group(1))


def test_no_report_before_the_outcome_is_published(client, consultation):
    response = client.get(report_url(consultation, "en"))
    assert response.status_code == 404
    html = response.content.decode()
    assert "The outcome report is not published yet" in html
    assert consultation.title in html and consultation.url in html


def test_no_report_for_a_closed_consultation_without_outcome(client, consultation):
    conclude(consultation, outcome="")
    assert client.get(report_url(consultation)).status_code == 404


def test_no_report_for_an_unpublished_consultation(client, consultation):
    conclude(consultation)
    consultation.unpublish()
    assert client.get(report_url(consultation)).status_code == 404


def test_report_figures_equal_independent_counts(client, concluded, consultation_en, make_people):
    layla, omar, sara, huda, ahmad = make_people(5)
    # Layla comments twice and votes; Omar comments; Sara only votes; Huda's comment is pending;
    # Ahmad's comment was rejected; a deleted account's comment still counts as a comment.
    comments = [
        add_comment(concluded, layla, "أؤيد المادة", block_id="art-5", stance="for"),
        add_comment(concluded, layla, "ملاحظة ثانية", block_id="ask-pre", stance="against"),
        add_comment(consultation_en, omar, "I support it", block_id="art-5", language="en", stance="for"),
        add_comment(concluded, None, "تعليق من حساب محذوف", block_id="ask-post"),
    ]
    add_comment(concluded, huda, "بانتظار الإشراف", status=CommentStatus.PENDING)
    add_comment(concluded, ahmad, "مرفوض", status=CommentStatus.REJECTED)
    add_comment(concluded, None, "رد رسمي", parent=comments[0], is_official=True, block_id="art-5")
    add_vote(concluded, layla, ["opt-for"])
    add_vote(concluded, sara, ["opt-against"])
    add_vote(consultation_en, huda, ["opt-for"], language="en")
    Disposition.objects.create(comment=comments[0], decision=Decision.ACCEPTED, reason="أخذنا به في المادة 5")
    Disposition.objects.create(comment=comments[2], decision=Decision.NOTED, reason="Noted for the guidance")

    response = client.get(report_url(concluded))
    assert response.status_code == 200
    html = response.content.decode()

    published = comments
    participants = {c.author_id for c in published if c.author_id} | {layla.pk, sara.pk, huda.pk}
    assert figure(html, "participants") == len(participants) == 4
    assert figure(html, "comments") == len(published) == 4
    assert figure(html, "votes") == 3
    assert figure(html, "answered") == round(100 * 2 / 4)

    per_block = {}
    for comment in published:
        per_block[comment.block_id] = per_block.get(comment.block_id, 0) + 1
    for block_id, count in per_block.items():
        row = re.search(rf'<tr data-block="{block_id}">(.*?)</tr>', html, re.S).group(1)
        assert re.findall(r'report__num">(\d+)<', row)[0] == str(count)

    poll = re.search(r'data-poll="poll-1">(.*?)</table>', html, re.S).group(1)
    assert re.search(r'data-option="opt-for">.*?report__num">2<.*?67%', poll, re.S)
    assert re.search(r'data-option="opt-against">.*?report__num">1<.*?33%', poll, re.S)
    assert 'width="67"' in poll and "<svg" in poll

    decisions = re.search(r'id="decisions-table">(.*?)</table>', html, re.S).group(1)
    assert re.search(r'data-decision="accepted">.*?report__num">1<', decisions, re.S)
    assert re.search(r'data-decision="noted">.*?report__num">1<', decisions, re.S)
    assert re.search(r'data-decision="">.*?report__num">2<', decisions, re.S)

    # Every published comment with its answer; never the pending, rejected or official ones.
    for comment in published:
        assert f'id="comment-{comment.pk}"' in html
    assert "أخذنا به في المادة 5" in html and "Noted for the guidance" in html
    assert "بانتظار الإشراف" not in html and "مرفوض" not in html and "رد رسمي" not in html
    assert "مشارك 1" in html  # display names are shown; e-mail addresses never
    for person in (layla, omar, sara, huda, ahmad):
        assert person.email not in html
    # The outcome text of this language version.
    assert "قررت الوزارة تعديل المادة الخامسة" in html


def test_citizen_text_is_escaped(client, concluded, make_people):
    (author,) = make_people(1)
    add_comment(concluded, author, '<script>alert("x")</script><b>bold</b>')
    html = client.get(report_url(concluded)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html
    assert "<b>bold</b>" not in html


def test_report_is_always_current(client, concluded, make_people):
    (author,) = make_people(1)
    comment = add_comment(concluded, author, "تعليق")
    html = client.get(report_url(concluded)).content.decode()
    assert figure(html, "answered") == 0
    assert html.count("report__answer--none") == 1
    Disposition.objects.create(comment=comment, decision=Decision.OUT_OF_SCOPE, reason="خارج نطاق المشروع")
    html = client.get(report_url(concluded)).content.decode()
    assert "خارج نطاق المشروع" in html
    assert figure(html, "answered") == 100


def test_report_in_the_other_language_goes_to_that_version(client, concluded, consultation_en):
    response = client.get(report_url(concluded, "en"))
    assert response.status_code == 302
    assert response["Location"] == report_url(consultation_en, "en")
    html = client.get(response["Location"]).content.decode()
    assert 'lang="en"' in html
    assert "Draft e-participation law" in html
    assert "The ministry decided to amend article 5" in html


def test_report_queries_do_not_grow_with_comments(client, concluded, make_people, django_assert_max_num_queries):
    people = make_people(30)
    for index, person in enumerate(people):
        comment = add_comment(
            concluded, person, f"تعليق رقم {index}", block_id=("art-5", "ask-pre", "ask-post")[index % 3]
        )
        add_comment(concluded, person, f"ملاحظة أخرى {index}", block_id="art-5", stance="against")
        add_vote(concluded, person, ["opt-for" if index % 2 else "opt-against"])
        if index % 2:
            Disposition.objects.create(comment=comment, decision=Decision.PARTLY_ACCEPTED, reason=f"سبب {index}")
    client.get(report_url(concluded))  # warm caches (site root paths, settings)
    # 18: questionnaire respondents among the participants and the participants by sector add one each.
    with django_assert_max_num_queries(18):
        response = client.get(report_url(concluded))
    html = response.content.decode()
    assert figure(html, "comments") == 60
    assert figure(html, "participants") == 30
    assert figure(html, "votes") == 30
    assert figure(html, "answered") == round(100 * 15 / 60)


def test_report_links_its_print_stylesheet_which_uses_logical_properties_only(client, concluded):
    html = client.get(report_url(concluded)).content.decode()
    assert "transparency/report.css" in html
    css = Path(finders.find("transparency/report.css")).read_text()
    rules = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    assert "@media print" in rules
    assert not re.search(r"\b(left|right)\b", rules)
    assert "margin-inline-start" in rules or "padding-inline-start" in rules
