"""A citizen's first visit, in Arabic, in a real browser: sign up, verify the e-mail,
comment, vote and see the result, with no serious accessibility violation on any page."""

import re

import pytest
from django.core import mail

from .test_accessibility import check

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def assert_accessible(page, url):
    problems = check(page, url, "ar")
    assert not problems, f"axe-core found serious or critical violations on {url}:\n{problems}"


def test_citizen_signs_up_verifies_comments_and_votes_in_arabic(browser_page, demo_site):
    page = browser_page
    base = demo_site.url
    mail.outbox.clear()

    assert_accessible(page, f"{base}/ar/accounts/signup/")
    signup = page.locator("form:has(input[name=password1])")
    signup.locator("input[name=email]").fill("huda.citizen@example.jo")
    signup.locator("input[name=display_name]").fill("هدى من الزرقاء")
    signup.locator("input[name=password1]").fill("a-long-and-private-passphrase-2026")
    signup.locator("input[name=password2]").fill("a-long-and-private-passphrase-2026")
    signup.locator("button[type=submit]").click()
    page.wait_for_load_state()

    # The verification e-mail, read from the test outbox.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body).group(0)
    confirm_path = "/" + link.split("://", 1)[1].split("/", 1)[1]
    assert confirm_path.startswith("/ar/")
    assert_accessible(page, base + confirm_path)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    consultation = base + demo_site.paths["poll consultation", "ar"]
    assert_accessible(page, consultation)

    comment_form = page.locator("form.comment-form").first
    comment_form.locator("textarea[name=body]").fill("أقترح إبلاغ المواطن برسالة نصية خلال 72 ساعة من اكتشاف أي خرق.")
    comment_form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    pending = page.locator(".comment--pending")
    assert pending.count() == 1
    assert "خلال 72 ساعة" in pending.inner_text()
    assert_accessible(page, page.url.split("#")[0])

    poll = page.locator("form.poll__form").first
    poll.locator("input[name=option]").first.check()
    poll.locator("button[type=submit]").click()
    page.wait_for_load_state()
    results = page.locator(".poll__results").first
    assert results.is_visible()
    assert page.locator("form.poll__form").count() == 0  # one vote: the form is gone
    assert_accessible(page, page.url.split("#")[0])

    # The same tally on the English page.
    english = base + demo_site.paths["poll consultation", "en"]
    page.goto(english)
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".poll__results").first.is_visible()
