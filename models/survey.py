"""A reporter's answer to the satisfaction survey after their report ended (one per report)."""

from __future__ import annotations

from tortoise import fields

from models.base import TimestampedModel
from vocabulary import Satisfaction, Understood, WouldReportAgain


class SurveyResponse(TimestampedModel):
    id = fields.UUIDField(primary_key=True)
    # A plain column (as feedback_message's referral_id): one answer per report.
    report_id = fields.UUIDField(unique=True)
    satisfaction = fields.CharEnumField(Satisfaction, max_length=20)
    understood = fields.CharEnumField(Understood, max_length=8)
    would_report_again = fields.CharEnumField(WouldReportAgain, max_length=12)
    comment = fields.TextField(null=True)  # masked, like every free text around a report
    asked_to_reopen = fields.BooleanField(default=False)

    class Meta:  # pyright: ignore[reportIncompatibleVariableOverride]
        table = "survey_response"
