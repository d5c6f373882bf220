"""Who is answering, in templates: the sectors to choose from, and a response's organisation."""

from django import template

from participation.models import RespondentSector

register = template.Library()


@register.simple_tag
def respondent_sectors():
    """[(code, label)] of the organisations' sectors, in the order of the form."""
    return RespondentSector.choices


@register.filter
def sector_label(code):
    try:
        return RespondentSector(code).label
    except ValueError:
        return ""
