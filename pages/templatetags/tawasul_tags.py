"""Template helpers for the public site: navigation, language switching, dates."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page, Site

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the current language (falls back to the default language's)."""
    if "_tawasul_home" in context:
        return context["_tawasul_home"]
    root = _site_root(context["request"])
    home = root.localized if root else None
    context["_tawasul_home"] = home
    return home


@register.simple_tag(takes_context=True)
def main_navigation(context):
    home = localized_home(context)
    if home is None:
        return []
    return list(home.get_children().live().public().in_menu())


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        url = None
        exact = False
        if isinstance(page, Page):
            locale = Locale.objects.filter(language_code=code).first()
            other = page.get_translation_or_none(locale) if locale else None
            if other is not None and other.live:
                url, exact = other.get_url(request), True
            else:
                root = _site_root(request)
                home = root.get_translation_or_none(locale) if (root and locale) else None
                url = home.get_url(request) if home and home.live else None
        if url is None:
            url = translate_url(request.path, code)
            exact = url != request.path
        links.append({"code": code, "name": name, "url": url, "exact": exact})
    return {"links": links, "request": request}


@register.filter
def text_direction(language_code):
    return "rtl" if translation.get_language_info(language_code)["bidi"] else "ltr"


@register.simple_tag
def site_languages():
    return settings.LANGUAGES
