"""Workflow and task names in the reader's language.

Workflow and task names are data (pages.roles creates "Ministry approval" and
"Ministry review" in English), and Wagtail prints them as they are stored: in the
action menu ("Submit to …"), the status panel, the dashboard, the reports, the page
history and the notification e-mails. Here every name loaded from the database
becomes a `TranslatedName`: still the stored string for comparisons, queries, JSON
and the database, but rendered through gettext whenever it is turned into text, so
an Arabic reader sees Arabic and each e-mail reads in its recipient's language
(wagtail.admin.mail renders each message under the recipient's preferred language).

The names are marked below with gettext_noop so that makemessages finds them.
Names an administrator invents stay as typed (gettext returns them unchanged).
"""

from django.conf import settings
from django.db.models.signals import post_init, pre_save
from django.utils.translation import gettext, gettext_noop, override

KNOWN_NAMES = (
    gettext_noop("Ministry approval"),
    gettext_noop("Ministry review"),
)


class TranslatedName(str):
    """A stored name that reads in the active language wherever it is written out."""

    __slots__ = ()

    def __str__(self):
        return gettext(str.__str__(self))

    def __format__(self, format_spec):
        return format(str(self), format_spec)

    def __reduce__(self):
        return (TranslatedName, (str.__str__(self),))


def translate_name(name):
    """`name` (a stored workflow or task name) in the active language."""
    return gettext(str.__str__(name)) if isinstance(name, str) else name


def stored_name(name):
    """The name to store for `name`, which may be a translation shown in a form:
    a known name comes back to its stored (English) form whatever language it was typed in."""
    if not isinstance(name, str):
        return name
    plain = str.__str__(name)
    if plain in KNOWN_NAMES:
        return plain
    for language, _label in settings.LANGUAGES:
        with override(language):
            for known in KNOWN_NAMES:
                if plain == gettext(known):
                    return known
    return plain


def _wrap_name(sender, instance, **kwargs):
    name = instance.__dict__.get("name")
    if isinstance(name, str) and not isinstance(name, TranslatedName):
        instance.__dict__["name"] = TranslatedName(name)


def _store_name(sender, instance, **kwargs):
    name = instance.__dict__.get("name")
    if isinstance(name, str):
        instance.__dict__["name"] = TranslatedName(stored_name(name))


def connect():
    """Wrap the names of workflows and of every kind of task (called from PagesConfig.ready)."""
    from wagtail.models import Task, Workflow
    from wagtail.workflows import get_task_types

    for model in {Workflow, Task, *get_task_types()}:
        post_init.connect(_wrap_name, sender=model, dispatch_uid=f"tawasul_wrap_name_{model._meta.label}")
        pre_save.connect(_store_name, sender=model, dispatch_uid=f"tawasul_store_name_{model._meta.label}")


# Page history: Wagtail's workflow log entries keep the names as text, in their "title" keys.
WORKFLOW_LOG_ACTIONS = (
    "wagtail.workflow.start",
    "wagtail.workflow.approve",
    "wagtail.workflow.reject",
    "wagtail.workflow.resume",
    "wagtail.workflow.cancel",
)


def _translated_titles(data):
    if isinstance(data, dict):
        return {
            key: translate_name(value) if key == "title" else _translated_titles(value) for key, value in data.items()
        }
    if isinstance(data, list):
        return [_translated_titles(value) for value in data]
    return data


def translate_log_formatters(actions):
    """Make the registered formatters of Wagtail's workflow log actions show translated names."""
    for action in WORKFLOW_LOG_ACTIONS:
        formatter = actions.formatters.get(action)
        if formatter is None or getattr(formatter, "_tawasul_translated", False):
            continue
        original = formatter.format_message

        def format_message(log_entry, _original=original):
            data = log_entry.data
            try:
                log_entry.data = _translated_titles(data)
                return _original(log_entry)
            finally:
                log_entry.data = data

        formatter.format_message = format_message
        formatter._tawasul_translated = True
