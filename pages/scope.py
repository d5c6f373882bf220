"""Agency scope in the Wagtail admin: what an agency's editors and moderators may see.

Ministry reviewers and superusers act for every agency (`scope_keys` is None for them).
Everyone else sees the pages of their own agency's subtree, in every language, and
nothing of another agency: not its drafts, not its log entries, not its people.

Wagtail checks permissions per object, but several admin screens list more than the
objects a person may edit (the page chooser walks the whole tree, the site history
shows every comment moderation event to anyone who may moderate comments, report
filters list every user, the dashboard counts the whole site). The functions here
are the one place those screens ask; `pages.wagtail_hooks.scope` and the views below
use them. The views are served at Wagtail's own addresses through `admin_overrides()`,
which the project's URLconf includes before Wagtail's admin URLs.
"""

import functools

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.reports import audit_logging, workflows
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import ModelLogEntry, Page, PageLogEntry, WorkflowState

from .roles import agency_keys_for

_CACHE = "_tawasul_scope_agency_pages"


# Who sees what -------------------------------------------------------------------------------


def scope_keys(user):
    """None when `user` sees every agency; otherwise the translation keys of the
    agencies whose editors' or moderators' group `user` belongs to (maybe empty)."""
    editors = agency_keys_for(user, "editors")
    moderators = agency_keys_for(user, "moderators")
    if editors is None or moderators is None:
        return None
    return set(editors) | set(moderators)


def is_scoped(user):
    return scope_keys(user) is not None


def agency_pages(user):
    """The user's agency pages in every language (a list), or None when unrestricted."""
    keys = scope_keys(user)
    if keys is None:
        return None
    cached = getattr(user, _CACHE, None)
    if cached is None:
        from .models import AgencyPage

        cached = list(AgencyPage.objects.filter(translation_key__in=keys).select_related("locale"))
        setattr(user, _CACHE, cached)
    return cached


def _subtree_q(agencies):
    q = Q(pk__in=[])
    for agency in agencies:
        q |= Q(path__startswith=agency.path)
    return q


def _ancestor_paths(agencies):
    paths = set()
    for agency in agencies:
        for depth in range(1, agency.depth):
            paths.add(agency.path[: depth * Page.steplen])
    return paths


def pages_in_scope(user, queryset):
    """The pages of `queryset` inside the user's agency subtrees."""
    agencies = agency_pages(user)
    if agencies is None:
        return queryset
    return queryset.filter(_subtree_q(agencies))


def pages_in_scope_or_ancestors(user, queryset):
    """As `pages_in_scope`, plus the pages above the user's agencies (root, home, the
    agency index) that the chooser needs to walk down to them."""
    agencies = agency_pages(user)
    if agencies is None:
        return queryset
    return queryset.filter(_subtree_q(agencies) | Q(path__in=_ancestor_paths(agencies)))


def page_in_scope(user, page):
    agencies = agency_pages(user)
    if agencies is None:
        return True
    return any(page.path.startswith(agency.path) for agency in agencies)


def page_is_ancestor_of_scope(user, page):
    agencies = agency_pages(user)
    if agencies is None:
        return False
    return page.path in _ancestor_paths(agencies)


def scoped_page_ids(user):
    """A subquery of the ids of the pages in the user's scope (None when unrestricted)."""
    agencies = agency_pages(user)
    if agencies is None:
        return None
    return Page.objects.filter(_subtree_q(agencies)).values("pk")


def scoped_log_entries(user, log_model):
    """The log entries of `log_model` that `user` may see in the site history.

    Scoped users see the entries of pages in their agencies, the entries that record
    the agency they concern in `data["agency"]` (comment moderation decisions do), and
    the entries of images and documents in their agencies' collections. Nothing else:
    not the entries of shared pages or snippets, which reviewers keep. Wagtail's own
    filter (`viewable_by_user`, by model permission) still applies first."""
    queryset = log_model.objects.viewable_by_user(user)
    keys = scope_keys(user)
    if keys is None:
        return queryset
    if issubclass(log_model, PageLogEntry):
        return queryset.filter(page_id__in=scoped_page_ids(user))
    if issubclass(log_model, ModelLogEntry):
        q = Q(data__agency__in=[str(key) for key in keys])
        for model, ids in _collection_objects(user):
            q |= Q(content_type=ContentType.objects.get_for_model(model), object_id__in=ids)
        return queryset.filter(q)
    return queryset.none()


def _collection_objects(user):
    """(model, object ids as strings) of the images and documents in the user's agencies' collections."""
    from django.db.models import CharField
    from django.db.models.functions import Cast
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    collections = {agency.collection_id for agency in agency_pages(user) or []} - {None}
    for model in (get_image_model(), get_document_model()):
        yield (
            model,
            model.objects.filter(collection_id__in=collections).values_list(
                Cast("pk", output_field=CharField()), flat=True
            ),
        )


def scoped_workflow_states(user, queryset):
    """The workflow states of `queryset` that belong to pages in the user's scope."""
    ids = scoped_page_ids(user)
    if ids is None:
        return queryset
    from django.db.models import CharField
    from django.db.models.functions import Cast

    return queryset.filter(
        object_id__in=Page.objects.filter(pk__in=ids).values_list(Cast("pk", output_field=CharField()), flat=True)
    )


def refuse_unless_unrestricted(user):
    if is_scoped(user):
        raise PermissionDenied


# Page chooser --------------------------------------------------------------------------------


class _ScopedTitleColumn(chooser.PageTitleColumn):
    """The pages above the user's agencies are shown to walk down, never offered for choosing."""

    def get_cell_context_data(self, instance, parent_context):
        request = parent_context.get("request")
        if request is not None and not page_in_scope(request.user, instance):
            instance.can_choose = False
        return super().get_cell_context_data(instance, parent_context)


class _ScopedColumnsMixin:
    @property
    def columns(self):
        cols = super().columns
        return [
            _ScopedTitleColumn(col.name, label=col.label, is_multiple_choice=col.is_multiple_choice)
            if type(col) is chooser.PageTitleColumn
            else col
            for col in cols
        ]


class ScopedBrowseView(_ScopedColumnsMixin, chooser.BrowseView):
    """Wagtail's page chooser, refusing to open a page outside the user's agencies
    (other than the pages above them)."""

    def get(self, request, parent_page_id=None):
        if parent_page_id is not None:
            page = get_object_or_404(Page, id=parent_page_id)
            if not (page_in_scope(request.user, page) or page_is_ancestor_of_scope(request.user, page)):
                raise PermissionDenied
        return super().get(request, parent_page_id)


class ScopedSearchView(_ScopedColumnsMixin, chooser.SearchView):
    pass


class ScopedChosenMultipleView(chooser.ChosenMultipleView):
    def get(self, request):
        ids = request.GET.getlist("id")
        allowed = set(
            pages_in_scope(request.user, Page.objects.filter(pk__in=[i for i in ids if i.isdigit()])).values_list(
                "pk", flat=True
            )
        )
        if any(not i.isdigit() or int(i) not in allowed for i in ids):
            raise PermissionDenied
        return super().get(request)


# Reports -------------------------------------------------------------------------------------


def _log_users(user):
    from django.contrib.auth import get_user_model

    user_ids = set()
    for log_model in log_action_registry.get_log_entry_models():
        user_ids.update(scoped_log_entries(user, log_model).get_user_ids())
    User = get_user_model()
    return User.objects.filter(pk__in=user_ids).order_by(User.USERNAME_FIELD)


class ScopedSiteHistoryFilterSet(audit_logging.SiteHistoryReportFilterSet):
    def get_users_queryset(self):
        return _log_users(self.request.user)

    def get_action_choices(self):
        actions = set()
        for log_model in log_action_registry.get_log_entry_models():
            actions.update(scoped_log_entries(self.request.user, log_model).get_actions())
        return [action for action in log_action_registry.get_choices() if action[0] in actions]

    class Meta(audit_logging.SiteHistoryReportFilterSet.Meta):
        pass


class ScopedLogEntriesView(audit_logging.LogEntriesView):
    """Site history: the log entries of the user's agencies only."""

    filterset_class = ScopedSiteHistoryFilterSet

    def get_filtered_queryset(self):
        from django.db.models import IntegerField, Value

        queryset = None
        self.log_models = list(log_action_registry.get_log_entry_models())
        for index, log_model in enumerate(self.log_models):
            sub_queryset = (
                scoped_log_entries(self.request.user, log_model)
                .values("pk", "timestamp")
                .annotate(log_model_index=Value(index, output_field=IntegerField()))
            )
            sub_queryset = self.filter_queryset(sub_queryset).order_by()
            queryset = sub_queryset if queryset is None else queryset.union(sub_queryset, all=True)
        return queryset.order_by("-timestamp")


def _requested_by(request):
    from django.contrib.auth import get_user_model

    User = get_user_model()
    states = scoped_workflow_states(request.user, WorkflowState.objects.all())
    return User.objects.filter(pk__in=states.values("requested_by")).order_by(User.USERNAME_FIELD)


class ScopedWorkflowReportFilterSet(workflows.WorkflowReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["requested_by"].queryset = _requested_by


class ScopedWorkflowView(workflows.WorkflowView):
    filterset_class = ScopedWorkflowReportFilterSet

    def get_queryset(self):
        return scoped_workflow_states(self.request.user, super().get_queryset())


class ScopedWorkflowTasksView(workflows.WorkflowTasksView):
    def get_queryset(self):
        queryset = super().get_queryset()
        ids = scoped_page_ids(self.request.user)
        if ids is None:
            return queryset
        states = scoped_workflow_states(self.request.user, WorkflowState.objects.all())
        return queryset.filter(workflow_state__in=states)


class ReviewersOnlyPageTypesUsageView(PageTypesUsageReportView):
    """Counts and last edits across the whole site: for ministry reviewers only."""

    def dispatch(self, request, *args, **kwargs):
        refuse_unless_unrestricted(request.user)
        return super().dispatch(request, *args, **kwargs)


def _translations_report_view():
    from wagtail_localize.views.report import TranslationsReportView

    class ScopedTranslationsReportView(TranslationsReportView):
        """wagtail-localize's translations report: the translations of the user's agencies' pages only."""

        def get_queryset(self):
            queryset = super().get_queryset()
            ids = scoped_page_ids(self.request.user)
            if ids is None:
                return queryset
            return queryset.filter(source__object_id__in=Page.objects.filter(pk__in=ids).values("translation_key"))

    return ScopedTranslationsReportView


def page_scope_required(view_func):
    """Wrap a Wagtail view taking `parent_page_id`: refuse pages outside the user's agencies
    other than the pages above them (Wagtail's explorer shows any page's title and status
    by id as long as it lies under the user's explorable root, here the tree's root)."""

    @functools.wraps(view_func)
    def wrapper(request, *args, parent_page_id=None, **kwargs):
        page = get_object_or_404(Page, id=parent_page_id)
        if not (page_in_scope(request.user, page) or page_is_ancestor_of_scope(request.user, page)):
            raise PermissionDenied
        return view_func(request, *args, parent_page_id=parent_page_id, **kwargs)

    return wrapper


def admin_overrides():
    """URL patterns served instead of Wagtail's at the same addresses (include them
    under "admin/" before Wagtail's admin URLs)."""
    from django.apps import apps
    from wagtail.admin.viewsets.pages import page_viewset_registry

    explore = page_viewset_registry.as_view("index", parent_page_id_kwarg="parent_page_id")
    explore_results = page_viewset_registry.as_view("index_results", parent_page_id_kwarg="parent_page_id")
    patterns = [
        path("pages/<int:parent_page_id>/", page_scope_required(explore)),
        path("pages/<int:parent_page_id>/results/", page_scope_required(explore_results)),
        path("choose-page/", ScopedBrowseView.as_view()),
        path("choose-page/<int:parent_page_id>/", ScopedBrowseView.as_view()),
        path("choose-page/search/", ScopedSearchView.as_view()),
        path("choose-page/chosen-multiple/", ScopedChosenMultipleView.as_view()),
        path("reports/workflow/", ScopedWorkflowView.as_view()),
        path("reports/workflow/results/", ScopedWorkflowView.as_view(results_only=True)),
        path("reports/workflow_tasks/", ScopedWorkflowTasksView.as_view()),
        path("reports/workflow_tasks/results/", ScopedWorkflowTasksView.as_view(results_only=True)),
        path("reports/site-history/", ScopedLogEntriesView.as_view()),
        path("reports/site-history/results/", ScopedLogEntriesView.as_view(results_only=True)),
        path("reports/page-types-usage/", ReviewersOnlyPageTypesUsageView.as_view()),
        path("reports/page-types-usage/results/", ReviewersOnlyPageTypesUsageView.as_view(results_only=True)),
    ]
    if apps.is_installed("wagtail_localize"):
        view = _translations_report_view()
        patterns += [
            path("localize/reports/translations/", view.as_view()),
            path("localize/reports/translations/results/", view.as_view(results_only=True)),
        ]
    return [_decorate(pattern) for pattern in patterns]


def _decorate(pattern):
    pattern.callback = never_cache(require_admin_access(pattern.callback))
    return pattern
