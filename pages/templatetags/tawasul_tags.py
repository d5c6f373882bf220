"""Template helpers for the public site: navigation, language switching, dates, the language of text."""

import datetime
import re

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import timezone, translation
from django.utils.html import format_html, strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Site

from pages.cache import remember_for_site

register = template.Library()


def _site_root(request):
    site = Site.find_for_request(request)
    return site.root_page if site else None


@register.simple_tag(takes_context=True)
def localized_home(context):
    """The home page in the current language (falls back to the default language's)."""
    if "_tawasul_home" in context:
        return context["_tawasul_home"]
    request = context["request"]
    site = Site.find_for_request(request)

    def find():
        root = site.root_page if site else None
        return (root.localized if root else None) or False

    home = remember_for_site(f"home|{site.pk if site else None}|{translation.get_language()}", find) or None
    context["_tawasul_home"] = home
    return home


@register.simple_tag(takes_context=True)
def main_navigation(context):
    home = localized_home(context)
    if home is None:
        return []
    return remember_for_site(f"menu|{home.pk}", lambda: list(home.get_children().live().public().in_menu()))


@register.simple_tag
def page_ancestors(page):
    """The page's ancestors for the breadcrumbs, kept until pages are published or moved."""
    if not isinstance(page, Page) or not page.pk:
        return []
    return remember_for_site(f"ancestors|{page.pk}", lambda: list(page.get_ancestors()))


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    if isinstance(page, Page) and page.pk:
        name = f"switcher|{request.get_host()}|{page.pk}|{current}|{request.path}"
        links = remember_for_site(name, lambda: _language_links(request, page, current))
    else:
        links = _language_links(request, page, current)
    return {"links": links, "request": request}


def _language_links(request, page, current):
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
        links.append({"code": code, "name": str(name), "url": url, "exact": exact})
    return links


@register.filter
def text_direction(language_code):
    return "rtl" if translation.get_language_info(language_code)["bidi"] else "ltr"


@register.simple_tag
def site_languages():
    return settings.LANGUAGES


@register.filter
def iso(value):
    """A date or a date and time as HTML's `datetime` attribute wants it: ISO 8601, to the second.

    `|date:"c"` writes microseconds, which the attribute does not allow. Aware times are
    written in the site's time zone with their offset (2026-12-02T00:38:00+03:00).
    """
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        return value.replace(microsecond=0).isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    return ""


def _char_class(test, last):
    """A regular expression character class of the code points up to `last` for which `test` holds."""
    ranges, start = [], None
    for code in range(last + 2):
        inside = code <= last and test(chr(code))
        if inside and start is None:
            start = code
        elif not inside and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{code - 1:04x}")
            start = None
    return re.compile("[" + "".join(ranges) + "]")


def _is_arabic_letter(char):
    code = ord(char)
    return 0x0600 <= code <= 0x06FF or 0x0750 <= code <= 0x077F or 0x08A0 <= code <= 0x08FF or 0xFB50 <= code <= 0xFEFC


# Counting with two compiled classes, not a Python loop over every character (a long comment costs ~0.4 ms
# that way): the same code points as `_is_arabic_letter` and "a letter below U+0250".
ARABIC_CHARS = _char_class(_is_arabic_letter, 0xFEFC)
LATIN_LETTERS = _char_class(lambda char: char.isalpha() and ord(char) < 0x0250, 0x024F)


def text_language(text, fallback=None):
    """The site language `text` is written in, told by its script: Arabic letters make it the
    right-to-left language, Latin letters the left-to-right one; mostly neither, `fallback`
    (the language the text was written on), else the active language."""
    fallback = fallback or translation.get_language()
    plain = strip_tags(str(text or ""))
    arabic = len(ARABIC_CHARS.findall(plain))
    latin = len(LATIN_LETTERS.findall(plain))
    if arabic == latin:
        return fallback
    wanted_bidi = arabic > latin
    if translation.get_language_info(fallback)["bidi"] == wanted_bidi:
        return fallback
    for code, _name in settings.LANGUAGES:
        if translation.get_language_info(code)["bidi"] == wanted_bidi:
            return code
    return fallback


@register.simple_tag
def text_attrs(text, fallback=None):
    """` lang="…" dir="…"` for text a person typed (a comment, a reply, a decision's reason):
    its own language and direction, whatever the page's, so that an English comment in the
    Arabic report does not read ".The instructions now require …". The direction is explicit
    (not "auto") because the PDF renderer does not implement dir="auto"."""
    code = text_language(text, fallback)
    return format_html(' lang="{}" dir="{}"', code, text_direction(code))


@register.simple_tag
def language_attrs(language_code):
    """` lang="…" dir="…"` for a page's own text (title, summary, outcome) when it is shown
    under an interface in another language; nothing when the languages agree."""
    if not language_code or language_code == translation.get_language():
        return ""
    return format_html(' lang="{}" dir="{}"', language_code, text_direction(language_code))


# Fields a page may have that describe it in a sentence or two, in order of preference.
DESCRIPTION_FIELDS = ("search_description", "summary", "intro", "preamble", "description")
DESCRIPTION_LENGTH = 160


def site_description():
    """The portal's own description, for pages that have none (in the active language)."""
    return _(
        "Tawasul is the unified government portal for e-participation: read consultations, have your say, "
        "and see what happened to the public's views."
    )


@register.simple_tag(takes_context=True)
def meta_description(context, text=None):
    """The page's description for search engines: `text` when given, else the page's search
    description, summary or introduction, else the portal's description; plain text, at most
    about 160 characters."""
    if not text:
        page = context.get("page")
        for field in DESCRIPTION_FIELDS:
            text = getattr(page, field, None) if isinstance(page, Page) else None
            if text:
                break
    text = " ".join(strip_tags(str(text or "")).split()) or str(site_description())
    return Truncator(text).chars(DESCRIPTION_LENGTH)
