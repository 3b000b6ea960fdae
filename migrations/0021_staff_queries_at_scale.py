"""Staff queries at a million reports: the triage queue read in its order from an index, and
the staff search over a stored search vector.

The queue orders the reports still to be looked at by (not urgent, triage due, received,
id); a partial index over exactly those reports in exactly that order lets the first page
and every next page (a row comparison from the cursor) read a page of index entries instead
of sorting every open report. The fallback day for a report without a triage deadline (only
reports from before 0017) is its day of receipt in Dutch time, written immutably so that it
can be indexed.

The search vector of the masked text is stored (a generated column, kept by PostgreSQL when
the masked text changes, not a model field: the ORM never reads it) so that checking a row
while walking the newest reports costs a lookup, not a parse of the text; its GIN index
replaces the expression index of 0002.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops

TRIAGE_KEY = (
    "(urgency_flags = '[]'::jsonb), "
    "coalesce(triage_due, (created_at AT TIME ZONE 'Europe/Amsterdam')::date), created_at, id"
)
OPEN = "triaged_at IS NULL AND status IN ('RECEIVED', 'IN_REVIEW', 'LINKED_TO_THEME')"


class Migration(migrations.Migration):
    dependencies = [("models", "0020_report_tags")]

    initial = False

    operations = [
        ops.RunSQL(
            f"CREATE INDEX IF NOT EXISTS report_triage_queue ON report ({TRIAGE_KEY}) WHERE {OPEN};",
            reverse_sql="DROP INDEX IF EXISTS report_triage_queue;",
        ),
        ops.RunSQL(
            "ALTER TABLE report ADD COLUMN IF NOT EXISTS search_vector tsvector "
            "GENERATED ALWAYS AS (to_tsvector('dutch', masked_text)) STORED;",
            reverse_sql="ALTER TABLE report DROP COLUMN IF EXISTS search_vector;",
        ),
        ops.RunSQL(
            "CREATE INDEX IF NOT EXISTS report_search_vector ON report USING gin (search_vector);",
            reverse_sql="DROP INDEX IF EXISTS report_search_vector;",
        ),
        ops.RunSQL(
            "DROP INDEX IF EXISTS report_masked_text_fts;",
            reverse_sql="CREATE INDEX IF NOT EXISTS report_masked_text_fts "
            "ON report USING gin (to_tsvector('dutch', masked_text));",
        ),
    ]
