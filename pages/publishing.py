"""Four eyes on every path that makes a page live.

A page goes live only with a revision that somebody approved in the "Ministry approval"
workflow, and that somebody is neither the person who asked for the approval nor an
author of what goes live (everyone who saved a revision since the page was last
published, reviewers included). The page itself also has its say: a page type may
define `publication_problems(previous_live=None)`, a list of reasons not to publish
(consultations check their minimum period and reasons for moved dates there).

Paths, and what happens on each:

- the edit form's and the create form's "Publish", reverting to an earlier revision
  and publishing it, bulk publish, the translation editor's "Publish", "publish copies",
  aliases, view restrictions: nobody is offered them (`FourEyesPagePermissionTester`
  says `can_publish()` is False, for superusers too); a POST that asks anyway saves a
  draft at most, or is refused;
- the workflow's approval: publishes, when the approver is a different person and the
  page raises no problem; otherwise the task refuses or sends the revision back;
- scheduled publishing (`publish_scheduled`): only revisions approved as above; others
  are unscheduled and reported;
- moving a page that is live, or whose descendants or their translations are live:
  refused (its address would change without approval); reordering siblings is allowed;
- anything else that saves a page (code, management commands, wagtail-localize writing
  into a live page's row): the guards below refuse to make a revision live without
  approval, to create a live page, or to change a live page's content outside a publish.

Unpublishing, locking and deleting stay with reviewers. Only `direct_publishing()`
switches the guards off: for seed_demo (which refuses production) and test factories.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import PermissionDenied
from django.db.models import Max
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.pages import CopyForm
from wagtail.models import Page, PageLogEntry, PagePermissionTester, Revision, TaskState
from wagtail.signals import pre_page_move

_direct_publishing = ContextVar("tawasul_direct_publishing", default=False)
_approving = ContextVar("tawasul_approving", default=False)

PUBLISH_LOG_ACTIONS = ("wagtail.publish", "wagtail.publish.scheduled")

# Fields a save may change on a live page without changing what visitors see.
BOOKKEEPING_FIELDS = {
    "owner",
    "content_type",
    "go_live_at",
    "expire_at",
    "latest_revision",
    "locked",
    "locked_at",
    "locked_by",
}


class PublishingRefused(PermissionDenied):
    """A page would go live, or change while live, without a second person's approval or
    against its own rules. `reasons` lists why, in the reader's language."""

    def __init__(self, reasons):
        self.reasons = [str(reason) for reason in reasons]
        super().__init__(" ".join(self.reasons))


@contextmanager
def direct_publishing():
    """Publish without approval. Only for seed_demo (never in production) and tests' factories."""
    token = _direct_publishing.set(True)
    try:
        yield
    finally:
        _direct_publishing.reset(token)


@contextmanager
def approved_publishing():
    """While the approval task publishes the revision its approver has just approved."""
    token = _approving.set(True)
    try:
        yield
    finally:
        _approving.reset(token)


def guards_active():
    return not _direct_publishing.get()


# --- Who wrote it, who approved it ------------------------------------------------------------------------------------


def revision_authors(page, revision):
    """Everyone who saved a revision of `page` since it was last published, up to `revision`:
    what goes live with `revision` is their text."""
    last_published = (
        PageLogEntry.objects.filter(page_id=page.pk, action__in=PUBLISH_LOG_ACTIONS, revision_id__lt=revision.pk)
        .aggregate(last=Max("revision_id"))
        .get("last")
    )
    revisions = Revision.page_revisions.filter(object_id=str(page.pk), pk__lte=revision.pk)
    if last_published:
        revisions = revisions.filter(pk__gt=last_published)
    authors = set(revisions.values_list("user_id", flat=True))
    authors.add(revision.user_id)
    authors.discard(None)
    return authors


def approval_problem(page, revision):
    """None when `revision` was approved in the ministry's task by somebody who neither asked
    for the approval nor wrote what goes live; otherwise the reason."""
    from .models import MinistryApprovalTask

    if revision is None or revision.pk is None:
        return _("This page has no approved version.")
    authors = revision_authors(page, revision)
    approvals = TaskState.objects.filter(
        revision_id=revision.pk,
        status=TaskState.STATUS_APPROVED,
        task_id__in=MinistryApprovalTask.objects.values("pk"),
        finished_by__isnull=False,
    ).values_list("finished_by_id", "workflow_state__requested_by_id")
    for approver, requester in approvals:
        if approver not in authors and approver != requester:
            return None
    return _(
        "This version has not been approved by a second person. Submit it for approval: a reviewer who "
        "did not write it approves it, and it goes live then."
    )


def page_problems(page, previous_live=None):
    """What the page type itself says against publishing `page` (see the module docstring)."""
    check = getattr(page, "publication_problems", None)
    return list(check(previous_live=previous_live)) if check else []


def publication_refusals(page, revision, previous_live=None):
    """Every reason not to make `revision` of `page` live now; empty when it may go live."""
    reasons = []
    problem = approval_problem(page, revision)
    if problem:
        reasons.append(problem)
    reasons.extend(page_problems(page, previous_live))
    return reasons


def live_version(page):
    """The page as visitors see it now (the specific row), or None when it is not live."""
    if page.pk is None:
        return None
    model = type(page) if type(page) is not Page else (page.specific_class or Page)
    return model._base_manager.filter(pk=page.pk, live=True).first()


# --- Guards where pages are saved, scheduled and moved ---------------------------------------------------------------


def _content_fields(model, update_fields):
    fields = [
        field
        for field in model._meta.concrete_fields
        if field.editable and not field.primary_key and field.name not in BOOKKEEPING_FIELDS
    ]
    if update_fields is not None:
        wanted = set(update_fields)
        fields = [field for field in fields if field.name in wanted or field.attname in wanted]
    return fields


def _visible_state(page, model):
    """What visitors see of `page`: its content fields, many-to-many choices and inline children."""
    from modelcluster.models import get_all_child_m2m_relations, get_all_child_relations
    from wagtail.models import COMMENTS_RELATION_NAME

    data = page.serializable_data()
    state = {field.name: data.get(field.name) for field in _content_fields(model, None)}
    for field in get_all_child_m2m_relations(model):
        state[field.name] = sorted(data.get(field.name) or [])
    for relation in get_all_child_relations(model):
        name = relation.get_accessor_name()
        if name != COMMENTS_RELATION_NAME:
            state[name] = data.get(name)
    return state


def _changed_content(instance, stored, fields):
    return [
        field.name
        for field in fields
        if field.get_prep_value(getattr(instance, field.attname))
        != field.get_prep_value(getattr(stored, field.attname))
    ]


@receiver(pre_save, dispatch_uid="tawasul_four_eyes_page_guard")
def guard_page_save(sender, instance, raw=False, update_fields=None, **kwargs):
    """Refuse a save that makes a page live, or changes a live page's content, without approval."""
    if raw or not isinstance(instance, Page) or not guards_active() or not instance.live:
        return
    if instance.alias_of_id:
        # An alias shows its original's approved content, and is live only while the original is.
        if Page.objects.filter(pk=instance.alias_of_id, live=True).exists():
            return
        raise PublishingRefused([_("An alias goes live only with its original page.")])
    if instance.pk is None:
        raise PublishingRefused([approval_problem(instance, None)])

    stored = Page.objects.filter(pk=instance.pk).values("live", "live_revision_id").first()
    if stored is None:
        return
    publishing = not stored["live"] or stored["live_revision_id"] != instance.live_revision_id
    if publishing and (update_fields is None or {"live", "live_revision", "live_revision_id"} & set(update_fields)):
        previous = live_version(instance) if stored["live"] else None
        if previous is not None:
            candidate = instance if isinstance(instance, type(previous)) else instance.specific
            if _visible_state(candidate, type(previous)) == _visible_state(previous, type(previous)):
                return  # nothing visitors see changes (e.g. Wagtail's "convert alias")
        revision = Revision.page_revisions.filter(pk=instance.live_revision_id).first()
        reasons = publication_refusals(instance, revision, previous)
        if reasons:
            raise PublishingRefused(reasons)
        return

    fields = _content_fields(type(instance), update_fields)
    if not fields:
        return
    current = type(instance)._base_manager.filter(pk=instance.pk).first()
    if current is not None and _changed_content(instance, current, fields):
        raise PublishingRefused(
            [
                _(
                    "A published page changes only through a new version that a second person approves. "
                    "Save a draft and submit it for approval."
                )
            ]
        )


@receiver(pre_save, sender=Revision, dispatch_uid="tawasul_four_eyes_schedule_guard")
def guard_scheduling(sender, instance, raw=False, update_fields=None, **kwargs):
    """Refuse to schedule a revision for publishing that could not be published now."""
    if raw or not guards_active() or instance.approved_go_live_at is None:
        return
    if update_fields is not None and "approved_go_live_at" not in update_fields:
        return
    if instance.pk is not None:
        before = Revision.objects.filter(pk=instance.pk).values_list("approved_go_live_at", flat=True).first()
        if before == instance.approved_go_live_at:
            return
    page = instance.as_object()
    if not isinstance(page, Page):
        return
    reasons = publication_refusals(page, instance, live_version(page))
    if reasons:
        raise PublishingRefused(reasons)


def live_pages_affected_by_move(page):
    """Whether moving `page` would change the address of anything visitors can see: the page,
    its descendants, or their translations (wagtail-localize moves those along)."""
    if page.live:
        return True  # no query: page listings ask this for every row
    keys = Page.objects.descendant_of(page, inclusive=True).values("translation_key")
    return Page.objects.filter(translation_key__in=keys, live=True).exists()


@receiver(pre_page_move, dispatch_uid="tawasul_four_eyes_move_guard")
def guard_move(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    if not guards_active() or kwargs.get("url_path_before") == kwargs.get("url_path_after"):
        return  # reordering among siblings changes no address
    if live_pages_affected_by_move(instance):
        raise PublishingRefused([MOVE_REFUSED])


MOVE_REFUSED = _(
    "A published page cannot be moved: its address would change without approval. Unpublish it first, "
    "or create the page at its new place and submit it for approval."
)


# --- What the admin offers -------------------------------------------------------------------------------------------


class FourEyesPagePermissionTester(PagePermissionTester):
    """Nobody publishes directly, superusers included: pages go live through the approval
    task. Unpublishing, unscheduling, locking and deleting are as in Wagtail."""

    def can_publish(self):
        return _approving.get() and super().can_publish()

    def can_publish_subpage(self):
        return _approving.get() and super().can_publish_subpage()

    def can_unpublish(self):
        return super().can_unpublish()

    def can_unschedule(self):
        if not self.user.is_active:
            return False
        return self.user.is_superuser or "publish" in self.permissions

    def can_move(self):
        return super().can_move() and not live_pages_affected_by_move(self.page)

    def can_move_to(self, destination):
        if not self.page.is_child_of(destination) and live_pages_affected_by_move(self.page):
            return False
        return super().can_move_to(destination)


class ApprovalOnlyCopyForm(CopyForm):
    """Copies start as drafts: no "publish copies", no aliases (an alias is live at once)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.pop("publish_copies", None)
        self.fields.pop("alias", None)


class FourEyesPageMixin:
    """For every page type of the portal: the permission tester and copy form above, and no
    publication problems unless the page type defines its own."""

    copy_form_class = ApprovalOnlyCopyForm

    def permissions_for_user(self, user):
        return FourEyesPagePermissionTester(user, self)

    def publication_problems(self, previous_live=None):
        """Reasons, in the reader's language, not to publish this version; none by default."""
        return []
