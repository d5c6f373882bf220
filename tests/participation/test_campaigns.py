"""Campaigns: near-identical comments found, grouped in the moderation queue and moderated at once, per agency."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from participation.campaigns import group_pending, normalise
from participation.models import Campaign, Comment, CommentFingerprint, CommentStatus
from participation.moderation import LOG_APPROVE, LOG_REJECT
from participation.services import post_comment
from tests.factories import ConsultationPageFactory, UserFactory, add_page

from .conftest import make_citizen, participation_body

pytestmark = pytest.mark.django_db

INDEX_URL = "/admin/participation/comment/"
BULK_URL = "/admin/participation/comment/bulk/"

TEXT = (
    "نطالب بإضافة مادة صريحة إلى مشروع التعليمات تُلزم الجهة الحكومية بإبلاغ المواطن خلال اثنتين وسبعين "
    "ساعة إذا تعرّضت بياناته الشخصية لأي اختراق أو تسريب، مع بيان الإجراءات التي اتخذتها لحمايته."
)
VARIANTS = [
    TEXT,
    # diacritics, tatweel and hamza / taa marbuta spellings
    TEXT.replace("المواطن", "المُوَاطِن").replace("الجهة", "الجهه").replace("إلى", "الى").replace("مادة", "مـادة"),
    # punctuation
    TEXT.replace("،", "").replace(".", "!!"),
    # a word changed
    TEXT.replace("نطالب", "أطالب"),
    # a greeting and a name added
    "السلام عليكم، " + TEXT + " أحمد",
]
DIFFERENT = [
    "أقترح أن تنشر الجهة الحكومية ملخصاً بلغة بسيطة لمشروع التعليمات قبل فتح باب التعليقات، "
    "حتى يفهم المواطنون ما الذي سيتغير عليهم فعلاً.",
    "المادة الثالثة غير واضحة في تعريف البيانات الحساسة، وأرجو إضافة أمثلة من الخدمات الصحية والتعليمية.",
    "The draft should say how long personal data is kept and who may read it, with a yearly public report.",
]
ENGLISH = "I oppose article five because it allows personal data to be shared without the explicit consent of citizens."


def make_comment(page, body, number, status=CommentStatus.PENDING, **extra):
    author = make_citizen(f"sender{number}_{page.pk}")
    return Comment.objects.create(
        translation_key=page.translation_key,
        block_id="ask-pre",
        consultation=page,
        agency_key=page.agency.translation_key,
        author=author,
        language="ar",
        body=body,
        status=status,
        **extra,
    )


def campaign_of(comment):
    return CommentFingerprint.objects.filter(comment=comment).values_list("campaign_id", flat=True).first()


@pytest.fixture
def moderator_a(site_tree):
    return UserFactory(username="moderator_a", groups=[site_tree.agency_a.moderators_group])


@pytest.fixture
def moderator_b(site_tree):
    return UserFactory(username="moderator_b", groups=[site_tree.agency_b.moderators_group])


@pytest.fixture
def campaign_comments(consultation):
    comments = [make_comment(consultation, body, number) for number, body in enumerate(VARIANTS)]
    group_pending(consultation.translation_key)
    return comments


# Finding them ------------------------------------------------------------------------------------------


def test_normalise_folds_arabic_spellings_and_punctuation():
    assert normalise("المُوَاطِنـة، إلى الأخرى!") == normalise("المواطنه الى الاخري")
    assert normalise("٢٠٢٥ Data") == "2025 data"


def test_variants_are_one_group_and_different_texts_are_not(consultation, campaign_comments):
    others = [make_comment(consultation, body, 100 + number) for number, body in enumerate(DIFFERENT)]
    group_pending(consultation.translation_key)
    campaigns = {campaign_of(comment) for comment in campaign_comments}
    assert len(campaigns) == 1 and None not in campaigns
    campaign = Campaign.objects.get()
    assert campaign.representative_id == campaign_comments[0].pk
    assert campaign.agency_key == consultation.agency.translation_key
    assert all(campaign_of(comment) is None for comment in others)
    assert CommentFingerprint.objects.count() == len(VARIANTS) + len(DIFFERENT)


def test_later_copies_join_the_campaign_and_english_copies_group_too(consultation, campaign_comments):
    late = make_comment(consultation, TEXT.replace("اثنتين وسبعين", "72"), 50)
    english = [make_comment(consultation, ENGLISH, 60), make_comment(consultation, ENGLISH.upper() + " Thanks.", 61)]
    group_pending(consultation.translation_key, since=late.pk)
    assert campaign_of(late) == campaign_of(campaign_comments[0])
    assert campaign_of(english[0]) is not None
    assert campaign_of(english[0]) == campaign_of(english[1]) != campaign_of(late)


def test_short_texts_official_replies_and_event_input_are_never_grouped(consultation, site_tree):
    short = [make_comment(consultation, "أوافق على المشروع", number) for number in range(3)]
    official = [make_comment(consultation, TEXT, 10 + number, is_official=True) for number in range(2)]
    event = [make_comment(consultation, TEXT, 20 + number, event=site_tree.agency_a) for number in range(2)]
    group_pending(consultation.translation_key)
    assert Campaign.objects.count() == 0
    checked = set(CommentFingerprint.objects.values_list("comment_id", flat=True))
    assert {comment.pk for comment in short} <= checked
    assert not checked & {comment.pk for comment in official + event}


def test_other_consultations_are_separate(consultation, site_tree):
    other = add_page(site_tree.agency_a, ConsultationPageFactory(slug="other", body=participation_body()))
    first = make_comment(consultation, TEXT, 1)
    second = make_comment(other, TEXT, 2)
    group_pending(consultation.translation_key)
    group_pending(other.translation_key)
    assert campaign_of(first) is None and campaign_of(second) is None


def test_a_comment_is_grouped_by_the_worker_after_it_is_committed(
    consultation, citizen, django_capture_on_commit_callbacks
):
    make_comment(consultation, TEXT, 1)
    group_pending(consultation.translation_key)
    with django_capture_on_commit_callbacks(execute=True):
        comment = post_comment(consultation, citizen, "ask-pre", VARIANTS[3])
    assert campaign_of(comment) is not None


# The moderation queue --------------------------------------------------------------------------------


def test_the_queue_shows_a_campaign_as_one_row(client, moderator_a, consultation, campaign_comments):
    single = make_comment(consultation, DIFFERENT[0], 99)
    group_pending(consultation.translation_key)
    client.force_login(moderator_a)
    response = client.get(INDEX_URL, HTTP_ACCEPT_LANGUAGE="en")
    html = response.content.decode()
    assert response.status_code == 200
    assert "5 near-identical comments" in html
    assert html.count('name="campaign_row"') == 1
    assert html.count('name="comment"') == 1  # the comment outside the campaign
    assert f'value="{single.pk}"' in html
    campaign = campaign_of(campaign_comments[0])
    assert reverse("participation_comment_modeladmin_campaign", args=[campaign]) in html


def test_a_status_splits_the_row(client, moderator_a, campaign_comments):
    Comment.objects.filter(pk=campaign_comments[-1].pk).update(status=CommentStatus.APPROVED)
    client.force_login(moderator_a)
    html = client.get(INDEX_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "4 near-identical comments" in html
    assert html.count('name="campaign_row"') == 1  # the published one is a row of its own (a group of one)
    assert html.count('name="comment"') == 1
    pending = client.get(INDEX_URL + "?status__exact=pending", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "4 near-identical comments" in pending and 'name="comment"' not in pending


def test_queue_queries_do_not_grow_with_campaigns(client, moderator_a, consultation, site_tree):
    client.force_login(moderator_a)

    def count():
        client.get(INDEX_URL)  # warm caches
        with CaptureQueriesContext(connection) as queries:
            assert client.get(INDEX_URL).status_code == 200
        return len(queries)

    for number, body in enumerate(VARIANTS[:2] + DIFFERENT[:1]):
        make_comment(consultation, body, number)
    group_pending(consultation.translation_key)
    small = count()
    other = add_page(site_tree.agency_a, ConsultationPageFactory(slug="busy", body=participation_body()))
    for number in range(30):
        make_comment(other, VARIANTS[number % len(VARIANTS)], 200 + number)
        make_comment(consultation, ENGLISH + f" {'!' * (number % 3)}", 300 + number)
    for number, body in enumerate(DIFFERENT[1:]):
        make_comment(consultation, body, 400 + number)
    group_pending(consultation.translation_key)
    group_pending(other.translation_key)
    assert Campaign.objects.count() == 3
    assert count() == small


def test_campaign_page_lists_members_and_approves_them_all(client, moderator_a, campaign_comments):
    campaign = campaign_of(campaign_comments[0])
    url = reverse("participation_comment_modeladmin_campaign", args=[campaign])
    client.force_login(moderator_a)
    page = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "5 near-identical comments" in page
    assert all(f"#{comment.pk}" in page for comment in campaign_comments)
    listed = re.findall(r'name="member" value="(\d+)"', page)
    assert listed == [str(comment.pk) for comment in campaign_comments]
    response = client.post(
        url, {"action": "approve", "members": "pending", "member": listed}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    assert set(Comment.objects.filter(pk__in=[c.pk for c in campaign_comments]).values_list("status", flat=True)) == {
        CommentStatus.APPROVED
    }
    logs = ModelLogEntry.objects.filter(action=LOG_APPROVE, user=moderator_a)
    assert logs.count() == len(VARIANTS)
    assert {entry.data["campaign"] for entry in logs} == {campaign}


def test_rejecting_a_group_needs_a_reason(client, moderator_a, campaign_comments):
    campaign = campaign_of(campaign_comments[0])
    url = reverse("participation_comment_modeladmin_campaign", args=[campaign])
    client.force_login(moderator_a)
    listed = [comment.pk for comment in campaign_comments]
    response = client.post(url, {"action": "reject", "members": "all", "member": listed})
    assert response.status_code == 200
    assert not Comment.objects.exclude(status=CommentStatus.PENDING).exists()
    client.post(url, {"action": "reject", "members": "all", "reason": "spam", "note": "نص مكرر", "member": listed})
    rejected = Comment.objects.filter(status=CommentStatus.REJECTED, moderation_reason="spam")
    assert rejected.count() == len(VARIANTS)
    assert ModelLogEntry.objects.filter(action=LOG_REJECT).count() == len(VARIANTS)


def test_ticking_a_group_row_in_the_queue_acts_on_the_copies_of_its_text(
    client, moderator_a, consultation, campaign_comments
):
    copies = [make_comment(consultation, TEXT, 70 + number) for number in range(3)]
    group_pending(consultation.translation_key)
    client.force_login(moderator_a)
    client.post(BULK_URL, {"campaign_row": campaign_comments[0].pk, "action": "approve"})
    approved = set(Comment.objects.filter(status=CommentStatus.APPROVED).values_list("pk", flat=True))
    assert approved == {campaign_comments[0].pk} | {copy.pk for copy in copies}


def test_another_agencys_moderator_cannot_see_or_act_on_the_group(client, moderator_b, campaign_comments):
    campaign = campaign_of(campaign_comments[0])
    url = reverse("participation_comment_modeladmin_campaign", args=[campaign])
    client.force_login(moderator_b)
    response = client.get(url)
    assert response.status_code in (302, 403, 404)
    assert "اثنتين وسبعين" not in response.content.decode()
    client.post(url, {"action": "approve", "members": "all", "member": [c.pk for c in campaign_comments]})
    client.post(BULK_URL, {"campaign_row": campaign_comments[0].pk, "action": "approve"})
    assert not Comment.objects.exclude(status=CommentStatus.PENDING).exists()
    assert not ModelLogEntry.objects.filter(action=LOG_APPROVE).exists()
    assert "near-identical" not in client.get(INDEX_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_group_page_escapes_citizen_text(client, moderator_a, consultation):
    attack = "<script>alert(1)</script> " + TEXT
    comments = [make_comment(consultation, attack, number) for number in range(2)]
    group_pending(consultation.translation_key)
    client.force_login(moderator_a)
    url = reverse("participation_comment_modeladmin_campaign", args=[campaign_of(comments[0])])
    html = client.get(url).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;" in html
    assert "<script>alert(1)" not in client.get(INDEX_URL).content.decode()


def test_comments_whose_hand_over_to_the_worker_failed_are_grouped_by_the_schedule(consultation, monkeypatch):
    from types import SimpleNamespace

    from participation import campaigns
    from tests.reach.conftest import run_schedule

    def worker_unreachable(*args, **kwargs):
        raise ConnectionError("the task queue is down")

    monkeypatch.setattr(campaigns, "group_comments_task", SimpleNamespace(enqueue=worker_unreachable))
    comments = [make_comment(consultation, body, n) for n, body in enumerate(VARIANTS)]
    assert not CommentFingerprint.objects.exists()  # saved all the same, not checked yet

    run_schedule()

    campaign = Campaign.objects.get()
    assert set(CommentFingerprint.objects.filter(campaign=campaign).values_list("comment_id", flat=True)) == {
        comment.pk for comment in comments
    }
