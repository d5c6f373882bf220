"""A submission the rules refuse comes back as the editor sent it, rich text included.

The consultation editor is built in the browser from the form's telepath data: after a refusal
(a draft law open for 5 days), the body's blocks must be re-rendered with the text, block ids and
order the editor posted, or the corrected submission is refused again for an empty body. The
browser journey (tests/browser/test_admin_journey.py) covers the same steps with clicks.
"""

import html
import json
import re

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text

from participation.models import ConsultationPage, Topic
from tests.factories import ConsultationPageFactory, add_page
from tests.pages.test_workflow import add_url

pytestmark = pytest.mark.django_db

PARAGRAPH = "يمنح المشروع كل شخص حق الاطلاع على بياناته وتصحيحها."
SECOND_PARAGRAPH = "ويحدد المشروع مدة الاحتفاظ بالبيانات."
BLOCK_ID = "56727194-475b-4b48-afa9-93a55246fbd7"
SECOND_BLOCK_ID = "0b6f7c0e-3f5e-4a8a-9a57-2f7d0d4f7c11"


def contentstate(text):
    """Rich text as Draftail posts it: compact contentstate JSON with an empty `data` per block."""
    block = {
        "key": "7i0sh",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [],
        "data": {},
    }
    return json.dumps({"blocks": [block], "entityMap": {}}, ensure_ascii=False, separators=(",", ":"))


def posted_body(paragraphs):
    """The body's fields as the StreamField editor posts them (block ids from the browser)."""
    data = {"body-count": str(len(paragraphs))}
    for index, (block_id, text) in enumerate(paragraphs):
        data |= {
            f"body-{index}-type": "paragraph",
            f"body-{index}-value": contentstate(text),
            f"body-{index}-id": block_id,
            f"body-{index}-deleted": "",
            f"body-{index}-order": str(index),
        }
    return data


def consultation_post(closes_at, paragraphs, topics=(), **extra):
    data = nested_form_data(
        {
            "title": "مشروع قانون حماية البيانات الشخصية المعدل",
            "slug": "data-protection",
            "consultation_type": "draft_law",
            "summary": "نقترح تعديل قانون حماية البيانات الشخصية.",
            "opens_at": "2030-01-01 09:00",
            "closes_at": closes_at,
            "documents-count": "0",
            "outcome": rich_text(""),
            "action-submit": "submit",
        }
    )
    data |= posted_body(paragraphs)
    if topics:
        data["topics"] = [str(pk) for pk in topics]
    data |= extra
    return data


def body_arguments(response):
    """The blocks the editor rebuilds the body from: `[value, errors]` of the body's telepath data."""
    page = response.content.decode()
    match = re.search(r'<div id="body" [^>]*data-w-block-arguments-value="([^"]*)"', page)
    assert match, "the body's StreamField editor is missing from the page"
    return json.loads(html.unescape(match.group(1)))


def texts_of(block_value):
    return [block["text"] for block in json.loads(block_value)["blocks"]]


def test_refused_new_consultation_comes_back_with_its_body(site_tree, users, client_for):
    editor = client_for(users.editor)
    paragraphs = [(BLOCK_ID, PARAGRAPH), (SECOND_BLOCK_ID, SECOND_PARAGRAPH)]

    refused = editor.post(add_url(site_tree.agency_a), consultation_post("2030-01-06 09:00", paragraphs))

    assert refused.status_code == 200
    assert "closes_at" in refused.context["form"].errors
    blocks, errors = body_arguments(refused)
    assert errors is None  # the body itself is not at fault
    assert [(block["type"], block["id"]) for block in blocks] == [
        ("paragraph", BLOCK_ID),
        ("paragraph", SECOND_BLOCK_ID),
    ]
    assert [texts_of(block["value"]) for block in blocks] == [[PARAGRAPH], [SECOND_PARAGRAPH]]
    assert not ConsultationPage.objects.filter(slug="data-protection").exists()

    # What the browser sends back after the editor moves the closing date: accepted.
    corrected = editor.post(add_url(site_tree.agency_a), consultation_post("2030-01-15 09:00", paragraphs))
    assert corrected.status_code == 302
    page = ConsultationPage.objects.get(slug="data-protection")
    revision = page.latest_revision.as_object()
    assert [(block.block_type, block.id) for block in revision.body] == [
        ("paragraph", BLOCK_ID),
        ("paragraph", SECOND_BLOCK_ID),
    ]
    assert PARAGRAPH in revision.body[0].value.source
    assert page.workflow_in_progress


def test_refused_new_consultation_keeps_the_chosen_topics(site_tree, users, client_for, locales):
    topic = Topic.objects.create(name="البيانات الشخصية", locale=locales.ar)
    editor = client_for(users.editor)

    refused = editor.post(
        add_url(site_tree.agency_a),
        consultation_post("2030-01-06 09:00", [(BLOCK_ID, PARAGRAPH)], topics=[topic.pk]),
    )

    assert refused.status_code == 200
    assert refused.context["form"]["topics"].value() == [str(topic.pk)]
    assert re.search(rf'<input[^>]*name="topics"[^>]*value="{topic.pk}"[^>]*checked', refused.content.decode())


def test_refused_edit_comes_back_with_the_text_sent_not_the_stored_one(site_tree, users, client_for):
    page = add_page(
        site_tree.agency_a,
        ConsultationPageFactory.build(title="مسودة", slug="draft-law", consultation_type="draft_law"),
        publish=False,
        user=users.editor,
    )
    editor = client_for(users.editor)
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])

    refused = editor.post(url, consultation_post("2030-01-06 09:00", [(BLOCK_ID, PARAGRAPH)], slug="draft-law"))

    assert refused.status_code == 200
    assert "closes_at" in refused.context["form"].errors
    (block,), _errors = body_arguments(refused)
    assert block["id"] == BLOCK_ID
    assert texts_of(block["value"]) == [PARAGRAPH]
