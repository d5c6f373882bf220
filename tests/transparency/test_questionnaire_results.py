"""Questionnaire results and participation by sector in the outcome report and the open data: counts
only, never written answers, names or e-mail addresses."""

import json

import pytest
from django.urls import reverse
from django.utils import translation

from participation.services import cast_vote, submit_questionnaire
from tests.factories import ConsultationPageFactory, add_page
from tests.participation.questionnaire_fixtures import body_with_questionnaire
from transparency.data import questionnaires_schema

from .conftest import conclude
from .test_open_data import body, read_csv

pytestmark = pytest.mark.django_db

SECRET = "نص خاص لا يُنشر 0790000000"


def url(name, page, language="ar"):
    with translation.override(language):
        return reverse(name, args=[page.pk])


@pytest.fixture
def surveyed(site_tree, make_people):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(slug="survey", body=body_with_questionnaire()))
    people = make_people(6)
    for index, person in enumerate(people):
        organisation = {"organisation_name": "جمعية", "respondent_sector": "civil_society"} if index == 0 else {}
        submit_questionnaire(
            page,
            person,
            "survey",
            {
                "q-channel": {"options": ["o-portal" if index < 4 else "o-social"]},
                "q-clarity": {"options": ["5"]},
                "q-used": {"options": ["yes"]},
                "q-told": {"options": ["o-why"]},
                "q-ideas": {"text": SECRET},
            },
            **organisation,
        )
    cast_vote(page, people[0], "poll-1", ["opt-for"])
    return page, people


def test_report_shows_questionnaire_results_and_who_took_part(client, surveyed):
    page, people = surveyed
    conclude(page)
    html = client.get(url("transparency_report", page)).content.decode()
    assert 'id="questionnaires-heading"' in html
    assert 'id="figure-questionnaires">6<' in html
    assert 'id="figure-participants">6<' in html  # a person who answered and voted counts once
    assert '<tr data-option="o-portal"><th scope="row">بوابة تواصل</th><td class="report__num">4</td>' in html
    assert '<td class="report__num">67%</td>' in html
    assert '<svg class="chart"' in html
    assert 'id="sectors-table"' in html
    assert '<tr data-sector="individual">' in html and '<tr data-sector="civil_society">' in html
    for private in [SECRET, people[0].email, "مشارك 1"]:
        assert private not in html


def test_open_data_files_have_counts_and_no_personal_data(client, surveyed):
    page, people = surveyed
    conclude(page)
    rows = read_csv(client.get(url("transparency_questionnaires_csv", page)))
    assert list(rows[0].keys()) == [field.name for field in questionnaires_schema()]
    portal = next(row for row in rows if row["option_id"] == "o-portal")
    assert (portal["count"], portal["percent"], portal["answered"], portal["respondents"]) == ("4", "67", "6", "6")
    assert {row["question_id"] for row in rows} == {"q-channel", "q-clarity", "q-used", "q-told"}  # closed only
    document = json.loads(body(client.get(url("transparency_questionnaires_json", page))))
    assert document["questionnaires"][0]["respondents"] == 6
    assert document["participants_by_sector"][0] == {"sector": "individual", "label": "أفراد", "people": 5} or (
        document["participants_by_sector"][0]["sector"] == "individual"
    )
    for response in (
        client.get(url("transparency_questionnaires_csv", page)),
        client.get(url("transparency_questionnaires_json", page)),
        client.get(reverse("transparency_catalogue_csv")),
    ):
        content = body(response).decode()
        assert SECRET not in content and people[0].email not in content and "مشارك 1" not in content


def test_counts_are_left_out_while_the_results_are_not_public(client, surveyed):
    page, _people = surveyed  # open, results after closing
    rows = read_csv(client.get(url("transparency_questionnaires_csv", page)))
    assert rows and all(row["count"] == "" and row["respondents"] == "" for row in rows)


def test_catalogue_counts_questionnaire_responses(client, surveyed):
    page, _people = surveyed
    rows = read_csv(client.get(reverse("transparency_catalogue_csv")))
    # While the results are hidden (open, not shown while open), so is their count.
    assert next(r for r in rows if r["id"] == str(page.pk))["questionnaire_responses"] == ""
    conclude(page)
    rows = read_csv(client.get(reverse("transparency_catalogue_csv")))
    row = next(row for row in rows if row["id"] == str(page.pk))
    assert row["questionnaire_responses"] == "6"
    assert row["participants"] == "6"
    assert row["questionnaires_csv"].endswith(f"/consultations/{page.pk}/questionnaires.csv")


def test_comments_file_names_the_organisation(client, consultation, make_people):
    from participation.services import post_comment

    (person,) = make_people(1)
    post_comment(
        consultation,
        person,
        "ask-post",
        "رأي الجمعية",
        organisation_name="جمعية <b>",
        respondent_sector="civil_society",
    )
    rows = read_csv(client.get(url("transparency_comments_csv", consultation)))
    assert (rows[0]["organisation"], rows[0]["sector"]) == ("جمعية <b>", "civil_society")
    conclude(consultation)
    html = client.get(url("transparency_report", consultation)).content.decode()
    assert "جمعية &lt;b&gt;" in html and "جمعية <b>" not in html
