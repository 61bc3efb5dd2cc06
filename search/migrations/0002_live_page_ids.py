"""An index of live page ids on PostgreSQL, for the ranked search's check of its matches against live pages.

Without it the check reads all of wagtailcore_page (about 5 ms at 10,000 guides, on every search); with it,
an index-only scan merges with guides_guidepage's primary key (about half that). SQLite is left as it is: its
table rebuilds keep only the indexes Django knows about, so one made here would go away without a word.
"""

from django.db import migrations

INDEX = "search_live_page_ids"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (id) WHERE live")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [
        ("zhinan_search", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_index, drop_index)]
