"""The domain vocabulary of the product brief, as enums.

Enum *names* are English code; the words a reporter or staff member reads live in the label
tables of `domain.labels`. This package depends on nothing, so every layer may use it.
"""

from vocabulary.bottlenecks import BottleneckLevel, PlayingFieldElement
from vocabulary.errors import ErrorCode
from vocabulary.feedback import MessageAuthor, MessageDirection
from vocabulary.notes import NoteSubject
from vocabulary.notifications import AbonnementStatus, DeliveryStatus
from vocabulary.referral import Addressee, ReferralStatus
from vocabulary.report import (
    Channel,
    FormalRoute,
    OnBehalfRelation,
    ProfessionalField,
    ReporterRole,
    ReportStatus,
    UrgencyFlag,
)
from vocabulary.survey import Satisfaction, Understood, WouldReportAgain
from vocabulary.theme import SolutionLevel, ThemeStatus
from vocabulary.topics import Domain, ProblemType

__all__ = [
    "AbonnementStatus",
    "Addressee",
    "BottleneckLevel",
    "Channel",
    "DeliveryStatus",
    "Domain",
    "ErrorCode",
    "FormalRoute",
    "MessageAuthor",
    "MessageDirection",
    "NoteSubject",
    "OnBehalfRelation",
    "PlayingFieldElement",
    "ProblemType",
    "ProfessionalField",
    "ReferralStatus",
    "ReportStatus",
    "ReporterRole",
    "Satisfaction",
    "SolutionLevel",
    "ThemeStatus",
    "Understood",
    "UrgencyFlag",
    "WouldReportAgain",
]
