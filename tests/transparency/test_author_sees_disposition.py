"""The author of a comment sees the agency's decision on it under "My participation"."""

import pytest

from participation.services import post_comment
from tests.participation.conftest import citizen, citizen_client, consultation, make_citizen  # noqa: F401
from transparency.models import Decision, Disposition

pytestmark = pytest.mark.django_db


def test_disposition_is_shown_to_the_author(consultation, citizen, citizen_client):  # noqa: F811
    comment = post_comment(consultation, citizen, "ask-post", "اقتراح بمدة أطول")
    Disposition.objects.create(comment=comment, decision=Decision.PARTLY_ACCEPTED, reason="مددنا المدة إلى 14 يوماً.")
    html = citizen_client.get("/en/my-participation/").content.decode()
    assert "Partly accepted" in html
    assert "مددنا المدة إلى 14 يوماً." in html
    other = make_citizen("someone-else")
    from django.test import Client

    client = Client()
    client.force_login(other)
    assert "مددنا المدة إلى 14 يوماً." not in client.get("/en/my-participation/").content.decode()
