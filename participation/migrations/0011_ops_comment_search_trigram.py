"""The moderation queue's search at scale (issue 8): trigram indexes for "contains" searches, PostgreSQL only.

The queue searches comment bodies, authors' display names and consultation titles with `icontains`, which
PostgreSQL runs as `UPPER(column) LIKE UPPER('%term%')`: a B-tree cannot help, so every search read the
whole comment table (about 1 s at 100,000 comments). A GIN index of the trigrams of `UPPER(body)` (pg_trgm)
answers those LIKEs directly; so does one on authors' display names, which the search reads first
(participation.admin_views.ModerationIndexView.get_search_results). Consultation titles are few: their
table is read whole, quickly.

Trigrams of Arabic words need a database whose LC_CTYPE is UTF-8 (C.UTF-8; see STACK-NOTES); with `C` the
index still gives right answers (PostgreSQL rechecks every row) but no speed.

Built CONCURRENTLY (the migration is not atomic), so a live site keeps taking comments meanwhile. SQLite
and other databases skip both operations; the indexes live outside the models' state, so nothing else
changes.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "comment_body_trgm": ("participation_comment", "body"),
    "profile_display_name_trgm": ("participation_profile", "display_name"),
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, column) in INDEXES.items():
        schema_editor.execute(
            f'CREATE INDEX CONCURRENTLY IF NOT EXISTS "{name}" ON "{table}" USING gin (UPPER("{column}") gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{name}"')


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("participation", "0010_questionnaires_and_respondents"),
    ]

    operations = [
        TrigramExtension(),  # skipped by Django itself on databases other than PostgreSQL
        migrations.RunPython(create_indexes, drop_indexes, elidable=False),
    ]
