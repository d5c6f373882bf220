"""Telling the authors of comments that the outcome is published, once per consultation.

When a consultation is published with an outcome after it has closed (status
"Outcome published"), every author of a published comment who still has an
account and an e-mail address gets one e-mail, in the language they commented
in, with a link to the outcome report and the decisions on their comments.
An `OutcomeNotification` row, keyed by the consultation's translation key,
makes sure the Arabic and English versions send it once between them.

A consultation whose outcome was filled in before it closed is concluded only
when its closing time passes; `manage.py send_outcome_notifications` (run it
from cron, e.g. hourly) catches those.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from wagtail.signals import page_published

from participation.models import ConsultationPage, ConsultationStatus
from participation.templatetags.participation_tags import author_name

from .data import blocks_of, public_consultations, published_comments, removed_block
from .models import OutcomeNotification

logger = logging.getLogger(__name__)


def outcome_is_published(page):
    return bool(page.live and page.outcome and page.status == ConsultationStatus.CONCLUDED)


def _root_url(page):
    parts = page.get_url_parts()
    root = parts[1] if parts else None
    return (root or settings.WAGTAILADMIN_BASE_URL).rstrip("/")


def _versions(page):
    """{language code: live, public version of the consultation}."""
    versions = {}
    versions_of = public_consultations().filter(translation_key=page.translation_key)
    for version in versions_of.select_related("locale", "agency"):
        versions[version.locale.language_code] = version
    return versions


def _messages(page):
    """One e-mail per author of a published comment, with their comments and the decisions on them."""
    versions = _versions(page)
    by_author = {}
    comments = (
        published_comments(page.translation_key)
        .filter(author__isnull=False, author__is_active=True)
        .exclude(author__email="")
        .select_related("author__participation_profile", "disposition")
        .order_by("created_at", "pk")
    )
    for comment in comments:
        by_author.setdefault(comment.author_id, []).append(comment)
    messages = []
    for author_comments in by_author.values():
        author = author_comments[0].author
        language = author_comments[-1].language  # the language they last commented in
        if language not in dict(settings.LANGUAGES):
            language = settings.LANGUAGE_CODE
        # The version in their language when it shows the outcome too, otherwise the one that does.
        version = versions.get(language)
        if version is None or not outcome_is_published(version):
            version = page
        blocks = blocks_of(version)
        with translation.override(language):
            # In their language's address: the report shows the interface in their language, and
            # sends them on to the version in their language once that one shows the outcome too.
            report_url = _root_url(version) + reverse("transparency_report", args=[version.pk])
            items = [
                {
                    "comment": comment,
                    "block": (blocks.get(comment.block_id) or removed_block(comment.block_id)).label,
                    "disposition": getattr(comment, "disposition", None),
                    "url": f"{report_url}#comment-{comment.pk}",
                }
                for comment in author_comments
            ]
            context = {
                "name": author_name(author_comments[0]),
                "consultation": version,
                "agency": version.agency,
                "report_url": report_url,
                "my_participation_url": _root_url(version) + reverse("my_participation"),
                "items": items,
            }
            subject = render_to_string("transparency/email/outcome_subject.txt", context).strip()
            body = render_to_string("transparency/email/outcome.txt", context)
        messages.append(EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [author.email]))
    return messages


def notify_outcome(page):
    """Send the outcome e-mails for `page` unless they were sent already. Returns the number sent."""
    page = ConsultationPage.objects.filter(pk=page.pk).select_related("agency", "locale").first()
    if page is None or not outcome_is_published(page):
        return 0
    try:
        with transaction.atomic():
            claim = OutcomeNotification.objects.create(translation_key=page.translation_key)
    except IntegrityError:
        return 0  # already told (perhaps by the other language version)
    try:
        messages = _messages(page)
        sent = get_connection().send_messages(messages) if messages else 0
    except Exception:
        # Release the claim so that `send_outcome_notifications` tries again.
        OutcomeNotification.objects.filter(pk=claim.pk).delete()
        logger.exception("Could not send the outcome e-mails for consultation %s", page.pk)
        raise
    OutcomeNotification.objects.filter(pk=claim.pk).update(recipients=sent or 0)
    return sent or 0


def pending_outcomes():
    """Concluded consultations whose authors were not told yet."""
    told = OutcomeNotification.objects.values("translation_key")
    return public_consultations().concluded().exclude(translation_key__in=told)


@receiver(page_published, sender=ConsultationPage)
def outcome_published(sender, instance, **kwargs):
    if not outcome_is_published(instance):
        return
    pk = instance.pk
    # After the publication is committed, so a rolled-back publication tells nobody.
    transaction.on_commit(lambda: notify_outcome(ConsultationPage(pk=pk)))
