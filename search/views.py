"""The results page: pages first (paged), then published comments (shown apart, newest first)."""

from django.core.paginator import EmptyPage, Paginator
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import get_language

from pages.cache import RESPONSES, SITE, add_dependencies
from participation.models import ConsultationStatus

from .forms import COMMENTS, SearchForm
from .items import describe, item_dependencies
from .models import Kind
from .query import comment_documents, comment_places, page_documents, paged
from .suggest import suggest

PER_PAGE = 10
COMMENTS_PREVIEW = 5


def _page_number(request):
    try:
        return max(1, int(request.GET.get("page", 1)))
    except (TypeError, ValueError):
        return 1


def _status(entry, now):
    if entry.kind != Kind.CONSULTATION or entry.opens_at is None or entry.closes_at is None:
        return None
    if now < entry.opens_at:
        return ConsultationStatus.UPCOMING
    if now < entry.closes_at:
        return ConsultationStatus.OPEN
    return ConsultationStatus.CONCLUDED if entry.has_outcome else ConsultationStatus.CLOSED


def search_results(request):
    """Search pages and published comments in the current language; works without JavaScript."""
    # Cached copies go stale with pages and comments, and with the items of other apps (search.items).
    add_dependencies(request, SITE, RESPONSES, *item_dependencies())
    language = get_language()
    now = timezone.now()
    form = SearchForm(request.GET or None, language=language)
    context = {"form": form, "query": "", "search_query": "", "searched": False, "kind": ""}
    if form.is_valid() and form.cleaned_data["q"]:
        query = form.cleaned_data["q"]
        kind = form.cleaned_data["kind"]
        filters = form.filters()
        context.update(query=query, search_query=query, searched=True, kind=kind)
        params = request.GET.copy()
        params.pop("page", None)
        context["filter_query"] = params.urlencode()
        number = _page_number(request)
        if kind != COMMENTS:
            documents = page_documents(query, language, types=[kind] if kind else None, filters=filters, now=now)
            rows, count = paged(documents, number, PER_PAGE)
            # Django's paginator over the count alone (no second query), for the page links.
            paginator = Paginator(range(count), PER_PAGE)
            try:
                page_obj = paginator.page(number)
            except EmptyPage:
                page_obj = paginator.page(paginator.num_pages)
                rows, count = paged(documents, page_obj.number, PER_PAGE)
            describe(rows, language)
            page_obj.object_list = rows
            for entry in rows:
                entry.status = _status(entry, now)
            context.update(paginator=paginator, page_obj=page_obj, results=rows)
            if not count:
                context["suggestion"] = suggest(query, language)
        if kind in ("", COMMENTS):
            comments = comment_documents(query, language, filters=filters, now=now)
            if kind == COMMENTS:
                start = (number - 1) * PER_PAGE
                rows = list(comments[start : start + PER_PAGE + 1])
                context.update(
                    comments_has_next=len(rows) > PER_PAGE,
                    comments_page=number,
                    comments_previous=number - 1 if number > 1 else None,
                )
                rows = rows[:PER_PAGE]
            else:
                rows = list(comments[: COMMENTS_PREVIEW + 1])
                context["more_comments"] = len(rows) > COMMENTS_PREVIEW
                rows = rows[:COMMENTS_PREVIEW]
                more = request.GET.copy()
                more.pop("page", None)
                more["kind"] = COMMENTS
                context["more_comments_query"] = more.urlencode()
            context["comments"] = comment_places(rows, language) if rows else []
    return TemplateResponse(request, "search/search_results.html", context)
