"""The demo citizen's subscriptions, and the Arabic interface of the e-mails (after the catalogue merge)."""

from types import SimpleNamespace

import pytest
from django.utils import translation

from reach import demo
from reach.models import Subscription

from .conftest import make_consultation, run_schedule

pytestmark = pytest.mark.django_db


def test_demo_gives_the_demo_citizen_a_few_subscriptions_once(health, site_tree, make_person):
    from collections import Counter

    from django.contrib.auth import get_user_model

    citizen = make_person()
    get_user_model().objects.filter(pk=citizen.pk).update(username="citizen")
    page = make_consultation(health.agency)
    namespace = SimpleNamespace(
        agencies={"moh": health.agency},
        topics={"digital": health.topic},
        consultations=[(page, None)],
        counts=Counter(),
    )
    demo.seed(namespace)
    demo.seed(namespace)
    kinds = sorted(Subscription.objects.filter(user=citizen).values_list("kind", flat=True))
    assert kinds == ["agency", "consultation", "governorate", "topic"]
    assert namespace.counts["subscriptions created"] == 4


def catalogue_has_reach_strings():
    with translation.override("ar"):
        return translation.gettext("Now open for your views: %(title)s") != "Now open for your views: %(title)s"


@pytest.mark.skipif(not catalogue_has_reach_strings(), reason="locale/pending/reach.po is not merged yet")
def test_arabic_email_speaks_arabic(health, make_person, outbox):
    citizen = make_person()
    Subscription.objects.create(user=citizen, kind="agency", target=str(health.agency.translation_key), language="ar")
    Subscription.objects.filter(user=citizen).update(created_at="2000-01-01T00:00:00Z")
    page = make_consultation(health.agency, title="مشروع نظام")
    outbox.clear()
    run_schedule()
    (message,) = outbox
    assert message.subject == f"مفتوحة الآن لآرائكم: {page.title}"
    assert "أوقف هذه الرسائل بنقرة واحدة" in message.body
