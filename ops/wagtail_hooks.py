"""The outbox in the Wagtail admin, read-only, for ministry reviewers: what is waiting, sent or failed, and why.

Message bodies are never shown: they hold password-reset and verification links."""

from django.db.models import OuterRef, Subquery
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from post_office.models import STATUS, Email, Log
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from pages.roles import REVIEWERS_GROUP


def is_reviewer(user):
    return user.is_active and (user.is_superuser or user.groups.filter(name=REVIEWERS_GROUP).exists())


class OutboxPermissionHelper(PermissionHelper):
    """Reviewers (and superusers) may look; nobody creates, edits or deletes e-mails here."""

    def user_can_list(self, user):
        return is_reviewer(user)

    def user_can_create(self, user):
        return False

    def user_can_inspect_obj(self, user, obj):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class OutboxAdmin(ModelAdmin):
    """Every e-mail the portal sent or will send, newest first, with the last delivery error."""

    model = Email
    menu_label = _("E-mail outbox")
    menu_icon = "mail"
    menu_order = 900
    add_to_settings_menu = True
    base_url_path = "ops/outbox"
    list_display = ("recipient", "subject_line", "delivery", "attempts", "created", "last_updated", "last_error")
    list_filter = ("status",)
    search_fields = ("to", "subject")
    list_per_page = 50
    ordering = ("-created",)
    inspect_view_enabled = False
    permission_helper_class = OutboxPermissionHelper

    def get_queryset(self, request):
        errors = Log.objects.filter(email=OuterRef("pk"), status=STATUS.failed).order_by("-date", "-pk")
        return (
            super()
            .get_queryset(request)
            .defer("message", "html_message", "context", "headers")
            .annotate(last_error_message=Subquery(errors.values("message")[:1]))
            .annotate(last_error_type=Subquery(errors.values("exception_type")[:1]))
        )

    @staticmethod
    def recipient(obj):
        return ", ".join(obj.to)

    recipient.short_description = _("to")

    @staticmethod
    def subject_line(obj):
        return Truncator(obj.subject).chars(90)

    subject_line.short_description = _("subject")

    @staticmethod
    def delivery(obj):
        labels = {
            STATUS.queued: _("Pending"),
            STATUS.requeued: _("Pending (retrying)"),
            STATUS.sent: _("Sent"),
            STATUS.failed: _("Failed"),
        }
        return labels.get(obj.status, _("Pending"))

    delivery.short_description = _("status")

    @staticmethod
    def attempts(obj):
        return obj.number_of_retries or 0

    attempts.short_description = _("failed attempts")

    @staticmethod
    def last_error(obj):
        if not obj.last_error_message:
            return ""
        return Truncator(f"{obj.last_error_type}: {obj.last_error_message}").chars(200)

    last_error.short_description = _("last error")


modeladmin_register(OutboxAdmin)
