"""Themes remember that their aggregates wait for a refresh (the durable half of the
debounced refresh job), with an index over the ones that do."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0006_child_pages")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Theme", name="refresh_requested_at", field=fields.DatetimeField(null=True)
        ),
        ops.RunSQL(
            "CREATE INDEX IF NOT EXISTS theme_refresh_pending ON theme (refresh_requested_at) "
            "WHERE refresh_requested_at IS NOT NULL;",
            reverse_sql="DROP INDEX IF EXISTS theme_refresh_pending;",
        ),
    ]
