"""wagtail-localize in the admin: translations stay drafts and go through the approval workflow."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button

from ..admin_views import DraftOnlyUpdateTranslationsView, can_submit_translation, submit_translation_for_approval


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "tawasul/submit-translation/<int:page_id>/",
            submit_translation_for_approval,
            name="tawasul_submit_translation",
        ),
        # Shadows wagtail-localize's own view at the same address (our hooks run
        # first): syncing a translation must never publish it.
        path(
            "localize/update/<int:translation_source_id>/",
            DraftOnlyUpdateTranslationsView.as_view(),
            name="tawasul_update_translations",
        ),
    ]


class SubmitTranslationButton(Button):
    template_name = "pages/admin/submit_translation_button.html"


def _submit_translation_buttons(page, user):
    if can_submit_translation(page, user):
        yield SubmitTranslationButton(
            _("Submit translation for approval"),
            reverse("tawasul_submit_translation", args=[page.pk]),
            icon_name="resubmit",
            priority=5,
        )


@hooks.register("register_page_listing_more_buttons")
def page_listing_submit_translation(page, user, next_url=None):
    yield from _submit_translation_buttons(page, user)


@hooks.register("register_page_header_buttons")
def page_header_submit_translation(page, user, view_name=None, next_url=None):
    yield from _submit_translation_buttons(page, user)
