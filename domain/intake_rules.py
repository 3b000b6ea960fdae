"""What a report really is: a pinching situation, a formal objection, a complaint about an
official, or a tip about somebody else's fraud (which we refuse: this is not a kliklijn).

These are transparent keyword rules, deliberately conservative: a report is only refused
when it clearly accuses a third party and does not describe the reporter's own situation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from domain.deadlines import COMPLAINT_WEEKS, objection_deadline
from vocabulary import FormalRoute
from vocabulary.translations import N_, spoken, t

# Whole words only: without the leading \b, "he" in "the" made "The municipality is cheating
# people" a tip about someone else's fraud, and a resident's complaint was refused.
_THIRD_PARTY = (
    r"\b(mijn\s+|my\s+)?(buurman|buurvrouw|buren|ex|ex-partner|zwager|schoonzus|collega|kennis|"
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
    r"(gets|claims|receives)\s+(a\s+)?benefits?\s+(while|although|but)|wrongly\s+(gets|claims|receives))"
    r"(?!\s+(niet|nooit|not|never)\b)",  # "zij fraudeert niet": a denial, no accusation
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


def _day(day: date) -> str:
    return format_date(day, format="long", locale=spoken())


def formal_route(text: str, decision_date: date | None, today: date) -> FormalRouteNotice | None:
    """The formal route a report really asks for, explained in the language being spoken."""
    if _OBJECTION.search(text):
        term = objection_deadline(decision_date) if decision_date else None
        deadline = term.day if term else None
        if term and deadline:
            # The Atw's reasons carry their own Dutch and English (holiday names included).
            why = term.explanation_en if spoken() == "en" else term.explanation_nl
            moved = f" ({why})" if term.day != term.nominal else ""
            when = (
                t(
                    "U moet uw bezwaar uiterlijk {day} indienen{moved}.",
                    day=_day(deadline),
                    moved=moved,
                )
                if deadline >= today
                else t(
                    "De termijn voor bezwaar liep af op {day}. Dien toch bezwaar in en leg uit "
                    "waarom u te laat bent; soms wordt het dan toch behandeld.",
                    day=_day(deadline),
                )
            )
        else:
            when = t("U heeft 6 weken na de datum van het besluit om bezwaar te maken.")
        return FormalRouteNotice(
            FormalRoute.OBJECTION,
            t(
                "Wij hebben uw signaal ontvangen. Let op: een signaal hier is geen bezwaar. "
                "Wilt u het besluit laten veranderen? Stuur dan een bezwaarschrift naar de "
                "organisatie die het besluit nam."
            )
            + " "
            + when,
            deadline,
        )
    if _COMPLAINT.search(text):
        return FormalRouteNotice(
            FormalRoute.COMPLAINT,
            t(
                "Wij hebben uw signaal ontvangen. Wilt u een klacht over een medewerker? Dien die "
                "in bij de organisatie waar deze persoon werkt. Zij moeten uw klacht binnen "
                "{weeks} weken behandelen (soms 4 weken later). Bent u daarna niet tevreden, dan "
                "kunt u naar de ombudsman.",
                weeks=COMPLAINT_WEEKS,
            ),
            None,
        )
    return None


# Refused in the language being spoken: `t(REFUSAL_MESSAGE)`.
REFUSAL_MESSAGE = N_(
    "Dit signaal nemen wij niet aan. Signaalpunt is er voor regels en beleid die mensen in de "
    "knel brengen, niet om anderen aan te geven voor fraude. Wilt u iets melden over uw eigen "
    "situatie of die van iemand die u helpt? Dan kunt u dat hier wel doen."
)
