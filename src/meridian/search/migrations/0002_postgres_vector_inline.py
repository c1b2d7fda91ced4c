"""PostgreSQL: keep each document's tsvector in its row, and its GIN index exact.

A tsvector of a long article is several kilobytes, which PostgreSQL moves out
of the row (TOAST) by default: every match checked, ranked or rechecked for a
phrase then costs a lookup in the TOAST table, which made a search over 100,000
articles take hundreds of milliseconds. STORAGE MAIN keeps it compressed in the
row. Rows written before this keep their old storage until `meridian
search-rebuild` writes them again.

Without the fast-update pending list, every search reads only the index proper
(the list, unmerged after a bulk load, was scanned whole by each search), and
each save updates the index at once.
"""

from django.db import migrations

POSTGRES_FORWARD = [
    "ALTER TABLE search_document ALTER COLUMN vector SET STORAGE MAIN",
    "SELECT gin_clean_pending_list('search_document_vector')",
    "ALTER INDEX search_document_vector SET (fastupdate = off)",
]
POSTGRES_BACKWARD = [
    "ALTER INDEX search_document_vector RESET (fastupdate)",
    "ALTER TABLE search_document ALTER COLUMN vector SET STORAGE EXTENDED",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
    ]
