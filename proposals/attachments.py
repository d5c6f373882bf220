"""Checking the files citizens attach to proposals: type read from the content, size limits, images re-encoded.

Accepted: PDF documents, JPEG and PNG images, at most MAX_FILES of MAX_BYTES each. The file's name and the
browser's content type are never trusted: the first bytes decide the type. Images are decoded with Pillow
(refusing decompression bombs), turned upright, scaled down to MAX_SIDE and saved again, which drops their
hidden data (camera, location) and anything that is not the picture. PDFs are refused when they carry scripts,
launch actions, embedded files or forms (a scan of the file and of its decoded streams, names decoded; encrypted
files and streams it cannot decode are refused); they are served as downloads in
a sandbox (proposals.views.attachment), never shown inline.
"""

import base64
import binascii
import io
import os
import re
import unicodedata
import warnings
import zlib
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


# Stream filters the check decodes; image codecs (their output is pixels, never PDF objects) end the chain.
PDF_STREAM = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
PDF_FILTERS = {
    b"FlateDecode": "flate",
    b"Fl": "flate",
    b"ASCIIHexDecode": "hex",
    b"AHx": "hex",
    b"ASCII85Decode": "a85",
    b"A85": "a85",
    b"RunLengthDecode": "runlength",
    b"RL": "runlength",
}
PDF_IMAGE_FILTERS = {b"DCTDecode", b"DCT", b"JPXDecode", b"CCITTFaxDecode", b"CCF", b"JBIG2Decode"}
PDF_MAX_DECODED = 50 * 1024 * 1024
PDF_ENCRYPTED = re.compile(rb"/Encrypt(?![A-Za-z])")


class _Undecodable(Exception):
    pass


def _pdf_names(data):
    """Names written with #xx escapes (/J#61vaScript) in their plain form."""
    return PDF_NAME_ESCAPE.sub(lambda match: bytes([int(match.group(1), 16)]), data)


def _stream_dictionary(data, end):
    """The dictionary that ends at data[end] (just after its '>>'), found by counting nested '<<' '>>'."""
    depth, index = 0, end
    while index > 1:
        pair = data[index - 2 : index]
        if pair == b">>":
            depth += 1
            index -= 2
        elif pair == b"<<":
            depth -= 1
            index -= 2
            if depth == 0:
                return data[index:end]
        else:
            index -= 1
    raise _Undecodable


def _int_param(dictionary, name, default):
    match = re.search(rb"/" + name + rb"\s+(\d+)", dictionary)
    return int(match.group(1)) if match else default


def _unpredict(data, dictionary):
    """Undoes the PNG (10-15) and TIFF (2) predictors, so that names cannot hide in row differences."""
    predictor = _int_param(dictionary, b"Predictor", 1)
    if predictor <= 1:
        return data
    colors = _int_param(dictionary, b"Colors", 1)
    bits = _int_param(dictionary, b"BitsPerComponent", 8)
    columns = _int_param(dictionary, b"Columns", 1)
    if not (0 < colors <= 32 and bits in (1, 2, 4, 8, 16) and 0 < columns <= 1_000_000):
        raise _Undecodable
    width = (colors * bits * columns + 7) // 8
    step = max(1, colors * bits // 8)
    out = bytearray()
    if predictor == 2:
        if bits != 8:
            raise _Undecodable
        for start in range(0, len(data), width):
            row = bytearray(data[start : start + width])
            for i in range(step, len(row)):
                row[i] = (row[i] + row[i - step]) & 0xFF
            out += row
        return bytes(out)
    if predictor < 10:
        raise _Undecodable
    previous = bytearray(width)
    for start in range(0, len(data), width + 1):
        kind, row = data[start], bytearray(data[start + 1 : start + 1 + width])
        for i in range(len(row)):
            left = row[i - step] if i >= step else 0
            up = previous[i] if i < len(previous) else 0
            upper_left = previous[i - step] if i >= step and i < len(previous) else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upper_left)) & 0xFF
            elif kind != 0:
                raise _Undecodable
        out += row
        previous = row
    return bytes(out)


def _decode(kind, data, budget):
    """One filter's output; each of these encodings marks its own end, so /Length is not needed."""
    if kind == "flate":
        inflater = zlib.decompressobj()
        try:
            out = inflater.decompress(data, budget + 1)
        except zlib.error as error:
            raise _Undecodable from error
        if len(out) > budget:
            raise _Undecodable
        return out
    if kind == "hex":
        end = data.find(b">")
        digits = re.sub(rb"\s", b"", data if end < 0 else data[:end])
        if len(digits) % 2:
            digits += b"0"
        try:
            return binascii.unhexlify(digits)
        except binascii.Error as error:
            raise _Undecodable from error
    if kind == "a85":
        end = data.find(b"~>")
        body = re.sub(rb"\s", b"", data if end < 0 else data[:end])
        if body.startswith(b"<~"):
            body = body[2:]
        try:
            return base64.a85decode(body)
        except ValueError as error:
            raise _Undecodable from error
    out, index = bytearray(), 0
    while index < len(data) and data[index] != 128:
        length = data[index]
        if length < 128:
            out += data[index + 1 : index + 2 + length]
            index += length + 2
        else:
            out += data[index + 1 : index + 2] * (257 - length)
            index += 2
        if len(out) > budget:
            raise _Undecodable
    return bytes(out)


def _decoded_streams(data):
    """The decoded content of every filtered stream (object streams can hide names in compressed data)."""
    budget = PDF_MAX_DECODED
    for match in PDF_STREAM.finditer(data):
        dictionary = _pdf_names(_stream_dictionary(data, match.start() + 2))
        found = re.search(rb"/Filter\s*(\[[^\]]*\]|/[^\s/\[\]<>()]+)", dictionary)
        if not found:
            continue
        filters = re.findall(rb"/([^\s/\[\]<>()]+)", found.group(1))
        content = data[match.end() :]
        for position, name in enumerate(filters):
            if name in PDF_IMAGE_FILTERS:
                break
            if name not in PDF_FILTERS:
                raise _Undecodable
            content = _decode(PDF_FILTERS[name], content, budget)
            if name in (b"FlateDecode", b"Fl") and position == len(filters) - 1:
                content = _unpredict(content, dictionary)
            budget -= len(content)
            if budget < 0:
                raise _Undecodable
        yield content


def _clean_pdf(data):
    if b"%%EOF" not in data[-2048:]:
        _refuse(_("This PDF file is incomplete or damaged. Save it again and attach it."))
    active = _(
        "This PDF file contains scripts, forms or embedded files, which the portal does not accept. "
        "Print it to a new PDF and attach that one."
    )
    unreadable = _(
        "The portal cannot read inside this PDF file (it is encrypted, damaged or compressed in an unusual way). "
        "Print it to a new PDF and attach that one."
    )
    decoded = _pdf_names(data)
    if PDF_ACTIVE.search(decoded):
        _refuse(active)
    if PDF_ENCRYPTED.search(decoded):
        _refuse(unreadable)
    try:
        for content in _decoded_streams(data):
            content = _pdf_names(content)
            if PDF_ACTIVE.search(content):
                _refuse(active)
            if PDF_ENCRYPTED.search(content):
                _refuse(unreadable)
    except _Undecodable:
        _refuse(unreadable)
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
