"""What a consultation page shows of the public's responses.

A small, fixed number of queries per page whatever the number of comments:
one for the counts (kept in the shared cache until the responses change), two
per comment block with published comments (a page of comments and their
replies), two for the article whose comments are opened, two or three for
polls, one for the topics, and one for the reader's own comments waiting for moderation.
"""

from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import get_language

from pages.cache import page_dependency, remember_while_current

from .blocks import ModerationMode
from .forms import CommentForm
from .models import Comment, CommentStatus
from .services import poll_results, refusal_for

COMMENTS_PER_PAGE = 10


def _comment_queryset():
    return Comment.objects.select_related("author__participation_profile")


class _CountedPaginator(Paginator):
    """A paginator told its count (from the cached counts) instead of counting the rows again."""

    def __init__(self, object_list, per_page, known_count):
        super().__init__(object_list, per_page)
        self.known_count = known_count

    @property
    def count(self):
        return self.known_count


def comment_counts(page):
    """{block id: (published comments and replies, published top-level comments)} in one query, kept in
    the shared cache until the consultation's responses change (pages.cache versions, bumped by
    participation.cache_invalidation): counting a million rows on every page view does not scale."""

    def count():
        rows = (
            Comment.objects.filter(translation_key=page.translation_key, status=CommentStatus.APPROVED)
            .values_list("block_id")
            .annotate(n=Count("id"), top=Count("id", filter=Q(parent=None)))
        )
        return {block_id: (n, top) for block_id, n, top in rows}

    key = page.translation_key
    return remember_while_current([page_dependency(key)], f"comment-counts|{key}", count)


def _thread(page, request, block_id, top_level_count):
    order = request.GET.get(f"order-{block_id}", "newest")
    ordering = "created_at" if order == "oldest" else "-created_at"
    top_level = (
        _comment_queryset()
        .filter(translation_key=page.translation_key, block_id=block_id, parent=None, status=CommentStatus.APPROVED)
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=_comment_queryset().filter(status=CommentStatus.APPROVED).order_by("created_at"),
                to_attr="published_replies",
            )
        )
        .order_by(ordering, "pk")
    )
    paginator = _CountedPaginator(top_level, COMMENTS_PER_PAGE, known_count=top_level_count)
    page_obj = paginator.get_page(request.GET.get(f"comments-{block_id}"))
    return {"page_obj": page_obj, "order": "oldest" if order == "oldest" else "newest"}


def _empty_thread(request, block_id):
    order = "oldest" if request.GET.get(f"order-{block_id}") == "oldest" else "newest"
    return {"page_obj": Paginator([], COMMENTS_PER_PAGE).get_page(1), "order": order}


def localized_topics(page):
    """`page.localized_topics()` (each topic in the reader's language when translated) in one query, where
    that method asks for the active locale once per topic; a second query only for topics in another language."""
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale

    topics = page.topics.all()
    if not isinstance(topics, QuerySet):  # a preview's unsaved choice
        return page.localized_topics()
    topics = list(topics.select_related("locale"))
    try:
        language = get_supported_content_language_variant(get_language())
    except LookupError:
        language = None
    foreign = [topic for topic in topics if topic.locale.language_code != language]
    if not foreign:
        return topics
    locale = Locale.get_active()
    translations = {
        topic.translation_key: topic
        for topic in type(foreign[0]).objects.filter(
            translation_key__in=[topic.translation_key for topic in foreign], locale=locale
        )
    }
    return [
        topic if topic.locale_id == locale.pk else translations.get(topic.translation_key, topic) for topic in topics
    ]


def participation_context(page, request):
    totals = comment_counts(page)
    counts = {block_id: n for block_id, (n, _top) in totals.items()}
    open_article = request.GET.get("article")
    threads = {}
    for block in page.body:
        if block.block_type == "comments" or (block.block_type == "article" and block.id == open_article):
            # A block with no published comment needs no query for its (empty) list.
            top_level = totals.get(block.id, (0, 0))[1]
            threads[block.id] = (
                _thread(page, request, block.id, top_level) if top_level else _empty_thread(request, block.id)
            )
    own_pending = {}
    if request.user.is_authenticated:
        for comment in Comment.objects.filter(
            translation_key=page.translation_key, author=request.user, status=CommentStatus.PENDING
        ).order_by("created_at"):
            own_pending.setdefault(comment.block_id, []).append(comment)
    return {
        "participation": {
            "refusal": refusal_for(page, request.user),
            "counts": counts,
            "threads": threads,
            "open_article": open_article,
            "own_pending": own_pending,
            "polls": poll_results(page, request.user),
            "topics": localized_topics(page),
            "empty_form": CommentForm(),
            "pre_moderation": ModerationMode.PRE,
        },
        "bound_forms": {},
    }
