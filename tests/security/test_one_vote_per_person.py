"""Threat: voting twice by deleting one's account and signing up again with the same identity (issue 9).

Each vote keeps a keyed hash of its voter's verified e-mail and national-identity subject; a new account with the
same identity is refused in that poll, in both languages, and the hash reveals nothing.
"""

import json

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.test import Client
from django.utils import translation
from django.utils.html import escape

from participation.identity import email_hash
from participation.models import Ballot
from participation.services import ResponseRefused, _already_voted_as_person, cast_vote
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def new_account(username, email, verified=True):
    user = UserFactory(username=username, email=email)
    EmailAddress.objects.create(user=user, email=email, verified=verified, primary=True)
    return user


def vote_url(consultation, language):
    return f"/{language}/participate/{consultation.pk}/vote/poll-1/"


@pytest.mark.parametrize("language", ["ar", "en"])
def test_a_new_account_with_the_same_email_cannot_vote_again(consultation, citizen, poll_options, language):
    cast_vote(consultation, citizen, "poll-1", [poll_options[0]])
    citizen.delete()
    ballot = Ballot.objects.get()
    assert ballot.voter is None and ballot.identity_hash  # the vote and its hash outlive the account

    # Same address, written differently: still the same person.
    again = new_account("layla-again", " Layla@Example.JO ".strip())
    client = Client()
    client.force_login(again)
    response = client.post(vote_url(consultation, language), {"option": poll_options[1]})
    assert response.status_code == 409
    with translation.override(language):  # the refusal in the page's language (Arabic from the catalogue)
        message = _already_voted_as_person()
    with translation.override("en"):
        assert "A vote from you is already counted in this poll, perhaps from an account you deleted." in str(
            _already_voted_as_person()
        )
    assert escape(message) in response.content.decode()
    assert Ballot.objects.count() == 1
    assert list(Ballot.objects.values_list("choices__option_id", flat=True)) == [poll_options[0]]


def test_the_same_national_identity_cannot_vote_again_under_another_address(consultation, poll_options):
    first = new_account("nid-1", "first@example.jo")
    SocialAccount.objects.create(user=first, provider="national-id", uid="9871234560")
    cast_vote(consultation, first, "poll-1", [poll_options[0]])
    first.delete()

    second = new_account("nid-2", "another-address@example.jo")
    SocialAccount.objects.create(user=second, provider="national-id", uid="9871234560")
    with pytest.raises(ResponseRefused) as refusal:
        cast_vote(consultation, second, "poll-1", [poll_options[1]])
    assert refusal.value.status == 409
    assert Ballot.objects.count() == 1


def test_other_people_and_other_polls_are_not_affected(consultation, citizen, poll_options):
    cast_vote(consultation, citizen, "poll-1", [poll_options[0]])
    citizen.delete()
    cast_vote(consultation, new_account("someone-else", "someone@example.jo"), "poll-1", [poll_options[1]])
    assert Ballot.objects.count() == 2


def test_an_unverified_address_gives_no_identity(consultation, poll_options):
    """An unverified address could be someone else's: it must not block, or count as, its owner."""
    squatter = new_account("squatter", "victim@example.jo", verified=False)
    with pytest.raises(ResponseRefused):  # cannot vote at all before verifying
        cast_vote(consultation, squatter, "poll-1", [poll_options[0]])
    assert not Ballot.objects.exists()


def test_the_hash_is_keyed_and_never_shown(consultation, citizen, citizen_client, poll_options, settings):
    cast_vote(consultation, citizen, "poll-1", [poll_options[0]])
    stored = Ballot.objects.get().identity_hash
    assert len(stored) == 64 and "layla" not in stored
    assert stored == email_hash("layla@example.jo")
    # Keyed: with another server secret the same address gives another hash (a list of addresses is no help).
    settings.TAWASUL_IDENTITY_KEY = "another-secret"
    assert email_hash("layla@example.jo") != stored
    settings.TAWASUL_IDENTITY_KEY = ""
    download = json.loads(citizen_client.get("/ar/my-participation/download/").content)
    assert stored not in json.dumps(download)
    assert stored not in Client().get(consultation.url).content.decode()


@pytest.mark.parametrize("language, words", [("ar", "بعد حذف حسابك"), ("en", "after you delete your account")])
def test_the_privacy_notice_says_the_vote_keeps_a_keyed_hash(language, words):
    from pages.demo_content import SECTIONS

    privacy = next(section for section in SECTIONS if section["slug"] == "privacy")
    text = json.dumps(privacy[language]["body"], ensure_ascii=False)
    assert words in text
    assert ("مفتاح سري" if language == "ar" else "secret key") in text
