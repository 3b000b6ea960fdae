"""Tortoise models, one module per aggregate."""

from models.audit import AuditEvent
from models.duplicate_group import DuplicateGroup, ReportBand, SeparatedPair
from models.feedback import FeedbackMessage
from models.internal_note import InternalNote
from models.notification import (
    Abonnement,
    Notificatie,
    NotificationAttempt,
    NotificationDelivery,
)
from models.outbox import OutboxJob
from models.referral import DeliveryAttempt, Referral
from models.report import Report
from models.report_identifier import ReportIdentifier
from models.survey import SurveyResponse
from models.theme import Theme

__all__ = [
    "Abonnement",
    "AuditEvent",
    "DeliveryAttempt",
    "DuplicateGroup",
    "FeedbackMessage",
    "InternalNote",
    "Notificatie",
    "NotificationAttempt",
    "NotificationDelivery",
    "OutboxJob",
    "Referral",
    "Report",
    "ReportBand",
    "ReportIdentifier",
    "SeparatedPair",
    "SurveyResponse",
    "Theme",
]
