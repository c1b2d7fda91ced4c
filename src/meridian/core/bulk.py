"""Insert many new rows with one statement per chunk, and learn their ids.

bulk_create() prepares every value through its field, compiles the statement
anew for each chunk and copies each object's state: for the comments of a large
WordPress export that took longer than rendering them, and for the search index
of 100,000 articles longer than the full-text indexing. Here each field's value goes to
the database as the object holds it, except dates, which the backend adapts,
and any other type, which its field prepares as bulk_create() would. No signal
is sent, as with bulk_create().
"""

from collections.abc import Sequence
from datetime import datetime

from django.db import connection
from django.db.models import Model

# Well under SQLite's 32,766 parameters for a model of a few dozen columns.
ROWS_PER_STATEMENT = 500
_PLAIN = (str, int, float, bool, type(None))


def insert_rows(objects: Sequence[Model]) -> None:
    """Insert new objects of one model and set their primary keys."""
    if not objects:
        return
    meta = objects[0]._meta
    fields = [field for field in meta.concrete_fields if not field.primary_key]
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(objects), ROWS_PER_STATEMENT):
            chunk = objects[start : start + ROWS_PER_STATEMENT]
            params: list = []
            for obj in chunk:
                params.extend(_value(obj, field) for field in fields)
            cursor.execute(
                f"INSERT INTO {quote(meta.db_table)} ({columns})"
                f" VALUES {', '.join([row] * len(chunk))}"
                f" RETURNING {quote(meta.pk.column)}",
                params,
            )
            # Both SQLite and PostgreSQL return the rows in the order of
            # VALUES, as bulk_create() also relies on.
            for obj, (pk,) in zip(chunk, cursor.fetchall(), strict=True):
                obj.pk = pk
                obj._state.adding = False


def _value(obj: Model, field):
    value = getattr(obj, field.attname)
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    if isinstance(value, _PLAIN):
        return value
    return field.get_db_prep_save(value, connection)
