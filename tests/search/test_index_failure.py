"""A failure of the search index never costs an editor their publication or a citizen their comment."""

import pytest

from participation.models import Comment
from search import signals
from tests.factories import publish_directly
from tests.participation import conftest as participation_fixtures
from tests.participation.conftest import make_citizen

pytestmark = pytest.mark.django_db
consultation = participation_fixtures.consultation  # the fixture, here too


def broken(item):
    raise RuntimeError("index unavailable")


def test_a_page_is_published_even_when_indexing_fails(consultation, monkeypatch):
    monkeypatch.setattr(signals, "index_page", broken)
    consultation.title = "عنوان جديد بعد التعديل"
    publish_directly(consultation)
    consultation.refresh_from_db()
    assert consultation.live and consultation.title == "عنوان جديد بعد التعديل"


def test_a_comment_is_stored_even_when_indexing_fails(consultation, monkeypatch):
    monkeypatch.setattr(signals, "index_comment", broken)
    from participation.services import post_comment

    post_comment(consultation, make_citizen("writer"), "ask-post", "تعليق يبقى محفوظاً")
    assert Comment.objects.filter(body="تعليق يبقى محفوظاً").exists()
