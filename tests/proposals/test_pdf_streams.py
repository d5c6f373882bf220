"""The PDF check looks inside compressed streams: names hidden in object streams, behind #xx escapes, filter
chains or predictors are found; streams it cannot read and decompression bombs are refused."""

import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from participation.services import ResponseRefused
from proposals.attachments import clean_upload
from proposals.models import Proposal, ProposalAttachment

from .pdf_fixtures import (
    CATALOG,
    SCRIPTED_CATALOG,
    ascii85_then_flate,
    object_stream_pdf,
    png_sub_rows,
    reviewer_pdf,
)
from .test_attachments import form, private_root, stored_files  # noqa: F401 (fixture)

SCRIPTS = "contains scripts, forms or embedded files"
UNREADABLE = "cannot read inside this PDF file"


def refusal(content):
    with pytest.raises(ResponseRefused) as refused:
        clean_upload(SimpleUploadedFile("a.pdf", content))
    return str(refused.value)


@pytest.mark.django_db
def test_the_reviewers_file_is_refused_at_submission(site_tree, citizen_client, private_root):  # noqa: F811
    upload = SimpleUploadedFile("active.pdf", reviewer_pdf(), content_type="application/pdf")
    response = citizen_client.post("/en/participate/proposals/new/", form(site_tree, attachments=[upload]))
    assert response.status_code == 400
    assert SCRIPTS in response.content.decode()
    assert not Proposal.objects.exists() and not ProposalAttachment.objects.exists()
    assert stored_files(private_root) == []


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(reviewer_pdf(), id="flate-object-stream"),
        pytest.param(object_stream_pdf(SCRIPTED_CATALOG.replace(b"/JavaScript", b"/J#61vaScript")), id="hex-name"),
        pytest.param(
            object_stream_pdf(SCRIPTED_CATALOG.replace(b"/S /JavaScript /JS", b"/S /Launch /F")),
            id="launch",
        ),
        pytest.param(
            object_stream_pdf(filters=(b"/ASCII85Decode", b"/FlateDecode"), encode=ascii85_then_flate),
            id="ascii85-then-flate",
        ),
        pytest.param(
            object_stream_pdf(filters=(b"/AHx",), encode=lambda raw: raw.hex().encode() + b">"), id="hex-filter"
        ),
        pytest.param(
            object_stream_pdf(
                filters=(b"/Fl",), encode=png_sub_rows, extra=b"/DecodeParms << /Predictor 11 /Columns 8 >> "
            ),
            id="png-predictor",
        ),
        pytest.param(object_stream_pdf(filters=(b"/F#6cateDecode",)), id="escaped-filter-name"),
    ],
)
def test_scripts_hidden_in_streams_are_found(content):
    assert SCRIPTS in refusal(content)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(object_stream_pdf(CATALOG, filters=(b"/LZWDecode",), encode=lambda raw: raw), id="unknown-filter"),
        pytest.param(object_stream_pdf(CATALOG, encode=lambda raw: b"not zlib at all" + raw), id="broken-flate"),
        pytest.param(
            object_stream_pdf(CATALOG + b" " * 16, encode=lambda raw: zlib.compress(raw + b" " * (51 * 1024 * 1024))),
            id="decompression-bomb",
        ),
        pytest.param(object_stream_pdf(CATALOG).replace(b"/Root 1 0 R", b"/Root 1 0 R /Encrypt 6 0 R"), id="encrypted"),
    ],
)
def test_streams_the_check_cannot_read_are_refused(content):
    assert UNREADABLE in refusal(content)


def test_an_ordinary_compressed_pdf_is_accepted():
    content = object_stream_pdf(CATALOG)
    cleaned = clean_upload(SimpleUploadedFile("report.pdf", content))
    assert cleaned.content == content and cleaned.content_type == "application/pdf"
    jpeg_like = object_stream_pdf(CATALOG, filters=(b"/FlateDecode", b"/DCTDecode"))
    assert clean_upload(SimpleUploadedFile("scan.pdf", jpeg_like)).kind == "document"
