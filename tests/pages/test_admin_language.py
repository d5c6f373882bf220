"""The admin reads as Arabic: workflow names, Wagtail's and wagtail-modeladmin's words,
relative times, Latin slugs and no avatars from an outside service."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple
from wagtail.models import Page, PageLogEntry, Task, Workflow
from wagtail.users.models import UserProfile

from pages.models import ContentPage
from pages.roles import TASK_NAME, WORKFLOW_NAME
from pages.slugs import latin_slug
from pages.workflow_names import stored_name
from tests.factories import ConsultationPageFactory, add_page

pytestmark = pytest.mark.django_db

WORKFLOW_AR = "اعتماد الوزارة"
TASK_AR = "مراجعة الوزارة"


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def submitted_consultation(site_tree, editor):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(title="مشروع تعليمات", slug="instructions"))
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    return page


# Workflow and task names ------------------------------------------------------------------


def test_editor_submit_action_names_the_workflow_in_arabic(site_tree, users, client_for):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(title="مشروع تعليمات", slug="instructions"))

    html = client_for(users.editor).get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    assert f"إرسال إلى {WORKFLOW_AR}" in html
    assert WORKFLOW_NAME not in html
    assert "تقديم إلى" not in html


def test_editor_who_prefers_english_reads_the_english_name(site_tree, users, client_for):
    page = add_page(site_tree.agency_a, ConsultationPageFactory(title="مشروع تعليمات", slug="instructions"))
    prefer(users.editor, "en")

    html = client_for(users.editor).get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()

    assert f"Submit to {WORKFLOW_NAME}" in html
    assert WORKFLOW_AR not in html


def test_reviewer_dashboard_status_panel_and_reports_show_the_task_in_arabic(site_tree, users, client_for):
    page = submitted_consultation(site_tree, users.editor)
    reviewer = client_for(users.reviewer)

    dashboard = reviewer.get(reverse("wagtailadmin_home")).content.decode()
    edit = reviewer.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).content.decode()
    report = reviewer.get(reverse("wagtailadmin_reports:workflow")).content.decode()
    tasks_report = reviewer.get(reverse("wagtailadmin_reports:workflow_tasks")).content.decode()

    assert "مشروع تعليمات" in dashboard
    assert TASK_AR in edit and TASK_NAME not in edit
    assert WORKFLOW_AR in report and WORKFLOW_NAME not in report
    assert TASK_AR in tasks_report and TASK_NAME not in tasks_report


def test_page_history_names_the_workflow_and_task_in_the_readers_language(site_tree, users, client_for):
    page = submitted_consultation(site_tree, users.editor)
    entry = PageLogEntry.objects.get(page=page, action="wagtail.workflow.start")
    assert entry.data["workflow"]["title"] == WORKFLOW_NAME  # stored as data, unchanged

    history = client_for(users.reviewer).get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    prefer(users.reviewer2, "en")
    english = client_for(users.reviewer2).get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()

    assert WORKFLOW_AR in history and TASK_AR in history
    assert WORKFLOW_NAME not in history
    assert WORKFLOW_NAME in english and TASK_NAME in english


def test_notification_emails_name_the_task_in_each_recipients_language(site_tree, users):
    prefer(users.reviewer2, "en")
    mail.outbox.clear()

    submitted_consultation(site_tree, users.editor)

    by_recipient = {message.to[0]: message for message in mail.outbox}
    arabic = by_recipient[users.reviewer.email]
    english = by_recipient[users.reviewer2.email]
    arabic_text = arabic.subject + arabic.body
    english_text = english.subject + english.body
    assert TASK_AR in arabic_text or WORKFLOW_AR in arabic_text
    assert TASK_NAME not in arabic_text and WORKFLOW_NAME not in arabic_text
    assert TASK_NAME in english_text or WORKFLOW_NAME in english_text
    assert TASK_AR not in english_text and WORKFLOW_AR not in english_text


def test_names_stay_english_in_the_database_even_when_saved_from_an_arabic_form(site_tree):
    workflow = Workflow.objects.get(name=WORKFLOW_NAME)
    task = Task.objects.get(name=TASK_NAME).specific

    with translation.override("ar"):
        assert str(workflow.name) == WORKFLOW_AR
        assert workflow.name == WORKFLOW_NAME  # comparisons and queries use the stored name
        workflow.name = WORKFLOW_AR  # what an Arabic edit form posts back
        workflow.save()
        task.save()

    assert Workflow.objects.filter(name=WORKFLOW_NAME).count() == 1
    assert Task.objects.filter(name=TASK_NAME).count() == 1
    assert stored_name("اسم جديد") == "اسم جديد"  # a name an administrator invents is kept as typed


# Wagtail's and wagtail-modeladmin's words --------------------------------------------------


def test_project_catalogue_wins_and_overrides_beat_the_apps():
    assert settings.LOCALE_PATHS[0] == settings.BASE_DIR / "locale"
    assert settings.LOCALE_PATHS[1] == settings.BASE_DIR / "locale" / "overrides"
    assert (settings.BASE_DIR / "locale" / "overrides" / "ar" / "LC_MESSAGES" / "django.mo").exists()
    with translation.override("ar"):
        assert translation.gettext("Snippets") == "العناصر المشتركة"
        assert translation.gettext("View live") == "عرض الصفحة المنشورة"
        assert translation.gettext("Shortcuts") == "الاختصارات"
        assert translation.gettext("By %(filter_title)s") == "حسب %(filter_title)s"
        assert translation.gettext("%(result_count)s out of %(all_count)s") == "%(result_count)s من %(all_count)s"
        assert translation.pgettext("citizens' reports of a comment", "Reports") == "البلاغات"


def test_reviewer_menu_says_shared_items_not_clippings(site_tree, users, client_for):
    html = client_for(users.reviewer).get(reverse("wagtailadmin_home")).content.decode()

    assert "قصصات" not in html
    assert "إختصارات" not in html


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(0, "الآن"), (1, "قبل دقيقة واحدة"), (2, "قبل دقيقتين"), (5, "قبل 5 دقائق"), (30, "قبل 30 دقيقة")],
)
def test_relative_times_use_arabic_plural_forms(minutes, expected):
    with translation.override("ar"):
        said = timesince_simple(timezone.now() - timedelta(minutes=minutes, seconds=5))
    assert said.replace("\xa0", " ") == expected


def test_moderation_queue_reads_arabic(site_tree, users, client_for):
    from participation.models import Comment

    consultation = add_page(site_tree.agency_a, ConsultationPageFactory(title="مشروع تعليمات", slug="instructions"))
    Comment.objects.create(
        consultation=consultation,
        translation_key=consultation.translation_key,
        agency_key=site_tree.agency_a.translation_key,
        author=users.citizen,
        language="ar",
        body="ملاحظة على المشروع",
        block_id="comments",
    )

    html = client_for(users.reviewer).get(reverse("participation_comment_modeladmin_index")).content.decode()

    assert "حسب " in html and "By " not in html
    assert "out of" not in html
    assert "البلاغات" in html  # the column: citizens' reports of a comment


# Slugs -----------------------------------------------------------------------------------


def test_arabic_title_without_slug_gets_a_short_latin_slug(site_tree):
    page = ContentPage(title="مشروع قانون المشاركة الإلكترونية", slug="", live=False)
    site_tree.agencies.add_child(instance=page)

    assert page.slug == "mshrw-qanwn-almsharka-alilktrwnya"
    assert page.url_path.endswith("/mshrw-qanwn-almsharka-alilktrwnya/")
    assert page.url_path.isascii()


def test_arabic_slug_is_transliterated_and_kept_unique_among_siblings(site_tree):
    first = ContentPage(title="حول", slug="حول-المنصة", live=False)
    site_tree.agencies.add_child(instance=first)
    second = ContentPage(title="حول", slug="حول المنصة", live=False)
    site_tree.agencies.add_child(instance=second)

    assert first.slug == "hwl-almnsa"
    assert second.slug == "hwl-almnsa-2"
    assert Page.objects.filter(slug__regex=r"[^\x00-\x7f]").count() == 0


def test_latin_slug_stays_as_typed(site_tree):
    page = ContentPage(title="عن تواصل", slug="about-tawasul", live=False)
    site_tree.agencies.add_child(instance=page)

    assert page.slug == "about-tawasul"


def test_long_titles_make_slugs_that_stop_after_a_word():
    slug = latin_slug("مشروع تعليمات حماية البيانات الشخصية في الخدمات الحكومية الإلكترونية والتطبيقات الذكية")

    assert slug.startswith("mshrw-tlymat-hmaya-albyanat")
    assert len(slug) <= 80 and not slug.endswith("-")


def test_editor_page_form_carries_the_transliteration_table(site_tree, users, client_for):
    html = client_for(users.editor).get(
        reverse("wagtailadmin_pages:add", args=["participation", "consultationpage", site_tree.agency_a.pk])
    )
    html = html.content.decode()

    assert settings.WAGTAIL_ALLOW_UNICODE_SLUGS is False
    assert 'id="tawasul-admin-settings"' in html
    assert "pages/admin/admin.js" in html and "pages/admin/admin.css" in html


# Avatars ---------------------------------------------------------------------------------


def test_no_avatar_is_requested_from_an_outside_service(site_tree, users, client_for):
    html = client_for(users.editor).get(reverse("wagtailadmin_home")).content.decode()

    assert settings.WAGTAIL_GRAVATAR_PROVIDER_URL is None
    assert "gravatar" not in html
