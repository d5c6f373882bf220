"""Agency scope in the admin: the page chooser, the dashboard counts and the reports menu.

Views that no hook can scope (chooser browsing into another agency, the reports) are
replaced at Wagtail's own addresses by `pages.scope.admin_overrides()`.
"""

from django.utils.translation import get_language
from wagtail import hooks
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.models import Page

from ..scope import agency_pages, is_scoped, pages_in_scope, pages_in_scope_or_ancestors

CHOOSER_SEARCH_PATH = "/choose-page/search/"

# Reports that list the whole site and serve no agency: reviewers only.
REVIEWERS_ONLY_REPORTS = {"page-types-usage", "locked-pages"}


@hooks.register("construct_page_chooser_queryset")
def scope_page_chooser(pages, request):
    """Browsing shows the user's agencies and the pages above them (to walk down, not to
    choose); search finds pages inside the user's agencies only."""
    if request.path.endswith(CHOOSER_SEARCH_PATH):
        return pages_in_scope(request.user, pages)
    return pages_in_scope_or_ancestors(request.user, pages)


class AgencyPagesSummaryItem(PagesSummaryItem):
    """The dashboard's page count for an agency's editors: their agency's pages in every language."""

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        agencies = agency_pages(self.request.user) or []
        language = get_language()
        home = next((a for a in agencies if a.locale.language_code == language), None) or next(iter(agencies), None)
        context["total_pages"] = pages_in_scope(self.request.user, Page.objects.all()).count() if agencies else 0
        if home is not None:
            context["root_page"] = home
            context["site_name"] = home.title
        return context


@hooks.register("construct_homepage_summary_items", order=100)
def scope_summary_items(request, items):
    """Runs after Wagtail's own summary hooks (order=100), replacing the whole-site page count.
    Images and documents are already counted per collection permission."""
    if not is_scoped(request.user):
        return
    for index, item in enumerate(items):
        if type(item) is PagesSummaryItem:
            items[index] = AgencyPagesSummaryItem(request)


@hooks.register("construct_reports_menu")
def hide_whole_site_reports(request, menu_items):
    if not is_scoped(request.user):
        return
    menu_items[:] = [item for item in menu_items if item.name not in REVIEWERS_ONLY_REPORTS]
