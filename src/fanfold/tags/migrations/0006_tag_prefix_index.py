"""An index for tag autocomplete's prefix search, in the form each database can use."""

from django.db import migrations


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # text_pattern_ops lets LIKE 'abc%' use the index whatever the database collation.
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS tag_prefix_idx ON tags_tag (type, lower(name) text_pattern_ops)"
        )
    else:
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS tag_prefix_idx ON tags_tag (type, lower(name))"
        )


def drop_index(apps, schema_editor):
    schema_editor.execute("DROP INDEX IF EXISTS tag_prefix_idx")


class Migration(migrations.Migration):
    dependencies = [("tags", "0005_tag_wranglers_group")]
    operations = [migrations.RunPython(create_index, drop_index)]
