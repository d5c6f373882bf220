"""Numbers in the reader's language (Django's localisation)."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _


def number(value, decimals=None):
    """A count or a measure, with the language's digit grouping and decimal separator."""
    if value is None:
        return ""
    if decimals is not None:
        value = round(value, decimals)
        if value == int(value):
            value, decimals = int(value), None
    return number_format(value, decimal_pos=decimals, use_l10n=True, force_grouping=True)


def percent(value):
    """A percentage to one decimal place (the translation chooses the per cent sign)."""
    if value is None:
        return ""
    return _("%(value)s%%") % {"value": number(value, 1)}
