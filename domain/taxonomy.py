"""The domain vocabulary of the product brief, as enums with their Dutch (B1) labels.

Enum *names* are English code; *labels* are what a reporter or staff member reads. New
languages add a label table here, not code paths.
"""

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


class Domain(StrEnum):
    PARTICIPATIEWET = "PARTICIPATIEWET"
    WMO_2015 = "WMO_2015"
    JEUGDWET = "JEUGDWET"
    SCHULDHULPVERLENING = "SCHULDHULPVERLENING"
    TOESLAGEN = "TOESLAGEN"
    UWV_WW = "UWV_WW"
    UWV_WAJONG = "UWV_WAJONG"
    DUO = "DUO"
    IND = "IND"
    CJIB = "CJIB"
    HUISVESTING = "HUISVESTING"
    ZVW = "ZVW"
    WLZ = "WLZ"
    GEMEENTELIJKE_BELASTINGEN = "GEMEENTELIJKE_BELASTINGEN"


class ProblemType(StrEnum):
    BEJEGENING = "BEJEGENING"
    COMMUNICATIE = "COMMUNICATIE"
    INFORMATIE_RECHTEN_PLICHTEN = "INFORMATIE_RECHTEN_PLICHTEN"
    REGELS_TE_STRIKT = "REGELS_TE_STRIKT"
    TEGENSTRIJDIGE_REGELS = "TEGENSTRIJDIGE_REGELS"
    TERUGVORDERING = "TERUGVORDERING"
    HANDHAVING_ONDERZOEK = "HANDHAVING_ONDERZOEK"
    WACHTTIJD = "WACHTTIJD"
    TOEGANG_TAAL = "TOEGANG_TAAL"
    TOEGANG_DIGITAAL = "TOEGANG_DIGITAAL"
    TOEGANG_LEEFTIJDSGRENS = "TOEGANG_LEEFTIJDSGRENS"
    TOEGANG_REGIOBINDING = "TOEGANG_REGIOBINDING"
    MAATWERK_GEWEIGERD = "MAATWERK_GEWEIGERD"
    SAMENWERKING_INSTANTIES = "SAMENWERKING_INSTANTIES"
    SCHULDEN_BESTAANSZEKERHEID = "SCHULDEN_BESTAANSZEKERHEID"
    PRIVACY_BLOKKADE = "PRIVACY_BLOKKADE"
    KLACHTPROCEDURE = "KLACHTPROCEDURE"


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


class SolutionLevel(StrEnum):
    UITVOERING = "UITVOERING"
    LOKALE_REGEL = "LOKALE_REGEL"
    REGIONALE_AFSPRAAK = "REGIONALE_AFSPRAAK"
    LANDELIJKE_WET = "LANDELIJKE_WET"


class ReportStatus(StrEnum):
    RECEIVED = "RECEIVED"
    IN_REVIEW = "IN_REVIEW"
    LINKED_TO_THEME = "LINKED_TO_THEME"
    REFERRED = "REFERRED"
    CLOSED = "CLOSED"
    DECLINED = "DECLINED"


class ThemeStatus(StrEnum):
    PROPOSED = "PROPOSED"
    CONFIRMED = "CONFIRMED"
    MERGED = "MERGED"
    ARCHIVED = "ARCHIVED"


class Addressee(StrEnum):
    NATIONALE_OMBUDSMAN = "NATIONALE_OMBUDSMAN"
    VNG = "VNG"


class ReferralStatus(StrEnum):
    AWAITING_APPROVAL = "AWAITING_APPROVAL"
    APPROVED = "APPROVED"
    SENT = "SENT"
    DELIVERY_FAILED = "DELIVERY_FAILED"
    ACKNOWLEDGED = "ACKNOWLEDGED"
    ANSWERED = "ANSWERED"
    CLOSED = "CLOSED"


class FormalRoute(StrEnum):
    """A report that is really a formal procedure is still taken; the reporter is told the route."""

    OBJECTION = "OBJECTION"  # bezwaar
    COMPLAINT = "COMPLAINT"  # klacht over een medewerker


class MessageDirection(StrEnum):
    TO_REPORTER = "TO_REPORTER"
    FROM_REPORTER = "FROM_REPORTER"


class MessageAuthor(StrEnum):
    STAFF = "STAFF"
    PARTNER = "PARTNER"
    REPORTER = "REPORTER"
    SYSTEM = "SYSTEM"


REPORT_STATUS_LABELS_NL: dict[ReportStatus, str] = {
    ReportStatus.RECEIVED: "Ontvangen",
    ReportStatus.IN_REVIEW: "We bekijken uw signaal",
    ReportStatus.LINKED_TO_THEME: "Samengevoegd met signalen over hetzelfde probleem",
    ReportStatus.REFERRED: "Doorgestuurd naar een instantie die de regel kan veranderen",
    ReportStatus.CLOSED: "Afgerond",
    ReportStatus.DECLINED: "Niet in behandeling genomen",
}

ADDRESSEE_LABELS_NL: dict[Addressee, str] = {
    Addressee.NATIONALE_OMBUDSMAN: "Nationale ombudsman",
    Addressee.VNG: "Vereniging van Nederlandse Gemeenten (VNG)",
}

DOMAIN_LABELS_NL: dict[Domain, str] = {
    Domain.PARTICIPATIEWET: "Participatiewet (bijstand)",
    Domain.WMO_2015: "Wmo 2015",
    Domain.JEUGDWET: "Jeugdwet",
    Domain.SCHULDHULPVERLENING: "Schuldhulpverlening",
    Domain.TOESLAGEN: "Toeslagen / Belastingdienst",
    Domain.UWV_WW: "UWV (WW)",
    Domain.UWV_WAJONG: "UWV (Wajong)",
    Domain.DUO: "DUO",
    Domain.IND: "IND",
    Domain.CJIB: "CJIB",
    Domain.HUISVESTING: "Huisvesting",
    Domain.ZVW: "Zorgverzekeringswet",
    Domain.WLZ: "Wet langdurige zorg",
    Domain.GEMEENTELIJKE_BELASTINGEN: "Gemeentelijke belastingen",
}
