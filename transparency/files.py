"""CSV and JSON responses that are safe to open in a spreadsheet and easy to read in any language."""

import csv
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse

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
