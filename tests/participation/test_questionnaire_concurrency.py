"""One submission per person holds under parallel requests: the database constraint decides, and a
person's parallel requests leave one submission with one complete set of answers."""

import pytest
from django.db import connection

from participation.models import QuestionnaireAnswer, QuestionnaireSubmission
from participation.services import submit_questionnaire
from tests.factories import ConsultationPageFactory, add_page

from .conftest import make_citizen
from .questionnaire_fixtures import body_with_questionnaire
from .test_concurrency import PARALLEL, run_in_parallel

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency is tested on PostgreSQL (set DATABASE_URL; CI does); SQLite serialises writers",
    ),
]


def answers(index):
    return {"q-channel": {"options": ["o-portal"]}, "q-clarity": {"options": [str(index % 5 + 1)]}}


def test_parallel_submissions_by_one_person_leave_one_submission(site_tree):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(slug="survey", body=body_with_questionnaire()))
    person = make_citizen("eager")
    outcomes = run_in_parallel(lambda i: submit_questionnaire(page, person, "survey", answers(i)))
    assert outcomes.count("ok") == PARALLEL  # the first creates, the others edit it one after another
    assert QuestionnaireSubmission.objects.filter(respondent=person).count() == 1
    # One complete set of answers, not a mixture of several requests'.
    assert QuestionnaireAnswer.objects.filter(question_id="q-clarity").count() == 1
    assert QuestionnaireAnswer.objects.filter(question_id="q-channel").count() == 1


def test_parallel_submissions_by_different_people_are_all_kept(site_tree):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(slug="survey", body=body_with_questionnaire()))
    people = [make_citizen(f"person{i}") for i in range(PARALLEL)]
    outcomes = run_in_parallel(lambda i: submit_questionnaire(page, people[i], "survey", answers(i)))
    assert outcomes.count("ok") == PARALLEL
    assert QuestionnaireSubmission.objects.count() == PARALLEL
