"""Template helpers for wagtail-localize's translation editor: our own "Save draft" and
"Submit for approval" actions, and no direct "Publish" for page translations."""

import json

from django import template
from django.urls import reverse
from wagtail.models import WorkflowState

from ..admin_views import user_may_translate_page

register = template.Library()


@register.filter
def without_direct_publish(props):
    """The translation editor's props with publishing (and unpublishing) switched off:
    a page translation goes live only through the approval workflow."""
    data = json.loads(props)
    perms = data.setdefault("perms", {})
    perms["canPublish"] = False
    perms["canUnpublish"] = False
    return json.dumps(data)


@register.simple_tag(takes_context=True)
def translation_actions(context, translation, page):
    """What the current user may do with this page translation, and where to post it."""
    user = context["request"].user
    state = page.current_workflow_state
    in_review = state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS
    allowed = user_may_translate_page(user, page)
    workflow = page.get_workflow()
    review_preview_url = can_review = None
    task_state = state.current_task_state if in_review else None
    if task_state is not None:
        review_preview_url = reverse("wagtailadmin_pages:workflow_preview", args=[page.pk, task_state.task_id])
        can_review = bool(task_state.task.specific.get_actions(page, user))
    return {
        "review_preview_url": review_preview_url,
        "can_review": can_review,
        "dashboard_url": reverse("wagtailadmin_home"),
        "can_save": allowed,
        "can_submit": allowed and workflow is not None and not in_review,
        "in_review": in_review,
        "workflow": workflow,
        "save_url": reverse("tawasul_save_translation_draft", args=[page.pk]),
        "submit_url": reverse("tawasul_submit_translation", args=[page.pk]),
        "preview_url": reverse("wagtail_localize:preview_translation", args=[translation.pk]),
        "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
    }
