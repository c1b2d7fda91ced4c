"""PostgreSQL: the tsvector made by a trigger, so a rebuild can bring its own;
the body stored uncompressed.

A generated column computes its value in the process that inserts the row,
on one core: a rebuild of 100,000 articles spent two minutes there. The same
expression is now a function (search_document_tsvector), which a trigger
applies to every insert and update of the text, as the generated column did;
a full rebuild computes it beforehand with a parallel query on every core the
server allows (backends/postgres.py) and inserts the rows with their vectors,
which the trigger then keeps. The values already stored stay as they are.
"""

from django.db import migrations

FUNCTION = """CREATE FUNCTION search_document_tsvector(
    title text, tags text, summary text, body text
) RETURNS tsvector LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', tags || ' ' || summary), 'B')
        || setweight(to_tsvector('english', body), 'C')
$$"""
# An insert that brings no vector, and every update of the text, gets one
# worked out from the row's own text.
TRIGGER_FUNCTION = """CREATE FUNCTION search_document_tsvector_trigger()
RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' OR NEW.vector IS NULL THEN
        NEW.vector := search_document_tsvector(
            NEW.title, NEW.tags, NEW.summary, NEW.body
        );
    END IF;
    RETURN NEW;
END
$$"""
TRIGGER = """CREATE TRIGGER search_document_tsvector
BEFORE INSERT OR UPDATE OF title, tags, summary, body ON search_document
FOR EACH ROW EXECUTE FUNCTION search_document_tsvector_trigger()"""

POSTGRES_FORWARD = [
    FUNCTION,
    TRIGGER_FUNCTION,
    "ALTER TABLE search_document ALTER COLUMN vector DROP EXPRESSION",
    TRIGGER,
    # Stored as it is, out of the row: a rebuild no longer compresses every
    # article's text once more, and a snippet made from the opening of a
    # long text reads only that opening.
    "ALTER TABLE search_document ALTER COLUMN body SET STORAGE EXTERNAL",
]
POSTGRES_BACKWARD = [
    "ALTER TABLE search_document ALTER COLUMN body SET STORAGE EXTENDED",
    "DROP TRIGGER search_document_tsvector ON search_document",
    "DROP FUNCTION search_document_tsvector_trigger()",
    "DROP INDEX IF EXISTS search_document_vector",
    "ALTER TABLE search_document DROP COLUMN vector",
    """ALTER TABLE search_document ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('english', title), 'A')
        || setweight(to_tsvector('english', tags || ' ' || summary), 'B')
        || setweight(to_tsvector('english', body), 'C')
    ) STORED""",
    "DROP FUNCTION search_document_tsvector(text, text, text, text)",
    "ALTER TABLE search_document ALTER COLUMN vector SET STORAGE MAIN",
    "CREATE INDEX search_document_vector ON search_document USING gin (vector)"
    " WITH (fastupdate = off)",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("search", "0002_postgres_vector_inline")]

    operations = [
        migrations.RunPython(_run(POSTGRES_FORWARD), _run(POSTGRES_BACKWARD)),
    ]
