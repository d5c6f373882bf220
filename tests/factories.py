"""factory_boy factories for the portal's pages and people.

Pages are created with `parent.add_child(instance=...)` as Wagtail requires;
use the helpers `add_page` and `translate_page` rather than `.create()`.
They publish directly (`pages.publishing.direct_publishing`), without the second
person's approval every other path needs: tests that are about publishing go
through the admin instead (tests/pages/test_publishing_paths.py).
"""

from datetime import date, timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale

from guidelines.models import GuidelinePage, RulesPage
from pages.models import AgencyPage, ContentPage
from pages.publishing import direct_publishing
from participation.models import ConsultationPage, ConsultationType

PASSWORD = "a-long-test-password-42"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.jo")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if extracted:
            self.groups.add(*extracted)
        self.save()


class PageFactory(factory.Factory):
    """Builds an unsaved page; `add_page` puts it in the tree."""

    title = factory.Sequence(lambda n: f"صفحة {n}")


class AgencyPageFactory(PageFactory):
    class Meta:
        model = AgencyPage

    title = factory.Sequence(lambda n: f"جهة حكومية {n}")
    slug = factory.Sequence(lambda n: f"agency-{n}")
    description = "<p>جهة حكومية تستشير المواطنين.</p>"


class ConsultationPageFactory(PageFactory):
    class Meta:
        model = ConsultationPage

    title = factory.Sequence(lambda n: f"مشروع نظام رقم {n}")
    slug = factory.Sequence(lambda n: f"consultation-{n}")
    consultation_type = ConsultationType.REGULATION
    summary = "ملخص بلغة واضحة لما هو مقترح ومن يتأثر به."
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=2))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=12))
    body = factory.LazyFunction(lambda: [("paragraph", "<p>نص المشاورة.</p>")])


class ContentPageFactory(PageFactory):
    class Meta:
        model = ContentPage

    slug = factory.Sequence(lambda n: f"content-{n}")
    summary = "صفحة معلومات."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>معلومات.</p>")])


class GuidelinePageFactory(PageFactory):
    class Meta:
        model = GuidelinePage

    slug = factory.Sequence(lambda n: f"guideline-{n}")
    summary = "إرشادات للمشاركة."
    body = factory.LazyFunction(lambda: [("paragraph", "<p>خطوات المشاركة.</p>")])


class RulesPageFactory(PageFactory):
    class Meta:
        model = RulesPage

    slug = factory.Sequence(lambda n: f"rules-{n}")
    version = "2024"
    issued_on = date(2024, 1, 1)
    effective_on = date(2024, 2, 1)
    articles = factory.LazyFunction(
        lambda: [
            ("article", {"heading": "التعريفات", "text": "<p>يكون للكلمات المعاني المخصصة لها.</p>"}),
            ("article", {"heading": "النطاق", "text": "<p>تسري هذه القواعد على جميع الجهات.</p>"}),
        ]
    )


def add_page(parent, page, publish=True, user=None):
    with direct_publishing():
        parent.add_child(instance=page)
        revision = page.save_revision(user=user)
        if publish:
            revision.publish()
            page.refresh_from_db()
    return page


def translate_page(page, language_code="en", publish=True, **fields):
    """Create the translation of `page` (and its missing parents) with the given fields."""
    locale = Locale.objects.get(language_code=language_code)
    with direct_publishing():
        translated = page.copy_for_translation(locale, copy_parents=True)
        for name, value in fields.items():
            setattr(translated, name, value)
        translated.save()
        revision = translated.save_revision()
        if publish:
            revision.publish()
            translated.refresh_from_db()
    return translated


def publish_directly(page, user=None):
    """Save a revision of `page` as it is and make it live without approval (test set-up only)."""
    with direct_publishing():
        revision = page.save_revision(user=user)
        revision.publish()
    return revision
