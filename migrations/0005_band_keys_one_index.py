"""Band keys: the unique (report_id, band_key) index and the foreign key go; the one index
(band_key, created_at, report_id) is all that lookups use."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0004_band_keys_newest_first')]

    initial = False

    operations = [
        ops.RemoveConstraint(
            model_name='ReportBand',
            name=None,
            fields=['report', 'band_key'],
        ),
        ops.AlterField(
            model_name='ReportBand',
            name='report',
            field=fields.ForeignKeyField('models.Report', source_field='report_id', db_constraint=False, to_field='id', related_name='bands', on_delete=OnDelete.CASCADE),
        ),
        # AlterField leaves an existing constraint in place when db_constraint turns off.
        ops.RunSQL(
            "ALTER TABLE report_band DROP CONSTRAINT IF EXISTS report_band_report_id_fkey;",
            reverse_sql=(
                "ALTER TABLE report_band ADD CONSTRAINT report_band_report_id_fkey "
                "FOREIGN KEY (report_id) REFERENCES report(id) ON DELETE CASCADE;"
            ),
        ),
    ]
