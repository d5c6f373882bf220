"""Checking the files citizens attach to proposals: type read from the content, size limits, images re-encoded.

Accepted: PDF documents, JPEG and PNG images, at most MAX_FILES of MAX_BYTES each. The file's name and the
browser's content type are never trusted: the first bytes decide the type. Images are decoded with Pillow
(refusing decompression bombs), turned upright, scaled down to MAX_SIDE and saved again, which drops their
hidden data (camera, location) and anything that is not the picture. PDFs are refused when they carry scripts,
launch actions, embedded files or forms (a scan of the file, names decoded); they are served as downloads in
a sandbox (proposals.views.attachment), never shown inline.
"""

import io
import os
import re
import unicodedata
import warnings
from dataclasses import dataclass

from django.utils.translation import gettext as _

from participation.services import ResponseRefused

MAX_FILES = 3
MAX_BYTES = 5 * 1024 * 1024
MAX_PIXELS = 30_000_000
MAX_SIDE = 2400
NAME_MAX_LENGTH = 120

PDF, JPEG, PNG = "application/pdf", "image/jpeg", "image/png"
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}
# Active content in a PDF: scripts, actions that start programs, embedded files, rich media, XFA forms.
PDF_ACTIVE = re.compile(rb"/(JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData)(?![A-Za-z])")
PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")


@dataclass
class CleanFile:
    name: str
    kind: str
    content_type: str
    content: bytes

    @property
    def extension(self):
        return EXTENSIONS[self.content_type]


def sniff(head):
    """The content type from the first bytes, or None."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    return None


def display_name(raw, content_type):
    """The citizen's file name, shown as text: no folders, no control characters, the extension of its type."""
    base = os.path.splitext(os.path.basename((raw or "").replace("\\", "/")))[0]
    base = "".join(
        ch for ch in unicodedata.normalize("NFC", base) if unicodedata.category(ch)[0] not in "CZ" or ch == " "
    )
    base = " ".join(base.split())[: NAME_MAX_LENGTH - 5] or _("file")
    return base + EXTENSIONS[content_type]


def _refuse(message):
    raise ResponseRefused(message)


def _clean_pdf(data):
    if b"%%EOF" not in data[-2048:]:
        _refuse(_("This PDF file is incomplete or damaged. Save it again and attach it."))
    decoded = PDF_NAME_ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), data)
    if PDF_ACTIVE.search(decoded):
        _refuse(
            _(
                "This PDF file contains scripts, forms or embedded files, which the portal does not accept. "
                "Print it to a new PDF and attach that one."
            )
        )
    return data


def _clean_image(data, content_type):
    from PIL import Image, ImageOps

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in ("JPEG", "PNG") or Image.MIME.get(image.format) != content_type:
                    _refuse(_("Attach a PDF document, or a JPEG or PNG image."))
                width, height = image.size
                if width * height > MAX_PIXELS:
                    _refuse(_("This image is too large: at most 30 million pixels."))
                image.load()
                image = ImageOps.exif_transpose(image)
                image.thumbnail((MAX_SIDE, MAX_SIDE))
                output = io.BytesIO()
                if content_type == JPEG:
                    image.convert("RGB").save(output, "JPEG", quality=85, optimize=True)
                else:
                    if image.mode not in ("RGB", "RGBA", "L", "LA"):
                        image = image.convert("RGBA")
                    image.save(output, "PNG", optimize=True)
    except ResponseRefused:
        raise
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning):
        _refuse(_("This image could not be read. Save it again as JPEG or PNG and attach it."))
    return output.getvalue()


def clean_upload(upload):
    """A CleanFile from an uploaded file, or ResponseRefused with the reason, in plain language."""
    size = getattr(upload, "size", None) or 0
    if size > MAX_BYTES:
        _refuse(_("“%(name)s” is too large: at most 5 MB per file.") % {"name": os.path.basename(upload.name or "")})
    upload.seek(0)
    data = upload.read(MAX_BYTES + 1)
    if not data:
        _refuse(_("An attached file is empty."))
    if len(data) > MAX_BYTES:
        _refuse(_("“%(name)s” is too large: at most 5 MB per file.") % {"name": os.path.basename(upload.name or "")})
    content_type = sniff(data[:16])
    if content_type is None:
        _refuse(_("Attach a PDF document, or a JPEG or PNG image."))
    if content_type == PDF:
        content, kind = _clean_pdf(data), "document"
    else:
        content, kind = _clean_image(data, content_type), "image"
    return CleanFile(display_name(upload.name, content_type), kind, content_type, content)


def clean_uploads(uploads):
    uploads = [upload for upload in uploads or [] if upload]
    if len(uploads) > MAX_FILES:
        _refuse(_("Attach at most %(count)d files.") % {"count": MAX_FILES})
    return [clean_upload(upload) for upload in uploads]
