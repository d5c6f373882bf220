"""Public transparency pages: the outcome report (HTML and PDF) and open data.

Only live, public consultations are served; the report only once the outcome
is published. Citizen text is always escaped in templates; no e-mail address,
no demographics and no unpublished comment is ever part of a page or a file.
"""

import logging

from django.core.files.storage import default_storage
from django.db import transaction
from django.http import FileResponse, HttpResponseNotModified
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.http import http_date
from django.utils.translation import get_language
from django.views.decorators.http import condition, require_safe

from participation.models import ConsultationStatus

from . import data, tasks
from .files import csv_response, json_response, streaming_csv_response, streaming_json_response
from .pdf import weasyprint_problem

logger = logging.getLogger(__name__)


def _public_consultation(page_id):
    return get_object_or_404(data.public_consultations().select_related("agency", "locale"), pk=page_id)


def _translation_in_active_language(page):
    """The live, public version of `page` in the active language that shows the outcome
    too, when it is another page. Until a translation shows the outcome, the report of
    `page` is shown with the interface in the active language."""
    language = get_language()
    if page.locale.language_code == language:
        return None
    return (
        data.public_consultations()
        .concluded()
        .filter(translation_key=page.translation_key, locale__language_code=language)
        .values_list("pk", flat=True)
        .first()
    )


def _report_or_refusal(request, page_id, view_name):
    """(page, None) for a concluded consultation, otherwise (None, a response)."""
    page = _public_consultation(page_id)
    other = _translation_in_active_language(page)
    if other is not None:
        return None, redirect(reverse(view_name, args=[other]))
    if page.status != ConsultationStatus.CONCLUDED:
        response = TemplateResponse(request, "transparency/report_unavailable.html", {"consultation": page}, status=404)
        return None, response
    return page, None


def report_context(request, page):
    """What the report's templates show (HTML and PDF; `request` may be None in the worker)."""
    return {
        "consultation": page,
        "report": data.build_report(page),
        "links": data.consultation_links(page),
    }


@require_safe
def report(request, page_id):
    page, refusal = _report_or_refusal(request, page_id, "transparency_report")
    if refusal is not None:
        return refusal
    context = report_context(request, page)
    context["pdf_problem"] = weasyprint_problem()
    if context["pdf_problem"] is None:
        language = get_language()
        name, _version = tasks.current_pdf(page, language)
        context["pdf_ready"] = default_storage.exists(name)
        if not context["pdf_ready"]:
            # Made by the worker by the time the reader clicks (after this request, never in it).
            transaction.on_commit(lambda: tasks.request_pdf(page, language, name))
    return TemplateResponse(request, "transparency/report.html", context)


@require_safe
def report_pdf(request, page_id):
    """The stored PDF of the current report; while the worker makes it, a page that says so (202)."""
    page, refusal = _report_or_refusal(request, page_id, "transparency_report_pdf")
    if refusal is not None:
        return refusal
    problem = weasyprint_problem()
    if problem is None:
        language = get_language()
        name, version = tasks.current_pdf(page, language)
        etag = f'"{version.tag}"'
        if etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]:
            response = HttpResponseNotModified()
            response["ETag"] = etag
            return response
        if not default_storage.exists(name) and tasks.failure(name) is None:
            tasks.request_pdf(page, language, name)  # the immediate backend (tests, development) makes it now
        if default_storage.exists(name):
            response = FileResponse(
                default_storage.open(name, "rb"),
                as_attachment=True,
                filename=f"outcome-report-{page.pk}-{page.locale.language_code}.pdf",
                content_type="application/pdf",
            )
            response["ETag"] = etag
            if version.modified:
                response["Last-Modified"] = http_date(version.modified.timestamp())
            return response
        problem = tasks.failure(name)
        if problem is None:
            response = TemplateResponse(
                request,
                "transparency/pdf_preparing.html",
                {"consultation": page, "report_url": reverse("transparency_report", args=[page.pk])},
                status=202,
            )
            response["Retry-After"] = "30"
            response["Cache-Control"] = "no-store"
            return response
        logger.warning("The PDF of the outcome report %s could not be made: %s", page.pk, problem)
    return TemplateResponse(
        request,
        "transparency/pdf_unavailable.html",
        {"consultation": page, "problem": problem, "report_url": reverse("transparency_report", args=[page.pk])},
        status=503,
    )


# Open data ----------------------------------------------------------------------------
#
# The comments files and the catalogue are streamed (rows read from the database in chunks and
# written as they come), so a worker's memory does not grow with the number of comments. Each
# carries an ETag and a Last-Modified computed by one aggregate query (transparency.data.*_version);
# a client that already has the current file gets 304 Not Modified without the file being built.


def _comments_version(request, page_id):
    """(page, version) for the comments files, computed once per request."""
    cached = getattr(request, "_tawasul_comments_version", None)
    if cached is None or cached[0].pk != page_id:
        page = _public_consultation(page_id)
        cached = (page, data.comments_version(page, get_language()))
        request._tawasul_comments_version = cached
    return cached


def _comments_etag(request, page_id):
    return f'W/"{_comments_version(request, page_id)[1].tag}"'


def _comments_modified(request, page_id):
    return _comments_version(request, page_id)[1].modified


def _catalogue_version(request):
    cached = getattr(request, "_tawasul_catalogue_version", None)
    if cached is None:
        cached = request._tawasul_catalogue_version = data.catalogue_version(get_language())
    return cached


def _catalogue_etag(request):
    return f'W/"{_catalogue_version(request).tag}"'


def _catalogue_modified(request):
    return _catalogue_version(request).modified


comments_condition = condition(etag_func=_comments_etag, last_modified_func=_comments_modified)
catalogue_condition = condition(etag_func=_catalogue_etag, last_modified_func=_catalogue_modified)


@require_safe
@comments_condition
def comments_csv(request, page_id):
    page, _version = _comments_version(request, page_id)
    fields = [item.name for item in data.comments_schema()]
    return streaming_csv_response(f"consultation-{page.pk}-comments.csv", fields, data.iter_comment_rows(page))


@require_safe
@comments_condition
def comments_json(request, page_id):
    page, _version = _comments_version(request, page_id)
    envelope = {"consultation": data.consultation_metadata(page, request), "generated_at": data.iso(timezone.now())}
    return streaming_json_response(
        f"consultation-{page.pk}-comments.json", envelope, "comments", data.iter_comment_rows(page)
    )


@require_safe
def polls_csv(request, page_id):
    page = _public_consultation(page_id)
    fields = [item.name for item in data.polls_schema()]
    return csv_response(f"consultation-{page.pk}-polls.csv", fields, data.poll_rows(page))


@require_safe
def polls_json(request, page_id):
    page = _public_consultation(page_id)
    document = {
        "consultation": data.consultation_metadata(page, request),
        "generated_at": data.iso(timezone.now()),
        "polls": data.polls_document(page),
    }
    return json_response(f"consultation-{page.pk}-polls.json", document)


@require_safe
def questionnaires_csv(request, page_id):
    """Counts for the closed questions of the consultation's questionnaires (never the written answers)."""
    page = _public_consultation(page_id)
    fields = [item.name for item in data.questionnaires_schema()]
    return csv_response(f"consultation-{page.pk}-questionnaires.csv", fields, data.questionnaire_rows(page))


@require_safe
def questionnaires_json(request, page_id):
    page = _public_consultation(page_id)
    document = {
        "consultation": data.consultation_metadata(page, request),
        "generated_at": data.iso(timezone.now()),
        "questionnaires": data.questionnaires_document(page),
        "participants_by_sector": data.sectors_document(page),
    }
    return json_response(f"consultation-{page.pk}-questionnaires.json", document)


@require_safe
def open_data(request):
    entries = data.catalogue(get_language(), request)
    return TemplateResponse(
        request,
        "transparency/open_data.html",
        {
            "entries": entries,
            "schemas": [
                ("consultations", data.consultations_schema()),
                ("comments", data.comments_schema()),
                ("polls", data.polls_schema()),
                ("questionnaires", data.questionnaires_schema()),
            ],
        },
    )


@require_safe
@catalogue_condition
def catalogue_csv(request):
    fields = [item.name for item in data.consultations_schema()]
    rows = (metadata for _page, metadata in data.catalogue(get_language(), request))
    return streaming_csv_response(f"consultations-{get_language()}.csv", fields, rows)


@require_safe
@catalogue_condition
def catalogue_json(request):
    envelope = {"generated_at": data.iso(timezone.now())}
    rows = (metadata for _page, metadata in data.catalogue(get_language(), request))
    return streaming_json_response(f"consultations-{get_language()}.json", envelope, "consultations", rows)
