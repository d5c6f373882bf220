"""Text people type carries its own language and direction, on pages, in the outcome report and in its PDF.

An English answer shown in the Arabic report read ".The instructions now require …"
because it inherited the page's right-to-left direction. Each comment, reply, official
reply and decision now says which language it is in and which way it runs, explicitly
(the PDF renderer does not implement dir="auto").
"""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from pages.templatetags.tawasul_tags import text_language
from tests.transparency.conftest import (  # noqa: F401
    add_comment,
    concluded,
    consultation,
    consultation_en,
    make_citizen,
    make_people,
    participation_body,
)
from transparency.models import Decision, Disposition

pytestmark = pytest.mark.django_db

ENGLISH_REASON = "The instructions now require the provider to state the fee before the consultation begins."
ENGLISH_COMMENT = "Please let us cancel an appointment by text message."
OFFICIAL_REPLY = "Thank you: we will answer in the outcome."
ARABIC_COMMENT = "أؤيد إلزام الجهات بإبلاغ صاحب البيانات خلال مدة محددة."


def element_around(html, text):
    """The opening tag of the innermost element whose content starts with `text`."""
    match = re.search(r"<(\w+)([^<>]*)>\s*" + re.escape(text), html)
    assert match, f"{text!r} is not the start of an element's content"
    return match.group(0)


def attrs(tag):
    return dict(re.findall(r'(\w+)="([^"]*)"', tag))


@pytest.fixture
def mixed_report(concluded, make_people):  # noqa: F811
    """The Arabic consultation, concluded: an Arabic comment answered in Arabic, an English
    comment written on the Arabic page answered in English, and an English official reply."""
    arabic_author, english_author = make_people(2)
    arabic = add_comment(concluded, arabic_author, ARABIC_COMMENT, block_id="ask-pre")
    english = add_comment(concluded, english_author, ENGLISH_COMMENT, block_id="ask-pre", language="ar")
    add_comment(concluded, None, OFFICIAL_REPLY, block_id="ask-pre", parent=english, is_official=True)
    Disposition.objects.create(comment=arabic, decision=Decision.ACCEPTED, reason="أخذنا بذلك في المادة 5.")
    Disposition.objects.create(comment=english, decision=Decision.ACCEPTED, reason=ENGLISH_REASON)
    return concluded


def report_html(client, page, language="ar", name="transparency_report"):
    with translation.override(language):
        url = reverse(name, args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_english_answer_in_the_arabic_report_is_marked_english_left_to_right(client, mixed_report):
    html = report_html(client, mixed_report)
    assert '<html lang="ar" dir="rtl">' in html
    assert attrs(element_around(html, ENGLISH_REASON)) | {"class": ""} == {"class": "", "lang": "en", "dir": "ltr"}
    # The comment was written on the Arabic page, but in English: its text says so.
    assert attrs(element_around(html, ENGLISH_COMMENT))["lang"] == "en"
    assert attrs(element_around(html, ENGLISH_COMMENT))["dir"] == "ltr"
    # Arabic text in the Arabic report is marked Arabic, right to left.
    assert attrs(element_around(html, ARABIC_COMMENT))["dir"] == "rtl"
    assert attrs(element_around(html, "أخذنا بذلك في المادة 5."))["lang"] == "ar"


def test_arabic_comment_in_the_english_report_is_marked_arabic_right_to_left(client, mixed_report, consultation_en):  # noqa: F811
    html = report_html(client, consultation_en, "en")
    assert '<html lang="en" dir="ltr">' in html
    tag = attrs(element_around(html, ARABIC_COMMENT))
    assert (tag["lang"], tag["dir"]) == ("ar", "rtl")
    tag = attrs(element_around(html, ENGLISH_REASON))
    assert (tag["lang"], tag["dir"]) == ("en", "ltr")


def test_pdf_of_the_arabic_report_marks_the_english_answer(client, mixed_report, monkeypatch, settings, tmp_path):
    """What goes to WeasyPrint carries explicit lang and dir (it has no dir="auto")."""
    sent = {}

    def fake_render(html, base_url):
        sent["html"] = html
        return b"%PDF-1.7 fake"

    # The task worker renders the PDF (immediately in tests); the page then serves the stored file.
    monkeypatch.setattr("transparency.tasks.render_pdf", fake_render)
    monkeypatch.setattr("transparency.views.weasyprint_problem", lambda: None)
    settings.MEDIA_ROOT = str(tmp_path)
    with translation.override("ar"):
        url = reverse("transparency_report_pdf", args=[mixed_report.pk])
    response = client.get(url)
    if response.status_code == 202:  # "being prepared": the worker has it now
        response = client.get(url)
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert response.status_code == 200 and body.startswith(b"%PDF")
    html = sent["html"]
    assert '<html lang="ar" dir="rtl">' in html
    tag = attrs(element_around(html, ENGLISH_REASON))
    assert (tag["lang"], tag["dir"]) == ("en", "ltr")
    tag = attrs(element_around(html, ENGLISH_COMMENT))
    assert (tag["lang"], tag["dir"]) == ("en", "ltr")


def test_comments_and_official_replies_on_the_page_carry_their_language(client, mixed_report):
    html = client.get(mixed_report.url).content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    tag = attrs(element_around(html, ENGLISH_COMMENT))
    assert (tag["lang"], tag["dir"]) == ("en", "ltr")
    tag = attrs(element_around(html, OFFICIAL_REPLY))
    assert (tag["lang"], tag["dir"]) == ("en", "ltr")
    tag = attrs(element_around(html, ARABIC_COMMENT))
    assert (tag["lang"], tag["dir"]) == ("ar", "rtl")


def test_authors_see_their_comment_and_the_decision_in_their_own_direction(client, mixed_report):
    from participation.models import Comment

    english = Comment.objects.get(body=ENGLISH_COMMENT)
    client.force_login(english.author)
    html = client.get("/ar/my-participation/").content.decode()
    tag = attrs(element_around(html, ENGLISH_COMMENT))
    assert (tag["lang"], tag["dir"]) == ("en", "ltr")
    tag = attrs(element_around(html, ENGLISH_REASON))
    assert (tag["lang"], tag["dir"]) == ("en", "ltr")


@pytest.mark.parametrize(
    "text, written_on, expected",
    [
        (ENGLISH_REASON, "ar", "en"),
        (ARABIC_COMMENT, "en", "ar"),
        ("أؤيد استخدام OTP عبر تطبيق سند في المادة 4", "en", "ar"),  # mostly Arabic with a Latin word
        ("12345 — 678", "en", "en"),  # no letters: the language it was written on
        ("12345 — 678", "ar", "ar"),
        # Markup is not counted as Latin letters.
        ('<p><a href="https://example.com/consultations/health/report">رابط التقرير</a></p>', "en", "ar"),
    ],
)
def test_language_is_told_by_the_script(text, written_on, expected):
    assert text_language(text, written_on) == expected


def test_author_sees_their_pending_english_comment_left_to_right(client, consultation, make_people):  # noqa: F811
    from participation.models import CommentStatus

    (author,) = make_people(1)
    add_comment(consultation, author, ENGLISH_COMMENT, block_id="ask-pre", status=CommentStatus.PENDING)
    client.force_login(author)
    html = client.get(consultation.url).content.decode()
    tag = attrs(element_around(html, ENGLISH_COMMENT))
    assert (tag["lang"], tag["dir"]) == ("en", "ltr")
