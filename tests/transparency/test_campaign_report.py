"""Campaigns in the outcome report and the open data: a text sent by many people counts once, with its size;
the people still count as participants; one decision answers every copy. And questionnaire responses are
left out of the catalogue while the questionnaire's results are hidden, as everywhere else."""

import re

import pytest
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from participation.campaigns import group_pending
from participation.models import CommentFingerprint, ConsultationPage
from participation.services import submit_questionnaire
from tests.factories import ConsultationPageFactory, UserFactory, add_page
from tests.participation.questionnaire_fixtures import body_with_questionnaire
from transparency.data import build_report, comment_rows
from transparency.dispositions import record
from transparency.models import Decision, Disposition

from .conftest import add_comment, conclude
from .test_open_data import body, read_csv

pytestmark = pytest.mark.django_db

TEXT = (
    "نطالب بإضافة مادة صريحة إلى مشروع التعليمات تُلزم الجهة الحكومية بإبلاغ المواطن خلال اثنتين وسبعين "
    "ساعة إذا تعرّضت بياناته الشخصية لأي اختراق أو تسريب، مع بيان الإجراءات التي اتخذتها لحمايته."
)
OWN = "أقترح أن تنشر الجهة ملخصاً بلغة بسيطة لمشروع التعليمات قبل فتح باب التعليقات حتى يفهمه الجميع."


def report_url(page, language="ar"):
    with translation.override(language):
        return reverse("transparency_report", args=[page.pk])


def figure(html, name):
    return int(re.search(rf'id="figure-{name}">(\d+)%?<', html).group(1))


@pytest.fixture
def campaign(concluded, make_people):
    people = make_people(8)
    copies = [
        add_comment(concluded, person, TEXT if index % 2 else "السلام عليكم، " + TEXT.replace("،", ""))
        for index, person in enumerate(people[:7])
    ]
    own = add_comment(concluded, people[7], OWN)
    group_pending(concluded.translation_key)
    assert len({CommentFingerprint.objects.get(comment=c).campaign_id for c in copies}) == 1
    return concluded, copies, own


def test_report_counts_a_campaign_once_with_its_size(client, campaign):
    page, copies, own = campaign
    report = build_report(page)
    assert report.comments == 2  # the campaign's text once, and the other comment
    assert report.people_comments == 8
    assert report.participants == 8  # everyone who sent it took part
    assert report.campaigns == 1 and report.campaign_comments == 7
    english = ConsultationPage.objects.get(translation_key=page.translation_key, locale__language_code="en")
    html = client.get(report_url(english, "en")).content.decode()
    assert figure(html, "comments") == 2
    assert figure(html, "participants") == 8
    assert "This comment was sent by 7 people." in html
    assert html.count(f'id="comment-{copies[0].pk}"') == 1
    assert not any(f'id="comment-{copy.pk}"' in html for copy in copies[1:])
    assert f'id="comment-{own.pk}"' in html


ADDED = "وأضيف أن المهلة يجب أن تشمل إبلاغ هيئة حماية البيانات أيضاً، مع نشر تقرير سنوي بعدد الحوادث."


def test_only_near_exact_copies_on_the_same_part_are_folded(client, concluded, make_people):
    """A copy with words of its own, or sent on another article, is listed as itself: the report never
    hides what a person said behind another person's copy."""
    people = make_people(6)
    copies = [add_comment(concluded, person, TEXT) for person in people[:3]]
    punctuated = add_comment(concluded, people[3], TEXT.replace("،", ""))
    own_words = add_comment(concluded, people[4], TEXT + " " + ADDED)
    elsewhere = add_comment(concluded, people[5], TEXT, block_id="art-5")
    group_pending(concluded.translation_key)
    members = [*copies, punctuated, own_words, elsewhere]
    assert len({CommentFingerprint.objects.get(comment=c).campaign_id for c in members}) == 1
    report = build_report(concluded)
    listed = {comment.pk: comment for group in report.groups for comment in group.comments}
    assert set(listed) == {copies[0].pk, own_words.pk, elsewhere.pk}
    assert listed[copies[0].pk].campaign_size == 4
    assert listed[own_words.pk].campaign_size == 1 and listed[elsewhere.pk].campaign_size == 1
    blocks = {group.block.id: [comment.pk for comment in group.comments] for group in report.groups}
    assert elsewhere.pk in blocks["art-5"] and elsewhere.pk not in blocks["ask-pre"]
    assert report.comments == 3 and report.people_comments == 6
    assert report.campaigns == 1 and report.campaign_comments == 4
    html = client.get(report_url(concluded)).content.decode()
    assert f'id="comment-{own_words.pk}"' in html and "هيئة حماية البيانات" in html
    assert f'id="comment-{elsewhere.pk}"' in html


def test_one_decision_answers_every_copy(client, campaign, site_tree):
    page, copies, own = campaign
    editor = UserFactory(username="editor-a", groups=[site_tree.agency_a.editors_group])
    record(editor, copies[3], Decision.ACCEPTED, "أضفنا مادة الإبلاغ خلال 72 ساعة.")
    assert Disposition.objects.filter(comment__in=copies, decision=Decision.ACCEPTED).count() == 7
    assert not Disposition.objects.filter(comment=own).exists()
    report = build_report(page)
    assert report.answered == 1
    assert {code: count for code, _label, count in report.decisions}[Decision.ACCEPTED] == 1
    # Changing it changes it for all of them.
    record(editor, copies[0], Decision.NOTED, "سندرسها في المراجعة القادمة.")
    assert set(Disposition.objects.filter(comment__in=copies).values_list("decision", flat=True)) == {Decision.NOTED}


def test_another_agencys_editor_cannot_answer_the_campaign(campaign, site_tree):
    from django.core.exceptions import PermissionDenied

    _page, copies, _own = campaign
    editor_b = UserFactory(username="editor-b", groups=[site_tree.agency_b.editors_group])
    with pytest.raises(PermissionDenied):
        record(editor_b, copies[0], Decision.ACCEPTED, "لا")
    assert not Disposition.objects.exists()


def test_comments_file_marks_the_campaign(client, campaign):
    page, copies, own = campaign
    rows = {row["id"]: row for row in comment_rows(page)}
    assert len(rows) == 8  # every comment is in the open data
    campaign_id = CommentFingerprint.objects.get(comment=copies[0]).campaign_id
    assert {rows[copy.pk]["campaign_id"] for copy in copies} == {campaign_id}
    assert {rows[copy.pk]["campaign_size"] for copy in copies} == {7}
    assert rows[own.pk]["campaign_id"] is None and rows[own.pk]["campaign_size"] == 1
    with translation.override("en"):
        url = reverse("transparency_comments_csv", args=[page.pk])
    csv_rows = read_csv(client.get(url))
    assert {row["campaign_size"] for row in csv_rows} == {"7", "1"}


def test_report_queries_do_not_grow_with_the_campaign(client, campaign, make_people, django_assert_max_num_queries):
    from django.db import connection

    page, _copies, _own = campaign
    with CaptureQueriesContext(connection) as before:
        client.get(report_url(page))
    for person in make_people(20):
        add_comment(page, person, TEXT + " شكراً")
    group_pending(page.translation_key)
    with django_assert_max_num_queries(len(before)):
        html = client.get(report_url(page)).content.decode()
    assert figure(html, "participants") == 28


def test_catalogue_leaves_questionnaire_responses_out_while_results_are_hidden(client, site_tree, make_people):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(slug="survey", body=body_with_questionnaire()))
    for person in make_people(3):
        submit_questionnaire(
            page,
            person,
            "survey",
            {
                "q-channel": {"options": ["o-portal"]},
                "q-clarity": {"options": ["5"]},
                "q-used": {"options": ["yes"]},
                "q-told": {"options": ["o-why"]},
            },
        )

    def catalogue_row():
        rows = read_csv(client.get(reverse("transparency_catalogue_csv")))
        return next(row for row in rows if row["id"] == str(page.pk))

    # Open, results shown after closing: hidden in the questionnaires file, so here too.
    rows = read_csv(client.get(reverse("transparency_questionnaires_csv", args=[page.pk])))
    assert all(row["respondents"] == "" for row in rows)
    assert catalogue_row()["questionnaire_responses"] == ""
    conclude(page)
    assert catalogue_row()["questionnaire_responses"] == "3"
    assert body(client.get(reverse("transparency_catalogue_csv")))
