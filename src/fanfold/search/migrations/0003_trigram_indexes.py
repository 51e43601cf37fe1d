"""Trigram indexes for people and bookmark search's word matching, on PostgreSQL only.

`field__icontains` is `UPPER(field::text) LIKE UPPER('%word%')` on PostgreSQL: a GIN index of
that expression's trigrams answers it without reading the whole table. SQLite has no such
index and keeps its scan (the embedded archive is small); there this migration does nothing.
"""

from django.db import migrations

# (table, column): what people search (pseud names and descriptions, user names) and bookmark
# search (notes, the bookmarker's tag names, user names) match words in.
INDEXED = [
    ("accounts_pseud", "name"),
    ("accounts_pseud", "description"),
    ("accounts_user", "username"),
    ("feedback_bookmark", "notes"),
    ("tags_tag", "name"),
]


def _index_name(table: str, column: str) -> str:
    return f"{table}_{column}_trgm"


def create_indexes(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for table, column in INDEXED:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{_index_name(table, column)}" ON "{table}" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_indexes(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in INDEXED:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{_index_name(table, column)}"')


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_savedfilter_is_default_and_more"),
        ("accounts", "0006_inviterequest_preference_hide_freeforms_and_more"),
        ("feedback", "0006_series_bookmarks"),
        ("tags", "0006_tag_prefix_index"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
