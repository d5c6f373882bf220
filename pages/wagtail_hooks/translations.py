"""wagtail-localize in the admin: translations stay drafts and go through the approval workflow,
and an editor translates only their own agency's pages (shared snippets: reviewers only).

Our `register_admin_urls` hook is listed before wagtail-localize's (the `pages` app comes first
in INSTALLED_APPS, and the hook's order is lower), so the paths below shadow wagtail-localize's
views at the same addresses; `reverse("wagtail_localize:…")` still yields these addresses.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.widgets import Button

from ..admin_views import (
    DraftOnlyUpdateTranslationsView,
    ScopedSubmitPageTranslationView,
    ScopedSubmitSnippetTranslationView,
    can_submit_translation,
    save_translation_draft_view,
    submit_translation_for_approval,
    translation_for,
)


@hooks.register("register_admin_urls", order=-10)
def register_admin_urls():
    return [
        path(
            "tawasul/translations/<int:page_id>/submit/",
            submit_translation_for_approval,
            name="tawasul_submit_translation",
        ),
        path(
            "tawasul/translations/<int:page_id>/save/",
            save_translation_draft_view,
            name="tawasul_save_translation_draft",
        ),
        # Shadows of wagtail-localize's views, with agency scope.
        path(
            "localize/submit/page/<int:page_id>/",
            ScopedSubmitPageTranslationView.as_view(),
            name="tawasul_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            ScopedSubmitSnippetTranslationView.as_view(),
            name="tawasul_submit_snippet_translation",
        ),
        # Syncing a translation must never publish it: it makes new drafts.
        path(
            "localize/update/<int:translation_source_id>/",
            DraftOnlyUpdateTranslationsView.as_view(),
            name="tawasul_update_translations",
        ),
    ]


def _submit_translation_buttons(page, user, next_url=None):
    if can_submit_translation(page, user):
        url = reverse("tawasul_submit_translation", args=[page.pk])
        if next_url:
            url += "?" + urlencode({"next": next_url})
        # A plain link to a confirmation page: a <form> here would sit inside the listing's form.
        yield Button(gettext_lazy("Submit translation for approval"), url, icon_name="resubmit", priority=5)


@hooks.register("register_page_listing_more_buttons")
def page_listing_submit_translation(page, user, next_url=None):
    yield from _submit_translation_buttons(page, user, next_url)


@hooks.register("register_page_header_buttons")
def page_header_submit_translation(page, user, view_name=None, next_url=None):
    yield from _submit_translation_buttons(page, user, next_url)


@hooks.register("before_edit_page", order=-10)
def refuse_direct_publish_of_translation(request, page):
    """wagtail-localize's translation editor publishes with POST action=publish, checking only
    the publish permission. A page translation goes live only through the workflow."""
    if request.method == "POST" and request.POST.get("action") == "publish" and translation_for(page) is not None:
        messages.error(
            request,
            _("Translations are published only after approval. Save a draft and submit it for approval."),
        )
        return redirect("wagtailadmin_pages:edit", page.pk)
    return None
