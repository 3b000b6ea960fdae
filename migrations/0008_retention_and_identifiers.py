"""Retention (when a report was closed, when it was anonymised) and the keyed hashes of the
identifiers found in a report."""

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0007_theme_refresh_requested")]

    initial = False

    operations = [
        ops.AddField(model_name="Report", name="closed_at", field=fields.DatetimeField(null=True)),
        ops.AddField(
            model_name="Report", name="anonymised_at", field=fields.DatetimeField(null=True)
        ),
        ops.CreateModel(
            name="ReportIdentifier",
            fields=[
                ("id", fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ("report", fields.ForeignKeyField("models.Report", source_field="report_id", db_constraint=True, to_field="id", related_name="identifiers", on_delete=OnDelete.CASCADE)),
                ("kind", fields.CharField(max_length=16)),
                ("digest", fields.BinaryField()),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={"table": "report_identifier", "app": "models", "unique_together": (("report", "kind", "digest"),), "pk_attr": "id"},
            bases=["Model"],
        ),  # fmt: skip
        ops.RunSQL(
            "CREATE INDEX IF NOT EXISTS report_identifier_digest ON report_identifier (digest);"
            "CREATE INDEX IF NOT EXISTS report_retention_closed ON report (status, closed_at)"
            " WHERE anonymised_at IS NULL;",
            reverse_sql="DROP INDEX IF EXISTS report_identifier_digest;"
            "DROP INDEX IF EXISTS report_retention_closed;",
        ),
    ]
