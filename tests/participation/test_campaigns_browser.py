"""In a real browser, the demo moderator finds the demo campaign as one row of the Arabic moderation queue,
opens the group and approves its 37 comments at once."""

import pytest

from tests.browser.conftest import browser_page, chromium, chromium_path, demo_site  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def moderator_session(demo_site):  # noqa: F811
    """The demo moderator's session (Arabic admin), and the demo campaign, made before the browser starts."""
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.users.models import UserProfile

    from participation.demo_campaigns import SIZE, USERNAME
    from participation.models import CommentFingerprint

    moderator = get_user_model().objects.get(username="moderator")
    profile = UserProfile.get_for_user(moderator)
    profile.preferred_language = "ar"
    profile.save()
    client = Client()
    client.force_login(moderator)
    campaigns = set(
        CommentFingerprint.objects.filter(comment__author__username__startswith=USERNAME[:8]).values_list(
            "campaign_id", flat=True
        )
    )
    assert len(campaigns) == 1 and None not in campaigns, "seed_demo's campaign was not grouped"
    return {
        "cookie": {
            "name": settings.SESSION_COOKIE_NAME,
            "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
            "url": demo_site.url,
        },
        "campaign": campaigns.pop(),
        "size": SIZE,
    }


def test_moderator_approves_a_campaign_in_the_arabic_admin(browser_page, demo_site, moderator_session):  # noqa: F811
    from participation.models import Comment, CommentStatus

    page = browser_page
    page.context.add_cookies([moderator_session["cookie"]])
    page.goto(f"{demo_site.url}/admin/participation/comment/?status__exact=pending")
    assert page.locator("html").get_attribute("lang") == "ar"
    assert page.locator("html").get_attribute("dir") == "rtl"

    link = page.locator("a.tawasul-campaign-link")
    assert link.count() == 1  # 37 comments, one row
    assert str(moderator_session["size"]) in link.inner_text()
    assert page.locator("input[name=campaign_row]").count() == 1

    with page.expect_navigation():
        link.click()
    assert page.url.endswith(f"/campaign/{moderator_session['campaign']}/")
    assert page.locator("table.listing tbody tr").count() >= moderator_session["size"]
    page.locator("input[name=members][value=pending]").check()
    with page.expect_navigation():
        page.locator("button[name=action][value=approve]").click()
    assert page.url.endswith("/admin/participation/comment/")
    assert page.locator(".messages .success, .messages li.success").count() >= 1

    members = Comment.objects.filter(fingerprint__campaign_id=moderator_session["campaign"])
    assert members.count() == moderator_session["size"]
    assert set(members.values_list("status", flat=True)) == {CommentStatus.APPROVED}

    page.goto(f"{demo_site.url}/admin/participation/comment/?status__exact=pending")
    assert page.locator("a.tawasul-campaign-link").count() == 0
