"""What the government did with the public's input: a disposition for every comment."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    NOTED = "noted", _("Noted")
    OUT_OF_SCOPE = "out_of_scope", _("Out of scope")


class Disposition(models.Model):
    """The agency's answer to one comment: what it decided and why."""

    comment = models.OneToOneField(
        "participation.Comment", on_delete=models.CASCADE, related_name="disposition", verbose_name=_("comment")
    )
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    reason = models.TextField(
        _("reason"), max_length=2000, help_text=_("Why, in plain language. The author and the public read this.")
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), auto_now=True)

    class Meta:
        verbose_name = _("disposition")
        verbose_name_plural = _("dispositions")

    def __str__(self):
        return f"{self.get_decision_display()}: {self.comment_id}"


class OutcomeNotification(models.Model):
    """Remembers that the authors of a consultation's comments were told of its outcome.

    Keyed by the consultation's translation key, so publishing the Arabic and the
    English versions sends the e-mails once."""

    translation_key = models.UUIDField(_("consultation"), unique=True)
    notified_at = models.DateTimeField(_("notified at"), auto_now_add=True)
    recipients = models.PositiveIntegerField(_("e-mails sent"), default=0)

    class Meta:
        verbose_name = _("outcome notification")
        verbose_name_plural = _("outcome notifications")

    def __str__(self):
        return f"outcome notification {self.translation_key}"
