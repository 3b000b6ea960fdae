"""Municipal webhooks: abonnementen, notifications, their deliveries and every attempt."""

from uuid import uuid4

from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

from vocabulary import AbonnementStatus, DeliveryStatus


class Migration(migrations.Migration):
    dependencies = [("models", "0013_bottleneck_tags")]

    initial = False

    operations = [
        ops.CreateModel(
            name="Abonnement",
            fields=[
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True, db_index=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ("id", fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ("municipality_code", fields.CharField(max_length=6, db_index=True)),
                ("callback_url", fields.CharField(max_length=1000)),
                ("receiver", fields.CharField(max_length=300)),
                ("auth", fields.TextField()),
                ("kanalen", fields.JSONField(default=list)),
                ("secret", fields.CharField(max_length=100)),
                ("status", fields.CharEnumField(enum_type=AbonnementStatus, max_length=16, default=AbonnementStatus.ACTIVE)),
                ("cloud_events", fields.BooleanField(default=False)),
                ("created_by", fields.CharField(max_length=255)),
                ("consecutive_failures", fields.IntField(default=0)),
                ("last_success_at", fields.DatetimeField(null=True)),
                ("last_failure_at", fields.DatetimeField(null=True)),
                ("paused_at", fields.DatetimeField(null=True)),
                ("paused_reason", fields.TextField(null=True)),
            ],
            options={"table": "abonnement", "app": "models", "pk_attr": "id"},
            bases=["TimestampedModel"],
        ),
        ops.CreateModel(
            name="Notificatie",
            fields=[
                ("id", fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("kanaal", fields.CharField(max_length=50)),
                ("actie", fields.CharField(max_length=50)),
                ("theme_id", fields.UUIDField()),
                ("kenmerken", fields.JSONField(default=dict)),
                ("municipality_codes", fields.JSONField(default=list)),
            ],
            options={"table": "notificatie", "app": "models", "pk_attr": "id"},
            bases=["Model"],
        ),
        ops.CreateModel(
            name="NotificationDelivery",
            fields=[
                ("id", fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ("notificatie", fields.ForeignKeyField("models.Notificatie", source_field="notificatie_id", db_constraint=True, to_field="id", related_name="deliveries", on_delete=OnDelete.CASCADE)),
                ("abonnement", fields.ForeignKeyField("models.Abonnement", source_field="abonnement_id", db_constraint=True, to_field="id", related_name="deliveries", on_delete=OnDelete.CASCADE)),
                ("body", fields.TextField()),
                ("status", fields.CharEnumField(enum_type=DeliveryStatus, max_length=16, default=DeliveryStatus.PENDING)),
                ("attempts", fields.IntField(default=0)),
                ("next_attempt_at", fields.DatetimeField(null=True)),
                ("delivered_at", fields.DatetimeField(null=True)),
                ("dead_at", fields.DatetimeField(null=True)),
                ("last_status_code", fields.IntField(null=True)),
                ("last_error", fields.TextField(null=True)),
            ],
            options={"table": "notification_delivery", "app": "models", "unique_together": (("notificatie", "abonnement"),), "indexes": (("status", "next_attempt_at"),), "pk_attr": "id"},
            bases=["Model"],
        ),
        ops.CreateModel(
            name="NotificationAttempt",
            fields=[
                ("id", fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ("delivery", fields.ForeignKeyField("models.NotificationDelivery", source_field="delivery_id", db_constraint=True, to_field="id", related_name="attempt_log", on_delete=OnDelete.CASCADE)),
                ("attempt", fields.IntField()),
                ("started_at", fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ("duration_ms", fields.IntField()),
                ("status_code", fields.IntField(null=True)),
                ("succeeded", fields.BooleanField(default=False)),
                ("error", fields.TextField(null=True)),
            ],
            options={"table": "notification_attempt", "app": "models", "pk_attr": "id"},
            bases=["Model"],
        ),
        ops.RunSQL(
            "CREATE INDEX IF NOT EXISTS notification_attempt_delivery "
            "ON notification_attempt (delivery_id, attempt);",
            reverse_sql="DROP INDEX IF EXISTS notification_attempt_delivery;",
        ),
        ops.RunSQL(
            "CREATE INDEX IF NOT EXISTS notification_delivery_abonnement "
            "ON notification_delivery (abonnement_id, status);",
            reverse_sql="DROP INDEX IF EXISTS notification_delivery_abonnement;",
        ),
        # Due deliveries, oldest first: the dispatcher's claim.
        ops.RunSQL(
            "CREATE INDEX IF NOT EXISTS notification_delivery_due "
            "ON notification_delivery (next_attempt_at) WHERE status = 'PENDING';",
            reverse_sql="DROP INDEX IF EXISTS notification_delivery_due;",
        ),
    ]  # fmt: skip
