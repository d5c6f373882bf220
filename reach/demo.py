"""Demo subscriptions (seed_demo calls `seed`): the demo citizen follows the Ministry of Health at once, the
digital-services topic and Amman in a weekly digest, and the first open consultation. Safe to run again."""

from django.contrib.auth import get_user_model

from participation.models import ConsultationStatus

from .models import FollowKind, Frequency, Subscription

CITIZEN = "citizen"


def seed(demo):
    citizen = get_user_model().objects.filter(username=CITIZEN).first()
    if citizen is None:
        return
    follows = []
    if "moh" in demo.agencies:
        follows.append((FollowKind.AGENCY, demo.agencies["moh"].translation_key, Frequency.IMMEDIATE, "ar"))
    if "digital" in demo.topics:
        follows.append((FollowKind.TOPIC, demo.topics["digital"].translation_key, Frequency.WEEKLY, "ar"))
    follows.append((FollowKind.GOVERNORATE, "amman", Frequency.WEEKLY, "ar"))
    open_now = [arabic for arabic, _english in demo.consultations if arabic.status == ConsultationStatus.OPEN]
    if open_now:
        follows.append((FollowKind.CONSULTATION, open_now[0].translation_key, Frequency.IMMEDIATE, "en"))
    for kind, target, frequency, language in follows:
        _subscription, created = Subscription.objects.get_or_create(
            user=citizen,
            kind=kind,
            target=str(target),
            defaults={"frequency": frequency, "language": language},
        )
        if created:
            demo.counts["subscriptions created"] += 1
