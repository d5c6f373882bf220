"""The admin journey in Arabic, in a real browser, clicking what a person clicks: an agency
editor drafts a consultation, is refused a too-short draft law, submits a valid one; a
reviewer approves; the editor translates it into English in wagtail-localize's editor and
submits the translation; a different reviewer approves; /en/ shows the English text."""

import os
import re
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.utils import timezone

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ARABIC_TITLE = "مشروع قانون حماية البيانات الشخصية المعدل"
ARABIC_SUMMARY = "نقترح تعديل قانون حماية البيانات الشخصية ونريد سماع آرائكم في حقوق الأفراد."
ARABIC_PARAGRAPH = "يمنح المشروع كل شخص حق الاطلاع على بياناته وتصحيحها."
ENGLISH_TITLE = "Amended draft personal data protection law"
ENGLISH_SUMMARY = "We propose to amend the personal data protection law and want your views on people's rights."
ENGLISH_PARAGRAPH = "The draft gives everyone the right to see and correct their data."
ENGLISH_SLUG = "amended-data-protection-law"

SHOTS = os.environ.get("TAWASUL_SCREENSHOTS")  # a folder: save a screenshot of each step there


def shot(page, name):
    if SHOTS:
        os.makedirs(SHOTS, exist_ok=True)
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


@pytest.fixture
def journey(demo_site, settings):
    """A second ministry reviewer, session cookies for the three people, and the agency the
    editor works for: database work done before the browser starts (see conftest).

    Wagtail 8's background autosave is switched off, and its editing-session pings slowed:
    on the add view, an autosave still in flight when the editor presses "submit" creates the
    page first, and the submit then fails ("slug already in use"; seen on PostgreSQL). On the
    live server's in-memory SQLite, a ping overlapping a submit also fails ("database table is
    locked") and Wagtail shows a "saved in another window" dialog. A person is rarely that fast.
    """
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    settings.WAGTAIL_EDITING_SESSION_PING_INTERVAL = 60 * 60 * 1000
    from django.conf import settings as django_settings
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.test import Client
    from wagtail.users.models import UserProfile

    from pages.models import AgencyPage
    from pages.roles import REVIEWERS_GROUP, agency_keys_for

    User = get_user_model()
    second, _ = User.objects.get_or_create(
        username="reviewer2", defaults={"email": "reviewer2@tawasul.example", "first_name": "هالة"}
    )
    second.groups.add(Group.objects.get(name=REVIEWERS_GROUP))
    profile = UserProfile.get_for_user(second)
    profile.preferred_language = "ar"
    profile.save()

    cookies = {}
    for username in ("editor", "reviewer", "reviewer2"):
        client = Client()
        client.force_login(User.objects.get(username=username))
        cookies[username] = {
            "name": django_settings.SESSION_COOKIE_NAME,
            "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
            "url": demo_site.url,
        }
    editor = User.objects.get(username="editor")
    key = next(iter(agency_keys_for(editor, "editors")))
    agency = AgencyPage.objects.get(translation_key=key, locale__language_code="ar")
    english_agency = AgencyPage.objects.get(translation_key=key, locale__language_code="en")
    return SimpleNamespace(
        url=demo_site.url,
        cookies=cookies,
        agency_id=agency.pk,
        english_agency_path=english_agency.get_url_parts()[2],
    )


def sign_in_as(page, journey, username):
    page.context.clear_cookies()
    page.context.add_cookies([journey.cookies[username]])


def local(moment):
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def fill_consultation(page, opens_at, closes_at):
    page.locator("#id_title").fill(ARABIC_TITLE)
    page.locator("#id_consultation_type").select_option("draft_law")
    page.locator("#id_summary").fill(ARABIC_SUMMARY)
    page.locator("#id_opens_at").fill(local(opens_at))
    page.locator("#id_closes_at").fill(local(closes_at))
    # The body is a StreamField: add a paragraph block and type into its rich-text editor.
    body = page.locator("[data-contentpath='body']")
    body.locator("button[title], button.c-sf-add-button").first.click()
    page.get_by_role("option", name=re.compile("فقرة|Paragraph")).first.click()
    editor = body.locator("[contenteditable='true']").first
    editor.click()
    editor.type(ARABIC_PARAGRAPH)
    wait_for_rich_text_in_form(page, ARABIC_PARAGRAPH)
    form_lags_behind_editor(page, body.locator("input[name$='-value'][name^='body-']").first)


def form_lags_behind_editor(page, rich_text_input):
    """Draftail copies an editor's content into the form 250 ms after the last change; a person
    who clicks "Submit" (or presses Ctrl+S) sooner sends the form with what the input held before:
    for a block just added, its empty default. Put the form in that state, for certain: what is
    sent must still be what the editor shows (pages/static/pages/admin/admin.js)."""
    page.locator("#id_summary").focus()  # leaving the editor makes Draftail copy it once more
    for _ in range(20):
        rich_text_input.evaluate("input => { input.value = 'null'; }")
        page.wait_for_timeout(500)
        if rich_text_input.evaluate("input => input.value") == "null":  # no copy was still pending
            return
    raise AssertionError("Draftail kept writing into the form")


BODY_TEXT = """(text) => [...document.querySelectorAll('input[name$="-value"][name^="body-"]')].some((input) => {
    try {
        const raw = JSON.parse(input.value);
        return Boolean(raw && raw.blocks && raw.blocks.some((block) => block.text.includes(text)));
    } catch (error) {
        return false;
    }
})"""


def wait_for_rich_text_in_form(page, text):
    """Until a rich-text block of the body holds `text` in the form's hidden input (Draftail writes
    it there a moment after typing). Not just any text: a block just added holds an empty
    paragraph, whose contentstate has a "text" key too."""
    page.wait_for_function(BODY_TEXT, arg=text)


def click_and_wait(page, locator):
    """Click something that loads a new page, and wait for that page."""
    with page.expect_navigation():
        locator.click()


def submit_for_approval(page):
    """The footer's dropdown, then its "submit to the workflow" item."""
    page.locator("footer [data-w-dropdown-target='toggle']").first.click()
    click_and_wait(page, page.locator("footer button[name='action-submit']"))


def approve_on_dashboard(page, base, title):
    """The dashboard's "awaiting your review" list: the row of `title`, its approve button."""
    page.goto(f"{base}/admin/")
    shot(page, f"dashboard-{title[:12]}")
    row = page.locator("tr", has_text=title).filter(has=page.locator("[data-workflow-action-url]")).first
    row.wait_for()
    row.locator("[data-w-dropdown-target='toggle']").click()
    click_and_wait(page, row.locator("button[data-workflow-action-url*='/approve/']:not([data-launch-modal])"))
    shot(page, f"approved-{title[:12]}")
    # Approved: no longer awaiting review (a refusal by the rules would show a message instead).
    page.locator("tr", has_text=title).first.wait_for(state="detached")


TRANSLATE = re.compile("^(ترجمة|Translate)$")


def translate_segment(page, source_text, translated_text):
    """One text in wagtail-localize's editor: press "Translate", type, press "Save".
    With `source_text` None, the first text of the open tab not yet translated."""
    segments = page.locator("li:visible").filter(has=page.locator("button"))
    if source_text is None:
        untranslated = segments.filter(has=page.get_by_role("button", name=TRANSLATE)).first
        source_text = untranslated.locator("p").first.inner_text().strip()
    segment = segments.filter(has_text=source_text).last
    segment.get_by_role("button", name=TRANSLATE).click()
    segment.locator("textarea").fill(translated_text)
    segment.get_by_role("button", name=re.compile("^(حفظ|Save)$")).click()
    segment.get_by_text(translated_text).wait_for()
    segment.locator(".icon-spinner").wait_for(state="detached")


def test_consultation_and_its_translation_through_approval_in_the_arabic_admin(chromium_path, journey, browser_page):
    page = browser_page
    base = journey.url
    now = timezone.now()
    opens_at = (now + timedelta(days=1)).replace(second=0, microsecond=0)

    # 1. The editor drafts a consultation in their agency.
    sign_in_as(page, journey, "editor")
    page.goto(f"{base}/admin/pages/{journey.agency_id}/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    shot(page, "01-explorer")
    click_and_wait(page, page.locator(f"a[href$='/admin/pages/{journey.agency_id}/add_subpage/']").first)
    if "/add/participation/consultationpage/" not in page.url:  # a choice of page types
        click_and_wait(page, page.locator("a[href*='/add/participation/consultationpage/']").first)
    fill_consultation(page, opens_at, opens_at + timedelta(days=5))
    shot(page, "02-filled")
    submit_for_approval(page)
    shot(page, "03-refused")

    error = page.locator(
        "[data-contentpath='closes_at'] .error-message, #panel-child-content-closes_at-errors, .w-field__errors"
    ).filter(has_text="10")
    assert error.first.is_visible(), "the refusal does not say that a draft law stays open at least 10 days"
    # The refused form comes back as it was sent: the body's paragraph in its editor and in the form.
    assert page.locator("[data-contentpath='body'] [contenteditable='true']").first.inner_text().strip() == (
        ARABIC_PARAGRAPH
    ), "the refused form came back without the body's text"
    assert page.evaluate(BODY_TEXT, ARABIC_PARAGRAPH), "the refused form's body input lost the paragraph"
    page.locator("#id_closes_at").fill(local(opens_at + timedelta(days=14)))
    submit_for_approval(page)
    shot(page, "04-submitted")
    assert page.locator(".messages .success").first.is_visible()

    # 2. A reviewer approves it from the dashboard.
    sign_in_as(page, journey, "reviewer")
    approve_on_dashboard(page, base, ARABIC_TITLE)
    shot(page, "05-approved")

    # 3. The editor sees it live, and translates it: page header → "Translate this page" → English.
    sign_in_as(page, journey, "editor")
    page.goto(f"{base}/admin/pages/{journey.agency_id}/")
    row = page.locator("tr", has_text=ARABIC_TITLE).first
    assert row.locator("a[href*='/ar/agencies/']").count() > 0, "the approved consultation has no live link"
    click_and_wait(page, page.get_by_role("link", name=ARABIC_TITLE).first)
    shot(page, "06-arabic-edit")
    page.locator("header [data-w-dropdown-target='toggle'], header .w-dropdown__toggle").filter(
        has=page.locator("svg.icon-dots-horizontal")
    ).first.click()
    click_and_wait(page, page.locator("a[href*='/admin/localize/submit/page/']").first)
    shot(page, "07-translate-form")
    page.locator("input[name=locales]").first.check()
    click_and_wait(page, page.locator("main form input[type=submit]").first)
    shot(page, "08-translation-editor")

    # 4. In the translation editor, each text: "Translate", type, "Save".
    translate_segment(page, ARABIC_TITLE, ENGLISH_TITLE)
    translate_segment(page, ARABIC_SUMMARY, ENGLISH_SUMMARY)
    translate_segment(page, ARABIC_PARAGRAPH, ENGLISH_PARAGRAPH)
    page.get_by_role("tab", name=re.compile("الترويج|Promote")).click()
    translate_segment(page, None, ENGLISH_SLUG)  # the address (slug), on the Promote tab
    typed = page.locator(".tawasul-translation-editor p", has_text=ENGLISH_SLUG).first
    assert typed.evaluate("e => getComputedStyle(e).direction") == "ltr"  # English left-to-right in the Arabic admin
    shot(page, "09-translated")
    click_and_wait(page, page.locator("button[name=save-translation-draft]"))
    shot(page, "10-draft-saved")
    assert page.locator(".messages").first.is_visible()
    click_and_wait(page, page.locator("button[name=submit-translation]"))
    shot(page, "11-translation-submitted")
    assert page.locator(".messages .success").first.is_visible()

    # Not live before approval, for a visitor (their own browser).
    visitor = page.context.browser.new_context()
    before = visitor.new_page()
    assert before.goto(f"{base}{journey.english_agency_path}{ENGLISH_SLUG}/").status == 404
    before.goto(f"{base}{journey.english_agency_path}")
    assert ENGLISH_TITLE not in before.locator("main").inner_text()
    visitor.close()

    # 5. A different reviewer approves the English translation.
    sign_in_as(page, journey, "reviewer2")
    approve_on_dashboard(page, base, ENGLISH_TITLE)
    shot(page, "12-english-approved")
    # 6. The public English page shows the English text, to a new visitor. (Anonymous pages may be
    # kept for a minute by a CDN: Cache-Control public, s-maxage=60.)
    page = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(f"{base}{journey.english_agency_path}")
    click_and_wait(page, page.get_by_role("link", name=ENGLISH_TITLE).first)
    assert page.url == f"{base}{journey.english_agency_path}{ENGLISH_SLUG}/"
    shot(page, "13-public-english")
    assert page.locator("html").get_attribute("lang") == "en"
    main = page.locator("main")
    assert page.locator("h1").first.inner_text().strip() == ENGLISH_TITLE
    assert ENGLISH_PARAGRAPH in main.inner_text()
    assert ARABIC_PARAGRAPH not in main.inner_text()
