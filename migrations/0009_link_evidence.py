"""Why a report joined its group and its theme: the evidence of the link, for staff."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0008_retention_and_identifiers")]

    initial = False

    operations = [
        ops.AddField(model_name="Report", name="link_evidence", field=fields.JSONField(null=True)),
        ops.AddField(model_name="Report", name="theme_evidence", field=fields.JSONField(null=True)),
    ]
