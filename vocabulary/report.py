"""Reports and their reporters: who reports, how, and what became of the report."""

from __future__ import annotations

from enum import StrEnum


class ReporterRole(StrEnum):
    RESIDENT = "RESIDENT"
    PROFESSIONAL_EMPLOYED = "PROFESSIONAL_EMPLOYED"  # in dienst van de gemeente
    PROFESSIONAL_CONTRACTED = "PROFESSIONAL_CONTRACTED"  # in opdracht van de gemeente
    CLIENT_SUPPORTER = "CLIENT_SUPPORTER"  # cliëntondersteuner
    COUNCILLOR = "COUNCILLOR"  # raadslid
    OTHER = "OTHER"

    @property
    def is_professional(self) -> bool:
        return self is not ReporterRole.RESIDENT


class ProfessionalField(StrEnum):
    WIJKTEAM = "WIJKTEAM"
    KLANTMANAGER = "KLANTMANAGER"
    CLIENTONDERSTEUNER = "CLIENTONDERSTEUNER"
    BEWINDVOERDER = "BEWINDVOERDER"
    JONGERENWERKER = "JONGERENWERKER"
    SCHOOL = "SCHOOL"
    HUISARTS = "HUISARTS"
    OPVANG = "OPVANG"
    OTHER = "OTHER"


class Channel(StrEnum):
    WEB = "WEB"
    PHONE = "PHONE"
    COUNTER = "COUNTER"
    PAPER = "PAPER"
    EMAIL = "EMAIL"
    PARTNER_SYSTEM = "PARTNER_SYSTEM"
    VIA_COUNCILLOR = "VIA_COUNCILLOR"


class UrgencyFlag(StrEnum):
    EVICTION = "EVICTION"
    NO_INCOME = "NO_INCOME"
    VIOLENCE = "VIOLENCE"
    CHILD_SAFETY = "CHILD_SAFETY"
    SUICIDE_RISK = "SUICIDE_RISK"


class OnBehalfRelation(StrEnum):
    FAMILY = "FAMILY"
    CLIENT_SUPPORTER = "CLIENT_SUPPORTER"
    CASE_WORKER = "CASE_WORKER"
    GUARDIAN = "GUARDIAN"  # bewindvoerder, mentor, curator
    COUNCILLOR = "COUNCILLOR"
    OTHER = "OTHER"


class ReportStatus(StrEnum):
    RECEIVED = "RECEIVED"
    IN_REVIEW = "IN_REVIEW"
    LINKED_TO_THEME = "LINKED_TO_THEME"
    REFERRED = "REFERRED"
    CLOSED = "CLOSED"
    DECLINED = "DECLINED"


class FormalRoute(StrEnum):
    """A report that is really a formal procedure is still taken; the reporter is told the route."""

    OBJECTION = "OBJECTION"  # bezwaar
    COMPLAINT = "COMPLAINT"  # klacht over een medewerker
