"""What can be followed: checking a target exists, and naming subscriptions in the reader's language."""

import uuid

from pages.models import AgencyPage
from participation.models import ConsultationPage, Governorate, Topic

from .models import FollowKind


def _uuid(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        return None


def exists(kind, target):
    """Whether `target` names a public agency, a topic, a governorate or a public consultation."""
    if kind == FollowKind.GOVERNORATE:
        return target in Governorate.values
    key = _uuid(target)
    if key is None:
        return False
    if kind == FollowKind.AGENCY:
        return AgencyPage.objects.live().public().filter(translation_key=key).exists()
    if kind == FollowKind.TOPIC:
        return Topic.objects.filter(translation_key=key).exists()
    if kind == FollowKind.CONSULTATION:
        return ConsultationPage.objects.live().public().filter(translation_key=key).exists()
    return False


def _pick(objects, language):
    """{translation key: the object in `language`, or in another language when there is none}."""
    chosen = {}
    for obj in objects:
        if obj.translation_key not in chosen or obj.locale.language_code == language:
            chosen[obj.translation_key] = obj
    return chosen


def describe(subscriptions, language):
    """[(subscription, name, page or None)] for a list of subscriptions; a constant number of queries."""
    keys = {kind: set() for kind in FollowKind.values}
    for subscription in subscriptions:
        key = _uuid(subscription.target)
        if key is not None:
            keys[subscription.kind].add(key)
    agencies = consultations = topics = {}
    if keys[FollowKind.AGENCY]:
        agencies = _pick(
            AgencyPage.objects.live().filter(translation_key__in=keys[FollowKind.AGENCY]).select_related("locale"),
            language,
        )
    if keys[FollowKind.CONSULTATION]:
        consultations = _pick(
            ConsultationPage.objects.live()
            .filter(translation_key__in=keys[FollowKind.CONSULTATION])
            .select_related("locale"),
            language,
        )
    if keys[FollowKind.TOPIC]:
        topics = _pick(
            Topic.objects.filter(translation_key__in=keys[FollowKind.TOPIC]).select_related("locale"), language
        )
    described = []
    for subscription in subscriptions:
        key = _uuid(subscription.target)
        page = None
        if subscription.kind == FollowKind.GOVERNORATE:
            name = Governorate(subscription.target).label if subscription.target in Governorate.values else ""
        elif subscription.kind == FollowKind.TOPIC:
            topic = topics.get(key)
            name = topic.name if topic else ""
        else:
            page = (agencies if subscription.kind == FollowKind.AGENCY else consultations).get(key)
            name = page.title if page else ""
        described.append((subscription, name, page))
    return described
