"""A reporter's request to look at a closed or declined report again."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0011_first_answer")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Report", name="reopen_requested_at", field=fields.DatetimeField(null=True)
        ),
        ops.AddField(model_name="Report", name="reopen_reason", field=fields.TextField(null=True)),
    ]
