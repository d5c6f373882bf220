"""Threat: a second, unguarded way into an account (issue 9).

Wagtail's own password reset and e-mail editing bypass allauth's rate limits and verification; two accounts
sharing an address let a reset for that address mail links for both. Every reset and e-mail change must go
through allauth, a new address counts only once verified, and an address belongs to one account.
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_wagtail_password_reset_leads_to_allauths_reset(site_tree, users):
    client = Client()
    for address in ("/admin/password_reset/", "/admin/password_reset/done/", "/admin/password_reset/confirm/x/y/"):
        response = client.get(address)
        assert response.status_code == 302
        assert response["Location"].endswith("/accounts/password/reset/")
    # Wagtail's form sends nothing: the only reset is allauth's (rate-limited, no username in the mail).
    response = client.post("/admin/password_reset/", {"email": users.editor.email})
    assert response.status_code == 302
    assert mail.outbox == []
    assert client.get("/en/accounts/password/reset/").status_code == 200


def test_admin_account_page_cannot_change_the_email(site_tree, users, client_for):
    editor = users.editor
    client = client_for(editor)
    page = client.get("/admin/account/")
    assert page.status_code == 200
    assert 'name="name_email-email"' not in page.content.decode()
    client.post(
        "/admin/account/",
        {
            "name_email-first_name": "Sami",
            "name_email-last_name": "Haddad",
            "name_email-email": "attacker@evil.example",
        },
    )
    editor.refresh_from_db()
    assert editor.email == "editor@example.jo"


def test_an_address_belongs_to_one_account_in_the_database(site_tree):
    UserFactory(username="first", email="Same.Person@example.jo")
    with pytest.raises(IntegrityError), transaction.atomic():
        UserFactory(username="second", email="same.person@EXAMPLE.jo")
    # Accounts without an address (none on the public site, but possible in the admin) are not blocked.
    UserFactory(username="no-mail-1", email="")
    UserFactory(username="no-mail-2", email="")
    assert get_user_model().objects.filter(email="").count() == 2


def test_changing_email_needs_the_new_address_verified(site_tree, citizen, citizen_client):
    response = citizen_client.post("/en/accounts/email/", {"action_add": "", "email": "layla.new@example.jo"})
    assert response.status_code == 302
    citizen.refresh_from_db()
    # Not yet: the account still answers to the old, verified address.
    assert citizen.email == "layla@example.jo"
    new = EmailAddress.objects.get(user=citizen, email="layla.new@example.jo")
    assert not new.verified and not new.primary
    assert [m.to for m in mail.outbox] == [["layla.new@example.jo"]]

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    citizen_client.post("/" + link.split("://", 1)[1].split("/", 1)[1])
    citizen.refresh_from_db()
    assert citizen.email == "layla.new@example.jo"
    # The old address is replaced, not kept beside it, and its owner is told.
    assert list(EmailAddress.objects.filter(user=citizen).values_list("email", flat=True)) == ["layla.new@example.jo"]
    assert any(m.to == ["layla@example.jo"] for m in mail.outbox[1:])


def test_another_accounts_address_cannot_be_taken(site_tree, citizen, citizen_client):
    from tests.participation.conftest import make_citizen

    other = make_citizen("other")
    response = citizen_client.post("/en/accounts/email/", {"action_add": "", "email": other.email.upper()})
    # The same answer as for a free address (no enumeration) ...
    assert response.status_code == 302
    # ... but the address never becomes this account's: it stays unverified, and the only link goes to its owner.
    assert not EmailAddress.objects.filter(user=citizen, email__iexact=other.email, verified=True).exists()
    citizen.refresh_from_db()
    assert citizen.email == "layla@example.jo"
    assert all(m.to == [other.email] for m in mail.outbox), [m.to for m in mail.outbox]


def test_my_participation_leads_to_allauths_email_page(site_tree, citizen_client):
    page = citizen_client.get("/en/my-participation/").content.decode()
    assert 'href="/en/accounts/email/"' in page
    assert citizen_client.get("/en/accounts/email/").status_code == 200
