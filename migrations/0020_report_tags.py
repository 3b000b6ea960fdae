"""Bottleneck tags on single reports, as on themes."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

from vocabulary import BottleneckLevel


class Migration(migrations.Migration):
    dependencies = [("models", "0019_tag_suggestions")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Report",
            name="bottleneck_level",
            field=fields.CharEnumField(enum_type=BottleneckLevel, max_length=16, null=True),
        ),
        ops.AddField(model_name="Report", name="elements", field=fields.JSONField(null=True)),
        ops.AddField(model_name="Report", name="norms", field=fields.JSONField(null=True)),
        ops.AddField(
            model_name="Report", name="norms_version", field=fields.CharField(max_length=16, null=True)
        ),
    ]
