"""System messages keep their text id and values, so each reporter reads them in their language."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops


class Migration(migrations.Migration):
    dependencies = [("models", "0014_municipal_webhooks")]

    initial = False

    operations = [
        ops.AddField(
            model_name="FeedbackMessage",
            name="text_id",
            field=fields.CharField(max_length=64, null=True),
        ),
        ops.AddField(
            model_name="FeedbackMessage", name="text_params", field=fields.JSONField(null=True)
        ),
    ]
