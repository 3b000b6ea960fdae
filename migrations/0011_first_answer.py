"""Service level of the first answer to a reporter: when it is due, when it was given."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0010_internal_notes")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Report", name="first_answer_due", field=fields.DateField(null=True, db_index=True)
        ),
        ops.AddField(model_name="Report", name="answered_at", field=fields.DatetimeField(null=True)),
    ]
