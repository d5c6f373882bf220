"""On PostgreSQL: a stored tsvector of each row's terms, with a GIN index (search.query matches it).

The terms are already normalised (search.normalise), so the database does not parse them again:
array_to_tsvector takes each space-separated term as a lexeme as it is, whatever the database's
locale or text search configuration. Nothing is done on other databases (SQLite uses LIKE).
"""

from django.db import migrations

FORWARD = [
    """ALTER TABLE search_searchdocument ADD COLUMN document tsvector GENERATED ALWAYS AS (
        setweight(array_to_tsvector(string_to_array(btrim(title_terms), ' ')), 'A')
        || array_to_tsvector(string_to_array(btrim(terms), ' '))
    ) STORED""",
    "CREATE INDEX search_document_gin ON search_searchdocument USING gin (document)",
    """ALTER TABLE search_commentdocument ADD COLUMN document tsvector GENERATED ALWAYS AS (
        array_to_tsvector(string_to_array(btrim(terms), ' '))
    ) STORED""",
    "CREATE INDEX search_comment_document_gin ON search_commentdocument USING gin (document)",
]
BACKWARD = [
    "ALTER TABLE search_commentdocument DROP COLUMN document",
    "ALTER TABLE search_searchdocument DROP COLUMN document",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
