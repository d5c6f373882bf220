from django import template
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def get_item(mapping, key):
    if not mapping:
        return None
    return mapping.get(key)


@register.filter
def author_name(comment):
    """The public name for a comment's author; never the e-mail address."""
    if comment.signed_as and (comment.is_official or comment.event_id):
        return comment.signed_as
    if comment.author_id is None:
        return _("Deleted account")
    profile = getattr(comment.author, "participation_profile", None)
    return profile.display_name if profile else _("Participant")
