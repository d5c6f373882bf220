"""The moderation queue's views in the Wagtail admin (wagtail-modeladmin).

Every view takes its comments from `CommentModerationAdmin.get_queryset`, which
is limited to the comments the person may moderate (participation.moderation),
so another agency's comment is "not found" whatever the address or the form
says. Citizen text is always rendered escaped.
"""

import uuid

from django import forms
from django.conf import settings
from django.contrib.admin import SimpleListFilter
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, InvalidPage, PageNotAnInteger
from django.db.models import BooleanField, Case, Count, F, Func, Q, Subquery, Value, When
from django.http import HttpResponseNotAllowed, QueryDict
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from wagtail.admin import messages
from wagtail.admin.paginator import WagtailPaginator
from wagtail.log_actions import registry as log_registry
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.views import HistoryView, IndexView, InstanceSpecificView, WMABaseView

from .campaigns import marked_differences, same_text
from .models import CommentStatus
from .moderation import (
    CHANGE_PERMISSION,
    MODERATOR_REASONS,
    VIEW_PERMISSION,
    Decision,
    ModerationRefused,
    bulk_moderate,
    campaign_members,
    campaign_row_members,
    campaigns_for,
    can_moderate,
    can_view,
    comments_for,
    group_rows,
    moderate,
    moderate_campaign,
    moderated_agency_keys,
    post_official_reply,
)

# Forms ---------------------------------------------------------------------


class ModerationForm(forms.Form):
    """Approve needs nothing; reject and hide need a reason from the fixed list."""

    action = forms.ChoiceField(
        choices=Decision.choices, error_messages={"required": gettext_lazy("Choose approve, reject or hide.")}
    )
    reason = forms.ChoiceField(
        label=gettext_lazy("Reason"),
        choices=[("", gettext_lazy("Choose a reason (needed to reject or hide)"))] + MODERATOR_REASONS,
        required=False,
        help_text=gettext_lazy("The author sees this reason under “My participation”."),
    )
    note = forms.CharField(
        label=gettext_lazy("Note to the author"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
        help_text=gettext_lazy("Optional. Shown to the author with the reason; never shown publicly."),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("action") in (Decision.REJECT, Decision.HIDE) and not cleaned.get("reason"):
            self.add_error("reason", _("Choose a reason from the list before rejecting or hiding a comment."))
        return cleaned


class OfficialReplyForm(forms.Form):
    body = forms.CharField(
        label=gettext_lazy("Official reply"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=settings.TAWASUL_COMMENT_MAX_LENGTH,
        help_text=gettext_lazy("Published at once under the comment, marked “Official reply”."),
    )
    language = forms.ChoiceField(label=gettext_lazy("Language of the reply"), choices=settings.LANGUAGES)


# Permissions and buttons -----------------------------------------------------


class CommentPermissionHelper(PermissionHelper):
    """Model permissions, narrowed to the agencies the person moderates.
    Comments are never created or deleted from the admin."""

    def user_can_list(self, user):
        return user.has_perm(VIEW_PERMISSION) or user.has_perm(CHANGE_PERMISSION)

    def user_can_create(self, user):
        return False

    def user_can_inspect_obj(self, user, obj):
        return self.inspect_view_enabled and can_view(user, obj)

    def user_can_edit_obj(self, user, obj):
        return can_moderate(user, obj)

    def user_can_delete_obj(self, user, obj):
        return False


class CommentButtonHelper(ButtonHelper):
    def edit_button(self, pk, classnames_add=None, classnames_exclude=None):
        button = super().edit_button(pk, classnames_add, classnames_exclude)
        button.update(label=_("Moderate"), title=_("Moderate this comment"))
        return button


# List filters ----------------------------------------------------------------


def _titles_by_key(pages):
    """{translation_key: title}, preferring the version in the active language."""
    language = get_language()
    titles = {}
    for key, title, code in pages.values_list("translation_key", "title", "locale__language_code").order_by("pk"):
        if key not in titles or code == language:
            titles[key] = title
    return titles


def _uuid_or_none(value):
    try:
        return uuid.UUID(str(value))
    except ValueError:
        return None


class AgencyFilter(SimpleListFilter):
    title = gettext_lazy("agency")
    parameter_name = "agency"

    def lookups(self, request, model_admin):
        from pages.models import AgencyPage

        keys = moderated_agency_keys(request.user)
        agencies = AgencyPage.objects.all()
        if keys is not None:
            agencies = agencies.filter(translation_key__in=keys)
        titles = _titles_by_key(agencies)
        return sorted(((str(key), title) for key, title in titles.items()), key=lambda item: item[1])

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        key = _uuid_or_none(self.value())
        return queryset.filter(agency_key=key) if key else queryset.none()


class ConsultationFilter(SimpleListFilter):
    title = gettext_lazy("consultation")
    parameter_name = "consultation"

    def lookups(self, request, model_admin):
        from .models import ConsultationPage

        consultations = ConsultationPage.objects.filter(
            translation_key__in=comments_for(request.user).order_by().values("translation_key").distinct()
        )
        agency = _uuid_or_none(request.GET.get(AgencyFilter.parameter_name, ""))
        if agency:
            consultations = consultations.filter(agency__translation_key=agency)
        titles = _titles_by_key(consultations)
        return sorted(((str(key), title) for key, title in titles.items()), key=lambda item: item[1])

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        key = _uuid_or_none(self.value())
        return queryset.filter(translation_key=key) if key else queryset.none()


# Scoped views ------------------------------------------------------------------


class ScopedInstanceMixin:
    """Looks the comment up again through the person's moderation scope: another
    agency's comment is refused whatever the address (PermissionDenied, which the
    Wagtail admin answers by sending the person to the dashboard with an error)."""

    def check_action_permitted(self, user):
        instance = self.model_admin.get_queryset(self.request).filter(pk=self.instance.pk).first()
        if instance is None:
            return False
        self.instance = instance
        return can_view(user, instance)

    def get_page_subtitle(self):
        return _("Comment #%(id)s") % {"id": self.instance.pk}


# Paging at scale ----------------------------------------------------------------
#
# With 100,000 comments, counting every match and fetching a later page with OFFSET over rows that
# carry the listing's subqueries (reports, agency title) cost seconds. Counts stop at COUNT_CAP rows,
# and a page is found by its ids alone (an index scan on the queue's ordering) before its rows
# are read with their subqueries: 50 rows, whatever the page number.

COUNT_CAP = 10_000


def count_up_to(queryset, cap=None):
    """The number of rows, counting no further than `cap` (COUNT_CAP by default; then `cap` is returned)."""
    return queryset.order_by().values("pk")[: cap or COUNT_CAP].count()


class ModerationPaginator(WagtailPaginator):
    """Counts up to COUNT_CAP; past it every page that has comments can still be reached (the
    number of pages grows as the moderator moves on). Reads a page's ids first, then its rows."""

    def __init__(self, object_list, per_page, cap=None, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap or COUNT_CAP
        self.reached = 0  # the furthest page known to exist beyond the counted ones

    @cached_property
    def count(self):
        return count_up_to(self.object_list, self.cap)

    @property
    def capped(self):
        return self.count >= self.cap

    @property
    def num_pages(self):
        counted = max(1, -(-self.count // self.per_page)) if self.count else 1
        return max(counted, self.reached)

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise PageNotAnInteger(_("That page number is not an integer")) from error
        if number < 1:
            raise EmptyPage(_("That page number is less than 1"))
        if number > self.num_pages and not self.capped:
            raise EmptyPage(_("That page contains no results"))
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        ids = list(self.object_list.values_list("pk", flat=True)[bottom : bottom + self.per_page + 1])
        if not ids and number > 1:
            raise EmptyPage(_("That page contains no results"))
        more = len(ids) > self.per_page
        ids = ids[: self.per_page]
        if self.capped:
            self.reached = max(self.reached, number + 1 if more else number)
        rows = {row.pk: row for row in self.object_list.filter(pk__in=ids).order_by()}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


class AnyOf(Func):
    """`column IN (subquery)` as a condition, written `column = ANY(ARRAY(subquery))` on PostgreSQL: the
    subquery then runs once (an InitPlan) and the column's index answers the rest, even inside an OR."""

    output_field = BooleanField()

    def as_sql(self, compiler, connection, **extra_context):
        column, column_params = compiler.compile(self.source_expressions[0])
        subquery, subquery_params = compiler.compile(self.source_expressions[1])
        return f"{column} IN {subquery}", (*column_params, *subquery_params)

    def as_postgresql(self, compiler, connection, **extra_context):
        column, column_params = compiler.compile(self.source_expressions[0])
        subquery, subquery_params = compiler.compile(self.source_expressions[1])
        return f"{column} = ANY(ARRAY{subquery})", (*column_params, *subquery_params)


# Above this many authors and consultations matching the words, they are matched inside the query instead.
SEARCH_ID_LIMIT = 500


def _named_like(words):
    """{word: ([author ids], [consultation ids])} for the authors whose display name and the consultations
    whose title contain each word, in one query; None when more than SEARCH_ID_LIMIT match in all."""
    from .models import ConsultationPage, Profile

    names = Q()
    titles = Q()
    for word in words:
        names |= Q(display_name__icontains=word)
        titles |= Q(title__icontains=word)
    kinds = (
        Profile.objects.filter(names)
        .order_by()
        .annotate(kind=Value("a"), found=F("user_id"), text=F("display_name"))
        .values_list("kind", "found", "text")
        .union(
            ConsultationPage.objects.filter(titles)
            .order_by()  # no ORDER BY inside a UNION (SQLite refuses it)
            .annotate(kind=Value("c"), found=F("pk"), text=F("title"))
            .values_list("kind", "found", "text"),
            all=True,
        )
    )
    rows = list(kinds[: SEARCH_ID_LIMIT + 1])
    if len(rows) > SEARCH_ID_LIMIT:
        return None  # too many to list: matched inside the query
    matches = {word: ([], []) for word in words}
    for kind, found, text in rows:
        for word in words:
            if word.upper() in (text or "").upper():
                matches[word][0 if kind == "a" else 1].append(found)
    return matches


def search_comments(queryset, search_term):
    """Comments with every word of `search_term` in their text, their author's display name or their
    consultation's title (what wagtail-modeladmin's search does with the admin's search_fields).

    modeladmin joins the profile and page tables and ORs `icontains` across them, which no index can
    answer: PostgreSQL read every comment (about 1 s at 100,000). Here the few authors and consultations
    whose names match are found first (one query for every word), and each word becomes a condition on
    the comment table alone: the body through its trigram index (migration participation 0011), the
    authors and consultations through their foreign-key indexes. PostgreSQL combines them (BitmapOr) and
    reads only the matches; for a word found nearly everywhere it walks the queue's index instead."""
    from .models import ConsultationPage, Profile

    words = list(dict.fromkeys(search_term.split()))
    matches = _named_like(words)
    for word in words:
        condition = Q(body__icontains=word)
        if matches is None:
            named = Profile.objects.filter(display_name__icontains=word).values("user_id")
            titled = ConsultationPage.objects.filter(title__icontains=word).values("pk")
            condition |= Q(AnyOf(F("author_id"), Subquery(named))) | Q(AnyOf(F("consultation_id"), Subquery(titled)))
        else:
            authors, consultations = matches[word]
            if authors:
                condition |= Q(author_id__in=authors)
            if consultations:
                condition |= Q(consultation_id__in=consultations)
        queryset = queryset.filter(condition)
    return queryset


class ModerationIndexView(IndexView):
    page_title = gettext_lazy("Comment moderation")
    paginator_class = ModerationPaginator

    def get_search_results(self, request, queryset, search_term):
        return search_comments(queryset, search_term) if search_term else queryset

    def get_queryset(self, request=None):
        # A campaign's comments of one status are one row (participation.moderation.group_rows), grouped
        # after the filters and the search: a row stands for the first of its comments they keep.
        return group_rows(super().get_queryset(request))

    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except IncorrectLookupParameters:
            return redirect(self.index_url)

    def get_filters(self, request):
        # wagtail-modeladmin applies any other query-string parameter as a database
        # lookup (e.g. ?author__email__startswith=a), which would let a moderator probe
        # fields they must not see. Only the declared filters, search, ordering and
        # paging are accepted; anything else is ignored.
        filter_specs, has_filters, _remaining, use_distinct = super().get_filters(request)
        return filter_specs, has_filters, {}, use_distinct

    def get_context_data(self, **kwargs):
        # IndexView's own, with bounded counts: "10000+" past the cap instead of counting every row.
        queryset = self.queryset
        paginator = self.paginator_class(queryset, self.items_per_page)
        try:
            page_obj = paginator.page(self.page_num)
        except InvalidPage:
            page_obj = paginator.page(1)
        all_count = count_up_to(group_rows(self.get_base_queryset()))
        context = {
            "view": self,
            "all_count": _bounded(all_count),
            "result_count": _bounded(paginator.count),
            "paginator": paginator,
            "page_obj": page_obj,
            "elided_page_range": paginator.get_elided_page_range(page_obj.number),
            "object_list": page_obj.object_list,
            "user_can_create": False,
            "show_search": self.search_handler.show_search_form,
        }
        context.update(kwargs)
        context = WMABaseView.get_context_data(self, **context)
        context.update(
            bulk_form=ModerationForm(auto_id="id_bulk_%s"),
            bulk_url=reverse(self.url_helper.get_action_url_name("bulk")),
            can_moderate=self.request.user.has_perm(CHANGE_PERMISSION),
        )
        return context


def _bounded(count):
    """A count for the listing's "N out of M": the number, or "10000+" where counting stopped."""
    return f"{count}+" if count >= COUNT_CAP else count


class ModerateView(ScopedInstanceMixin, InstanceSpecificView):
    """One comment: everything a moderator needs to decide, the decision form and the official reply."""

    def get_page_title(self):
        return _("Moderate a comment")

    def get_meta_title(self):
        return self.get_page_title()

    def get_template_names(self):
        return self.model_admin.get_edit_template()

    def get_context_data(self, moderation_form=None, reply_form=None, **kwargs):
        comment = self.instance
        user = self.request.user
        thread = comment.parent if comment.parent_id else comment
        context = {
            "comment": comment,
            "parent": comment.parent if comment.parent_id else None,
            "replies": thread.replies.filter(status=CommentStatus.APPROVED)
            .exclude(pk=comment.pk)
            .select_related("author__participation_profile")
            .order_by("created_at"),
            "can_moderate": can_moderate(user, comment),
            "can_reply": can_moderate(user, comment) and thread.status == CommentStatus.APPROVED,
            "moderation_form": moderation_form or ModerationForm(),
            "reply_form": reply_form or OfficialReplyForm(initial={"language": self._reply_language()}),
            "agency_title": self.model_admin.agency_title(comment),
            "block_label": self.model_admin.block_label(comment),
            "log_entries": log_registry.get_logs_for_instance(comment).select_related("user")[:20],
            "history_url": self.url_helper.get_action_url("history", comment.pk),
            "index_url": self.index_url,
        }
        context.update(kwargs)
        return super().get_context_data(**context)

    def _reply_language(self):
        language = get_language()
        return language if language in dict(settings.LANGUAGES) else self.instance.language

    def post(self, request, *args, **kwargs):
        if not can_moderate(request.user, self.instance):
            raise PermissionDenied
        if request.POST.get("form") == "reply":
            return self._post_reply(request)
        form = ModerationForm(request.POST)
        if form.is_valid():
            try:
                changed = moderate(
                    self.instance,
                    request.user,
                    form.cleaned_data["action"],
                    form.cleaned_data["reason"],
                    form.cleaned_data["note"],
                )
            except ModerationRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                if changed:
                    messages.success(request, _DONE[form.cleaned_data["action"]](1) % {"count": 1})
                else:
                    messages.info(request, _("The comment already had this decision; nothing changed."))
                return redirect(self.index_url)
        messages.validation_error(request, _("The comment was not moderated: please correct the errors."), form)
        return self.render_to_response(self.get_context_data(moderation_form=form))

    def _post_reply(self, request):
        form = OfficialReplyForm(request.POST)
        if form.is_valid():
            try:
                post_official_reply(
                    self.instance, request.user, form.cleaned_data["body"], form.cleaned_data["language"]
                )
            except ModerationRefused as refusal:
                form.add_error("body", refusal.message)
            else:
                messages.success(request, _("Your official reply is published."))
                return redirect(self.url_helper.get_action_url("edit", self.instance.pk))
        messages.validation_error(request, _("The reply was not published: please correct the errors."), form)
        return self.render_to_response(self.get_context_data(reply_form=form))


class ScopedHistoryView(ScopedInstanceMixin, HistoryView):
    pass


def _approved(count):
    return ngettext("%(count)d comment approved.", "%(count)d comments approved.", count)


def _rejected(count):
    return ngettext("%(count)d comment rejected.", "%(count)d comments rejected.", count)


def _hidden(count):
    return ngettext("%(count)d comment hidden.", "%(count)d comments hidden.", count)


_DONE = {Decision.APPROVE: _approved, Decision.REJECT: _rejected, Decision.HIDE: _hidden}


class BulkModerationView(WMABaseView):
    """Approve, reject or hide the comments ticked in the queue (a plain form; no JavaScript needed)."""

    def check_action_permitted(self, user):
        return user.has_perm(CHANGE_PERMISSION)

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def _back(self, request):
        querystring = QueryDict(request.POST.get("querystring", "")).urlencode()
        return redirect(f"{self.index_url}?{querystring}" if querystring else self.index_url)

    def post(self, request, *args, **kwargs):
        form = ModerationForm(request.POST)
        ids = request.POST.getlist("comment") + campaign_row_members(request.user, _ids(request, "campaign_row"))
        if not ids:
            messages.warning(request, _("Tick the comments you want to moderate first."))
            return self._back(request)
        if not form.is_valid():
            errors = [error for field_errors in form.errors.values() for error in field_errors]
            messages.error(request, " ".join(str(error) for error in errors))
            return self._back(request)
        action = form.cleaned_data["action"]
        try:
            changed = bulk_moderate(request.user, ids, action, form.cleaned_data["reason"], form.cleaned_data["note"])
        except ModerationRefused as refusal:
            messages.error(request, refusal.message)
            return self._back(request)
        messages.success(request, _DONE[action](changed) % {"count": changed})
        return self._back(request)


def _ids(request, name):
    """The whole numbers sent as `name` (anything else is ignored)."""
    ids = []
    for value in request.POST.getlist(name):
        try:
            ids.append(int(value))
        except (TypeError, ValueError):
            continue
    return ids


CAMPAIGN_MEMBERS_SHOWN = 200


class CampaignMembersChoice(forms.Form):
    members = forms.ChoiceField(
        label=gettext_lazy("Which comments of the group"),
        choices=[
            ("pending", gettext_lazy("Only those waiting for moderation")),
            ("all", gettext_lazy("All of them, whatever their status")),
        ],
        initial="pending",
        widget=forms.RadioSelect,
    )


class CampaignView(WMABaseView):
    """One campaign: its text, its comments by status and one decision for all of them (a plain form)."""

    template_name = "participation/admin/campaign.html"

    def check_action_permitted(self, user):
        if not (user.has_perm(VIEW_PERMISSION) or user.has_perm(CHANGE_PERMISSION)):
            return False
        # Another agency's campaign does not exist for this person.
        self.campaign = campaigns_for(user).filter(pk=self.kwargs.get("campaign_id")).first()
        return self.campaign is not None

    def get_page_title(self):
        return _("Near-identical comments")

    def get_page_subtitle(self):
        return _("Group #%(id)s") % {"id": self.campaign.pk}

    def get_meta_title(self):
        return self.get_page_title()

    def get_context_data(self, moderation_form=None, members_form=None, **kwargs):
        user = self.request.user
        members = campaign_members(user, self.campaign)
        counts = dict(members.order_by().values_list("status").annotate(n=Count("pk")))
        total = sum(counts.values())
        # Those waiting first: past CAMPAIGN_MEMBERS_SHOWN, the ones a decision is most likely for.
        waiting_first = Case(When(status=CommentStatus.PENDING, then=Value(0)), default=Value(1))
        shown = list(
            members.select_related("author__participation_profile").order_by(waiting_first, "pk")[
                :CAMPAIGN_MEMBERS_SHOWN
            ]
        )
        representative = next((c for c in shown if c.pk == self.campaign.representative_id), None)
        if representative is None and self.campaign.representative_id:
            representative = members.filter(pk=self.campaign.representative_id).first()
        representative = representative or (min(shown, key=lambda c: c.pk) if shown else None)
        for member in shown:
            # Every text is read whole: the same as the first one's, or shown with what differs marked.
            member.same_text = representative is not None and same_text(representative.body, member.body)
            member.pieces = [] if member.same_text else marked_differences(representative.body, member.body)
        context = {
            "campaign": self.campaign,
            "representative": representative,
            "total": total,
            "status_counts": [(label, counts.get(value, 0)) for value, label in CommentStatus.choices],
            "members": shown,
            "more": max(0, total - len(shown)),
            "can_moderate": user.has_perm(CHANGE_PERMISSION),
            "moderation_form": moderation_form or ModerationForm(),
            "members_form": members_form or CampaignMembersChoice(),
            "edit_url_name": self.url_helper.get_action_url_name("edit"),
            "index_url": self.index_url,
        }
        context.update(kwargs)
        return super().get_context_data(**context)

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(CHANGE_PERMISSION):
            raise PermissionDenied
        form = ModerationForm(request.POST)
        members_form = CampaignMembersChoice(request.POST)
        # The comments the page listed and the moderator kept ticked: nothing else of the group.
        shown = _ids(request, "member")
        if form.is_valid() and members_form.is_valid():
            status = CommentStatus.PENDING if members_form.cleaned_data["members"] == "pending" else None
            action = form.cleaned_data["action"]
            try:
                if not shown:
                    raise ModerationRefused(_("Tick the comments of the group you have read and want to decide on."))
                changed = moderate_campaign(
                    request.user,
                    self.campaign,
                    action,
                    form.cleaned_data["reason"],
                    form.cleaned_data["note"],
                    status=status,
                    shown=shown,
                )
            except ModerationRefused as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _DONE[action](changed) % {"count": changed})
                left = campaign_members(request.user, self.campaign, status).exclude(pk__in=shown).count()
                if left:
                    messages.info(
                        request,
                        ngettext(
                            "%(count)d comment of the group was not among those you ticked (or joined it after you "
                            "opened the page) and was left as it was.",
                            "%(count)d comments of the group were not among those you ticked (or joined it after "
                            "you opened the page) and were left as they were.",
                            left,
                        )
                        % {"count": left},
                    )
                return redirect(self.index_url)
        messages.validation_error(request, _("The group was not moderated: please correct the errors."), form)
        return self.render_to_response(self.get_context_data(moderation_form=form, members_form=members_form))
