"""The admin offers no way to publish without a second person's approval (pages.publishing).

The edit and create forms' "Publish", revert-and-publish, "publish copies", aliases and the
translation editor's "Publish" disappear through the pages' permission tester. Wagtail's
bulk "Publish" is registered for every page whatever its permissions, so it is replaced
here by an action that is not shown and refuses every page it is sent.
"""

from wagtail import hooks
from wagtail.admin.views.pages.bulk_actions.publish import PublishBulkAction


@hooks.register("register_bulk_action", order=100)  # after Wagtail's own, which it replaces
class ApprovalOnlyPublishBulkAction(PublishBulkAction):
    """Bulk publish, refused: pages go live one by one through the approval workflow."""

    classes = {"w-hidden"}

    def check_perm(self, page):
        return False
