"""CSV and JSON responses that are safe to open in a spreadsheet and easy to read in any language."""

import csv
import io
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse, StreamingHttpResponse
from django.utils import translation

# A cell that starts with one of these is read as a formula by spreadsheet programs
# (CSV injection); a leading apostrophe makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"  # so that Excel reads the file as UTF-8 (Arabic included)


def neutralise(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_response(filename, fieldnames, rows):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BOM)
    writer = csv.writer(response)
    writer.writerow(fieldnames)
    for row in rows:
        writer.writerow([neutralise(row.get(name)) for name in fieldnames])
    return response


def json_response(filename, document):
    response = HttpResponse(
        json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


# Streamed files: rows are written as they come from the database, a batch at a time, so
# memory stays flat whatever the number of rows (see transparency.views).

STREAM_BATCH = 500  # rows per chunk sent to the client


def csv_chunks(fieldnames, rows, batch=STREAM_BATCH):
    """The CSV file (byte order mark, header, formula-safe cells) as text chunks of `batch` rows."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write(BOM)
    writer.writerow(fieldnames)
    for count, row in enumerate(rows, start=1):
        writer.writerow([neutralise(row.get(name)) for name in fieldnames])
        if count % batch == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def json_chunks(envelope, key, items, batch=STREAM_BATCH):
    """A valid JSON object: `envelope` with `key` holding a list of `items`, written one item
    at a time (the envelope first, then the items separated by commas)."""
    encoder = DjangoJSONEncoder(ensure_ascii=False)
    head = json.dumps({**envelope, key: []}, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    parts = [head[: head.rindex("[") + 1]]  # everything up to the (last) key's opening bracket
    count = 0
    for count, item in enumerate(items, start=1):
        parts.append(("\n    " if count == 1 else ",\n    ") + encoder.encode(item))
        if len(parts) >= batch:
            yield "".join(parts)
            parts = []
    parts.append("\n  ]\n}\n" if count else "]\n}\n")
    yield "".join(parts)


def _encoded_in_language(chunks, language):
    """The chunks as UTF-8, made in `language`: they are made after the view has returned, while the
    server sends the response, so labels and names must not depend on what is active then."""
    with translation.override(language):
        for chunk in chunks:
            yield chunk.encode("utf-8")


def _streaming(chunks, content_type, disposition):
    response = StreamingHttpResponse(
        _encoded_in_language(chunks, translation.get_language()), content_type=content_type
    )
    response["Content-Disposition"] = disposition
    return response


def streaming_csv_response(filename, fieldnames, rows):
    return _streaming(csv_chunks(fieldnames, rows), "text/csv; charset=utf-8", f'attachment; filename="{filename}"')


def streaming_json_response(filename, envelope, key, items):
    return _streaming(
        json_chunks(envelope, key, items), "application/json; charset=utf-8", f'inline; filename="{filename}"'
    )
