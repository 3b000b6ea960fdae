"""What a report really is: a pinching situation, a formal objection, a complaint about an
official, or a tip about somebody else's fraud (which we refuse: this is not a kliklijn).

These are transparent keyword rules, deliberately conservative: a report is only refused
when it clearly accuses a third party and does not describe the reporter's own situation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from domain.deadlines import COMPLAINT_WEEKS, objection_deadline
from vocabulary import FormalRoute

_THIRD_PARTY = (
    r"(mijn\s+|my\s+)?(buurman|buurvrouw|buren|ex|ex-partner|zwager|schoonzus|collega|kennis|"
    r"iemand\s+in\s+mijn\s+straat|die\s+man|die\s+vrouw|hij|zij|"
    r"neighbou?rs?|ex-husband|ex-wife|brother-in-law|sister-in-law|colleague|"
    r"someone\s+in\s+my\s+street|that\s+man|that\s+woman|he|she)"
)
_FRAUD_ACCUSATION = re.compile(
    _THIRD_PARTY + r"\b[^.!?]{0,80}\b(fraudeert|pleegt\s+fraude|fraude\s+pleegt|werkt\s+zwart|"
    r"zwart\s+werkt|woont\s+stiekem\s+samen|stiekem\s+samenwoont|onterecht\s+een\s+uitkering|"
    r"een\s+uitkering\s+terwijl|licht\s+de\s+gemeente\s+op|"
    r"commits\s+fraud|is\s+committing\s+fraud|is\s+cheating|works\s+(cash\s+in\s+hand|"
    r"off\s+the\s+books|illegally)|secretly\s+lives|lives\s+secretly|"
    r"(gets|claims|receives)\s+(a\s+)?benefits?\s+(while|although|but)|wrongly\s+(gets|claims|receives))",
    re.IGNORECASE,
)
_REPORT_REQUEST = re.compile(
    r"\b(wil\s+ik\s+melden|geef\s+ik\s+door|wil\s+ik\s+aangeven|aangeven|controleren|"
    r"onderzoek(en)?\s+doen|moet\s+gestopt|moet\s+aangepakt|want\s+to\s+report|"
    r"i\s*(am|'m)\s+reporting|please\s+(check|investigate)|should\s+be\s+(investigated|stopped)|"
    r"must\s+be\s+stopped)\b",
    re.IGNORECASE,
)
_OWN_SITUATION = re.compile(
    r"\b(ik\s+(word|werd|ben)\s+(beschuldigd|verdacht)|van\s+fraude\s+beschuldigd|"
    r"fraudeur|kliklijn|i\s*(am|'m|was)\s+(being\s+)?(accused|suspected)|accused\s+me|"
    r"accused\s+of\s+fraud|not\s+a\s+fraudster)\b",
    re.IGNORECASE,
)
_OBJECTION = re.compile(
    r"\b(bezwaar(schrift)?\s+(maken|indienen|tegen)|ik\s+maak\s+bezwaar|"
    r"ik\s+ga\s+in\s+bezwaar|wil\s+in\s+bezwaar)\b",
    re.IGNORECASE,
)
_COMPLAINT = re.compile(
    r"\b(klacht\s+(indienen\s+)?over\s+(mevrouw|meneer|mevr\.|dhr\.|de\s+medewerker|"
    r"mijn\s+(klantmanager|consulent|contactpersoon))|ik\s+wil\s+een\s+klacht\s+indienen)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FormalRouteNotice:
    route: FormalRoute
    message: str
    deadline: date | None


def is_fraud_tip(text: str) -> bool:
    if _OWN_SITUATION.search(text):
        return False
    return bool(_FRAUD_ACCUSATION.search(text)) and bool(
        _REPORT_REQUEST.search(text) or len(text) < 400
    )


def formal_route(text: str, decision_date: date | None, today: date) -> FormalRouteNotice | None:
    if _OBJECTION.search(text):
        term = objection_deadline(decision_date) if decision_date else None
        deadline = term.day if term else None
        if term and deadline:
            moved = f" ({term.explanation_nl})" if term.day != term.nominal else ""
            when = (
                f"U moet uw bezwaar uiterlijk {deadline.strftime('%d-%m-%Y')} indienen{moved}."
                if deadline >= today
                else f"De termijn voor bezwaar liep af op {deadline.strftime('%d-%m-%Y')}. "
                "Dien toch bezwaar in en leg uit waarom u te laat bent; soms wordt het dan "
                "toch behandeld."
            )
        else:
            when = "U heeft 6 weken na de datum van het besluit om bezwaar te maken."
        return FormalRouteNotice(
            FormalRoute.OBJECTION,
            "Wij hebben uw signaal ontvangen. Let op: een signaal hier is geen bezwaar. "
            "Wilt u het besluit laten veranderen? Stuur dan een bezwaarschrift naar de "
            f"organisatie die het besluit nam. {when}",
            deadline,
        )
    if _COMPLAINT.search(text):
        return FormalRouteNotice(
            FormalRoute.COMPLAINT,
            "Wij hebben uw signaal ontvangen. Wilt u een klacht over een medewerker? Dien die "
            "in bij de organisatie waar deze persoon werkt. Zij moeten uw klacht binnen "
            f"{COMPLAINT_WEEKS} weken behandelen (soms 4 weken later). Bent u daarna niet "
            "tevreden, dan kunt u naar de ombudsman.",
            None,
        )
    return None


REFUSAL_MESSAGE_EN = (
    "We do not take this report. Signaalpunt is for rules and policies that leave people "
    "stuck, not for reporting others for fraud. Do you want to tell us about your own "
    "situation, or that of someone you help? You can do that here."
)
REFUSAL_MESSAGE = (
    "Dit signaal nemen wij niet aan. Signaalpunt is er voor regels en beleid die mensen in de "
    "knel brengen, niet om anderen aan te geven voor fraude. Wilt u iets melden over uw eigen "
    "situatie of die van iemand die u helpt? Dan kunt u dat hier wel doen."
)
