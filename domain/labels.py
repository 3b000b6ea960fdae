"""B1 labels of the vocabulary: what a reporter or staff member reads.

The tables hold the Dutch words (marked for the catalogue); the functions give them in the
language being spoken (`vocabulary.translations`)."""

from __future__ import annotations

from vocabulary import Addressee, Domain, ReportStatus
from vocabulary.translations import N_, t

REPORT_STATUS_LABELS_NL: dict[ReportStatus, str] = {
    ReportStatus.RECEIVED: N_("Ontvangen"),
    ReportStatus.IN_REVIEW: N_("We bekijken uw signaal"),
    ReportStatus.LINKED_TO_THEME: N_("Samengevoegd met signalen over hetzelfde probleem"),
    ReportStatus.REFERRED: N_("Doorgestuurd naar een instantie die de regel kan veranderen"),
    ReportStatus.CLOSED: N_("Afgerond"),
    ReportStatus.DECLINED: N_("Niet in behandeling genomen"),
}

ADDRESSEE_LABELS_NL: dict[Addressee, str] = {
    Addressee.NATIONALE_OMBUDSMAN: N_("Nationale ombudsman"),
    Addressee.VNG: N_("Vereniging van Nederlandse Gemeenten (VNG)"),
}

DOMAIN_LABELS_NL: dict[Domain, str] = {
    Domain.PARTICIPATIEWET: N_("Participatiewet (bijstand)"),
    Domain.WMO_2015: N_("Wmo 2015"),
    Domain.JEUGDWET: N_("Jeugdwet"),
    Domain.SCHULDHULPVERLENING: N_("Schuldhulpverlening"),
    Domain.TOESLAGEN: N_("Toeslagen / Belastingdienst"),
    Domain.UWV_WW: N_("UWV (WW)"),
    Domain.UWV_WAJONG: N_("UWV (Wajong)"),
    Domain.DUO: N_("DUO"),
    Domain.IND: N_("IND"),
    Domain.CJIB: N_("CJIB"),
    Domain.HUISVESTING: N_("Huisvesting"),
    Domain.ZVW: N_("Zorgverzekeringswet"),
    Domain.WLZ: N_("Wet langdurige zorg"),
    Domain.GEMEENTELIJKE_BELASTINGEN: N_("Gemeentelijke belastingen"),
}


def status_label(status: ReportStatus | str) -> str:
    return t(REPORT_STATUS_LABELS_NL[ReportStatus(status)])


def addressee_label(addressee: Addressee | str) -> str:
    return t(ADDRESSEE_LABELS_NL[Addressee(addressee)])


def domain_label(domain: Domain | str) -> str:
    return t(DOMAIN_LABELS_NL[Domain(domain)])
