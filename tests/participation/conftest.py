"""Fixtures for responding: an open bilingual consultation with every participation block."""

import pytest
from allauth.account.models import EmailAddress
from django.test import Client

from participation.models import Profile
from tests.factories import ConsultationPageFactory, UserFactory, add_page, translate_page


def participation_body():
    """Raw StreamField data with fixed block ids, as the editor would save it."""
    return [
        {"type": "paragraph", "value": "<p>نقترح تنظيم المشاركة الإلكترونية.</p>", "id": "intro"},
        {"type": "comments", "value": {"prompt": "ما رأيك في المقترح؟", "moderation": "pre"}, "id": "ask-pre"},
        {"type": "comments", "value": {"prompt": "أسئلة سريعة", "moderation": "post"}, "id": "ask-post"},
        {
            "type": "article",
            "value": {"number": "5", "heading": "النشر", "text": "<p>تنشر الجهة المسودة.</p>", "moderation": "pre"},
            "id": "art-5",
        },
        {
            "type": "poll",
            "value": {
                "question": "هل تؤيد المشروع؟",
                "options": [
                    {"type": "item", "value": {"label": "أؤيد"}, "id": "opt-for"},
                    {"type": "item", "value": {"label": "أعارض"}, "id": "opt-against"},
                ],
                "multiple": False,
                "show_results": "always",
            },
            "id": "poll-1",
        },
    ]


@pytest.fixture
def consultation(site_tree):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(slug="e-participation-law", body=participation_body()))
    return page


@pytest.fixture
def consultation_en(consultation):
    return translate_page(consultation, title="Draft e-participation law")


@pytest.fixture
def poll_options(consultation):
    block = next(b for b in consultation.body if b.block_type == "poll")
    return [child.id for child in block.value["options"].bound_blocks]


def make_citizen(username, verified=True, display_name=None):
    user = UserFactory(username=username)
    EmailAddress.objects.create(user=user, email=user.email, verified=verified, primary=True)
    Profile.objects.create(user=user, display_name=display_name or f"مواطن {username}")
    return user


@pytest.fixture
def citizen(db):
    return make_citizen("layla", display_name="ليلى من إربد")


@pytest.fixture
def citizen_client(citizen):
    client = Client()
    client.force_login(citizen)
    return client


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
