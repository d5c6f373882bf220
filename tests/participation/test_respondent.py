"""Who is answering: a person as themselves or on behalf of an organisation, on comments, votes and
questionnaires; the organisation's name shown (escaped) on comments; participation by sector suppressed."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from participation.models import Ballot, Comment, QuestionnaireSubmission, RespondentSector
from participation.respondents import participation_by_sector, people_by_sector
from participation.services import ResponseRefused, cast_vote, post_comment, submit_questionnaire
from tests.factories import ConsultationPageFactory, add_page

from .conftest import make_citizen
from .questionnaire_fixtures import body_with_questionnaire

pytestmark = pytest.mark.django_db


def comment_url(page, block_id, language="ar"):
    return f"/{language}" + reverse("participation_comment", args=[page.pk, block_id])[3:]


def vote_url(page, block_id, language="ar"):
    return f"/{language}" + reverse("participation_vote", args=[page.pk, block_id])[3:]


ORGANISATION = {
    "respondent": "organisation",
    "organisation_name": "جمعية <b>الشفافية</b> & الأردنية",
    "respondent_sector": "civil_society",
}


@pytest.fixture
def survey(site_tree):
    return add_page(site_tree.agency_a, ConsultationPageFactory(slug="survey", body=body_with_questionnaire()))


def test_comment_on_behalf_of_an_organisation_shows_its_name_escaped(consultation, consultation_en, citizen_client):
    response = citizen_client.post(comment_url(consultation, "ask-post"), {"body": "نؤيد المشروع.", **ORGANISATION})
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert comment.organisation_name == "جمعية <b>الشفافية</b> & الأردنية"
    assert comment.respondent_sector == RespondentSector.CIVIL_SOCIETY
    for page in (consultation, consultation_en):
        html = Client().get(page.url).content.decode()
        assert "جمعية &lt;b&gt;الشفافية&lt;/b&gt; &amp; الأردنية" in html
        assert "<b>الشفافية</b>" not in html
    assert "Civil-society organisation" in Client().get(consultation_en.url).content.decode()
    assert "ليلى من إربد" not in Client().get(consultation.url).content.decode()  # the organisation speaks


def test_a_person_answering_as_themselves_is_shown_as_today(consultation, citizen_client):
    data = {"body": "رأيي الشخصي.", "respondent": "self", "organisation_name": "ignored", "respondent_sector": "media"}
    citizen_client.post(comment_url(consultation, "ask-post"), data)
    comment = Comment.objects.get()
    assert (comment.organisation_name, comment.respondent_sector) == ("", "")
    assert "ليلى من إربد" in Client().get(consultation.url).content.decode()


def test_organisation_needs_a_name_and_a_sector(consultation, citizen_client, citizen, poll_options):
    response = citizen_client.post(
        comment_url(consultation, "ask-post"), {"body": "نص", "respondent": "organisation", "organisation_name": " "}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "-org-name-error" in html and "-org-sector-error" in html
    assert not Comment.objects.exists()
    with pytest.raises(ResponseRefused):
        post_comment(consultation, citizen, "ask-post", "نص", organisation_name="جمعية", respondent_sector="forged")
    with pytest.raises(ResponseRefused):
        cast_vote(consultation, citizen, "poll-1", [poll_options[0]], organisation_name="", respondent_sector="media")
    with pytest.raises(IntegrityError), transaction.atomic():  # the database holds the rule too
        Comment.objects.create(
            translation_key=consultation.translation_key,
            block_id="ask-post",
            agency_key=consultation.agency.translation_key,
            language="ar",
            body="x",
            organisation_name="جمعية",
        )


def test_vote_and_questionnaire_on_behalf_of_organisations(consultation, citizen_client, citizen, poll_options, survey):
    response = citizen_client.post(
        vote_url(consultation, "poll-1"),
        {
            "option": [poll_options[0]],
            "respondent": "organisation",
            "organisation_name": "غرفة تجارة عمّان",
            "respondent_sector": "private",
        },
    )
    assert response.status_code == 302
    ballot = Ballot.objects.get()
    assert (ballot.organisation_name, ballot.respondent_sector) == ("غرفة تجارة عمّان", "private")

    url = "/ar" + reverse("participation_questionnaire", args=[survey.pk, "survey"])[3:]
    data = {
        "q-q-channel": ["o-portal"],
        "q-q-clarity": ["4"],
        "r-survey-respondent": "organisation",
        "r-survey-organisation_name": "جامعة اليرموك",
        "r-survey-respondent_sector": "academic",
    }
    assert citizen_client.post(url, data).status_code == 302
    submission = QuestionnaireSubmission.objects.get()
    assert (submission.organisation_name, submission.respondent_sector) == ("جامعة اليرموك", "academic")
    # The form shows who answered when the person comes back to edit.
    html = citizen_client.get(survey.url).content.decode()
    assert 'value="جامعة اليرموك"' in html
    # Editing as themselves clears the organisation.
    data["r-survey-respondent"] = "self"
    citizen_client.post(url, data)
    submission.refresh_from_db()
    assert (submission.organisation_name, submission.respondent_sector) == ("", "")


def test_questionnaire_respondent_errors_are_shown(survey, citizen_client):
    url = "/ar" + reverse("participation_questionnaire", args=[survey.pk, "survey"])[3:]
    response = citizen_client.post(
        url, {"q-q-channel": ["o-portal"], "q-q-clarity": ["4"], "r-survey-respondent": "organisation"}
    )
    assert response.status_code == 400
    assert "r-survey-org-name-error" in response.content.decode()
    assert not QuestionnaireSubmission.objects.exists()


def test_people_are_counted_once_by_sector(consultation, poll_options, survey):
    ngo = make_citizen("ngo")
    post_comment(consultation, ngo, "ask-post", "نص", organisation_name="جمعية", respondent_sector="civil_society")
    cast_vote(consultation, ngo, "poll-1", [poll_options[0]])  # the same person, as themselves
    firm = make_citizen("firm")
    cast_vote(consultation, firm, "poll-1", [poll_options[1]], organisation_name="شركة", respondent_sector="private")
    person = make_citizen("person")
    submit_questionnaire(
        survey, person, "survey", {"q-channel": {"options": ["o-portal"]}, "q-clarity": {"options": ["2"]}}
    )
    pending = make_citizen("pending")
    post_comment(consultation, pending, "ask-pre", "ينتظر", organisation_name="إعلام", respondent_sector="media")
    counts = people_by_sector()
    assert counts["civil_society"] == 1 and counts["private"] == 1 and counts["individual"] == 1
    assert counts["media"] == 0  # a comment waiting for moderation does not count
    assert people_by_sector([consultation.translation_key])["individual"] == 0


def test_sector_breakdown_is_suppressed_like_the_statistics(consultation, poll_options):
    for number in range(7):
        cast_vote(consultation, make_citizen(f"ind{number}"), "poll-1", [poll_options[0]])
    for number in range(2):
        cast_vote(
            consultation,
            make_citizen(f"gov{number}"),
            "poll-1",
            [poll_options[0]],
            organisation_name=f"وزارة {number}",
            respondent_sector="government",
        )
    breakdown = participation_by_sector([consultation.translation_key])
    assert breakdown.total == 9
    cells = {cell.key: cell for cell in breakdown.cells}
    assert cells["individual"].count == 7
    assert cells["individual"].shown
    # 2 people: "fewer than 5", like every other small sector (zeros included), so the 2 is not given away.
    assert not cells["government"].shown and not cells["media"].shown
    # Fewer than five people in all: withheld.
    from participation.models import Ballot as B

    B.objects.exclude(voter__username__in=["ind0", "ind1", "gov0"]).delete()
    assert participation_by_sector([consultation.translation_key]).cells is None


def test_a_persons_data_download_includes_their_questionnaire_answers(survey, citizen, citizen_client):
    submit_questionnaire(
        survey,
        citizen,
        "survey",
        {"q-channel": {"options": ["o-portal"]}, "q-clarity": {"options": ["3"]}, "q-ideas": {"text": "فكرتي"}},
        organisation_name="جمعية",
        respondent_sector="civil_society",
    )
    import json

    data = json.loads(citizen_client.get(reverse("download_my_data")).content)
    (entry,) = data["questionnaires"]
    assert entry["organisation"] == "جمعية" and entry["questionnaire"] == "survey"
    assert {"question": "q-ideas", "choice": "", "text": "فكرتي"} in entry["answers"]
