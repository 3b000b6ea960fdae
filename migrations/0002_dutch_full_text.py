"""Dutch full-text search over the masked report text (staff search), and keyset indexes."""

from tortoise import migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0001_initial")]

    initial = False

    operations = [
        ops.RunSQL(
            "CREATE INDEX IF NOT EXISTS report_masked_text_fts "
            "ON report USING gin (to_tsvector('dutch', masked_text));",
            reverse_sql="DROP INDEX IF EXISTS report_masked_text_fts;",
        ),
        ops.RunSQL(
            "CREATE INDEX IF NOT EXISTS report_keyset ON report (created_at DESC, id DESC);",
            reverse_sql="DROP INDEX IF EXISTS report_keyset;",
        ),
        ops.RunSQL(
            "CREATE INDEX IF NOT EXISTS theme_keyset ON theme (updated_at DESC, id DESC);",
            reverse_sql="DROP INDEX IF EXISTS theme_keyset;",
        ),
        ops.RunSQL(
            "CREATE INDEX IF NOT EXISTS outbox_pending ON outbox_job (id) WHERE completed_at IS NULL;",
            reverse_sql="DROP INDEX IF EXISTS outbox_pending;",
        ),
    ]
