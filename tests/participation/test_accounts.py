"""Citizen accounts: sign up, verify, sign in, download and delete, in Arabic and English."""

import json
import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from participation.models import Ballot, Comment, Profile
from participation.services import cast_vote, post_comment

from .conftest import make_citizen

pytestmark = pytest.mark.django_db


def sign_up(client, language="ar", email="huda@example.jo"):
    return client.post(
        f"/{language}/accounts/signup/",
        {
            "email": email,
            "password1": "a-strong-passphrase-2026",
            "password2": "a-strong-passphrase-2026",
            "display_name": "هدى",
        },
    )


@pytest.mark.parametrize("language", ["ar", "en"])
def test_sign_up_sends_verification_and_verifying_enables_participation(site_tree, language):
    client = Client()
    page = client.get(f"/{language}/accounts/signup/")
    assert page.status_code == 200
    assert f'lang="{language}"' in page.content.decode()

    response = sign_up(client, language)
    assert response.status_code == 302
    user = get_user_model().objects.get(email="huda@example.jo")
    assert Profile.objects.get(user=user).display_name == "هدى"
    assert not EmailAddress.objects.get(user=user).verified

    assert len(mail.outbox) == 1
    link = re.search(r"https?://[^\s]+/accounts/confirm-email/[^\s]+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.post("/" + path)
    assert response.status_code == 302
    assert EmailAddress.objects.get(user=user).verified


def test_signup_honeypot_refuses_bots(site_tree):
    client = Client()
    client.post(
        "/ar/accounts/signup/",
        {
            "email": "bot@example.jo",
            "password1": "a-strong-passphrase-2026",
            "password2": "a-strong-passphrase-2026",
            "display_name": "bot",
            "website": "http://spam.example",
        },
    )
    assert not get_user_model().objects.filter(email="bot@example.jo").exists()


def test_admin_login_goes_through_rate_limited_login(site_tree):
    response = Client().get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    response = Client().get("/admin/")
    assert "/accounts/login/" in response["Location"]


def test_failed_logins_are_rate_limited(site_tree, settings):
    from django.core.cache import cache

    cache.clear()
    from tests.factories import PASSWORD

    make_citizen("target")
    fresh = Client()
    fresh.post("/ar/accounts/login/", {"login": "target", "password": PASSWORD})
    assert "_auth_user_id" in fresh.session  # the password is right

    client = Client()
    for _ in range(6):
        client.post("/ar/accounts/login/", {"login": "target", "password": "wrong-password"})
    # Even the right password is refused until the lock-out passes.
    response = client.post("/ar/accounts/login/", {"login": "target", "password": PASSWORD})
    assert "_auth_user_id" not in client.session
    assert response.status_code in (200, 429)

    # Too many login attempts from one address answer 429.
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "3/m/ip"}
    codes = [Client().post("/ar/accounts/login/", {"login": "x", "password": "y"}).status_code for _ in range(5)]
    assert 429 in codes


def test_my_participation_shows_status_and_reason(consultation, citizen, citizen_client):
    comment = post_comment(consultation, citizen, "ask-pre", "تعليق فيه رقم هاتف")
    comment.status = "rejected"
    comment.moderation_reason = "personal_data"
    comment.moderation_note = "احذف رقم الهاتف وأعد الإرسال."
    comment.save()
    html = citizen_client.get("/ar/my-participation/").content.decode()
    assert "تعليق فيه رقم هاتف" in html
    assert "احذف رقم الهاتف وأعد الإرسال." in html
    english = citizen_client.get("/en/my-participation/").content.decode()
    assert "Contains personal data" in english


def test_my_participation_needs_sign_in(site_tree):
    response = Client().get("/ar/my-participation/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_download_my_data(consultation, citizen, citizen_client, poll_options):
    post_comment(consultation, citizen, "ask-post", "تعليقي")
    cast_vote(consultation, citizen, "poll-1", [poll_options[1]])
    response = citizen_client.get("/ar/my-participation/download/")
    assert response["Content-Type"].startswith("application/json")
    data = json.loads(response.content)
    assert data["account"]["email"] == citizen.email
    assert data["profile"]["display_name"] == "ليلى من إربد"
    assert [c["body"] for c in data["comments"]] == ["تعليقي"]
    assert data["votes"][0]["choices"] == [poll_options[1]]


def test_deleting_account_keeps_tally_and_anonymises_comments(consultation, citizen, citizen_client, poll_options):
    post_comment(consultation, citizen, "ask-post", "تعليق سيبقى")
    cast_vote(consultation, citizen, "poll-1", [poll_options[0]])

    from tests.factories import PASSWORD

    assert citizen_client.post("/ar/my-participation/delete/", {"password": PASSWORD}).status_code == 400
    assert get_user_model().objects.filter(pk=citizen.pk).exists()

    response = citizen_client.post("/ar/my-participation/delete/", {"confirm": "yes", "password": PASSWORD})
    assert response.status_code == 302
    assert not get_user_model().objects.filter(pk=citizen.pk).exists()
    assert not Profile.objects.filter(display_name="ليلى من إربد").exists()

    comment = Comment.objects.get()
    assert comment.author is None and comment.body == "تعليق سيبقى"
    assert Ballot.objects.filter(translation_key=consultation.translation_key).count() == 1
    html = Client().get(consultation.url).content.decode()
    assert "تعليق سيبقى" in html
    assert "ليلى من إربد" not in html


def test_demographics_are_kept_only_with_consent(citizen, citizen_client):
    citizen_client.post(
        "/ar/my-participation/profile/",
        {"display_name": "ليلى", "governorate": "irbid", "age_band": "25_34", "gender": "female", "disability": "no"},
    )
    profile = Profile.objects.get(user=citizen)
    assert profile.display_name == "ليلى"
    assert (profile.governorate, profile.age_band, profile.gender, profile.disability) == ("", "", "", "")

    citizen_client.post(
        "/ar/my-participation/profile/",
        {
            "display_name": "ليلى",
            "demographics_consent": "on",
            "governorate": "irbid",
            "age_band": "25_34",
            "gender": "female",
            "disability": "no",
        },
    )
    profile.refresh_from_db()
    assert (profile.governorate, profile.gender) == ("irbid", "female")


def test_display_name_never_shows_email(consultation, citizen):
    comment = post_comment(consultation, citizen, "ask-post", "تعليق عام")
    html = Client().get(consultation.url).content.decode()
    assert comment.body in html
    assert citizen.email not in html
    assert "ليلى من إربد" in html


def test_download_my_data_includes_proposals_and_what_one_follows(site_tree, citizen, citizen_client):
    """The data download covers every app that holds something about the person, not only participation."""
    from proposals.models import Proposal
    from reach.models import Subscription

    Proposal.objects.create(
        agency=site_tree.agency_a,
        title="مقترح ليلى",
        problem="المشكلة",
        solution="الحل",
        beneficiaries="الجميع",
        language="ar",
        author=citizen,
    )
    Subscription.objects.create(user=citizen, kind="agency", target=str(site_tree.agency_a.translation_key))
    data = json.loads(citizen_client.get("/ar/my-participation/download/").content)
    assert [row["title"] for row in data["proposals"]] == ["مقترح ليلى"]
    assert data["subscriptions"][0]["target"] == str(site_tree.agency_a.translation_key)
    assert data["supports"] == []


@pytest.mark.parametrize("who, lands_on", [("editor", "/admin/"), ("citizen", "/ar/my-participation/")])
def test_staff_land_in_the_admin_and_citizens_on_their_participation(users, who, lands_on):
    from allauth.account.models import EmailAddress

    from tests.factories import PASSWORD

    user = getattr(users, who)
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    response = Client().post("/ar/accounts/login/", {"login": user.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == lands_on


def test_a_next_address_wins_over_the_admin_for_staff(users):
    from allauth.account.models import EmailAddress

    from tests.factories import PASSWORD

    EmailAddress.objects.create(user=users.editor, email=users.editor.email, verified=True, primary=True)
    response = Client().post(
        "/ar/accounts/login/?next=/ar/proposals/", {"login": "editor", "password": PASSWORD, "next": "/ar/proposals/"}
    )
    assert response["Location"] == "/ar/proposals/"
