"""The engine's tag suggestions that staff rejected, so they are not suggested again."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0018_partner_answer_due")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Theme", name="rejected_tag_suggestions", field=fields.JSONField(default=list)
        ),
    ]
