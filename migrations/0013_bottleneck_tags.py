"""Bottleneck tags on themes: level, elements (VNG) and norms (Nationale ombudsman)."""

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

from vocabulary import BottleneckLevel


class Migration(migrations.Migration):
    dependencies = [("models", "0012_reopen_requests")]

    initial = False

    operations = [
        ops.AddField(
            model_name="Theme",
            name="bottleneck_level",
            field=fields.CharEnumField(enum_type=BottleneckLevel, max_length=16, null=True),
        ),
        ops.AddField(model_name="Theme", name="elements", field=fields.JSONField(null=True)),
        ops.AddField(model_name="Theme", name="norms", field=fields.JSONField(null=True)),
        ops.AddField(
            model_name="Theme", name="norms_version", field=fields.CharField(max_length=16, null=True)
        ),
    ]
