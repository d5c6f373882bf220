"""Threat: learning who is registered, and an unverified account that counts (issue 9).

Sign-up, password reset and sign-in answer the same whether or not an address is registered; the owner of a
registered address gets an e-mail instead. An account does nothing that counts (no sign-in, no comment, no vote)
until its address is verified.
"""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from tests.factories import PASSWORD

from .conftest import make_citizen

pytestmark = pytest.mark.django_db


def sign_up(email, language="en"):
    client = Client()
    response = client.post(
        f"/{language}/accounts/signup/",
        {
            "email": email,
            "password1": "a-strong-passphrase-2026",
            "password2": "a-strong-passphrase-2026",
            "display_name": "Someone",
        },
        follow=True,
    )
    return client, response


@pytest.mark.parametrize("language", ["ar", "en"])
def test_signing_up_with_a_registered_address_looks_the_same_and_mails_the_owner(site_tree, citizen, language):
    _, fresh = sign_up("nobody-yet@example.jo", language)
    mail.outbox.clear()
    _, taken = sign_up(citizen.email.upper(), language)

    assert fresh.status_code == taken.status_code == 200
    assert [url for url, _ in fresh.redirect_chain] == [url for url, _ in taken.redirect_chain]
    assert "already registered" not in taken.content.decode()
    assert get_user_model().objects.filter(email__iexact=citizen.email).count() == 1
    # The owner is told someone tried; the person signing up learns nothing.
    assert [m.to for m in mail.outbox] == [[citizen.email]]


def test_a_retried_sign_up_does_not_reveal_the_first(site_tree):
    _, first = sign_up("huda@example.jo")
    _, second = sign_up("huda@example.jo")
    assert [u for u, _ in first.redirect_chain] == [u for u, _ in second.redirect_chain]
    assert "already registered" not in second.content.decode()


def test_an_unverified_account_is_not_signed_in(site_tree):
    client, _ = sign_up("huda@example.jo")
    assert "_auth_user_id" not in client.session
    other = Client()
    response = other.post("/en/accounts/login/", {"login": "huda@example.jo", "password": "a-strong-passphrase-2026"})
    assert "_auth_user_id" not in other.session
    assert response.status_code == 302 and "/accounts/confirm-email/" in response["Location"]


def test_password_reset_answers_the_same_for_known_and_unknown_addresses(site_tree, citizen):
    known = Client().post("/en/accounts/password/reset/", {"email": citizen.email})
    unknown = Client().post("/en/accounts/password/reset/", {"email": "nobody@example.jo"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    # Only the owner of the known address gets a reset link (one account per address: one link).
    links = [m for m in mail.outbox if "/accounts/password/reset/key/" in m.body]
    assert [m.to for m in links] == [[citizen.email]]
    assert links[0].body.count("/accounts/password/reset/key/") == 1


def test_a_failed_sign_in_says_the_same_for_known_and_unknown_accounts(site_tree):
    make_citizen("known")
    known = Client().post("/en/accounts/login/", {"login": "known@example.jo", "password": PASSWORD + "x"})
    unknown = Client().post("/en/accounts/login/", {"login": "ghost@example.jo", "password": PASSWORD + "x"})
    assert known.status_code == unknown.status_code == 200
    errors = [str(e) for e in known.context["form"].non_field_errors()]
    assert errors and errors == [str(e) for e in unknown.context["form"].non_field_errors()]
