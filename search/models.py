"""What the site search reads: one row per searchable place of a live page, one per comment.

The terms are the normalised words (search.normalise) of the text, written when a page is
published and when a comment is saved. Whether a page is still live, public and in the reader's
language, and whether a comment is published, is read from the pages and comments themselves at
query time, so an unpublished page, a page made private or a comment rejected or hidden after it
was indexed never shows, whatever path changed it.

Items that are not pages (citizens' proposals) have rows too, written by the app that owns them through
a `search_documents` module (see search.items): their row has no page, but a `source` and an `object_id`,
and whether the item is public is asked of that module at query time, the same way.

On PostgreSQL each table also has a stored `document` column (a tsvector built from the terms by
the database, with a GIN index), added by this app's migrations; on SQLite the terms are matched
with LIKE. See search.query.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    CONSULTATION = "consultation", _("Consultations")
    GUIDELINE = "guideline", _("Guidance")
    RULES = "rules", _("Rules of e-participation")
    AGENCY = "agency", _("Government entities")
    INFORMATION = "information", _("Information pages")
    PROPOSAL = "proposal", _("Citizens' proposals")


class SearchDocument(models.Model):
    """One searchable place of a live page (the page itself, or one article of a rules page: its anchor), or one
    item of another app (a citizen's proposal: its source and id, no page)."""

    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The page this text comes from; empty for an item that is not a page."),
    )
    source = models.CharField(
        max_length=32,
        blank=True,
        default="",
        help_text=_("For an item that is not a page: which kind of item (e.g. 'proposal'); empty for pages."),
    )
    object_id = models.PositiveBigIntegerField(
        null=True, blank=True, help_text=_("For an item that is not a page: its id in its own table.")
    )
    anchor = models.CharField(
        max_length=64, blank=True, help_text=_("The place in the page, e.g. 'article-3'; empty for the page itself.")
    )
    kind = models.CharField(max_length=16, choices=Kind.choices, help_text=_("The type of page, for the filters."))
    locale = models.ForeignKey(
        "wagtailcore.Locale", on_delete=models.CASCADE, related_name="+", help_text=_("The page's language.")
    )
    agency = models.ForeignKey(
        "pages.AgencyPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The government entity the page belongs to, if any."),
    )
    heading = models.CharField(max_length=400, help_text=_("What the result is called in the list."))
    excerpt = models.TextField(blank=True, help_text=_("Plain text shown under the heading."))
    consultation_type = models.CharField(max_length=32, blank=True, help_text=_("For consultations: their type."))
    opens_at = models.DateTimeField(null=True, blank=True, help_text=_("For consultations: when they open."))
    closes_at = models.DateTimeField(null=True, blank=True, help_text=_("For consultations: when they close."))
    has_outcome = models.BooleanField(default=False, help_text=_("For consultations: whether the outcome is out."))
    published_at = models.DateTimeField(
        null=True, blank=True, help_text=_("When the page was first published, for the date filter.")
    )
    title_terms = models.TextField(blank=True, help_text=_("Normalised terms of the heading."))
    terms = models.TextField(blank=True, help_text=_("Normalised terms of the whole text, heading included."))

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(fields=["page", "anchor"], name="search_one_entry_per_place"),
            models.UniqueConstraint(
                fields=["source", "object_id"], condition=Q(page__isnull=True), name="search_one_entry_per_item"
            ),
            models.CheckConstraint(
                condition=Q(page__isnull=False, source="", object_id__isnull=True)
                | (Q(page__isnull=True, object_id__isnull=False) & ~Q(source="")),
                name="search_entry_is_page_or_item",
            ),
        ]
        indexes = [models.Index(fields=["locale", "kind"])]

    def __str__(self):
        return self.heading

    @property
    def article_number(self):
        """The number of a rules article (its anchor is 'article-<number>'), else None."""
        return self.anchor.removeprefix("article-") if self.anchor.startswith("article-") else None


class CommentDocument(models.Model):
    """The normalised terms of one comment. Whether it is published is read from the comment itself."""

    comment = models.OneToOneField(
        "participation.Comment",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The comment."),
    )
    translation_key = models.UUIDField(help_text=_("The consultation, in every language."))
    terms = models.TextField(blank=True, help_text=_("Normalised terms of the comment."))

    class Meta:
        verbose_name = _("comment search entry")
        verbose_name_plural = _("comment search entries")

    def __str__(self):
        return f"comment {self.comment_id}"
