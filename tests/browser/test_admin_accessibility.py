"""The Arabic admin as editors, reviewers and moderators use it, in Chromium: axe-core finds
no serious or critical violation on their screens, nothing is fetched from outside the
site (no avatars), dates are written left to right, Arabic titles give Latin slugs,
the translation editor writes each language in its own direction and the comment
moderation queue fits a 1280 px screen."""

from types import SimpleNamespace

import pytest
from playwright.sync_api import expect

from .test_accessibility import AXE_OPTIONS, BLOCKING_IMPACTS, describe

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

NEW_TITLE = "مشروع قانون المشاركة الإلكترونية"


@pytest.fixture
def admin_site(demo_site):
    """The demo site with a consultation waiting for review, an English translation being
    written, and a session for each role. All database work happens before the browser starts."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.models import Locale
    from wagtail_localize.operations import TranslationCreator

    from pages.models import AgencyPage, ContentPage
    from pages.slugs import latin_slug
    from participation.models import Comment, ConsultationPage

    users = {name: get_user_model().objects.get(username=name) for name in ("editor", "reviewer", "moderator")}
    agency = AgencyPage.objects.get(locale__language_code="ar", editors_group__in=users["editor"].groups.all())
    consultations = ConsultationPage.objects.child_of(agency).filter(locale__language_code="ar").order_by("path")
    editable, in_review = consultations[0], consultations[1]

    revision = in_review.save_revision(user=users["editor"])
    assert revision.user_id == users["editor"].pk
    in_review.get_workflow().start(in_review, users["editor"])

    draft = ContentPage(title="صفحة للترجمة", live=False)
    agency.add_child(instance=draft)
    draft.save_revision(user=users["editor"])
    english = Locale.objects.get(language_code="en")
    TranslationCreator(users["editor"], [english]).create_translations(draft)
    translation = draft.get_translation(english)

    comment = Comment.objects.filter(agency_key=agency.translation_key).order_by("pk").first()
    assert comment is not None, "seed_demo made no comment in the editor's agency"

    cookies = {}
    for name, user in users.items():
        client = Client()
        client.force_login(user)
        cookies[name] = {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": demo_site.url,
        }
    return SimpleNamespace(
        url=demo_site.url,
        cookies=cookies,
        agency=agency.pk,
        editable=editable.pk,
        in_review=in_review.pk,
        translation=translation.pk,
        comment=comment.pk,
        new_slug=latin_slug(NEW_TITLE),
    )


def signed_in(page, admin_site, role):
    page.context.add_cookies([admin_site.cookies[role]])
    outside = []
    page.on(
        "request",
        lambda request: (
            outside.append(request.url) if not request.url.startswith((admin_site.url, "data:", "blob:")) else None
        ),
    )
    return outside


def open_screen(page, url):
    response = page.goto(url, wait_until="load")
    assert response is not None and response.status == 200, f"{url} answered {response and response.status}"
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar", url
    assert html.get_attribute("dir") == "rtl", url
    page.wait_for_timeout(300)  # the admin's scripts (Stimulus, React, ours) finish drawing


def axe_problems(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options=AXE_OPTIONS)
    blocking = [v for v in results.response["violations"] if v.get("impact") in BLOCKING_IMPACTS]
    return describe(blocking) if blocking else ""


def screens(admin_site, role):
    """The screens each role works on."""
    edit = f"/admin/pages/{admin_site.editable}/edit/"
    review = f"/admin/pages/{admin_site.in_review}/edit/"
    explorer = f"/admin/pages/{admin_site.agency}/"
    queue = "/admin/participation/comment/"
    return {
        "editor": {
            "dashboard": "/admin/",
            "explorer": explorer,
            "consultation edit": edit,
            "new consultation": f"/admin/pages/add/participation/consultationpage/{admin_site.agency}/",
            "translation editor": f"/admin/pages/{admin_site.translation}/edit/",
        },
        "reviewer": {
            "dashboard": "/admin/",
            "explorer": explorer,
            "workflow review": review,
            "workflow history": f"/admin/pages/{admin_site.in_review}/workflow_history/",
            "workflow report": "/admin/reports/workflow/",
            "moderation queue": queue,
        },
        "moderator": {
            "dashboard": "/admin/",
            "moderation queue": queue,
            "moderate a comment": f"/admin/participation/comment/edit/{admin_site.comment}/",
        },
    }[role]


@pytest.mark.parametrize("role", ["editor", "reviewer", "moderator"])
def test_admin_screens_have_no_serious_accessibility_violations(browser_page, admin_site, role):
    page = browser_page
    outside = signed_in(page, admin_site, role)
    problems = {}
    for name, path in screens(admin_site, role).items():
        open_screen(page, admin_site.url + path)
        found = axe_problems(page)
        if found:
            problems[f"{name} ({path})"] = found

    if role == "reviewer":
        # The review itself: approving with a comment opens a dialog.
        open_screen(page, admin_site.url + f"/admin/pages/{admin_site.in_review}/edit/")
        page.locator("footer .w-dropdown__toggle").first.click()
        page.get_by_role("button", name="الموافقة مع تعليق").click()
        page.locator(".modal textarea").first.wait_for(state="visible")
        page.wait_for_timeout(300)
        found = axe_problems(page)
        if found:
            problems["approve with a comment (dialog)"] = found

    assert not problems, f"axe-core found serious or critical violations for {role}:\n" + "\n".join(
        f"{name}:\n{found}" for name, found in problems.items()
    )
    assert not outside, f"the admin fetched from outside the site: {outside}"


def test_editor_screens_read_arabic_with_latin_slugs_and_left_to_right_dates(browser_page, admin_site):
    page = browser_page
    signed_in(page, admin_site, "editor")

    open_screen(page, admin_site.url + f"/admin/pages/{admin_site.editable}/edit/")
    assert page.locator("#id_opens_at").evaluate("input => getComputedStyle(input).direction") == "ltr"
    assert page.locator("footer").get_by_text("إرسال إلى اعتماد الوزارة").count() == 1
    editors = page.locator('[contenteditable="true"][role="textbox"]')
    assert editors.count() > 0
    for index in range(editors.count()):
        name = editors.nth(index).evaluate(
            "e => (e.getAttribute('aria-labelledby') || '').split(' ').map(id => "
            "(document.getElementById(id) || {}).textContent || '').join(' ').trim()"
        )
        assert name, f"rich-text editor {index} has no accessible name"
    assert page.locator(".w-minimap__list").get_attribute("tabindex") == "0"

    open_screen(page, admin_site.url + f"/admin/pages/add/participation/consultationpage/{admin_site.agency}/")
    page.locator("#id_title").fill(NEW_TITLE)
    page.locator("#id_title").blur()
    page.get_by_role("tab", name="الترويج").click()
    # The slug is written shortly after the title loses focus, as a person sees it appear.
    expect(page.locator("#id_slug")).to_have_value(admin_site.new_slug)
    assert admin_site.new_slug == "mshrw-qanwn-almsharka-alilktrwnya"


def test_translation_editor_writes_each_language_in_its_own_direction(browser_page, admin_site):
    page = browser_page
    signed_in(page, admin_site, "editor")
    open_screen(page, admin_site.url + f"/admin/pages/{admin_site.translation}/edit/")

    source = page.locator(".js-translation-editor li > p:first-child").first
    assert source.get_attribute("lang") == "ar"
    assert source.evaluate("p => getComputedStyle(p).direction") == "rtl"
    page.locator(".js-translation-editor li").get_by_role("button", name="ترجمة").first.click()
    textarea = page.locator(".js-translation-editor textarea").first
    textarea.fill("A page to translate")
    assert textarea.evaluate("t => getComputedStyle(t).direction") == "ltr"
    assert textarea.evaluate("t => t.closest('[lang]').getAttribute('lang')") == "en"


def test_moderation_queue_fits_1280_pixels_without_breaking_words(browser_page, admin_site):
    page = browser_page
    signed_in(page, admin_site, "moderator")
    open_screen(page, admin_site.url + "/admin/participation/comment/")
    assert page.viewport_size["width"] == 1280

    queue = page.locator("form.tawasul-moderation-queue")
    overflow = queue.evaluate("form => form.scrollWidth - form.clientWidth")
    assert overflow <= 0, f"the queue is {overflow}px wider than the screen"
    buttons = page.locator("table.listing .actions .button")
    assert buttons.count() > 0
    for index in range(buttons.count()):
        box = buttons.nth(index).bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280
        assert buttons.nth(index).evaluate("b => b.scrollWidth <= b.clientWidth + 1"), "a review button is cut off"
    cell = page.locator("table.listing td.field-text").first
    assert cell.evaluate("td => getComputedStyle(td).wordBreak") == "normal"
    assert cell.evaluate("td => getComputedStyle(td).overflowWrap") == "normal"
    heading = page.locator(".changelist-filter").inner_text()
    assert "حسب" in heading and "By " not in heading
