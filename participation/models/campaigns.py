"""Campaigns: many people sending the same or nearly the same comment on one consultation.

The task worker checks every new comment by the public (participation.campaigns) and records it here:
one `CommentFingerprint` per checked comment, the LSH bands of its text in `CommentBand` (what finds
near-duplicates quickly, on SQLite as on PostgreSQL), and, when it is a near-duplicate of another
comment of the same consultation, the `Campaign` it belongs to. Official replies and input received at
events are never checked.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Campaign(models.Model):
    """Comments on one consultation whose texts are the same or nearly the same (an organised campaign)."""

    translation_key = models.UUIDField(db_index=True, help_text=_("The consultation, in every language."))
    agency_key = models.UUIDField(db_index=True, help_text=_("The agency, in every language."))
    representative = models.ForeignKey(
        "participation.Comment",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("representative comment"),
        help_text=_("The first comment of the group: its text and its decision stand for the whole group."),
    )
    created_at = models.DateTimeField(_("found at"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self):
        return f"campaign {self.pk}"


class CommentFingerprint(models.Model):
    """A comment checked for near-duplicates, and the campaign it belongs to, if any."""

    comment = models.OneToOneField(
        "participation.Comment", primary_key=True, on_delete=models.CASCADE, related_name="fingerprint"
    )
    translation_key = models.UUIDField(help_text=_("The consultation, in every language."))
    campaign = models.ForeignKey(
        Campaign,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="members",
        verbose_name=_("campaign"),
        help_text=_("The group of near-identical comments this comment belongs to."),
    )
    similarity = models.FloatField(
        null=True, blank=True, help_text=_("Share of text shared with the comment it was matched to (0 to 1).")
    )
    checked_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("checked comment")
        verbose_name_plural = _("checked comments")
        indexes = [models.Index(fields=["campaign", "comment"], name="fingerprint_campaign")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(similarity__isnull=True) | models.Q(similarity__gte=0, similarity__lte=1),
                name="fingerprint_similarity_range",
            )
        ]

    def __str__(self):
        return f"fingerprint of comment {self.comment_id}"


class CommentBand(models.Model):
    """One locality-sensitive hash of a comment's text: comments sharing a band are compared."""

    translation_key = models.UUIDField(help_text=_("The consultation, in every language."))
    band = models.BigIntegerField(help_text=_("Hash of one band of the text's MinHash signature."))
    comment = models.ForeignKey("participation.Comment", on_delete=models.CASCADE, related_name="+")

    class Meta:
        indexes = [models.Index(fields=["translation_key", "band"], name="comment_band_lookup")]

    def __str__(self):
        return f"band of comment {self.comment_id}"
