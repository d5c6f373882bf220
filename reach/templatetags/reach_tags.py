"""Follow buttons, feed links and a person's subscriptions, for the public templates.

Anonymous visitors get a sign-in link and no form: their pages come from a shared cache and must not
carry a CSRF token (pages.cache)."""

from django import template
from django.utils.translation import get_language

from .. import targets
from ..models import Frequency, MailPreference, Subscription

register = template.Library()


@register.inclusion_tag("reach/follow_button.html", takes_context=True)
def follow_button(context, kind, target, name):
    """A Follow (or Unfollow) form for people signed in, a sign-in link for anyone else."""
    request = context.get("request")
    user = getattr(request, "user", None)
    subscription = None
    signed_in = bool(user is not None and user.is_authenticated)
    if signed_in:
        subscription = Subscription.objects.filter(user=user, kind=kind, target=str(target)).first()
    return {
        "request": request,
        "signed_in": signed_in,
        "subscription": subscription,
        "kind": kind,
        "target": str(target),
        "name": name,
        "frequencies": Frequency.choices,
        "form_id": f"follow-{kind}-{str(target)[:8]}",
        "csrf_token": context.get("csrf_token"),
    }


@register.simple_tag(takes_context=True)
def my_subscriptions(context):
    """[(subscription, name, page)] of the signed-in person, newest first (three or four queries)."""
    user = context["request"].user
    if not user.is_authenticated:
        return []
    return targets.describe(list(Subscription.objects.filter(user=user)), get_language())


@register.simple_tag(takes_context=True)
def participation_notices_on(context):
    user = context["request"].user
    preference = MailPreference.objects.filter(user=user).first() if user.is_authenticated else None
    return preference is None or preference.participation_notices


@register.simple_tag
def frequency_choices():
    return Frequency.choices


@register.simple_tag
def governorate_choices():
    from participation.models import Governorate

    return Governorate.choices


@register.simple_tag
def selected_topic(filter_form):
    """The topic a consultation listing is filtered by, or None."""
    if filter_form is None or not filter_form.is_bound or not filter_form.is_valid():
        return None
    topic_pk = filter_form.cleaned_data.get("topic")
    return getattr(filter_form, "topics_by_pk", {}).get(topic_pk) if topic_pk else None
