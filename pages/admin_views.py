"""Admin views that fill gaps between wagtail-localize and Wagtail's workflows."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.models import Page
from wagtail_localize.views.update_translations import UpdateTranslationsForm, UpdateTranslationsView


def can_submit_translation(page, user):
    """A translated page can be sent for approval by anyone who may edit it,
    when it has a draft that is not already under review."""
    return (
        page.locale_id is not None
        and page.has_unpublished_changes
        and not page.workflow_in_progress
        and page.get_workflow() is not None
        and page.permissions_for_user(user).can_edit()
        and Page.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk).exists()
    )


@require_POST
def submit_translation_for_approval(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    if page.workflow_in_progress:
        messages.warning(
            request, _("'%(title)s' is already waiting for approval.") % {"title": page.get_admin_display_title()}
        )
    elif not can_submit_translation(page, request.user):
        messages.error(
            request, _("'%(title)s' has no draft to send for approval.") % {"title": page.get_admin_display_title()}
        )
    else:
        if page.latest_revision is None:
            page.save_revision(user=request.user)
        page.get_workflow().start(page, request.user)
        messages.success(
            request,
            _("'%(title)s' was sent to the ministry reviewers for approval.")
            % {"title": page.get_admin_display_title()},
        )
    return redirect(reverse("wagtailadmin_explore", args=[page.get_parent().pk]))


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
    def get_form(self):
        return DraftOnlyUpdateTranslationsForm(self.request.POST if self.request.method == "POST" else None)
