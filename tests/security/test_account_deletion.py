"""Threat: deleting someone's account from a device left signed in, or a staff account from the public site
(issue 9). Deletion needs the current password, or for accounts without one a sign-in within the last minutes;
anyone who works in the administration cannot delete their account from the public page."""

import time

import pytest
from allauth.account.internal.flows.login import AUTHENTICATION_METHODS_SESSION_KEY
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from tests.factories import PASSWORD, UserFactory

from .conftest import make_citizen

pytestmark = pytest.mark.django_db

URL = "/en/my-participation/delete/"


def exists(user):
    return get_user_model().objects.filter(pk=user.pk).exists()


def test_deletion_needs_the_current_password(citizen, citizen_client):
    page = citizen_client.get(URL).content.decode()
    assert 'name="password"' in page and 'autocomplete="current-password"' in page

    for data in ({"confirm": "yes"}, {"confirm": "yes", "password": "not-my-password"}):
        response = citizen_client.post(URL, data)
        assert response.status_code == 400
        assert exists(citizen)
    assert "That is not your current password." in response.content.decode()

    assert citizen_client.post(URL, {"confirm": "yes", "password": PASSWORD}).status_code == 302
    assert not exists(citizen)


def test_password_guesses_on_the_deletion_form_are_limited(citizen, citizen_client):
    codes = [citizen_client.post(URL, {"confirm": "yes", "password": f"guess-{i}"}).status_code for i in range(7)]
    assert codes[:5] == [400] * 5 and codes[5:] == [429, 429]
    assert citizen_client.post(URL, {"confirm": "yes", "password": PASSWORD}).status_code == 429
    assert exists(citizen)


def identity_only_client(recent):
    user = make_citizen("nid-only")
    user.set_unusable_password()
    user.save()
    SocialAccount.objects.create(user=user, provider="national-id", uid="1234567890")
    client = Client()
    client.force_login(user)
    session = client.session
    signed_in_at = time.time() - (60 if recent else 3600)
    session[AUTHENTICATION_METHODS_SESSION_KEY] = [{"method": "socialaccount", "at": signed_in_at}]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()
    return user, client


def test_without_a_password_an_old_sign_in_is_not_enough(site_tree):
    user, client = identity_only_client(recent=False)
    response = client.post(URL, {"confirm": "yes"})
    assert response.status_code == 400
    assert "sign out and sign in again" in response.content.decode()
    assert exists(user)


def test_without_a_password_a_recent_sign_in_is_enough(site_tree):
    user, client = identity_only_client(recent=True)
    assert 'name="password"' not in client.get(URL).content.decode()
    assert client.post(URL, {"confirm": "yes"}).status_code == 302
    assert not exists(user)


@pytest.mark.parametrize("kind", ["superuser", "staff", "agency editor"])
def test_admin_accounts_cannot_delete_themselves_here(site_tree, client_for, kind):
    if kind == "superuser":
        user = UserFactory(username="root", is_superuser=True, is_staff=True)
    elif kind == "staff":
        user = UserFactory(username="staffer", is_staff=True)
    else:
        user = UserFactory(username="ed", groups=[Group.objects.get(pk=site_tree.agency_a.editors_group.pk)])
    client = client_for(user)
    page = client.get(URL)
    assert page.status_code == 403
    assert 'name="confirm"' not in page.content.decode()
    response = client.post(URL, {"confirm": "yes", "password": PASSWORD})
    assert response.status_code == 403
    assert "cannot be deleted here" in response.content.decode()
    assert exists(user)
