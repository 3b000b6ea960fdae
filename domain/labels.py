"""Dutch (B1) labels of the vocabulary: what a reporter or staff member reads."""

from __future__ import annotations

from vocabulary import Addressee, Domain, ReportStatus

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
