"""Service level of a partner's answer to a referral: when it is due, when it was late."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0017_triage_service_level")]

    initial = False

    operations = [
        ops.AddField(model_name="Referral", name="answer_due", field=fields.DateField(null=True, db_index=True)),
        ops.AddField(model_name="Referral", name="answer_breached_at", field=fields.DatetimeField(null=True)),
    ]  # fmt: skip
