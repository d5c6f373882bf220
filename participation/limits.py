"""The portal's own actions counted by allauth's limiter, with the rates of settings.ACCOUNT_RATE_LIMITS."""

from allauth.core import ratelimit


def too_many(request, action):
    """Counts the attempt per account and per IP address; True when it is over the limit. Anonymous
    requests are refused before anything is stored, so only people signed in are counted."""
    if not request.user.is_authenticated:
        return False
    return not ratelimit.consume(request, action=action, user=request.user)


def too_many_from_address(request, action):
    """The same for actions that need no account (one-click links in e-mails): counted per IP address."""
    return not ratelimit.consume(request, action=action)
