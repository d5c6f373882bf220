"""What citizens follow, and which news they were sent (so that nobody is told the same thing twice)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class FollowKind(models.TextChoices):
    AGENCY = "agency", _("Government entity")
    TOPIC = "topic", _("Topic")
    GOVERNORATE = "governorate", _("Governorate")
    CONSULTATION = "consultation", _("Consultation")


class Frequency(models.TextChoices):
    IMMEDIATE = "immediate", _("An e-mail for each piece of news")
    WEEKLY = "weekly", _("One e-mail a week (digest)")


class Subscription(models.Model):
    """A citizen follows a government entity, a topic, a governorate or one consultation.

    Agencies, topics and consultations are kept by their translation key, so one subscription covers
    every language version. The language is the one they followed in: their e-mails are written in it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reach_subscriptions",
        help_text=_("The person who follows."),
    )
    kind = models.CharField(
        _("what is followed"), max_length=16, choices=FollowKind.choices, help_text=_("The kind of thing followed.")
    )
    target = models.CharField(
        _("followed item"),
        max_length=64,
        help_text=_("The translation key of the entity, topic or consultation, or the governorate's code."),
    )
    frequency = models.CharField(
        _("how often"),
        max_length=16,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
        help_text=_("Each piece of news at once, or a weekly digest."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=settings.LANGUAGES,
        help_text=_("The language of the e-mails: the one the person followed in."),
    )
    created_at = models.DateTimeField(_("followed on"), auto_now_add=True, help_text=_("When they started following."))

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "target"], name="reach_one_subscription_per_target"),
            models.CheckConstraint(
                condition=models.Q(kind__in=[choice.value for choice in FollowKind]), name="reach_subscription_kind"
            ),
            models.CheckConstraint(
                condition=models.Q(frequency__in=[choice.value for choice in Frequency]),
                name="reach_subscription_frequency",
            ),
        ]
        indexes = [models.Index(fields=["kind", "target"], name="reach_subscription_target")]

    def __str__(self):
        return f"{self.user_id} → {self.kind}:{self.target}"


class MailPreference(models.Model):
    """Whether a person wants the notices that come from taking part (without following anything):
    an official reply to their comment, the outcome of a consultation they voted or commented in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reach_preference",
        help_text=_("The person."),
    )
    participation_notices = models.BooleanField(
        _("notices about consultations I took part in"),
        default=True,
        help_text=_("Official replies to my comments and outcomes of consultations I took part in."),
    )
    updated_at = models.DateTimeField(_("changed on"), auto_now=True, help_text=_("When it was last changed."))

    class Meta:
        verbose_name = _("e-mail preference")
        verbose_name_plural = _("e-mail preferences")

    def __str__(self):
        return f"{self.user_id}: {self.participation_notices}"


class NewsKind(models.TextChoices):
    OPENED = "opened", _("A consultation opened")
    CLOSING = "closing", _("A consultation closes soon")
    OUTCOME = "outcome", _("An outcome was published")
    REPLY = "reply", _("An official reply to a comment")


class NoticeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    SENT = "sent", _("Queued in the outbox")
    DROPPED = "dropped", _("Not sent")


class Notice(models.Model):
    """One piece of news for one person: recorded once (a unique constraint per person and news), then
    queued in the outbox at once or with the weekly digest. A rerun finds the row and sends nothing."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="reach_notices",
        help_text=_("Who is told."),
    )
    news = models.CharField(
        _("news"), max_length=255, help_text=_("What happened, e.g. 'opened:<consultation key>'. Once per person.")
    )
    kind = models.CharField(_("kind"), max_length=16, choices=NewsKind.choices, help_text=_("The kind of news."))
    translation_key = models.UUIDField(_("consultation"), help_text=_("The consultation, in every language."))
    comment_id = models.BigIntegerField(
        _("reply"), null=True, blank=True, help_text=_("For an official reply: the reply's id.")
    )
    subscription = models.ForeignKey(
        Subscription,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The subscription it came from (empty when it came from taking part)."),
    )
    took_part = models.BooleanField(
        _("because they took part"),
        default=False,
        help_text=_("Sent because the person commented or voted, not because they follow something."),
    )
    frequency = models.CharField(
        _("how often"), max_length=16, choices=Frequency.choices, help_text=_("At once or with the weekly digest.")
    )
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, help_text=_("The language of the e-mail.")
    )
    status = models.CharField(
        _("status"),
        max_length=8,
        choices=NoticeStatus.choices,
        default=NoticeStatus.PENDING,
        help_text=_("Waiting, queued in the outbox, or not sent (unsubscribed since, or told otherwise)."),
    )
    created_at = models.DateTimeField(_("found on"), auto_now_add=True, help_text=_("When the news was found."))
    sent_at = models.DateTimeField(
        _("queued on"), null=True, blank=True, help_text=_("When the e-mail was queued in the outbox.")
    )

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [models.UniqueConstraint(fields=["user", "news"], name="reach_one_notice_per_news")]
        indexes = [models.Index(fields=["status", "frequency", "user"], name="reach_notice_pending")]

    def __str__(self):
        return f"{self.user_id}: {self.news}"
