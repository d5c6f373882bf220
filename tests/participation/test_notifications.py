"""Moderators hear about new comments by e-mail, at most once per consultation per hour."""

import pytest
from django.core import mail

from participation.services import post_comment
from tests.factories import UserFactory

from .conftest import make_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def moderator(site_tree):
    site_tree.agency_a.refresh_from_db()
    return UserFactory(username="mod-a", email="mod-a@modee.gov.jo", groups=[site_tree.agency_a.moderators_group])


@pytest.fixture
def other_moderator(site_tree):
    site_tree.agency_b.refresh_from_db()
    return UserFactory(username="mod-b", email="mod-b@lob.gov.jo", groups=[site_tree.agency_b.moderators_group])


def test_one_email_per_consultation_per_hour(
    consultation, citizen, moderator, other_moderator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(consultation, citizen, "ask-pre", "أول تعليق <b>بانتظار</b> المراجعة")
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(consultation, make_citizen("second"), "ask-pre", "تعليق ثان")
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["mod-a@modee.gov.jo"]
    assert "أول تعليق <b>بانتظار</b> المراجعة" in message.body  # plain text, as typed
    assert message.content_subtype == "plain"


def test_each_moderator_gets_a_message_of_their_own_through_the_outbox(
    consultation, citizen, moderator, django_capture_on_commit_callbacks
):
    from post_office.models import STATUS, Email

    UserFactory(username="mod-a2", email="mod-a2@modee.gov.jo", groups=list(moderator.groups.all()))
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(consultation, citizen, "ask-pre", "تعليق بانتظار المراجعة")
    assert sorted(message.to for message in mail.outbox) == [["mod-a2@modee.gov.jo"], ["mod-a@modee.gov.jo"]]
    # Each went through the outbox as a row of its own, delivered (tests deliver at once; the worker does elsewhere).
    assert sorted(email.to for email in Email.objects.filter(status=STATUS.sent)) == sorted(
        message.to for message in mail.outbox
    )


def test_post_moderated_comments_send_no_email(consultation, citizen, moderator, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(consultation, citizen, "ask-post", "تعليق منشور مباشرة")
    assert mail.outbox == []
