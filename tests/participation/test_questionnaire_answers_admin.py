"""Written answers are read by the agency's own staff only, escaped; other agencies get 404."""

import pytest
from django.urls import reverse

from participation.services import submit_questionnaire
from tests.factories import ConsultationPageFactory, UserFactory, add_page

from .conftest import make_citizen
from .questionnaire_fixtures import body_with_questionnaire

pytestmark = pytest.mark.django_db

EVIL = '<img src=x onerror="alert(1)"> رأيي'


@pytest.fixture
def answered(site_tree):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(slug="survey", body=body_with_questionnaire()))
    person = make_citizen("writer", display_name="كاتب الرأي")
    submit_questionnaire(
        page,
        person,
        "survey",
        {
            "q-channel": {"options": ["other"], "text": "إذاعة محلية"},
            "q-clarity": {"options": ["3"]},
            "q-ideas": {"text": EVIL},
        },
        organisation_name="جمعية الشفافية",
        respondent_sector="civil_society",
    )
    return page


@pytest.fixture
def staff(site_tree, users):
    return {
        "editor_a": users.editor,
        "moderator_a": UserFactory(username="moderator_a", groups=[site_tree.agency_a.moderators_group]),
        "editor_b": users.editor2,
        "moderator_b": UserFactory(username="moderator_b", groups=[site_tree.agency_b.moderators_group]),
        "reviewer": users.reviewer,
        "citizen": users.citizen,
    }


@pytest.mark.parametrize("role", ["editor_a", "moderator_a", "reviewer"])
def test_agency_staff_and_reviewers_read_the_written_answers_escaped(answered, staff, client_for, role):
    client = client_for(staff[role])
    index = client.get(reverse("transparency_questionnaires"))
    assert index.status_code == 200
    assert reverse("transparency_questionnaire_answers", args=[answered.pk]) in index.content.decode()
    response = client.get(reverse("transparency_questionnaire_answers", args=[answered.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;img src=x onerror=&quot;alert(1)&quot;&gt; رأيي" in html
    assert EVIL not in html
    assert "إذاعة محلية" in html
    assert "جمعية الشفافية" in html
    assert "كاتب الرأي" not in html and "writer@" not in html  # never the person


@pytest.mark.parametrize("role", ["editor_b", "moderator_b", "citizen"])
def test_other_agencies_and_citizens_cannot_read_them(answered, staff, client_for, role):
    client = client_for(staff[role])
    response = client.get(reverse("transparency_questionnaire_answers", args=[answered.pk]))
    assert response.status_code in (302, 403, 404)
    assert EVIL not in response.content.decode() and "رأيي" not in response.content.decode()
    index = client.get(reverse("transparency_questionnaires"))
    assert reverse("transparency_questionnaire_answers", args=[answered.pk]) not in index.content.decode()


def test_answers_view_queries_are_constant(answered, staff, client_for, django_assert_max_num_queries):
    client = client_for(staff["editor_a"])
    url = reverse("transparency_questionnaire_answers", args=[answered.pk])
    client.get(url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for number in range(8):
        submit_questionnaire(
            answered,
            make_citizen(f"more{number}"),
            "survey",
            {
                "q-channel": {"options": ["o-portal"]},
                "q-clarity": {"options": ["2"]},
                "q-ideas": {"text": f"نص {number}"},
            },
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
