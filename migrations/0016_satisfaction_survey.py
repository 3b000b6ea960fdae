"""The satisfaction survey after a report ended: one answer per report."""

from uuid import uuid4

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

from vocabulary import Satisfaction, Understood, WouldReportAgain


class Migration(migrations.Migration):
    dependencies = [("models", "0015_system_message_texts")]

    initial = False

    operations = [
        ops.CreateModel(
            name="SurveyResponse",
            fields=[
                ("id", fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True, db_index=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ("report_id", fields.UUIDField(unique=True)),
                ("satisfaction", fields.CharEnumField(enum_type=Satisfaction, max_length=20)),
                ("understood", fields.CharEnumField(enum_type=Understood, max_length=8)),
                ("would_report_again", fields.CharEnumField(enum_type=WouldReportAgain, max_length=12)),
                ("comment", fields.TextField(null=True)),
                ("asked_to_reopen", fields.BooleanField(default=False)),
            ],
            options={"table": "survey_response", "app": "models", "pk_attr": "id"},
            bases=["TimestampedModel"],
        ),  # fmt: skip
    ]
