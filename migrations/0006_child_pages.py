"""Indexes for pages of children: each parent's page is read through (parent, time, id)."""

from tortoise import migrations
from tortoise.migrations import operations as ops

INDEXES = {
    "report_group_page": "report (duplicate_group_id, created_at, id)",
    "message_report_page": "feedback_message (report_id, created_at, id)",
    "message_theme_page": "feedback_message (theme_id, created_at, id)",
    "referral_theme_page": "referral (theme_id, created_at, id)",
    "attempt_referral_page": "delivery_attempt (referral_id, started_at, id)",
}


class Migration(migrations.Migration):
    dependencies = [("models", "0005_band_keys_one_index")]

    initial = False

    operations = [
        ops.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {name} ON {target};",
            reverse_sql=f"DROP INDEX IF EXISTS {name};",
        )
        for name, target in INDEXES.items()
    ]
