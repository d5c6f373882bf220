"""Keeping the search tables in step with what is published (signals in search.signals).

`index_page(page)` writes the rows of one page as it is live now (or deletes them when it is not
live, or not a searchable type); `index_comment(comment)` writes one comment's terms;
`index_item(module, obj)` writes (or deletes) the row of an item that is not a page (search.items);
`reindex_all()` rebuilds both tables (`manage.py search_reindex`).
"""

import html

from django.db import transaction
from django.utils.html import strip_tags
from django.utils.text import Truncator
from wagtail import blocks
from wagtail.models import Page
from wagtail.rich_text import RichText

from .models import CommentDocument, Kind, SearchDocument
from .normalise import index_terms, stored

EXCERPT_CHARS = 240
# Settings-like block values (moderation mode, who sees results…) are not text anyone reads.
SKIPPED_BLOCKS = (blocks.ChoiceBlock, blocks.BooleanBlock, blocks.URLBlock, blocks.EmailBlock)


def plain(value):
    """Readable text of rich text or HTML: tags dropped, entities decoded, spaces collapsed."""
    if isinstance(value, RichText):
        value = value.source
    return " ".join(html.unescape(strip_tags(str(value or ""))).split())


def stream_text(value):
    """All the readable text of a StreamField value (or any block value), in order."""
    parts = []

    def walk(block, val):
        if val is None or isinstance(block, SKIPPED_BLOCKS):
            return
        if isinstance(block, blocks.StreamBlock):
            for child in val:
                walk(child.block, child.value)
        elif isinstance(block, blocks.ListBlock):
            for child in val.bound_blocks if hasattr(val, "bound_blocks") else val:
                walk(getattr(child, "block", block.child_block), getattr(child, "value", child))
        elif isinstance(block, blocks.StructBlock):
            for name, child_block in block.child_blocks.items():
                walk(child_block, val.get(name))
        elif isinstance(block, blocks.RichTextBlock):
            parts.append(plain(val))
        elif isinstance(block, (blocks.CharBlock, blocks.TextBlock)):
            parts.append(str(val))
        elif hasattr(val, "title") and isinstance(getattr(val, "title", None), str):
            parts.append(val.title)  # documents, images, pages chosen in a block: their titles

    if value is not None:
        walk(value.stream_block, value)
    return " ".join(part for part in parts if part)


def _agency_of(page):
    from pages.models import AgencyPage

    if isinstance(page, AgencyPage):
        return page
    ancestors = AgencyPage.objects.filter(path__in=[page.path[:n] for n in range(4, len(page.path), 4)])
    return ancestors.order_by("-depth").first()  # the nearest agency


def _entries(page):
    """(anchor, fields) for the searchable places of a specific page, or [] for other page types."""
    from guidelines.models import GuidelinePage, RulesPage
    from pages.models import AgencyPage, ContentPage
    from participation.models import ConsultationPage

    title = page.title
    if isinstance(page, ConsultationPage):
        text = " ".join((page.summary, stream_text(page.body), stream_text(page.documents), plain(page.outcome)))
        return [
            (
                "",
                {
                    "kind": Kind.CONSULTATION,
                    "excerpt": page.summary,
                    "text": text,
                    "consultation_type": page.consultation_type,
                    "opens_at": page.opens_at,
                    "closes_at": page.closes_at,
                    "has_outcome": bool(page.outcome),
                },
            )
        ]
    if isinstance(page, GuidelinePage):
        text = " ".join((page.summary, stream_text(page.body), stream_text(page.documents)))
        return [("", {"kind": Kind.GUIDELINE, "excerpt": page.summary, "text": text})]
    if isinstance(page, ContentPage):
        text = " ".join((page.summary, stream_text(page.body)))
        return [("", {"kind": Kind.INFORMATION, "excerpt": page.summary or stream_text(page.body), "text": text})]
    if isinstance(page, AgencyPage):
        description = plain(page.description)
        return [("", {"kind": Kind.AGENCY, "excerpt": description, "text": description})]
    if isinstance(page, RulesPage):
        entries = [("", {"kind": Kind.RULES, "excerpt": page.preamble, "text": page.preamble})]
        for number, anchor, block in page.numbered_articles():
            heading = block.value.get("heading") or ""
            body = plain(block.value.get("text"))
            entries.append(
                (
                    anchor,
                    {
                        "kind": Kind.RULES,
                        # "Article 3: Definitions — General principles…" (the article's number is
                        # written by the results template in the reader's language).
                        "heading": heading or title,
                        "article": number,
                        "excerpt": body,
                        "text": f"{heading} {body}",
                    },
                )
            )
        return entries
    return []


def index_page(page):
    """Write the search rows of `page` as it is live now; delete them when it is not live or not searchable."""
    page = page.specific
    entries = _entries(page) if page.live else []
    with transaction.atomic():
        if not entries:
            SearchDocument.objects.filter(page_id=page.pk).delete()
            return 0
        agency = _agency_of(page)
        anchors = []
        for anchor, fields in entries:
            heading = fields.pop("heading", page.title)
            article = fields.pop("article", None)
            text = fields.pop("text")
            title_terms = index_terms(heading)
            all_terms = index_terms(f"{heading} {text}" if article is None else f"{heading} {page.title} {text}")
            fields.update(
                locale_id=page.locale_id,
                agency=agency,
                heading=heading[:400],
                excerpt=Truncator(" ".join((fields.get("excerpt") or "").split())).chars(EXCERPT_CHARS),
                published_at=page.first_published_at or page.last_published_at,
                title_terms=stored(title_terms),
                terms=stored(all_terms),
            )
            SearchDocument.objects.update_or_create(page_id=page.pk, anchor=anchor, defaults=fields)
            anchors.append(anchor)
        SearchDocument.objects.filter(page_id=page.pk).exclude(anchor__in=anchors).delete()
    return len(anchors)


def index_item(module, obj):
    """Write the search row of one item of another app (search.items) as it is now; delete it when not public."""
    from wagtail.models import Locale

    fields = module.search_entry(obj)
    rows = SearchDocument.objects.filter(page__isnull=True, source=module.SOURCE, object_id=obj.pk)
    locale = Locale.objects.filter(language_code=fields["language"]).first() if fields else None
    with transaction.atomic():
        if locale is None:
            rows.delete()
            return 0
        heading = " ".join(fields["heading"].split())
        SearchDocument.objects.update_or_create(
            page=None,
            source=module.SOURCE,
            object_id=obj.pk,
            defaults={
                "kind": module.KIND,
                "anchor": "",
                "locale": locale,
                "agency": fields.get("agency"),
                "heading": heading[:400],
                "excerpt": Truncator(" ".join((fields.get("excerpt") or "").split())).chars(EXCERPT_CHARS),
                "published_at": fields.get("published_at"),
                "title_terms": stored(index_terms(heading)),
                "terms": stored(index_terms(f"{heading} {fields.get('text') or ''}")),
            },
        )
    return 1


def index_comment(comment):
    """Write the terms of one comment (whatever its status: the status is read at query time)."""
    CommentDocument.objects.update_or_create(
        comment_id=comment.pk,
        defaults={"translation_key": comment.translation_key, "terms": stored(index_terms(comment.body))},
    )


def reindex_all(batch_size=2000):
    """Rebuild both tables from the live pages, the public items of other apps (search.items) and all comments.
    Returns (pages and items, comments) indexed."""
    from participation.models import Comment

    from .items import item_modules

    pages = 0
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for page in Page.objects.live().specific().iterator(chunk_size=200):
            pages += 1 if index_page(page) else 0
        for module in item_modules().values():
            for obj in module.indexable().iterator(chunk_size=200):
                pages += index_item(module, obj)
    comments = 0
    CommentDocument.objects.all().delete()
    batch = []
    for comment_id, key, body in Comment.objects.values_list("pk", "translation_key", "body").iterator(
        chunk_size=batch_size
    ):
        batch.append(CommentDocument(comment_id=comment_id, translation_key=key, terms=stored(index_terms(body))))
        if len(batch) >= batch_size:
            CommentDocument.objects.bulk_create(batch)
            comments += len(batch)
            batch = []
    CommentDocument.objects.bulk_create(batch)
    return pages, comments + len(batch)
