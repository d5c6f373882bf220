"""E-mails to moderators about comments waiting for them: at most one per consultation per interval.

The notice is queued in the outbox (ops.outbox), one message per moderator, and delivered by the worker:
posting a comment never waits for, or fails with, the SMTP server.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.utils import translation

from .models import CommentStatus


def moderators_for(comment):
    from pages.models import AgencyPage
    from pages.roles import REVIEWERS_GROUP

    agency = AgencyPage.objects.filter(translation_key=comment.agency_key).exclude(moderators_group=None).first()
    users = get_user_model().objects.filter(is_active=True).exclude(email="")
    if agency is not None:
        return users.filter(groups=agency.moderators_group_id).distinct()
    return users.filter(groups__name=REVIEWERS_GROUP).distinct()


def notify_moderators(comment):
    if comment.status != CommentStatus.PENDING:
        return 0
    key = f"moderation-mail:{comment.translation_key}"
    if not cache.add(key, 1, timeout=settings.TAWASUL_MODERATION_EMAIL_INTERVAL):
        return 0
    recipients = list(moderators_for(comment).values_list("email", flat=True))
    if not recipients:
        return 0
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "comment": comment,
            "consultation": comment.consultation,
            "queue_url": f"{settings.WAGTAILADMIN_BASE_URL}/admin/participation/comment/?status__exact=pending",
        }
        subject = render_to_string("participation/email/new_comments_subject.txt", context).strip()
        body = render_to_string("participation/email/new_comments.txt", context)
    # One message per moderator: nobody sees the others' addresses, and each delivery is retried on its own.
    messages = [EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in recipients]
    return get_connection().send_messages(messages) or 0
