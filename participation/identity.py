"""A person's identity for "one vote per person", kept after their account is deleted.

A vote stores a keyed hash (HMAC-SHA256) of its voter's verified e-mail address and, when they signed in
with the national digital identity, of that identity's subject (`sub`). The hash cannot be reversed without
the server secret, nor matched against a list of addresses by someone holding only the database; it is never
shown, exported or put in a person's data download. When the account is deleted the vote keeps its hashes, so
a new account with the same address or the same national identity cannot vote again in that poll.

The secret is `settings.TAWASUL_IDENTITY_KEY` (environment variable TAWASUL_IDENTITY_KEY); without it, a key
derived from SECRET_KEY. Changing the key forgets who voted: never change it while consultations are open.
"""

import hashlib
import hmac

from django.conf import settings

NATIONAL_ID_PROVIDER = "national-id"


def _key():
    secret = getattr(settings, "TAWASUL_IDENTITY_KEY", "") or ""
    if secret:
        return secret.encode()
    return hmac.new(settings.SECRET_KEY.encode(), b"tawasul.identity-hash.v1", hashlib.sha256).digest()


def normalise_email(address):
    """The form of an address that one person cannot vary: surrounding spaces and letter case do not count."""
    return (address or "").strip().lower()


def keyed_hash(kind, value):
    return hmac.new(_key(), f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def email_hash(address):
    address = normalise_email(address)
    return keyed_hash("email", address) if address else ""


def subject_hash(provider, uid):
    return keyed_hash(f"oidc:{provider}", uid) if uid else ""


def identity_hashes(user):
    """(e-mail hash, national-identity hash) of a signed-in person; "" for what they do not have.

    Only a verified address counts: an unverified one could belong to someone else."""
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount

    address = (
        EmailAddress.objects.filter(user=user, verified=True)
        .order_by("-primary", "pk")
        .values_list("email", flat=True)
        .first()
    )
    subject = (
        SocialAccount.objects.filter(user=user, provider=NATIONAL_ID_PROVIDER).values_list("uid", flat=True).first()
    )
    return email_hash(address), subject_hash(NATIONAL_ID_PROVIDER, subject)
