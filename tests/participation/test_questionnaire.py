"""Questionnaires: who may answer when, one submission per person that they edit until closing,
conditions and required questions checked by the server, results, and editors' limits."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from pages.publishing import PublishingRefused
from participation.models import QuestionnaireAnswer, QuestionnaireSubmission
from participation.questionnaires import questions_of, structure_problems
from participation.services import AnswersRefused, ResponseRefused, submit_questionnaire
from tests.factories import ConsultationPageFactory, UserFactory, add_page, publish_directly, translate_page

from .conftest import make_citizen
from .questionnaire_fixtures import body_with_questionnaire

pytestmark = pytest.mark.django_db

COMPLETE = {
    "q-channel": {"options": ["o-portal"]},
    "q-clarity": {"options": ["4"]},
    "q-used": {"options": ["no"]},
}


def answer_url(page, block_id="survey", language="ar"):
    return f"/{language}" + reverse("participation_questionnaire", args=[page.pk, block_id])[3:]


def form_data(**answers):
    """POST data as the form sends it: q-<question id> for choices, q-<question id>-text for text."""
    data = {}
    for question_id, value in answers.items():
        key = question_id.replace("_", "-")
        if isinstance(value, str):
            data[f"q-{key}-text"] = value
        else:
            data[f"q-{key}"] = value
    return data


@pytest.fixture
def survey(site_tree):
    return add_page(site_tree.agency_a, ConsultationPageFactory(slug="survey", body=body_with_questionnaire()))


@pytest.fixture
def survey_en(survey):
    return translate_page(survey, title="Draft e-participation law")


@pytest.fixture
def survey_open_results(site_tree):
    return add_page(
        site_tree.agency_a,
        ConsultationPageFactory(slug="survey-open", body=body_with_questionnaire(show_results="while_open")),
    )


def set_window(page, opens_days, closes_days):
    now = timezone.now()
    page.opens_at = now + timedelta(days=opens_days)
    page.closes_at = now + timedelta(days=closes_days)
    publish_directly(page)
    page.refresh_from_db()


# Who may answer, and when ------------------------------------------------------------------------


def test_verified_citizen_answers_and_the_answers_are_stored_by_question(survey, citizen_client, citizen):
    response = citizen_client.post(
        answer_url(survey),
        form_data(
            q_channel=["o-portal"], q_clarity=["4"], q_used=["yes"], q_told=["o-why", "o-who"], q_ideas="أقترح سجلاً."
        ),
    )
    assert response.status_code == 302
    submission = QuestionnaireSubmission.objects.get()
    assert submission.respondent == citizen
    assert submission.translation_key == survey.translation_key
    assert submission.block_id == "survey"
    assert submission.identity_hash  # one per person even across deleted accounts
    stored = set(QuestionnaireAnswer.objects.values_list("question_id", "option_id", "text"))
    assert stored == {
        ("q-channel", "o-portal", ""),
        ("q-clarity", "4", ""),
        ("q-used", "yes", ""),
        ("q-told", "o-why", ""),
        ("q-told", "o-who", ""),
        ("q-ideas", "", "أقترح سجلاً."),
    }
    page = citizen_client.get(survey.url).content.decode()
    assert "You answered this questionnaire" in page or "أجبت" in page
    assert 'value="o-who" id="q-survey-q-told-3" checked' in page  # the form shows the person's own answers


def test_anonymous_visitors_see_a_sign_in_link_and_no_form(survey):
    client = Client()
    response = client.get(survey.url)
    html = response.content.decode()
    assert "استبيان حول بوابة المشاركة الإلكترونية" in html
    assert reverse("participation_questionnaire", args=[survey.pk, "survey"])[3:] not in html
    assert "/accounts/login/" in html
    assert "csrftoken" not in response.cookies  # the page stays cacheable for everyone
    assert client.post(answer_url(survey), form_data(**{"q_channel": "o-portal"})).status_code == 403
    assert not QuestionnaireSubmission.objects.exists()


def test_unverified_accounts_cannot_answer(survey):
    client = Client()
    client.force_login(make_citizen("unverified", verified=False))
    response = client.post(answer_url(survey), form_data(q_channel=["o-portal"], q_clarity=["3"]))
    assert response.status_code == 403
    assert not QuestionnaireSubmission.objects.exists()


@pytest.mark.parametrize("phase", ["upcoming", "closed"])
def test_answers_refused_outside_the_window(survey, citizen, citizen_client, phase):
    if phase == "upcoming":
        set_window(survey, 2, 30)
    else:
        set_window(survey, -30, -1)
    response = citizen_client.post(answer_url(survey), form_data(q_channel=["o-portal"], q_clarity=["3"]))
    assert response.status_code == 403
    with pytest.raises(ResponseRefused):
        submit_questionnaire(survey, citizen, "survey", COMPLETE)
    assert not QuestionnaireSubmission.objects.exists()
    html = citizen_client.get(survey.url).content.decode()
    assert answer_url(survey) not in html


def test_unpublished_consultation_takes_no_answers(survey, citizen):
    survey.unpublish()
    survey.refresh_from_db()
    with pytest.raises(ResponseRefused):
        submit_questionnaire(survey, citizen, "survey", COMPLETE)


def test_staff_answer_like_anyone_only_with_a_verified_address(survey, site_tree):
    editor = UserFactory(username="editor_a", groups=[site_tree.agency_a.editors_group])
    with pytest.raises(ResponseRefused):
        submit_questionnaire(survey, editor, "survey", COMPLETE)


def test_unknown_block_or_a_poll_id_is_refused(survey, citizen):
    with pytest.raises(ResponseRefused) as refusal:
        submit_questionnaire(survey, citizen, "poll-1", COMPLETE)
    assert refusal.value.status == 404


# One submission per person, editable until closing -------------------------------------------------


def test_a_second_submission_edits_the_first(survey, survey_en, citizen):
    first, created = submit_questionnaire(survey, citizen, "survey", COMPLETE, language="ar")
    assert created
    changed = {**COMPLETE, "q-clarity": {"options": ["2"]}, "q-service": {"text": "جواز السفر"}}
    second, created = submit_questionnaire(survey_en, citizen, "survey", changed, language="en")
    assert not created and second.pk == first.pk
    assert QuestionnaireSubmission.objects.count() == 1
    second.refresh_from_db()
    assert second.language == "en" and second.consultation_id == survey_en.pk
    answers = dict(QuestionnaireAnswer.objects.filter(option_id__in=["2", "4"]).values_list("question_id", "option_id"))
    assert answers == {"q-clarity": "2"}
    assert QuestionnaireAnswer.objects.filter(question_id="q-service", text="جواز السفر").exists()


def test_editing_is_refused_after_closing(survey, citizen):
    submit_questionnaire(survey, citizen, "survey", COMPLETE)
    set_window(survey, -30, -1)
    with pytest.raises(ResponseRefused):
        submit_questionnaire(survey, citizen, "survey", {**COMPLETE, "q-clarity": {"options": ["1"]}})
    assert QuestionnaireAnswer.objects.filter(question_id="q-clarity").get().option_id == "4"


def test_a_new_account_of_the_same_person_cannot_answer_again(survey, citizen):
    submit_questionnaire(survey, citizen, "survey", COMPLETE)
    email = citizen.email
    citizen.delete()
    again = make_citizen("again")
    again.emailaddress_set.update(email=email.upper())
    with pytest.raises(ResponseRefused) as refusal:
        submit_questionnaire(survey, again, "survey", COMPLETE)
    assert refusal.value.status == 409
    assert QuestionnaireSubmission.objects.count() == 1


def test_one_submission_per_person_is_a_database_constraint(survey, citizen):
    from django.db import IntegrityError, transaction

    submit_questionnaire(survey, citizen, "survey", COMPLETE)
    with pytest.raises(IntegrityError), transaction.atomic():
        QuestionnaireSubmission.objects.create(
            translation_key=survey.translation_key,
            block_id="survey",
            respondent=citizen,
            agency_key=survey.agency.translation_key,
            language="ar",
        )


# Conditions and required questions --------------------------------------------------------------


def test_a_question_hidden_by_its_condition_is_neither_required_nor_kept(survey, citizen):
    # q-told is required, but asked only after "yes" to q-used.
    answers = {**COMPLETE, "q-used": {"options": ["no"]}, "q-told": {"options": ["o-why"]}}
    submit_questionnaire(survey, citizen, "survey", answers)
    assert not QuestionnaireAnswer.objects.filter(question_id="q-told").exists()


def test_a_question_shown_by_its_condition_is_required(survey, citizen):
    with pytest.raises(AnswersRefused) as refusal:
        submit_questionnaire(survey, citizen, "survey", {**COMPLETE, "q-used": {"options": ["yes"]}})
    assert set(refusal.value.errors) == {"q-told"}
    assert not QuestionnaireSubmission.objects.exists()


def test_required_questions_and_forged_answers_are_refused_next_to_the_question(survey, citizen_client):
    response = citizen_client.post(answer_url(survey), form_data(q_channel=["forged"], q_ideas="فكرة"))
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="q-survey-q-channel-error"' in html
    assert 'id="q-survey-q-clarity-error"' in html  # required, not answered
    assert 'href="#q-survey-q-clarity"' in html  # the summary links to the question
    assert "فكرة" in html  # what the person wrote is kept
    assert not QuestionnaireSubmission.objects.exists()


def test_choice_rules(survey, citizen):
    cases = [
        ({**COMPLETE, "q-channel": {"options": ["o-portal", "o-social"]}}, "q-channel"),  # one answer only
        ({**COMPLETE, "q-channel": {"options": ["other"]}}, "q-channel"),  # "Other" needs its text
        ({**COMPLETE, "q-clarity": {"options": ["6"]}}, "q-clarity"),
        ({**COMPLETE, "q-service": {"text": "x" * 301}}, "q-service"),
    ]
    for answers, question in cases:
        with pytest.raises(AnswersRefused) as refusal:
            submit_questionnaire(survey, citizen, "survey", answers)
        assert question in refusal.value.errors
    submit_questionnaire(survey, citizen, "survey", {**COMPLETE, "q-channel": {"options": [], "text": "إذاعة"}})
    assert QuestionnaireAnswer.objects.get(question_id="q-channel").option_id == "other"


def test_an_empty_questionnaire_is_not_sent(survey, citizen):
    questions = questions_of(next(b for b in survey.body if b.block_type == "questionnaire").value)
    assert [q.id for q in questions if q.required] == ["q-channel", "q-clarity", "q-told"]
    with pytest.raises(AnswersRefused):
        submit_questionnaire(survey, citizen, "survey", {})


def test_honeypot_and_rate_limit(survey, citizen_client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "questionnaire": "2/h/user"}
    data = form_data(q_channel=["o-portal"], q_clarity=["4"])
    assert citizen_client.post(answer_url(survey), {**data, "website": "spam"}).status_code == 400
    assert not QuestionnaireSubmission.objects.exists()
    assert citizen_client.post(answer_url(survey), data).status_code == 302
    assert citizen_client.post(answer_url(survey), data).status_code == 429


# Escaping ----------------------------------------------------------------------------------------


def test_citizen_text_is_escaped_when_shown_back(survey, citizen_client):
    evil = '<script>alert("x")</script>'
    response = citizen_client.post(answer_url(survey), form_data(q_ideas=evil))
    assert response.status_code == 400  # required questions missing: the form comes back with the text
    html = response.content.decode()
    assert evil not in html and "&lt;script&gt;" in html
    citizen_client.post(answer_url(survey), form_data(q_channel=["o-portal"], q_clarity=["4"], q_ideas=evil))
    html = citizen_client.get(survey.url).content.decode()
    assert evil not in html and "&lt;script&gt;" in html


# Results -----------------------------------------------------------------------------------------


def answer_as(page, count, answers_for, prefix="p"):
    for number in range(count):
        person = make_citizen(f"{prefix}{number}")
        submit_questionnaire(page, person, "survey", answers_for(number))


def test_results_hidden_while_open_then_shown_after_closing_in_both_languages(survey, survey_en):
    answer_as(
        survey,
        4,
        lambda n: {
            "q-channel": {"options": ["o-portal" if n < 3 else "o-social"]},
            "q-clarity": {"options": [str(n + 2)]},
            "q-used": {"options": ["yes"]},
            "q-told": {"options": ["o-why", "o-who"] if n % 2 else ["o-why"]},
        },
    )
    html = Client().get(survey.url).content.decode()
    assert "results-survey" not in html
    set_window(survey, -30, -1)
    set_window(survey_en, -30, -1)
    for page in (survey, survey_en):
        html = Client().get(page.url).content.decode()
        assert 'id="results-survey"' in html
        assert '<svg class="chart"' in html and 'role="img"' in html
        assert (
            '<tr data-option="o-portal"><th scope="row">بوابة تواصل</th><td class="num">3</td><td class="num">75%</td>'
            in html
        )
        # Several answers allowed: shares of people, which may add up to more than 100%.
        assert (
            '<tr data-option="o-why"><th scope="row">سبب جمع البيانات</th>'
            '<td class="num">4</td><td class="num">100%</td>' in html
        )
        assert (
            '<tr data-option="o-who"><th scope="row">من تُشارك معه</th><td class="num">2</td><td class="num">50%</td>'
            in html
        )
    arabic = Client().get(survey.url).content.decode()
    assert 'direction="rtl"' in arabic
    english = Client().get(survey_en.url).content.decode()
    assert 'direction="ltr"' in english
    assert "4 people answered" in english


def test_results_while_open_when_the_editor_chose_so(survey_open_results):
    person = make_citizen("early")
    submit_questionnaire(
        survey_open_results, person, "survey", {"q-channel": {"options": ["o-social"]}, "q-clarity": {"options": ["5"]}}
    )
    html = Client().get(survey_open_results.url).content.decode()
    assert 'id="results-survey"' in html
    assert (
        '<tr data-option="o-social"><th scope="row">وسائل التواصل الاجتماعي</th>'
        '<td class="num">1</td><td class="num">100%</td>' in html
    )
    # Written answers are never on the public page.
    submit_questionnaire(
        survey_open_results,
        make_citizen("writer"),
        "survey",
        {"q-channel": {"options": ["o-portal"]}, "q-clarity": {"options": ["1"]}, "q-ideas": {"text": "نص سري"}},
    )
    assert "نص سري" not in Client().get(survey_open_results.url).content.decode()


def test_page_queries_do_not_grow_with_answers(survey_open_results, django_assert_max_num_queries, citizen_client):
    def answers(n):
        return {"q-channel": {"options": ["o-portal"]}, "q-clarity": {"options": ["3"]}, "q-ideas": {"text": f"r{n}"}}

    answer_as(survey_open_results, 3, answers)
    citizen_client.get(survey_open_results.url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        citizen_client.get(survey_open_results.url)
    answer_as(survey_open_results, 12, lambda n: answers(n + 100), prefix="more")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = citizen_client.get(survey_open_results.url)
    assert response.status_code == 200


# The block as editors write it, and what they may not change ---------------------------------------


def test_structure_problems_explain_bad_conditions_and_missing_answers():
    from participation.blocks import QuestionnaireBlock

    from .questionnaire_fixtures import question, questionnaire_block

    block = QuestionnaireBlock()
    raw = questionnaire_block()["value"]
    raw["questions"] = [
        question("a", "نص", "long_text"),
        question("b", "اختر", "single", options=[("x", "واحد")]),
        question("c", "بعد", "yes_no", condition=(1, 1)),
        question("d", "بعد", "yes_no", condition=(4, 1)),
        question("e", "بعد", "scale", condition=(2, 3)),
    ]
    value = block.to_python(raw)
    problems = [str(p) for p in structure_problems(value)]
    assert len(problems) == 4, problems
    with pytest.raises(ValidationError):
        block.clean(value)


def test_removing_or_changing_an_answered_question_is_refused_where_it_is_published(survey, citizen):
    submit_questionnaire(survey, citizen, "survey", COMPLETE)
    body = survey.body.raw_data
    questionnaire = next(item for item in body if item["type"] == "questionnaire")
    questionnaire["value"]["questions"] = [
        item for item in questionnaire["value"]["questions"] if item["id"] != "q-clarity"
    ]
    page = type(survey).objects.get(pk=survey.pk)
    page.body = body
    with translation.override("en"):
        assert any("cannot be removed" in str(p) for p in page.publication_problems())
        with pytest.raises(ValidationError):
            page.full_clean()
        with pytest.raises((PublishingRefused, ValidationError)):
            page.save_revision(clean=False).publish()
    live = type(survey).objects.get(pk=survey.pk)
    assert "q-clarity" in {
        q.id for q in questions_of(next(b for b in live.body if b.block_type == "questionnaire").value)
    }
    # Changing the kind of an answered question.
    page = type(survey).objects.get(pk=survey.pk)
    raw = page.body.raw_data
    next(q for q in next(i for i in raw if i["type"] == "questionnaire")["value"]["questions"] if q["id"] == "q-used")[
        "value"
    ]["kind"] = "single"
    page.body = raw
    with translation.override("en"):
        assert any("cannot change" in str(p) for p in page.publication_problems())
    # An unanswered question may go, and new questions may be added.
    page = type(survey).objects.get(pk=survey.pk)
    raw = page.body.raw_data
    item = next(i for i in raw if i["type"] == "questionnaire")
    item["value"]["questions"] = [q for q in item["value"]["questions"] if q["id"] != "q-service"]
    page.body = raw
    assert page.publication_problems() == []
