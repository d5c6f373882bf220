"""Following and unfollowing: signed-in, verified people only, their own subscriptions only, CSRF, rate limits."""

import pytest
from django.db import IntegrityError, transaction
from django.test import Client

from reach import tokens
from reach.models import MailPreference, Subscription

from .conftest import make_consultation

pytestmark = pytest.mark.django_db


def follow_data(target, kind="agency", frequency="immediate"):
    return {"kind": kind, "target": str(target), "frequency": frequency, "next": "/ar/"}


URL = "/ar/my-participation/subscriptions/follow/"


def test_anonymous_visitors_see_a_sign_in_link_and_no_form(health, client):
    html = client.get("/ar/agencies/moh/").content.decode()
    assert "/ar/accounts/login/?next=/ar/agencies/moh/" in html
    assert "csrfmiddlewaretoken" not in html
    assert "reach_follow" not in html and URL not in html
    response = client.post(URL, follow_data(health.agency.translation_key))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not Subscription.objects.exists()


def test_signed_in_person_follows_and_unfollows_from_the_agency_page(health, make_person, signed_in):
    citizen = make_person()
    client = signed_in(citizen)
    html = client.get("/ar/agencies/moh/").content.decode()
    assert f'action="{URL}"' in html and "csrfmiddlewaretoken" in html
    client.post(URL, follow_data(health.agency.translation_key, frequency="weekly"))
    subscription = Subscription.objects.get(user=citizen)
    assert (subscription.kind, subscription.frequency, subscription.language) == ("agency", "weekly", "ar")
    html = client.get("/ar/agencies/moh/").content.decode()
    assert f"/ar/my-participation/subscriptions/{subscription.pk}/unfollow/" in html
    client.post(f"/ar/my-participation/subscriptions/{subscription.pk}/unfollow/")
    assert not Subscription.objects.exists()


def test_follow_buttons_on_consultation_topic_listing_and_my_participation(health, site_tree, make_person, signed_in):
    citizen = make_person()
    client = signed_in(citizen)
    page = make_consultation(health.agency, topics=[health.topic])
    html = client.get(page.url).content.decode()
    assert f'value="{page.translation_key}"' in html
    html = client.get(f"/ar/consultations/?topic={health.topic.pk}").content.decode()
    assert f'value="{health.topic.translation_key}"' in html
    assert f"/ar/feeds/topics/{health.topic.pk}.atom" in html
    client.post(URL, follow_data(page.translation_key, kind="consultation"))
    client.post(URL, follow_data(health.topic.translation_key, kind="topic"))
    client.post(URL, follow_data("irbid", kind="governorate"))
    html = client.get("/ar/my-participation/").content.decode()
    assert 'id="subscriptions"' in html
    assert page.title in html and "الصحة" in html
    assert Subscription.objects.filter(user=citizen).count() == 3


def test_unverified_people_and_unknown_targets_cannot_follow(health, make_person, signed_in):
    unverified = make_person(verified=False)
    signed_in(unverified).post(URL, follow_data(health.agency.translation_key))
    verified = make_person()
    client = signed_in(verified)
    client.post(URL, follow_data("00000000-0000-0000-0000-000000000000"))
    client.post(URL, follow_data("atlantis", kind="governorate"))
    client.post(URL, follow_data(health.agency.translation_key, kind="nonsense"))
    assert not Subscription.objects.exists()


def test_following_twice_keeps_one_subscription(health, make_person, signed_in):
    citizen = make_person()
    client = signed_in(citizen)
    client.post(URL, follow_data(health.agency.translation_key))
    client.post(URL, follow_data(health.agency.translation_key, frequency="weekly"))
    assert Subscription.objects.filter(user=citizen).count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Subscription.objects.create(
            user=citizen, kind="agency", target=str(health.agency.translation_key), language="en"
        )


def test_csrf_is_required_to_follow_and_unfollow(health, make_person):
    citizen = make_person()
    client = Client(enforce_csrf_checks=True)
    client.force_login(citizen)
    assert client.post(URL, follow_data(health.agency.translation_key)).status_code == 403
    subscription = Subscription.objects.create(
        user=citizen, kind="agency", target=str(health.agency.translation_key), language="ar"
    )
    assert client.post(f"/ar/my-participation/subscriptions/{subscription.pk}/unfollow/").status_code == 403
    assert Subscription.objects.count() == 1


def test_nobody_unfollows_or_changes_another_persons_subscription(health, make_person, signed_in):
    owner, other = make_person(), make_person()
    subscription = Subscription.objects.create(
        user=owner, kind="agency", target=str(health.agency.translation_key), language="ar"
    )
    client = signed_in(other)
    assert client.post(f"/ar/my-participation/subscriptions/{subscription.pk}/unfollow/").status_code == 404
    response = client.post(f"/ar/my-participation/subscriptions/{subscription.pk}/frequency/", {"frequency": "weekly"})
    assert response.status_code == 404
    subscription.refresh_from_db()
    assert subscription.frequency == "immediate"


def test_unsubscribe_tokens_cannot_be_forged_or_turned_on_others(health, make_person, client):
    owner, other = make_person(), make_person()
    subscription = Subscription.objects.create(
        user=owner, kind="agency", target=str(health.agency.translation_key), language="ar"
    )
    # The owner's link for another person's subscription number does nothing to it.
    theirs = Subscription.objects.create(
        user=other, kind="agency", target=str(health.agency.translation_key), language="ar"
    )
    token = tokens.make(owner.pk, f"s:{theirs.pk}")
    client.post(f"/ar/my-participation/unsubscribe/{token}/")
    assert Subscription.objects.filter(pk=theirs.pk).exists()
    # A token edited by hand (another user id) fails its signature.
    good = tokens.for_subscription(subscription)
    forged = good.replace(good[1], "A" if good[1] != "A" else "B", 1)
    assert client.post(f"/ar/my-participation/unsubscribe/{forged}/").status_code == 404
    assert client.get("/ar/my-participation/unsubscribe/not-a-token/").status_code == 404
    assert Subscription.objects.filter(pk=subscription.pk).exists()
    # The real link works, without sign-in.
    assert client.post(f"/ar/my-participation/unsubscribe/{good}/").status_code == 200
    assert not Subscription.objects.filter(pk=subscription.pk).exists()


def test_unsubscribe_all_stops_subscriptions_and_participation_notices(health, make_person, client):
    citizen = make_person()
    Subscription.objects.create(user=citizen, kind="governorate", target="amman", language="ar")
    client.post(f"/en/my-participation/unsubscribe/{tokens.make(citizen.pk, tokens.ALL)}/")
    assert not Subscription.objects.filter(user=citizen).exists()
    assert MailPreference.objects.get(user=citizen).participation_notices is False


def test_following_is_rate_limited(health, site_tree, make_person, signed_in, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "follow": "2/h/user"}
    client = signed_in(make_person())
    assert client.post(URL, follow_data(health.agency.translation_key)).status_code == 302
    assert client.post(URL, follow_data(site_tree.agency_a.translation_key)).status_code == 302
    assert client.post(URL, follow_data(site_tree.agency_b.translation_key)).status_code == 429
    assert Subscription.objects.count() == 2


def test_one_click_unsubscribe_is_rate_limited_per_address(health, make_person, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "unsubscribe": "1/m/ip"}
    citizen = make_person()
    link = f"/ar/my-participation/unsubscribe/{tokens.make(citizen.pk, tokens.TOOK_PART)}/"
    client = Client()
    assert client.post(link).status_code == 200
    assert client.post(link).status_code == 429
