"""Groups, permissions and the approval workflow, set up as data.

Every function here is idempotent: `manage.py setup_roles` and `seed_demo`
call them on every run, and creating an agency page calls
`ensure_agency_groups` for it.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

REVIEWERS_GROUP = "Ministry reviewers"
WORKFLOW_NAME = "Ministry approval"
TASK_NAME = "Ministry review"

# Agency editors add and edit, and submit for approval; they never publish.
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
# Reviewers keep Wagtail's "publish" permission: it is what lets an approval put the approved
# revision live, and what lets them unpublish. It no longer lets anyone publish directly:
# pages.publishing offers no "Publish" outside the approval of somebody else's text.
REVIEWER_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
]
REVIEWER_COLLECTION_PERMISSIONS = EDITOR_COLLECTION_PERMISSIONS + [
    ("wagtailimages", "delete_image"),
    ("wagtaildocs", "delete_document"),
]
COMMON_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("wagtail_localize", "submit_translation"),
]
MODERATOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("participation", "view_comment"),
    ("participation", "change_comment"),
]
REVIEWER_PERMISSIONS = (
    COMMON_PERMISSIONS
    + MODERATOR_PERMISSIONS
    + [
        ("participation", "add_topic"),
        ("participation", "change_topic"),
        ("participation", "delete_topic"),
    ]
)


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permission(codename):
    return _permission("wagtailcore", codename)


def _grant_model_permissions(group, permissions):
    group.permissions.add(*[_permission(app, codename) for app, codename in permissions])


def _grant_collection_permissions(group, collection, permissions):
    for app, codename in permissions:
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=_permission(app, codename)
        )


def grant_page_permissions(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=_page_permission(codename))


@transaction.atomic
def ensure_reviewers_group():
    group, _ = Group.objects.get_or_create(name=REVIEWERS_GROUP)
    _grant_model_permissions(group, REVIEWER_PERMISSIONS)
    grant_page_permissions(group, Page.get_first_root_node(), REVIEWER_PAGE_PERMISSIONS)
    _grant_collection_permissions(group, Collection.get_first_root_node(), REVIEWER_COLLECTION_PERMISSIONS)
    return group


@transaction.atomic
def ensure_workflow():
    """One workflow, 'Ministry approval', for the whole tree in every language."""
    from .models import MinistryApprovalTask

    reviewers = ensure_reviewers_group()
    task = MinistryApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = MinistryApprovalTask.objects.create(name=TASK_NAME)
    task.active = True
    task.save()
    task.groups.set([reviewers])

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    workflow.active = True
    workflow.save()
    WorkflowTask.objects.filter(workflow=workflow).exclude(task=task).delete()
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})

    # The root page covers every locale's tree; replace Wagtail's default workflow there.
    root = Page.get_first_root_node()
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})
    # Wagtail's default "Moderators approval" workflow must not linger on other pages.
    WorkflowPage.objects.exclude(workflow=workflow).delete()
    return workflow


def agency_group_name(agency_title, role="editors"):
    return f"{agency_title} {role}"[:150]


@transaction.atomic
def ensure_agency_groups(agency_page):
    """Create (or repair) the agency's editors' and moderators' groups and its
    collection, and grant the editors their permissions on this agency page in
    every language."""
    from .models import AgencyPage

    translations = list(AgencyPage.objects.filter(translation_key=agency_page.translation_key))
    source = next((p for p in translations if p.editors_group_id), None) or agency_page
    group = source.editors_group
    if group is None:
        group, _ = Group.objects.get_or_create(name=agency_group_name(source.title))
    moderators = source.moderators_group
    if moderators is None:
        moderators, _ = Group.objects.get_or_create(name=agency_group_name(source.title, "moderators"))
    _grant_model_permissions(moderators, MODERATOR_PERMISSIONS)
    collection = source.collection
    if collection is None:
        root = Collection.get_first_root_node()
        collection = next((c for c in root.get_children() if c.name == source.title), None)
        if collection is None:
            collection = root.add_child(name=source.title[:255])

    _grant_model_permissions(group, COMMON_PERMISSIONS)
    _grant_collection_permissions(group, collection, EDITOR_COLLECTION_PERMISSIONS)
    for page in translations:
        grant_page_permissions(group, page, EDITOR_PAGE_PERMISSIONS)
        links = {"editors_group": group, "moderators_group": moderators, "collection": collection}
        if any(getattr(page, f"{name}_id") != value.pk for name, value in links.items()):
            AgencyPage.objects.filter(pk=page.pk).update(**links)
            for name, value in links.items():
                setattr(page, name, value)
    return group


def setup_roles():
    from .models import AgencyPage

    ensure_workflow()
    for translation_key in AgencyPage.objects.values_list("translation_key", flat=True).distinct():
        ensure_agency_groups(AgencyPage.objects.filter(translation_key=translation_key).first())


def is_reviewer(user):
    """Superusers and ministry reviewers act for every agency."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or user.groups.filter(name=REVIEWERS_GROUP).exists()


def agency_keys_for(user, role):
    """The translation keys of the agencies whose `role` group ("editors" or
    "moderators") `user` belongs to, or None when the user acts for every agency
    (ministry reviewers and superusers). Cached on the user object for the request."""
    cache_name = f"_tawasul_{role}_agency_keys"
    cached = getattr(user, cache_name, False)
    if cached is not False:
        return cached
    if not user.is_authenticated or not user.is_active:
        keys = set()
    elif is_reviewer(user):
        keys = None
    else:
        from .models import AgencyPage

        keys = set(
            AgencyPage.objects.filter(**{f"{role}_group__in": user.groups.all()}).values_list(
                "translation_key", flat=True
            )
        )
    if user.is_authenticated:
        setattr(user, cache_name, keys)
    return keys
