"""Wagtail's old name for `publish_scheduled`: the same command, with the four-eyes rule."""

from .publish_scheduled import Command as PublishScheduledCommand


class Command(PublishScheduledCommand):
    """Alias of publish_scheduled (pages.management.commands.publish_scheduled)."""
