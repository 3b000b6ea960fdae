"""A partial index over reports waiting for processing, so a processing job finds the batch
it takes along without scanning the corpus."""

from tortoise import migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0002_dutch_full_text")]

    initial = False

    operations = [
        ops.RunSQL(
            "CREATE INDEX IF NOT EXISTS report_waiting ON report (created_at) "
            "WHERE processed_at IS NULL;",
            reverse_sql="DROP INDEX IF EXISTS report_waiting;",
        ),
    ]
