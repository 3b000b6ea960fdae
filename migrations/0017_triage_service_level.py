"""Triage service level, pauses while waiting for the reporter, and breach marks."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0016_satisfaction_survey")]

    initial = False

    operations = [
        ops.AddField(model_name="Report", name="triage_due", field=fields.DateField(null=True, db_index=True)),
        ops.AddField(model_name="Report", name="triaged_at", field=fields.DatetimeField(null=True)),
        ops.AddField(model_name="Report", name="waiting_since", field=fields.DatetimeField(null=True)),
        ops.AddField(
            model_name="Report", name="first_answer_breached_at", field=fields.DatetimeField(null=True)
        ),
        ops.AddField(model_name="Report", name="triage_breached_at", field=fields.DatetimeField(null=True)),
    ]  # fmt: skip
