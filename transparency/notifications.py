"""Telling the authors of comments that the outcome is published, once per author.

When a consultation is published with an outcome after it has closed (status
"Outcome published"), every author of a published comment who still has an
account and an e-mail address gets one e-mail, in the language they commented
in, with a link to the outcome report and the decisions on their comments.

Nothing is sent in the request: publication enqueues `queue_outcome_notices` for
the worker, which queues one e-mail per author in the outbox (ops.outbox). Each
is queued with a key (consultation translation key + author), so the Arabic and
English versions, a second run, or a run resumed after a failure never queue the
same author twice. An `OutcomeNotification` row records that a consultation is done.

A consultation whose outcome was filled in before it closed is concluded only
when its closing time passes; the worker's schedule runs
`queue_pending_outcome_notices` (settings.TAWASUL_SCHEDULE) for those, and
`manage.py send_outcome_notifications` does the same by hand.
"""

import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task
from wagtail.signals import page_published

from ops import outbox
from ops.models import OutboxKey
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


def _key_prefix(page):
    return outcome_key_prefix(page.translation_key)


def outcome_key_prefix(translation_key):
    """The outbox keys of a consultation's outcome e-mails: the prefix, then the author's id."""
    return f"outcome:{translation_key}:"


def _recipients(translation_key):
    """Authors of published comments with an active account and an address: the people told of the outcome."""
    return (
        published_comments(translation_key)
        .filter(author__isnull=False, author__is_active=True)
        .exclude(author__email="")
    )


def outcome_recipients(translation_key):
    """Ids of the people the outcome e-mail is for (told once it runs), with anyone it already told."""
    from ops.models import OutboxKey

    people = set(_recipients(translation_key).values_list("author_id", flat=True).distinct())
    prefix = outcome_key_prefix(translation_key)
    for key in OutboxKey.objects.filter(key__startswith=prefix).values_list("key", flat=True):
        suffix = key.removeprefix(prefix)
        if suffix.isdigit():
            people.add(int(suffix))
    return people


def _messages(page, skip_authors=frozenset()):
    """(author id, e-mail) for each author of a published comment not in `skip_authors`,
    with their comments and the decisions on them."""
    versions = _versions(page)
    by_author = {}
    comments = (
        _recipients(page.translation_key)
        .select_related("author__participation_profile", "disposition")
        .order_by("created_at", "pk")
    )
    for comment in comments.exclude(author_id__in=skip_authors):
        by_author.setdefault(comment.author_id, []).append(comment)
    for author_id, author_comments in by_author.items():
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
        yield author_id, EmailMessage(subject, body, settings.DEFAULT_FROM_EMAIL, [author.email])


def notify_outcome(page):
    """Queue the outcome e-mails for `page` in the outbox, one per author who was not told yet.
    Returns the number queued by this call (0 when everyone was told already)."""
    page = ConsultationPage.objects.filter(pk=page.pk).select_related("agency", "locale").first()
    if page is None or not outcome_is_published(page):
        return 0
    prefix = _key_prefix(page)
    told = {
        int(key.removeprefix(prefix))
        for key in OutboxKey.objects.filter(key__startswith=prefix).values_list("key", flat=True)
    }
    queued = 0
    with outbox.batch():  # one wake-up for the worker, however many authors
        for author_id, message in _messages(page, skip_authors=told):
            # The key and the e-mail are committed together: a run that stops here resumes with the next author.
            if outbox.queue_once(f"{prefix}{author_id}", message):
                queued += 1
    total = OutboxKey.objects.filter(key__startswith=prefix).count()
    OutcomeNotification.objects.update_or_create(translation_key=page.translation_key, defaults={"recipients": total})
    return queued


@task()
def queue_outcome_notices(page_pk):
    """The worker's half of a publication: queue the outcome e-mails for one consultation."""
    return notify_outcome(ConsultationPage(pk=page_pk))


@task()
def queue_pending_outcome_notices():
    """Periodic job: outcomes that became public without a publication (filled in before closing)."""
    return notify_pending_outcomes()


def notify_pending_outcomes():
    """Queue the outcome e-mails of every concluded consultation not done yet. Returns (consultations, e-mails)."""
    consultations = queued = 0
    seen = set()
    for page in pending_outcomes().order_by("pk"):
        if page.translation_key in seen:
            continue
        seen.add(page.translation_key)
        try:
            queued += notify_outcome(page)
        except Exception:
            # The next run resumes with the authors not queued yet; the other consultations go on.
            logger.exception("Could not queue the outcome e-mails for consultation %s", page.pk)
            continue
        consultations += 1
    return consultations, queued


def pending_outcomes():
    """Concluded consultations whose authors were not told yet."""
    told = OutcomeNotification.objects.values("translation_key")
    return public_consultations().concluded().exclude(translation_key__in=told)


@receiver(page_published, sender=ConsultationPage)
def outcome_published(sender, instance, **kwargs):
    if not outcome_is_published(instance):
        return
    pk = instance.pk
    # After the publication is committed, so a rolled-back publication tells nobody; the worker does the rest.
    transaction.on_commit(lambda: queue_outcome_notices.enqueue(pk))
