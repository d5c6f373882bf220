"""The events listing's address in the current language, for the main navigation (templates/base.html)."""

from django import template
from django.utils.translation import get_language

from pages.cache import remember_for_site

register = template.Library()


@register.simple_tag
def events_index_url():
    """The live events index in the current language (or ""), kept until pages are published or moved."""
    language = get_language()

    def find():
        from ..models import EventIndexPage

        page = EventIndexPage.objects.live().public().filter(locale__language_code=language).first()
        return page.url if page is not None else ""

    return remember_for_site(f"events-index-url|{language}", find)
