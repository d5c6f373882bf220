"""Threat: moderators' addresses disclosed to each other (issue 9). Each moderator's notice names only them:
one recipient in To, nobody in Cc or Bcc. (The outbox side is in tests/participation/test_notifications.py.)"""

import pytest
from django.core import mail

from participation.services import post_comment
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_no_notice_names_another_moderator(site_tree, consultation, citizen, django_capture_on_commit_callbacks):
    site_tree.agency_a.refresh_from_db()
    group = site_tree.agency_a.moderators_group
    addresses = [f"mod-{i}@modee.gov.jo" for i in range(3)]
    for i, address in enumerate(addresses):
        UserFactory(username=f"mod-{i}", email=address, groups=[group])
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(consultation, citizen, "ask-pre", "تعليق بانتظار المراجعة")
    assert sorted(address for message in mail.outbox for address in message.to) == addresses
    for message in mail.outbox:
        assert len(message.to) == 1 and not message.cc and not message.bcc
        others = set(addresses) - set(message.to)
        assert not any(other in str(message.message()) for other in others)
