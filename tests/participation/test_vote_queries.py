"""A vote costs a fixed, small number of queries, and the checks it no longer repeats still hold."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from wagtail.models import PageViewRestriction

from participation.models import Ballot
from participation.services import ResponseRefused, _already_voted_as_person, cast_vote

from .conftest import make_citizen
from .test_responding import vote_url

pytestmark = pytest.mark.django_db

# The page (with whether view restrictions apply to it), the session, the person, their verified address and
# national identity (one query), earlier votes by them or by the same person through another account (one
# query), then the vote and its choice: 7, plus the savepoint and its release around the insert (inside the
# test's transaction; a transaction's BEGIN and COMMIT in production, which are not counted).
VOTE_QUERIES = 9


def test_a_vote_costs_a_fixed_number_of_queries(consultation, poll_options, django_assert_max_num_queries):
    people = [make_citizen(f"voter{n}") for n in range(3)]
    clients = []
    for person in people:
        client = Client()
        client.force_login(person)
        clients.append(client)
    assert clients[0].post(vote_url(consultation, "poll-1"), {"option": [poll_options[0]]}).status_code == 302
    for client in clients[1:]:
        with django_assert_max_num_queries(VOTE_QUERIES):
            response = client.post(vote_url(consultation, "poll-1"), {"option": [poll_options[1]]})
        assert response.status_code == 302
    assert Ballot.objects.filter(translation_key=consultation.translation_key).count() == 3


def test_the_same_person_through_another_account_is_still_refused(consultation, citizen, poll_options):
    cast_vote(consultation, citizen, "poll-1", [poll_options[0]])
    other = make_citizen("layla-again")
    EmailAddress.objects.filter(user=other).update(email=citizen.email.upper())
    with pytest.raises(ResponseRefused) as refusal:
        cast_vote(consultation, other, "poll-1", [poll_options[1]])
    assert refusal.value.status == 409
    assert refusal.value.message == _already_voted_as_person()
    assert Ballot.objects.filter(translation_key=consultation.translation_key).count() == 1


def test_an_unverified_person_still_cannot_vote(consultation, poll_options):
    person = make_citizen("unverified", verified=False)
    client = Client()
    client.force_login(person)
    assert client.post(vote_url(consultation, "poll-1"), {"option": [poll_options[0]]}).status_code == 403
    with pytest.raises(ResponseRefused):
        cast_vote(consultation, person, "poll-1", [poll_options[0]])
    EmailAddress.objects.filter(user=person).update(verified=True)
    cast_vote(consultation, person, "poll-1", [poll_options[0]])  # verified since: the same object may vote
    assert Ballot.objects.filter(voter=person).count() == 1


@pytest.mark.parametrize("on", ["page", "ancestor"])
def test_no_vote_on_a_restricted_page(site_tree, consultation, citizen, citizen_client, poll_options, on):
    target = consultation if on == "page" else site_tree.agency_a
    PageViewRestriction.objects.create(page=target, restriction_type=PageViewRestriction.LOGIN)
    assert citizen_client.post(vote_url(consultation, "poll-1"), {"option": [poll_options[0]]}).status_code == 404
    page = type(consultation).objects.get(pk=consultation.pk)
    with pytest.raises(ResponseRefused) as refusal:
        cast_vote(page, citizen, "poll-1", [poll_options[0]])
    assert refusal.value.status == 403
    assert not Ballot.objects.exists()


def test_a_sibling_with_a_similar_path_does_not_restrict(site_tree, consultation, citizen_client, poll_options):
    """A restriction on another page whose path merely shares characters does not apply."""
    PageViewRestriction.objects.create(page=site_tree.agency_b, restriction_type=PageViewRestriction.LOGIN)
    assert citizen_client.post(vote_url(consultation, "poll-1"), {"option": [poll_options[0]]}).status_code == 302
