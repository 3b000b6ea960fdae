"""Themes: many reports about the same pinching mechanism, across municipalities."""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from tortoise import fields

from models.base import TimestampedModel
from vocabulary import BottleneckLevel, SolutionLevel, ThemeStatus

if TYPE_CHECKING:
    from models.report import Report


class Theme(TimestampedModel):
    id = fields.UUIDField(primary_key=True)
    label = fields.CharField(max_length=200)
    # Staff renamed it: the worker keeps refreshing top terms but never touches the label.
    label_locked = fields.BooleanField(default=False)
    status = fields.CharEnumField(ThemeStatus, max_length=16, default=ThemeStatus.PROPOSED)
    merged_into: fields.ForeignKeyNullableRelation[Theme] = fields.ForeignKeyField(
        "models.Theme", related_name=False, null=True, on_delete=fields.SET_NULL
    )
    merged_into_id: uuid.UUID | None  # the column, as tortoise exposes it
    top_terms = fields.JSONField(default=list)
    excerpts = fields.JSONField(default=list)  # masked, from representative reports
    # Sparse centroid {feature index: weight} of the theme's canonical reports.
    centroid = fields.JSONField(default=dict)

    report_count = fields.IntField(default=0)
    case_count = fields.IntField(default=0)
    reporter_count = fields.IntField(default=0)
    resident_reporter_count = fields.IntField(default=0)
    professional_reporter_count = fields.IntField(default=0)
    municipality_codes = fields.JSONField(default=list)
    municipality_case_counts = fields.JSONField(default=dict)
    domains = fields.JSONField(default=list)
    problem_types = fields.JSONField(default=list)
    first_report_at = fields.DatetimeField(null=True)
    last_report_at = fields.DatetimeField(null=True)
    monthly_case_counts = fields.JSONField(default=dict)  # {"2026-11": 3}

    solution_level = fields.CharEnumField(SolutionLevel, max_length=32, null=True)
    # How the field reads the bottleneck (set by staff): Stand van de Uitvoering level and
    # elements, Behoorlijkheidswijzer norms with the version they come from.
    bottleneck_level = fields.CharEnumField(BottleneckLevel, max_length=16, null=True)
    elements = fields.JSONField(null=True)
    norms = fields.JSONField(null=True)
    norms_version = fields.CharField(max_length=16, null=True)
    # Engine suggestions staff rejected ([kind, value]): never suggested again.
    rejected_tag_suggestions = fields.JSONField(default=list)
    structural_score = fields.FloatField(default=0.0)
    structural_explanation = fields.JSONField(default=list)
    # Bumped on every change; subscribers and idempotent jobs compare versions.
    version = fields.IntField(default=0)
    # Set in the transaction that changed the theme's members, cleared by the refresh that
    # recomputed its aggregates: a refresh lost to an outage is found and run again.
    refresh_requested_at = fields.DatetimeField(null=True)

    reports: fields.ReverseRelation[Report]

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "theme"
        indexes = (("status", "updated_at"),)
