"""What the worker needs to remember: which e-mails were queued once only, and when each periodic job last ran."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class OutboxKey(models.Model):
    """A notice queued for one recipient, so that it is never queued twice (e.g. "outcome:<consultation>:<user>").

    The key is written in the same transaction as the e-mail it stands for: a run that stops midway resumes
    with the recipients whose key is missing, and nobody gets the same notice twice."""

    key = models.CharField(_("key"), max_length=255, unique=True, help_text=_("What was queued, and for whom."))
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True, help_text=_("When the e-mail was queued."))

    class Meta:
        verbose_name = _("queued notice")
        verbose_name_plural = _("queued notices")

    def __str__(self):
        return self.key


class ScheduledJob(models.Model):
    """One periodic job of the worker's schedule and the next time it is due.

    Every worker process runs the scheduler; a job is enqueued by the one that moves `next_run_at` forward
    (a conditional update), so starting the worker twice never enqueues a job twice."""

    name = models.CharField(_("task"), max_length=255, unique=True, help_text=_("The task's import path."))
    next_run_at = models.DateTimeField(_("next run"), help_text=_("When the job is due next."))
    last_enqueued_at = models.DateTimeField(
        _("last enqueued"), null=True, blank=True, help_text=_("When the scheduler last handed the job to the worker.")
    )

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self):
        return self.name
