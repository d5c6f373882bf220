"""Admin views that fill gaps between wagtail-localize and Wagtail's workflows.

wagtail-localize applies the strings typed in its translation editor to the page
only when its "Publish" button runs, and it writes them straight into the page's
database row (the live content). Here translations take the same road as every
other change: the translated strings are applied to a new *draft revision*
(the live row is left alone), and that revision goes through the "Ministry
approval" workflow, where somebody other than its author approves it.

Agency scope: an editor translates, syncs and submits only pages of their own
agency; snippets (topics and other shared lists) only people who may change that
snippet model, i.e. ministry reviewers.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from wagtail.admin.views.pages.utils import get_valid_next_url_from_request
from wagtail.coreutils import find_available_slug
from wagtail.models import Page, WorkflowState
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation, TranslationLog, TranslationSource
from wagtail_localize.views.submit_translations import SubmitPageTranslationView, SubmitSnippetTranslationView
from wagtail_localize.views.update_translations import UpdateTranslationsForm, UpdateTranslationsView

from .roles import agency_keys_for

# --- Who may do what -------------------------------------------------------------------------------------------------


def agency_key_of(page):
    """The translation key of the agency `page` belongs to (the agency page itself or
    its nearest agency ancestor), or None outside every agency."""
    from .models import AgencyPage

    agency = AgencyPage.objects.ancestor_of(page, inclusive=True).only("translation_key").first()
    return agency.translation_key if agency else None


def user_may_translate_page(user, page):
    """Ministry reviewers translate everywhere; an agency editor only pages of their own
    agency that they may edit."""
    if not user.is_authenticated or not user.has_perm("wagtail_localize.submit_translation"):
        return False
    if not page.permissions_for_user(user).can_edit():
        return False
    keys = agency_keys_for(user, "editors")
    return keys is None or agency_key_of(page) in keys


def user_may_translate_snippet(user, model):
    """Shared lists (topics …) are translated by the people who may change them: reviewers."""
    return (
        user.is_authenticated
        and user.has_perm("wagtail_localize.submit_translation")
        and user.has_perm(get_permission_name("change", model))
    )


def user_may_translate(user, instance):
    if isinstance(instance, Page):
        return user_may_translate_page(user, instance)
    return user_may_translate_snippet(user, type(instance))


def translation_for(page):
    """The active wagtail-localize translation whose target is `page`, or None."""
    return (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id, enabled=True
        )
        .select_related("source", "target_locale")
        .first()
    )


# --- Applying translated strings to a draft ------------------------------------------------------------------------


def _available_slug(page):
    slug = slugify(page.slug) or slugify(page.slug, allow_unicode=True) or page.slug
    return find_available_slug(page.get_parent(), slug, ignore_page_id=page.pk)


def save_translation_draft(translation, user):
    """Apply the translated strings (falling back to the source language for strings not
    translated yet) to a new draft revision of the target page, authored by `user`.

    Unlike wagtail-localize's `save_target`, the page's row is not written: a live
    translation keeps showing its approved text until a reviewer approves the draft.
    Raises ValidationError when the translated page is not valid.
    """
    source = translation.source
    locale = translation.target_locale
    page = source.get_ephemeral_translated_instance(locale, fallback=True)
    if not isinstance(page, Page):
        raise TypeError("Only page translations are saved as drafts here.")
    with transaction.atomic():
        if page.alias_of_id:
            # An alias becomes a page of its own the moment it gets its own text.
            page.alias_of_id = None
            page.save(update_fields=["alias_of_id"], clean=False)
        page.slug = _available_slug(page)
        revision = page.save_revision(user=user, log_action=True)
        source.sync_view_restrictions(source.as_instance(), page)
        TranslationLog.objects.create(source=source, locale=locale, revision=revision)
    return page, revision


def _untranslated_count(translation):
    total, translated = translation.get_progress()
    return total - translated


def has_unsaved_translations(page, translation=None):
    """Strings typed in the translation editor after the page's latest revision."""
    from wagtail_localize.models import StringTranslation

    translation = translation or translation_for(page)
    if translation is None:
        return False
    strings = StringTranslation.objects.filter(context__object_id=page.translation_key, locale_id=page.locale_id)
    if page.latest_revision_created_at:
        strings = strings.filter(updated_at__gt=page.latest_revision_created_at)
    return strings.exists()


def can_submit_translation(page, user):
    """Show "Submit translation for approval" for a translation that is not yet under
    review and has something new to approve (a draft, or typed strings not saved yet)."""
    if page.locale_id is None or page.get_workflow() is None or not user_may_translate_page(user, page):
        return False
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        return False
    translation = translation_for(page)
    if translation is None:
        is_translation = Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk).exists()
        return is_translation and page.has_unpublished_changes
    return (
        not page.live
        or page.has_unpublished_changes
        or (state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES)
        or has_unsaved_translations(page, translation)
    )


class SubmitRefused(Exception):
    """The translation cannot be sent for approval; the message says why."""


def submit_translation(page, user):
    """Apply the translated strings to a new revision, then send that revision to the
    page's workflow (resuming it when the reviewers asked for changes). Returns the page."""
    workflow = page.get_workflow()
    if workflow is None:
        raise SubmitRefused(
            _("No approval workflow applies to '%(title)s'.") % {"title": page.get_admin_display_title()}
        )
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise SubmitRefused(
            _("'%(title)s' is already waiting for approval.") % {"title": page.get_admin_display_title()}
        )
    translation = translation_for(page)
    with transaction.atomic():
        if translation is not None:
            save_translation_draft(translation, user)
        elif page.latest_revision_id is None:
            page.save_revision(user=user, log_action=True)
        page = Page.objects.get(pk=page.pk).specific
        if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            state.resume(user)
        else:
            workflow.start(page, user)
    return page


def _validation_message(error):
    if hasattr(error, "message_dict"):
        return "; ".join(f"{field}: {' '.join(texts)}" for field, texts in error.message_dict.items())
    return " ".join(error.messages)


def _translation_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not user_may_translate_page(request.user, page):
        raise PermissionDenied
    return page


def _edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


# --- Views -----------------------------------------------------------------------------------------------------------


def submit_translation_for_approval(request, page_id):
    """GET: a small confirmation page (reachable by a plain link from the page list and
    header, so no form sits inside Wagtail's listing form). POST: apply the translated
    strings to a revision and send it to the ministry reviewers."""
    page = _translation_page(request, page_id)
    next_url = get_valid_next_url_from_request(request)
    translation = translation_for(page)
    if request.method == "POST":
        try:
            page = submit_translation(page, request.user)
        except SubmitRefused as refused:
            messages.warning(request, str(refused))
        except ValidationError as error:
            messages.error(
                request,
                _("The translation could not be saved: %(errors)s") % {"errors": _validation_message(error)},
            )
            return redirect(_edit_url(page))
        else:
            messages.success(
                request,
                _("'%(title)s' was sent to the ministry reviewers for approval.")
                % {"title": page.get_admin_display_title()},
            )
        return redirect(next_url or reverse("wagtailadmin_explore", args=[page.get_parent().pk]))
    state = page.current_workflow_state
    context = {
        "page": page,
        "translation": translation,
        "untranslated": _untranslated_count(translation) if translation else 0,
        "workflow": page.get_workflow(),
        "in_review": state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS,
        "next_url": next_url,
        "back_url": next_url or reverse("wagtailadmin_explore", args=[page.get_parent().pk]),
        "edit_url": _edit_url(page),
    }
    return TemplateResponse(request, "pages/admin/submit_translation_confirm.html", context)


@require_POST
def save_translation_draft_view(request, page_id):
    """The translation editor's "Save draft": translated strings become a draft revision."""
    page = _translation_page(request, page_id)
    translation = translation_for(page)
    if translation is None:
        raise Http404
    try:
        save_translation_draft(translation, request.user)
    except ValidationError as error:
        messages.error(
            request, _("The translation could not be saved: %(errors)s") % {"errors": _validation_message(error)}
        )
    else:
        page.refresh_from_db()
        missing = _untranslated_count(translation)
        if missing:
            messages.warning(
                request,
                ngettext(
                    "Draft of '%(title)s' saved. %(count)d text is not translated yet and shows in the "
                    "original language.",
                    "Draft of '%(title)s' saved. %(count)d texts are not translated yet and show in the "
                    "original language.",
                    missing,
                )
                % {"title": page.get_admin_display_title(), "count": missing},
            )
        else:
            messages.success(request, _("Draft of '%(title)s' saved.") % {"title": page.get_admin_display_title()})
    return redirect(get_valid_next_url_from_request(request) or _edit_url(page))


class ScopedSubmitPageTranslationView(SubmitPageTranslationView):
    """wagtail-localize's "Translate this page", for pages of the user's own agency only."""

    def dispatch(self, request, *args, **kwargs):
        page = get_object_or_404(Page, pk=kwargs["page_id"]).specific
        if not user_may_translate_page(request.user, page):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ScopedSubmitSnippetTranslationView(SubmitSnippetTranslationView):
    """wagtail-localize's "Translate" for snippets, for people who may change that snippet model."""

    def dispatch(self, request, *args, **kwargs):
        from wagtail.snippets.views.snippets import get_snippet_model_from_url_params

        model = get_snippet_model_from_url_params(kwargs["app_label"], kwargs["model_name"])
        if not user_may_translate_snippet(request.user, model):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class DraftOnlyUpdateTranslationsForm(UpdateTranslationsForm):
    """wagtail-localize's sync form without "Publish immediately": synced
    translations stay drafts and go through the approval workflow."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("publish_translations", None)

    def clean(self):
        cleaned_data = super().clean()
        cleaned_data["publish_translations"] = False
        return cleaned_data


class DraftOnlyUpdateTranslationsView(UpdateTranslationsView):
    """ "Sync translated pages", in scope, never publishing: each translated page gets a
    new draft revision with the source's new content (in the source language where not
    yet translated), which needs approval like any other change."""

    def dispatch(self, request, *args, **kwargs):
        source = get_object_or_404(TranslationSource, pk=kwargs["translation_source_id"])
        instance = source.get_source_instance()
        if not user_may_translate(request.user, instance):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_form(self):
        return DraftOnlyUpdateTranslationsForm(self.request.POST if self.request.method == "POST" else None)

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
            if isinstance(self.object.get_source_instance(), Page):
                for translation in self.object.translations.filter(enabled=True).select_related("target_locale"):
                    target = translation.get_target_instance()
                    if not target.permissions_for_user(self.request.user).can_edit():
                        continue
                    try:
                        save_translation_draft(translation, self.request.user)
                    except ValidationError as error:
                        messages.error(
                            self.request,
                            _("The %(language)s draft could not be updated: %(errors)s")
                            % {
                                "language": translation.target_locale.get_display_name(),
                                "errors": _validation_message(error),
                            },
                        )
        return response
