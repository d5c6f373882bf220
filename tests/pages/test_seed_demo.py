"""The demo site: built once, the same when built again, every status on show, never in production."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.test import Client
from wagtail.models import Page

from participation.models import ConsultationPage, ConsultationStatus

pytestmark = pytest.mark.django_db


def test_seed_demo_is_idempotent_and_shows_every_status():
    call_command("seed_demo", verbosity=0)
    pages = Page.objects.count()
    users = get_user_model().objects.count()
    call_command("seed_demo", verbosity=0)
    assert Page.objects.count() == pages
    assert get_user_model().objects.count() == users

    statuses = {page.status for page in ConsultationPage.objects.live().filter(locale__language_code="ar")}
    assert statuses == set(ConsultationStatus)
    assert (
        ConsultationPage.objects.filter(locale__language_code="en").live().count()
        == ConsultationPage.objects.filter(locale__language_code="ar").live().count()
    )

    from participation.models import Ballot, Comment

    assert Comment.objects.filter(status="approved").exists() and Comment.objects.filter(status="pending").exists()
    assert Ballot.objects.exists()
    responses = (Comment.objects.count(), Ballot.objects.count())
    call_command("seed_demo", verbosity=0)
    assert (Comment.objects.count(), Ballot.objects.count()) == responses

    client = Client()
    for language in ("ar", "en"):
        assert client.get(f"/{language}/").status_code == 200
    for username in ("reviewer", "editor", "editor2", "moderator", "citizen"):
        user = get_user_model().objects.get(username=username)
        assert not user.is_superuser


def test_demo_reviewer_and_editors_have_their_roles():
    call_command("seed_demo", verbosity=0)
    User = get_user_model()
    reviewer, editor, editor2 = (User.objects.get(username=name) for name in ("reviewer", "editor", "editor2"))
    first = ConsultationPage.objects.filter(agency__slug="modee", locale__language_code="ar").first()
    second = ConsultationPage.objects.filter(agency__slug="lob", locale__language_code="ar").first()
    assert first.permissions_for_user(editor).can_edit() and not first.permissions_for_user(editor).can_publish()
    assert not second.permissions_for_user(editor).can_edit()
    assert second.permissions_for_user(editor2).can_edit()
    assert first.permissions_for_user(reviewer).can_unpublish()  # publishing itself goes through approval


def test_seed_demo_refuses_production_settings(settings):
    settings.TAWASUL_ENVIRONMENT = "production"
    with pytest.raises(CommandError):
        call_command("seed_demo", verbosity=0)
