"""A citizen fills the demo questionnaire in Arabic in a real browser; the results appear in both
languages; an organisation's comment shows its name; no serious accessibility violation."""

import pytest

from tests.browser.conftest import browser_page, chromium, chromium_path, demo_site  # noqa: F401
from tests.browser.test_accessibility import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def assert_accessible(page, url, language="ar"):
    problems = check(page, url, language)
    assert not problems, f"axe-core found serious or critical violations on {url}:\n{problems}"


@pytest.fixture
def survey_paths(demo_site):  # noqa: F811
    from participation.demo import CONSULTATION
    from participation.models import ConsultationPage

    arabic = ConsultationPage.objects.live().get(slug=CONSULTATION, locale__language_code="ar")
    english = ConsultationPage.objects.live().get(translation_key=arabic.translation_key, locale__language_code="en")
    return {"ar": arabic.get_url_parts()[2], "en": english.get_url_parts()[2]}


def test_citizen_fills_the_questionnaire_in_arabic(browser_page, demo_site, survey_paths):  # noqa: F811
    page = browser_page
    base = demo_site.url
    page.context.add_cookies([{**demo_site.citizen_cookie, "url": base}])
    url = base + survey_paths["ar"]
    assert_accessible(page, url)

    # The organisation's comment carries the organisation's name.
    assert page.locator(".comment__author--organisation", has_text="جمعية الشفافية الأردنية").count() >= 1

    form = page.locator("form.questionnaire__form")
    questions = form.locator(".questionnaire__questions > li")
    questions.nth(0).locator("input[type=radio]").nth(2).check()  # civil society
    questions.nth(1).locator("input[type=radio]").nth(3).check()  # 4 on the scale
    questions.nth(2).locator("input[type=radio]").nth(0).check()  # yes
    questions.nth(3).locator("input[type=checkbox]").nth(0).check()  # asked after "yes"
    questions.nth(3).locator("input[type=checkbox]").nth(2).check()
    questions.nth(5).locator("textarea").fill("نقترح إشعار المواطن برسالة نصية عند كل اطلاع على بياناته.")
    form.locator("input[value=organisation]").check()
    form.locator("input[name$=organisation_name]").fill("جمعية حماية المستهلك")
    form.locator("select[name$=respondent_sector]").select_option("civil_society")
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()

    assert page.locator(".questionnaire .notice--success").count() == 1
    # Editable until closing: the form is still there, with the person's answers.
    assert questions.nth(1).locator("input[type=radio]").nth(3).is_checked()
    results = page.locator(".questionnaire__results")
    assert results.is_visible()  # the demo questionnaire shows its results while open
    assert page.locator(".questionnaire__results svg.chart").count() >= 4
    assert page.locator(".questionnaire__results svg.chart").first.get_attribute("direction") == "rtl"
    assert_accessible(page, page.url.split("#")[0])

    page.goto(base + survey_paths["en"])
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".questionnaire__results").is_visible()
    assert page.locator(".questionnaire__results svg.chart").first.get_attribute("direction") == "ltr"
    assert_accessible(page, base + survey_paths["en"], "en")
