"""A small bilingual site with the demo's spellings: consultations, an information page, guidance and rules."""

from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

from participation.models import Comment, CommentStatus, ConsultationType, Topic
from tests.browser.conftest import browser_page, chromium, chromium_path, demo_site  # noqa: F401 (browser test)
from tests.factories import (
    ConsultationPageFactory,
    ContentPageFactory,
    GuidelinePageFactory,
    RulesPageFactory,
    add_page,
    publish_directly,
    translate_page,
)


def consultation_body(text):
    return [
        {"type": "paragraph", "value": f"<p>{text}</p>", "id": "intro"},
        {"type": "comments", "value": {"prompt": "ما رأيك في المقترح؟", "moderation": "pre"}, "id": "ask"},
        {
            "type": "article",
            "value": {"number": "5", "heading": "الموافقة", "text": "<p>تطلب الجهة موافقة صريحة.</p>"},
            "id": "art-5",
        },
    ]


def comment_on(page, body, status=CommentStatus.APPROVED, block_id="ask", **fields):
    fields.setdefault("moderation_reason", "" if status in (CommentStatus.APPROVED, CommentStatus.PENDING) else "spam")
    return Comment.objects.create(
        translation_key=page.translation_key,
        block_id=block_id,
        consultation=page,
        agency_key=page.agency.translation_key,
        language=page.locale.language_code,
        body=body,
        status=status,
        **fields,
    )


@pytest.fixture(autouse=True)
def clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def search_site(site_tree):
    now = timezone.now()
    health = Topic.objects.create(name="الصحة", locale=site_tree.home.locale)
    privacy = add_page(
        site_tree.agency_a,
        ConsultationPageFactory(
            title="مشروع تعليمات حماية البيانات الشخصية",
            slug="personal-data",
            consultation_type=ConsultationType.REGULATION,
            summary="توحيد تعامل الجهات الحكومية مع البيانات الشخصية للمواطنين.",
            body=consultation_body("تنسجم التعليمات مع قانون حماية البيانات الشخصية لسنة ٢٠٢٣."),
        ),
    )
    privacy_en = translate_page(
        privacy,
        title="Draft instructions on protecting personal data",
        summary="How government entities handle citizens' personal data.",
    )
    health_care = ConsultationPageFactory(
        title="تعليمات تقديم خدمات الرعاية الصحية عن بُعد",
        slug="telehealth",
        consultation_type=ConsultationType.POLICY,
        summary="تنظيم الاستشارات الطبية عن بعد.",
        opens_at=now - timedelta(days=40),
        closes_at=now - timedelta(days=10),
        outcome="<p>اعتُمدت التعليمات بعد الأخذ بالملاحظات.</p>",
        body=consultation_body("تقدّم المراكز الصحية خدمات الرعاية عن بعد."),
    )
    health_care = add_page(site_tree.agency_b, health_care)
    health_care.topics.add(health)
    publish_directly(health_care)
    accessibility = add_page(
        site_tree.home,
        ContentPageFactory(
            title="بيان إمكانية الوصول",
            slug="accessibility",
            summary="نريد أن يتمكن الجميع من استخدام البوابة، بمن فيهم الأشخاص ذوو الإعاقة.",
        ),
    )
    guideline = add_page(
        site_tree.guidelines,
        GuidelinePageFactory(title="كيف تشارك في المشاورات", slug="how-to", summary="خطوات المشاركة في المشاورات."),
    )
    rules = add_page(site_tree.guidelines, RulesPageFactory(title="المبادئ والضوابط العامة للمشاركة الإلكترونية"))
    return SimpleNamespace(
        tree=site_tree,
        health=health,
        privacy=privacy,
        privacy_en=privacy_en,
        health_care=health_care,
        accessibility=accessibility,
        guideline=guideline,
        rules=rules,
    )
