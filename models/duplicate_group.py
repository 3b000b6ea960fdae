"""Duplicate groups: one case that reached us more than once, with one canonical report."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from models.base import TimestampedModel

if TYPE_CHECKING:
    from models.report import Report


class DuplicateGroup(TimestampedModel):
    id = fields.UUIDField(primary_key=True)
    # A plain column, not a foreign key: report and group reference each other, and the
    # migration autodetector cannot order a circular pair of constraints.
    canonical_report_id = fields.UUIDField(null=True)
    reports: fields.ReverseRelation[Report]

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "duplicate_group"


class ReportBand(Model):
    """One MinHash-LSH band key of a report.

    A new report looks up its candidates by band key through an index, so finding near
    duplicates costs the same whether we hold a thousand reports or a million.
    """

    id = fields.BigIntField(primary_key=True)
    # No foreign-key constraint and no index on report_id: each one more index entry per key
    # costs a random page at a million reports, and nothing looks bands up by report. A
    # report's keys are recomputed from its stored signature and text when they must go.
    report: fields.ForeignKeyRelation[Report] = fields.ForeignKeyField(
        "models.Report", related_name="bands", on_delete=fields.CASCADE, db_constraint=False
    )
    report_id: uuid.UUID  # the column, as tortoise exposes it
    band_key = fields.BigIntField()
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "report_band"
        # Candidates of a key, newest first, read from the index alone.
        indexes = (("band_key", "created_at", "report_id"),)


class SeparatedPair(Model):
    """Staff said: these two reports are not the same case. Later runs never join them."""

    id = fields.BigIntField(primary_key=True)
    report_a: fields.ForeignKeyRelation[Report] = fields.ForeignKeyField(
        "models.Report", related_name=False, on_delete=fields.CASCADE
    )
    report_a_id: uuid.UUID  # the column, as tortoise exposes it
    report_b: fields.ForeignKeyRelation[Report] = fields.ForeignKeyField(
        "models.Report", related_name=False, on_delete=fields.CASCADE
    )
    report_b_id: uuid.UUID  # the column, as tortoise exposes it
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "separated_pair"
        unique_together = (("report_a", "report_b"),)
