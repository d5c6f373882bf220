"""The outcome report as PDF, made by the task worker and served as a stored file.

Making the PDF of a large consultation takes WeasyPrint tens of seconds and hundreds of megabytes, too
much for a web request. The worker makes it (`render_report_pdf`) and stores it in the default storage
(the media folder, or object storage when configured) under a name derived from the report's version
(`transparency.data.report_version`: the page's publication and status, the published comments and
decisions, the votes). A changed report has a new name, so a stale PDF is never served.

It is made when the report changes (a disposition saved or deleted, the outcome published; after the
change is committed) and, as a fallback, when someone asks for it and the current file is missing:
meanwhile the report's link says the PDF is being prepared.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils import translation
from django_tasks import task
from wagtail.signals import page_published

from participation.models import Comment, ConsultationPage, ConsultationStatus

from . import data
from .models import Disposition
from .pdf import render_pdf

logger = logging.getLogger(__name__)

FOLDER = "transparency/reports"
ENQUEUED_FOR = 15 * 60  # seconds during which a second request does not enqueue the same PDF again
FAILED_FOR = 10 * 60  # seconds during which a failed rendering is reported instead of retried


def pdf_name(page, language, version):
    return f"{FOLDER}/{page.pk}-{language}-{version.tag}.pdf"


def current_pdf(page, language):
    """(storage name, version) of the PDF for the report as it is now (the file may not exist yet)."""
    version = data.report_version(page, language)
    return pdf_name(page, language, version), version


def _failure_key(name):
    return f"tawasul:pdf-failed:{name}"


def failure(name):
    """The reason the PDF `name` could not be made (recently), or None."""
    return cache.get(_failure_key(name))


def request_pdf(page, language, name):
    """Enqueue the PDF `name` unless it was enqueued recently (one rendering however many ask)."""
    if cache.add(f"tawasul:pdf-enqueued:{name}", 1, ENQUEUED_FOR):
        render_report_pdf.enqueue(page.pk, language)


def _render(page, language):
    from .views import report_context  # the same context as the HTML report

    context = report_context(None, page)
    html = render_to_string("transparency/report_pdf.html", context)
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "http://localhost/"
    return render_pdf(html, base_url=base_url.rstrip("/") + "/")


def store_report_pdf(page, language):
    """Make and store the PDF of `page`'s report in `language`; returns its storage name (or None when the
    report is not public). Older versions of the same report are deleted."""
    with translation.override(language):
        name, _version = current_pdf(page, language)
        if default_storage.exists(name):
            return name
        try:
            content = _render(page, language)
        except (OSError, RuntimeError, ValueError) as error:
            logger.exception("Could not make the PDF of the outcome report %s (%s)", page.pk, language)
            cache.set(_failure_key(name), str(error) or error.__class__.__name__, FAILED_FOR)
            raise
        saved = default_storage.save(name, ContentFile(content))
        if saved != name:  # another worker stored it meanwhile: keep one
            default_storage.delete(saved)
    _delete_older(page, language, name)
    return name


def _delete_older(page, language, keep):
    prefix = f"{page.pk}-{language}-"
    try:
        _folders, files = default_storage.listdir(FOLDER)
    except (FileNotFoundError, NotImplementedError):
        return
    for filename in files:
        path = f"{FOLDER}/{filename}"
        if filename.startswith(prefix) and path != keep:
            default_storage.delete(path)


@task()
def render_report_pdf(page_pk, language):
    """The worker's task: the PDF of one concluded, public consultation's report in one language."""
    page = data.public_consultations().select_related("agency", "locale").filter(pk=page_pk).first()
    if page is None or page.status != ConsultationStatus.CONCLUDED:
        return None
    return store_report_pdf(page, language)


def queue_report_pdfs(translation_key):
    """After the current transaction commits, enqueue the PDFs of every language version of a concluded
    consultation, in each interface language."""

    def enqueue():
        pages = data.public_consultations().concluded().filter(translation_key=translation_key)
        for pk in pages.values_list("pk", flat=True):
            for language, _name in settings.LANGUAGES:
                render_report_pdf.enqueue(pk, language)

    transaction.on_commit(enqueue)


@receiver(post_save, sender=Disposition)
@receiver(post_delete, sender=Disposition)
def disposition_changed(sender, instance, **kwargs):
    try:
        key = instance.comment.translation_key
    except Comment.DoesNotExist:  # deleted with its comment
        return
    queue_report_pdfs(key)


@receiver(page_published, sender=ConsultationPage)
def consultation_published(sender, instance, **kwargs):
    if instance.status == ConsultationStatus.CONCLUDED:
        queue_report_pdfs(instance.translation_key)
