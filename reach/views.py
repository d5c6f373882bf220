"""Following, unfollowing and the one-click unsubscribe. Every form works without JavaScript.

Following needs a signed-in person with a confirmed e-mail address, a POST with a CSRF token and is rate
limited with allauth's limiter. Unsubscribing from an e-mail needs no sign-in: the link is signed for one
person and one subscription; its POST (RFC 8058 one-click, sent by mail programs without cookies) is the only
view here exempt from CSRF, and it changes nothing unless the signature is valid.
"""

from allauth.core import ratelimit as allauth_ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import IntegrityError, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from participation.limits import too_many, too_many_from_address
from participation.services import user_is_verified

from . import targets, tokens
from .forms import FollowForm, FrequencyForm
from .models import FollowKind, Frequency, MailPreference, Notice, NoticeStatus, Subscription


def rate_limited(request, action, user=None):
    """True when this attempt is over the limit: per account when signed in, else per address (one-click links)."""
    return too_many(request, action) if user is not None else too_many_from_address(request, action)


def _back(request, fallback="my_participation"):
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@require_POST
@login_required
def follow(request):
    if rate_limited(request, "follow", user=request.user):
        return allauth_ratelimit.respond_429(request)
    form = FollowForm(request.POST)
    if not form.is_valid() or not targets.exists(form.cleaned_data["kind"], form.cleaned_data["target"]):
        messages.error(request, _("This cannot be followed."))
        return _back(request)
    if not user_is_verified(request.user):
        messages.error(request, _("Confirm your e-mail address before you follow anything."))
        return _back(request)
    language = get_language() if get_language() in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    try:
        with transaction.atomic():
            Subscription.objects.create(
                user=request.user,
                kind=form.cleaned_data["kind"],
                target=form.cleaned_data["target"],
                frequency=form.cleaned_data["frequency"] or Frequency.IMMEDIATE,
                language=language,
            )
    except IntegrityError:  # followed already (a second tab, a double click): one subscription per target
        messages.info(request, _("You already follow this."))
        return _back(request)
    messages.success(
        request, _("You follow it now. We will e-mail you; manage your subscriptions under My participation.")
    )
    return _back(request)


@require_POST
@login_required
def unfollow(request, subscription_id):
    if rate_limited(request, "follow", user=request.user):
        return allauth_ratelimit.respond_429(request)
    # Only one's own: another person's subscription is "not found", whatever its number.
    subscription = get_object_or_404(Subscription, pk=subscription_id, user=request.user)
    subscription.delete()
    messages.success(request, _("You no longer follow it."))
    return _back(request)


@require_POST
@login_required
def change_frequency(request, subscription_id):
    subscription = get_object_or_404(Subscription, pk=subscription_id, user=request.user)
    form = FrequencyForm(request.POST)
    if form.is_valid():
        subscription.frequency = form.cleaned_data["frequency"]
        subscription.save(update_fields=["frequency"])
        messages.success(request, _("Saved."))
    return _back(request)


@require_POST
@login_required
def participation_notices(request):
    wanted = request.POST.get("wanted") == "1"
    MailPreference.objects.update_or_create(user=request.user, defaults={"participation_notices": wanted})
    messages.success(request, _("Saved."))
    return _back(request)


@transaction.atomic  # all or nothing: no subscriptions gone while their notices still go out
def _apply(user_id, scope):
    """Unsubscribe as the token says. Returns what was stopped, for the confirmation."""
    if scope.startswith("s:") and scope[2:].isdigit():
        deleted, _rows = Subscription.objects.filter(pk=int(scope[2:]), user_id=user_id).delete()
        stopped = "subscription" if deleted else "nothing"
    elif scope == tokens.TOOK_PART:
        MailPreference.objects.update_or_create(user_id=user_id, defaults={"participation_notices": False})
        stopped = "took_part"
    elif scope == tokens.ALL:
        Subscription.objects.filter(user_id=user_id).delete()
        MailPreference.objects.update_or_create(user_id=user_id, defaults={"participation_notices": False})
        stopped = "all"
    else:
        raise Http404
    if stopped in ("took_part", "all"):
        pending = Notice.objects.filter(user_id=user_id, status=NoticeStatus.PENDING)
        if stopped == "took_part":
            pending = pending.filter(took_part=True)
        pending.update(status=NoticeStatus.DROPPED)
    return stopped


def _described_scope(user_id, scope):
    if scope.startswith("s:") and scope[2:].isdigit():
        subscription = Subscription.objects.filter(pk=int(scope[2:]), user_id=user_id).first()
        if subscription is None:
            return None
        return targets.describe([subscription], get_language())[0]
    return None


@csrf_exempt  # RFC 8058: mail programs POST without cookies; the signed token is the authorisation
@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def unsubscribe(request, token):
    found = tokens.read(token)
    if found is None:
        return render(request, "reach/unsubscribe_invalid.html", status=404)
    user_id, scope = found
    if request.method == "POST":
        if rate_limited(request, "unsubscribe"):
            return allauth_ratelimit.respond_429(request)
        stopped = _apply(user_id, scope)
        return render(request, "reach/unsubscribed.html", {"stopped": stopped})
    return render(
        request,
        "reach/unsubscribe_confirm.html",
        {"scope": scope, "described": _described_scope(user_id, scope), "token": token, "kinds": FollowKind},
    )
