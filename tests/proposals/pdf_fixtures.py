"""PDF files built for the upload check: the reviewer's object-stream attack (/tmp/review/mkpdf.py) and variants."""

import base64
import struct
import zlib

CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
SCRIPTED_CATALOG = b"<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (app.alert\\(1\\)) >> >>"


def object_stream_pdf(catalog=SCRIPTED_CATALOG, filters=(b"/FlateDecode",), encode=zlib.compress, extra=b""):
    """Catalog, pages and page inside one compressed object stream, found through an xref stream."""
    objs = {
        1: catalog,
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    }
    body = header = b""
    for number, obj in objs.items():
        header += b"%d %d " % (number, len(body))
        body += obj + b"\n"
    packed = encode(header + body)
    filter_entry = filters[0] if len(filters) == 1 else b"[" + b" ".join(filters) + b"]"
    out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"
    stream_offset = len(out)
    out += (
        b"4 0 obj\n<< /Type /ObjStm /N 3 /First %d /Filter %s %s/Length %d >>\nstream\n"
        % (len(header), filter_entry, extra, len(packed))
        + packed
        + b"\nendstream\nendobj\n"
    )
    xref_offset = len(out)
    rows = [(0, 0, 65535), (2, 4, 0), (2, 4, 1), (2, 4, 2), (1, stream_offset, 0), (1, xref_offset, 0)]
    table = b"".join(struct.pack(">BIH", *row) for row in rows)
    out += (
        b"5 0 obj\n<< /Type /XRef /Size 6 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(table)
        + table
        + b"\nendstream\nendobj\n"
    )
    return out + b"startxref\n%d\n%%%%EOF\n" % xref_offset


def reviewer_pdf():
    """Byte for byte what /tmp/review/mkpdf.py writes: a JavaScript OpenAction inside a FlateDecode object stream."""
    return object_stream_pdf()


def ascii85_then_flate(raw):
    return base64.a85encode(zlib.compress(raw)) + b"~>"


def png_sub_rows(raw, columns=8):
    """PNG predictor 'Sub' rows: each byte stored as its difference from the byte before."""
    out = b""
    for start in range(0, len(raw), columns):
        row = raw[start : start + columns]
        out += b"\x01" + bytes((row[i] - (row[i - 1] if i else 0)) & 0xFF for i in range(len(row)))
    return zlib.compress(out)
