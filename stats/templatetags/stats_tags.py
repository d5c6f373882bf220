from django import template

from stats import formatting

register = template.Library()


@register.filter
def number(value, decimals=None):
    """{{ n|number }} for counts, {{ days|number:1 }} for one decimal place at most."""
    return formatting.number(value, None if decimals in (None, "") else int(decimals))


@register.filter
def percent(value):
    return formatting.percent(value)
