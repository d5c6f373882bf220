"""A consultation's status follows from its dates and its outcome, in Amman time."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from participation.models import ConsultationPage, ConsultationStatus
from tests.factories import ConsultationPageFactory, add_page

# Building a page reads its content type, which the database holds.
pytestmark = pytest.mark.django_db

AMMAN = ZoneInfo("Asia/Amman")
OPENS = datetime(2026, 3, 1, 9, 0, tzinfo=AMMAN)
CLOSES = datetime(2026, 3, 15, 23, 59, tzinfo=AMMAN)
ONE_SECOND = timedelta(seconds=1)


def consultation(outcome=""):
    return ConsultationPage(opens_at=OPENS, closes_at=CLOSES, outcome=outcome)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (OPENS - ONE_SECOND, ConsultationStatus.UPCOMING),
        (OPENS, ConsultationStatus.OPEN),
        (CLOSES - ONE_SECOND, ConsultationStatus.OPEN),
        (CLOSES, ConsultationStatus.CLOSED),
        (CLOSES + timedelta(days=30), ConsultationStatus.CLOSED),
    ],
)
def test_status_around_opening_and_closing_instants(now, expected):
    assert consultation().status_at(now) == expected


def test_closing_instant_is_amman_time_not_utc():
    # 23:59 in Amman (UTC+3) is 20:59 UTC: at 21:30 UTC the consultation has closed.
    utc_now = datetime(2026, 3, 15, 21, 30, tzinfo=ZoneInfo("UTC"))
    assert consultation().status_at(utc_now) == ConsultationStatus.CLOSED
    assert consultation().status_at(utc_now - timedelta(hours=1)) == ConsultationStatus.OPEN


def test_outcome_concludes_only_after_closing():
    with_outcome = consultation(outcome="<p>قررنا تعديل المادة 5.</p>")
    assert with_outcome.status_at(CLOSES - ONE_SECOND) == ConsultationStatus.OPEN
    assert with_outcome.status_at(CLOSES) == ConsultationStatus.CONCLUDED


@pytest.mark.django_db
def test_querysets_agree_with_status(site_tree):
    from django.utils import timezone

    now = timezone.now()
    past = {"opens_at": now - timedelta(days=30), "closes_at": now - timedelta(days=1)}
    pages = {
        "upcoming": {"opens_at": now + timedelta(days=1), "closes_at": now + timedelta(days=20)},
        "open": {"opens_at": now - timedelta(days=1), "closes_at": now + timedelta(days=20)},
        "closed": {"opens_at": now - timedelta(days=30), "closes_at": now - timedelta(days=1)},
        "concluded": {**past, "outcome": "<p>النتيجة.</p>"},
        "empty-outcome": {**past, "outcome": "<p> </p>"},
    }
    created = {
        slug: add_page(site_tree.agency_a, ConsultationPageFactory(slug=slug, **dates)) for slug, dates in pages.items()
    }
    assert created["empty-outcome"].status == ConsultationStatus.CLOSED

    for status in ConsultationStatus:
        slugs = set(ConsultationPage.objects.with_status(status).values_list("slug", flat=True))
        assert slugs == {slug for slug, page in created.items() if page.status == status}


@pytest.mark.django_db
def test_closing_must_be_after_opening(site_tree):
    from django.core.exceptions import ValidationError

    page = ConsultationPageFactory(opens_at=CLOSES, closes_at=OPENS)
    with pytest.raises(ValidationError) as error:
        site_tree.agency_a.add_child(instance=page)
    assert "closes_at" in error.value.message_dict
