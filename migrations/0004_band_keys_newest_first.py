"""Band keys: one index (band_key, created_at, report_id) replaces the index on band_key, so a
key yields its newest reports first, read from the index alone."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0003_waiting_reports')]

    initial = False

    operations = [
        ops.AlterField(
            model_name='ReportBand',
            name='band_key',
            field=fields.BigIntField(),
        ),
        ops.AddIndex(
            model_name='ReportBand',
            index=Index(fields=['band_key', 'created_at', 'report_id']),
        ),
    ]
