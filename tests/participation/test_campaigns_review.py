"""A moderator decides only on what they read: the group page shows every comment's text in full (what
differs from the first comment marked), a decision covers only the comments the page listed, a ticked
queue row covers only the comments with exactly the text shown, and the queue's filters and search never
hide a group's comments."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from participation.campaigns import Text, group_pending, jaccard
from participation.models import Comment, CommentStatus
from tests.factories import UserFactory

from .test_campaigns import BULK_URL, INDEX_URL, TEXT, VARIANTS, campaign_of, make_comment

pytestmark = pytest.mark.django_db

INSULT = "الوزير لص"
PHONE = "0791234567"
# Far past the 160 characters the group page used to show of each comment.
ATTACK = TEXT + " " + INSULT + " " + PHONE


@pytest.fixture
def moderator_a(site_tree):
    return UserFactory(username="moderator_a", groups=[site_tree.agency_a.moderators_group])


def group_url(comment):
    return reverse("participation_comment_modeladmin_campaign", args=[campaign_of(comment)])


def listed_members(html):
    return [int(value) for value in re.findall(r'name="member" value="(\d+)"', html)]


def statuses(comments):
    found = dict(Comment.objects.filter(pk__in=[c.pk for c in comments]).values_list("pk", "status"))
    return [found[c.pk] for c in comments]


def test_the_attack_is_near_exact_by_the_grouping_measure():
    """Why a ticked row covers exact copies only: an insult and a phone number appended to the campaign
    text keep it above 0.9 similar, so no similarity threshold tells the moderator what they approve."""
    assert len(ATTACK) > 200
    assert jaccard(Text(1, TEXT).pieces, Text(2, ATTACK).pieces) >= 0.9


def test_the_group_page_shows_every_different_text_in_full(client, moderator_a, consultation):
    first = make_comment(consultation, TEXT, 1)
    copy = make_comment(consultation, TEXT, 2)
    attack = make_comment(consultation, ATTACK, 3)
    group_pending(consultation.translation_key)
    assert campaign_of(attack) == campaign_of(first) == campaign_of(copy)
    client.force_login(moderator_a)
    html = client.get(group_url(first), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert INSULT in html and "0791234567" in html
    # What the first comment does not say is marked, inside the attacker's comment's row.
    row = re.search(rf'<tr id="member-{attack.pk}".*?</tr>', html, re.S).group(0)
    assert re.search(r"<ins[^>]*>[^<]*لص", row), row
    assert "0791234567</ins>" in row
    copy_row = re.search(rf'<tr id="member-{copy.pk}".*?</tr>', html, re.S).group(0)
    assert "Same text as the first comment" in copy_row and "<ins" not in copy_row
    assert listed_members(html) == [first.pk, copy.pk, attack.pk]


def test_the_group_page_escapes_marked_text(client, moderator_a, consultation):
    first = make_comment(consultation, TEXT, 1)
    make_comment(consultation, TEXT + " <img src=x onerror=alert(1)>\nسطر ثان", 2)
    group_pending(consultation.translation_key)
    client.force_login(moderator_a)
    html = client.get(group_url(first)).content.decode()
    assert "<img src=x" not in html and "&lt;img src=x" in html
    assert "<br>سطر ثان" in html


def test_a_decision_covers_only_the_comments_the_page_listed(client, moderator_a, consultation):
    comments = [make_comment(consultation, body, number) for number, body in enumerate(VARIANTS)]
    group_pending(consultation.translation_key)
    client.force_login(moderator_a)
    url = group_url(comments[0])
    listed = listed_members(client.get(url).content.decode())
    assert listed == [c.pk for c in comments]
    # The attacker's copy arrives while the moderator reads.
    late = make_comment(consultation, ATTACK, 50)
    group_pending(consultation.translation_key)
    assert campaign_of(late) == campaign_of(comments[0])
    response = client.post(
        url, {"action": "approve", "members": "pending", "member": listed}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert response.status_code == 302
    assert statuses(comments) == [CommentStatus.APPROVED] * len(comments)
    assert statuses([late]) == [CommentStatus.PENDING]


def test_an_unticked_comment_is_left_out(client, moderator_a, consultation):
    comments = [make_comment(consultation, body, number) for number, body in enumerate(VARIANTS[:3])]
    attack = make_comment(consultation, ATTACK, 9)
    group_pending(consultation.translation_key)
    client.force_login(moderator_a)
    client.post(
        group_url(attack),
        {"action": "approve", "members": "all", "member": [c.pk for c in comments]},
    )
    assert statuses(comments) == [CommentStatus.APPROVED] * 3
    assert statuses([attack]) == [CommentStatus.PENDING]


def test_a_decision_without_the_listed_comments_changes_nothing(client, moderator_a, consultation):
    comments = [make_comment(consultation, body, number) for number, body in enumerate(VARIANTS[:3])]
    group_pending(consultation.translation_key)
    client.force_login(moderator_a)
    response = client.post(group_url(comments[0]), {"action": "approve", "members": "all"})
    assert response.status_code == 200
    assert statuses(comments) == [CommentStatus.PENDING] * 3


def test_listed_ids_of_another_group_or_agency_are_ignored(client, moderator_a, consultation, site_tree):
    from tests.factories import ConsultationPageFactory, add_page

    from .conftest import participation_body

    comments = [make_comment(consultation, body, number) for number, body in enumerate(VARIANTS[:2])]
    outsider = make_comment(consultation, "نص مختلف تماماً عن الحملة ولا علاقة له بها أبداً هنا", 7)
    other = add_page(site_tree.agency_b, ConsultationPageFactory(slug="b-page", body=participation_body()))
    foreign = make_comment(other, TEXT, 8)
    group_pending(consultation.translation_key)
    client.force_login(moderator_a)
    client.post(
        group_url(comments[0]),
        {"action": "approve", "members": "all", "member": [c.pk for c in comments] + [outsider.pk, foreign.pk]},
    )
    assert statuses(comments) == [CommentStatus.APPROVED] * 2
    assert statuses([outsider, foreign]) == [CommentStatus.PENDING] * 2


def test_a_ticked_row_covers_only_exact_copies_of_the_text_shown(client, moderator_a, consultation):
    copies = [make_comment(consultation, TEXT, number) for number in range(3)]
    variant = make_comment(consultation, VARIANTS[4], 10)
    attack = make_comment(consultation, ATTACK, 11)
    group_pending(consultation.translation_key)
    client.force_login(moderator_a)
    html = client.get(INDEX_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "5 near-identical comments" in html
    assert "3 with exactly this text" in html
    client.post(BULK_URL, {"campaign_row": copies[0].pk, "action": "approve"})
    assert statuses(copies) == [CommentStatus.APPROVED] * 3
    assert statuses([variant, attack]) == [CommentStatus.PENDING] * 2
    # The rest of the group is still waiting, its next text shown whole.
    html = client.get(INDEX_URL + "?status__exact=pending", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "2 near-identical comments" in html and f'name="campaign_row" value="{variant.pk}"' in html
    client.post(BULK_URL, {"campaign_row": variant.pk, "action": "approve"})
    assert statuses([variant, attack]) == [CommentStatus.APPROVED, CommentStatus.PENDING]
    html = client.get(INDEX_URL + "?status__exact=pending", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'name="comment" value="{attack.pk}"' in html
    assert INSULT in html and "0791234567" in html  # a row shows its text whole, past 200 characters


# The queue's filters and search -----------------------------------------------------------------------


def test_a_date_filter_shows_the_groups_recent_comments(client, moderator_a, consultation):
    old = make_comment(consultation, TEXT, 1)
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=10))
    recent = [make_comment(consultation, body, 2 + number) for number, body in enumerate(VARIANTS[1:3])]
    group_pending(consultation.translation_key)
    assert campaign_of(old) == campaign_of(recent[0]) == campaign_of(recent[1])
    client.force_login(moderator_a)
    today = timezone.localdate()
    html = client.get(
        INDEX_URL,
        {"created_at__gte": today.isoformat(), "created_at__lt": (today + timedelta(days=1)).isoformat()},
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()
    assert f'name="campaign_row" value="{recent[0].pk}"' in html
    assert f'value="{old.pk}"' not in html


def test_search_finds_a_comment_inside_a_group(client, moderator_a, consultation):
    comments = [make_comment(consultation, body, number) for number, body in enumerate(VARIANTS)]
    attack = make_comment(consultation, ATTACK, 20)
    group_pending(consultation.translation_key)
    assert campaign_of(attack) == campaign_of(comments[0])
    client.force_login(moderator_a)
    html = client.get(INDEX_URL, {"q": "0791234567"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'value="{attack.pk}"' in html
    assert INSULT in html
    assert not any(f'value="{c.pk}"' in html for c in comments)
