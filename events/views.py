"""Registering for an event and cancelling: POST only, signed in, verified, rate-limited (participation.limits,
key "event_register"). They answer with a redirect to the event page and a message; nothing here is cached."""

from allauth.core import ratelimit
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from participation.limits import too_many

from . import services
from .models import RegistrationStatus


def _checked(request, event):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if not request.user.is_authenticated:
        return redirect_to_login(event.url)
    if too_many(request, "event_register"):
        return ratelimit.respond_429(request)
    return None


def register(request, event):
    refused = _checked(request, event)
    if refused is not None:
        return refused
    try:
        registration = services.register(event, request.user, language=get_language())
    except services.RegistrationRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(f"{event.url}#registration")
    if registration.status == RegistrationStatus.CONFIRMED:
        messages.success(request, _("Your place is confirmed. We have sent you an e-mail with the details."))
    else:
        messages.success(
            request,
            _("The event is full, so you are on the waiting list. If a place is freed, it is yours and we tell you."),
        )
    return redirect(f"{event.url}#registration")


def cancel(request, event):
    refused = _checked(request, event)
    if refused is not None:
        return refused
    try:
        services.cancel(event, request.user)
    except services.RegistrationRefused as refusal:
        messages.error(request, refusal.message)
        return redirect(f"{event.url}#registration")
    messages.success(request, _("Your registration is cancelled."))
    return redirect(f"{event.url}#registration")
