"""Internal notes of staff on reports, themes and referrals."""

from uuid import uuid4

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

from vocabulary import NoteSubject


class Migration(migrations.Migration):
    dependencies = [("models", "0009_link_evidence")]

    initial = False

    operations = [
        ops.CreateModel(
            name="InternalNote",
            fields=[
                ("id", fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ("created_at", fields.DatetimeField(auto_now=False, auto_now_add=True, db_index=True)),
                ("updated_at", fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ("subject_type", fields.CharEnumField(enum_type=NoteSubject, max_length=16)),
                ("subject_id", fields.UUIDField()),
                ("author_subject", fields.CharField(max_length=255)),
                ("body", fields.TextField()),
            ],
            options={"table": "internal_note", "app": "models", "indexes": (("subject_type", "subject_id", "created_at"),), "pk_attr": "id"},
            bases=["TimestampedModel"],
        ),  # fmt: skip
    ]
