"""Searching pages and published comments, for the results page and for other apps.

For other apps (e.g. "similar consultations" while an editor types a title)::

    from search.query import search

    for entry in search("حمايه البيانات", "ar", types=["consultation"], limit=5):
        entry.heading, entry.page, entry.anchor, entry.kind   # a search.models.SearchDocument

`search()` returns live, public pages in that language only, and public items of other apps
(citizens' proposals, search.items: one copy, shown on both language sites in the language they
were written in), best first (all query words in the
heading, then the most recently published). Every query word must be found (after normalisation,
search.normalise); an empty or all-stop-word query finds nothing.

How words are matched: each stored row keeps the normalised terms of its text. On PostgreSQL the
database builds a tsvector from them (a stored column with a GIN index, see the migrations) and
the query is a tsquery of the same terms: ('a1' | 'a2') & ('b1'); on SQLite each term is looked
up with LIKE ' term '. Both give the same answers, because both compare whole normalised terms.
"""

from django.db import connections
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    Value,
    When,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Left, Length
from django.utils import timezone
from wagtail.models import PageViewRestriction

from participation.models import CommentStatus, ConsultationPage, ConsultationStatus

from .items import item_modules
from .models import CommentDocument, Kind, SearchDocument
from .normalise import query_groups


def tsquery(groups):
    """The tsquery text for `groups` (see module docstring); terms are quoted as tsquery lexemes."""

    def lexeme(term):
        return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"

    return " & ".join("(" + " | ".join(lexeme(term) for term in group) + ")" for group in groups)


def _is_postgres(queryset):
    return connections[queryset.db].vendor == "postgresql"


def matches(queryset, groups, column):
    """A condition: every group has one of its terms in `column` (a text column of the queryset's own table)."""
    if column not in ("terms", "title_terms"):
        raise ValueError(column)
    table = queryset.model._meta.db_table
    if _is_postgres(queryset):
        if column == "terms":  # the stored, indexed tsvector of the whole text
            sql = f'"{table}"."document" @@ %s::tsquery'
        else:
            sql = f'array_to_tsvector(string_to_array(btrim("{table}"."{column}"), \' \')) @@ %s::tsquery'
        # Only our own table and column names are in the SQL; the words go in as a parameter.
        return RawSQL(sql, [tsquery(groups)], output_field=BooleanField())  # noqa: S611
    condition = Q()
    for group in groups:
        alternatives = Q()
        for term in group:
            alternatives |= Q(**{f"{column}__contains": f" {term} "})
        condition &= alternatives
    return condition


def restricted(path):
    """A condition: a view restriction (password, sign-in, groups) covers the page whose tree path is `path`
    (an OuterRef). Inside the same query, where Wagtail's `.public()` would first read the restrictions."""
    covering = PageViewRestriction.objects.filter(page__path=Left(path, Length("page__path")))
    return Exists(covering)


def page_documents(text, language, types=None, filters=None, now=None):
    """The search rows of live, public pages in `language` that contain every word of `text`, best first.

    `types`: kinds (search.models.Kind values) to keep. `filters`: a dict with any of
    status, consultation_type, agency (page id), topic (a Topic), date_from, date_to (dates)."""
    groups = query_groups(text)
    documents = SearchDocument.objects.all()
    if not groups:
        return documents.none()
    documents = documents.filter(matches(documents, groups, "terms"))
    documents = documents.filter(visible(language)).exclude(restricted(OuterRef("page__path")))
    if types:
        documents = documents.filter(kind__in=types)
    documents = _apply_filters(documents, filters or {}, now or timezone.now())
    in_title = matches(documents, groups, "title_terms")
    return (
        documents.select_related("page", "agency")
        .annotate(in_title=Case(When(in_title, then=Value(1)), default=Value(0), output_field=IntegerField()))
        .order_by("-in_title", "-published_at", "page_id", "anchor")
    )


def visible(language):
    """A condition: the row is of a live page in `language`, or of an item its app says is public now."""
    condition = Q(page__live=True, locale__language_code=language)
    for source, module in item_modules().items():
        condition |= Q(page__isnull=True, source=source, object_id__in=module.public_ids())
    return condition


def _status_q(status, now):
    return {
        ConsultationStatus.UPCOMING: Q(opens_at__gt=now),
        ConsultationStatus.OPEN: Q(opens_at__lte=now, closes_at__gt=now),
        ConsultationStatus.CLOSED: Q(closes_at__lte=now, has_outcome=False),
        ConsultationStatus.CONCLUDED: Q(closes_at__lte=now, has_outcome=True),
    }[status]


def _apply_filters(documents, filters, now):
    if filters.get("status"):
        documents = documents.filter(_status_q(filters["status"], now), kind=Kind.CONSULTATION)
    if filters.get("consultation_type"):
        documents = documents.filter(consultation_type=filters["consultation_type"], kind=Kind.CONSULTATION)
    if filters.get("agency"):
        from pages.models import AgencyPage

        # An item (a proposal) keeps its entity in one language: match the entity in every language.
        same_agency = AgencyPage.objects.filter(pk=filters["agency"]).values("translation_key")
        documents = documents.filter(
            Q(agency_id=filters["agency"]) | Q(page__isnull=True, agency__translation_key__in=same_agency)
        )
    if filters.get("topic"):
        key = filters["topic"].translation_key
        tagged = ConsultationPage.objects.filter(topics__translation_key=key)
        condition = Q(page_id__in=tagged.values("pk"))
        for source, module in item_modules().items():
            condition |= Q(page__isnull=True, source=source, object_id__in=module.ids_with_topic(key))
        documents = documents.filter(condition)
    if filters.get("date_from"):
        documents = documents.filter(published_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        documents = documents.filter(published_at__date__lte=filters["date_to"])
    return documents


def similar(text, language, types=None, limit=5):
    """Rows that share at least half of the words of `text` (for "similar proposals" while a title is typed),
    the most shared words first, then the newest. Unlike `search()`, not every word has to be found."""
    from .items import describe

    groups = query_groups(text)
    documents = SearchDocument.objects.all()
    if not groups:
        return []
    documents = documents.filter(matches(documents, [[term for group in groups for term in group]], "terms"))
    documents = documents.filter(visible(language)).exclude(restricted(OuterRef("page__path")))
    if types:
        documents = documents.filter(kind__in=types)
    score = sum(
        (Case(When(matches(documents, [group], "terms"), then=Value(1)), default=Value(0)) for group in groups),
        Value(0),
    )
    needed = max(1, (len(groups) + 1) // 2)
    documents = (
        documents.annotate(shared=ExpressionWrapper(score, output_field=IntegerField()))
        .filter(shared__gte=needed)
        .select_related("page", "agency")
        .order_by("-shared", "-published_at", "pk")
    )
    return describe(list(documents[:limit]), language)


def paged(queryset, number, per_page):
    """(rows of page `number`, total count) in one query: the count is a window over the whole result."""
    offset = (number - 1) * per_page
    rows = list(queryset.annotate(total=Window(Count("pk")))[offset : offset + per_page])
    if rows:
        return rows, rows[0].total
    if number > 1:  # past the end: count anew
        return [], queryset.count()
    return [], 0


def search(text, language, types=None, limit=10, filters=None):
    """The best `limit` search rows (search.models.SearchDocument, with `.page`) for `text` in `language`.
    Rows of items that are not pages have no page but `source`, `object_id` and (search.items.describe)
    `url` and `language`."""
    from .items import describe

    return describe(list(page_documents(text, language, types=types, filters=filters)[:limit]), language)


def comment_documents(text, language, filters=None, now=None):
    """Published comments containing every word of `text`, on consultations live and public in
    `language`, newest first. Rows are CommentDocument with `.comment` selected."""
    groups = query_groups(text)
    documents = CommentDocument.objects.all()
    if not groups:
        return documents.none()
    filters = filters or {}
    now = now or timezone.now()
    consultations = (
        ConsultationPage.objects.live().filter(locale__language_code=language).exclude(restricted(OuterRef("path")))
    )
    if filters.get("status"):
        consultations = consultations.with_status(filters["status"], now)
    if filters.get("consultation_type"):
        consultations = consultations.filter(consultation_type=filters["consultation_type"])
    if filters.get("agency"):
        consultations = consultations.filter(agency_id=filters["agency"])
    if filters.get("topic"):
        consultations = consultations.filter(topics__translation_key=filters["topic"].translation_key)
    documents = documents.filter(matches(documents, groups, "terms")).filter(
        comment__status=CommentStatus.APPROVED,
        translation_key__in=consultations.values("translation_key"),
    )
    if filters.get("date_from"):
        documents = documents.filter(comment__created_at__date__gte=filters["date_from"])
    if filters.get("date_to"):
        documents = documents.filter(comment__created_at__date__lte=filters["date_to"])
    return documents.select_related("comment").order_by("-comment_id")


def comment_places(comment_rows, language):
    """For each comment row, (comment, consultation page in `language`, link to its block). One query."""
    keys = {row.translation_key for row in comment_rows}
    pages = {
        page.translation_key: page
        for page in ConsultationPage.objects.live().filter(locale__language_code=language, translation_key__in=keys)
    }
    places = []
    for row in comment_rows:
        page = pages.get(row.translation_key)
        if page is None:
            continue
        block_id = row.comment.block_id
        is_article = any(b.get("id") == block_id and b.get("type") == "article" for b in page.body.raw_data)
        fragment = f"?article={block_id}#block-{block_id}" if is_article else f"#block-{block_id}"
        places.append((row.comment, page, fragment))
    return places
