"""Signed one-click unsubscribe links: no sign-in, and nobody can forge a link for another person."""

from django.core import signing

SALT = "reach.unsubscribe"
ALL = "all"  # every subscription and the notices about taking part
TOOK_PART = "p"  # the notices about consultations the person took part in


def make(user_id, scope):
    """A token for `user_id` and `scope` ("s:<subscription id>", "p" or "all")."""
    return signing.dumps([user_id, scope], salt=SALT, compress=True)


def read(token):
    """(user id, scope), or None when the token was not made by us."""
    try:
        user_id, scope = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(scope, str):
        return None
    return user_id, scope


def for_subscription(subscription):
    return make(subscription.user_id, f"s:{subscription.pk}")
