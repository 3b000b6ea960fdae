"""Urgent reports: what the text says besides the ticked flags, and the help numbers a
reporter in danger is given at once, in their language.

A report is read by staff in working hours; someone who writes that they see no way out, or
that they or a child are not safe at home, must not wait for that: the answer to the submit
names 112, 113 Zelfmoordpreventie and Veilig Thuis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from vocabulary import UrgencyFlag

_SIGNS: dict[UrgencyFlag, re.Pattern[str]] = {
    UrgencyFlag.SUICIDE_RISK: re.compile(
        r"\b(zelfmoord|suïcid\w*|suicid\w*|een eind(e)? aan (mijn|m'n) leven|niet meer (verder )?(wil |willen )?leven|niet meer (verder )?"
        r"willen leven|wil niet meer leven|dood willen|er niet meer (willen )?zijn|kill myself|"
        r"end my life|take my (own )?life|don'?t want to live)\b",
        re.IGNORECASE,
    ),
    UrgencyFlag.VIOLENCE: re.compile(
        r"\b(huiselijk geweld|mishandel\w*|slaat (mij|me)|bedreigt (mij|me)|domestic violence|"
        r"(he|she) (hits|beats|threatens) me|abuse[sd]? me)\b",
        re.IGNORECASE,
    ),
    UrgencyFlag.CHILD_SAFETY: re.compile(
        r"\b(kind(eren)? (is|zijn|zit|zitten) niet veilig|kindermishandeling|"
        r"child(ren)? (is|are) not safe|child abuse)\b",
        re.IGNORECASE,
    ),
}
# Flags that mean danger now, not hardship: these get the help numbers.
DANGER = frozenset({UrgencyFlag.SUICIDE_RISK, UrgencyFlag.VIOLENCE, UrgencyFlag.CHILD_SAFETY})


@dataclass(frozen=True)
class HelpNumber:
    name: str
    number: str
    when: str


_HELP = {
    "nl": {
        "112": HelpNumber("Alarmnummer", "112", "Bij direct gevaar."),
        "113": HelpNumber(
            "113 Zelfmoordpreventie", "0800-0113", "Gratis en anoniem, dag en nacht. Chat: 113.nl"
        ),
        "veilig": HelpNumber(
            "Veilig Thuis", "0800-2000", "Bij huiselijk geweld of kindermishandeling, dag en nacht."
        ),
    },
    "en": {
        "112": HelpNumber("Emergency number", "112", "If you are in danger now."),
        "113": HelpNumber(
            "113 Suicide Prevention", "0800-0113", "Free and anonymous, day and night. Chat: 113.nl"
        ),
        "veilig": HelpNumber(
            "Veilig Thuis", "0800-2000", "For domestic violence or child abuse, day and night."
        ),
    },
}


def urgency_from_text(text: str) -> set[UrgencyFlag]:
    """The danger signs the text shows, whether or not the reporter ticked them."""
    return {flag for flag, sign in _SIGNS.items() if sign.search(text)}


def help_numbers(flags: Iterable[UrgencyFlag], language: str = "nl") -> list[HelpNumber]:
    found = set(flags) & DANGER
    if not found:
        return []
    numbers = _HELP["en" if language == "en" else "nl"]
    out = [numbers["112"]]
    if UrgencyFlag.SUICIDE_RISK in found:
        out.append(numbers["113"])
    if found & {UrgencyFlag.VIOLENCE, UrgencyFlag.CHILD_SAFETY}:
        out.append(numbers["veilig"])
    return out


def urgent_message(language: str = "nl", *, with_receipt: bool = False) -> str:
    if language == "en":
        return (
            "Thank you. We have received your report and see that it is urgent. A staff member "
            "will look at it first. Are you in danger now? Call one of the numbers below."
            + (
                " Keep your receipt code: with it you can see what happens next."
                if with_receipt
                else ""
            )
        )
    return (
        "Dank u wel. We hebben uw signaal ontvangen en zien dat het dringend is. Een medewerker "
        "kijkt er als eerste naar. Bent u nu in gevaar? Bel dan een van de nummers hieronder."
        + (" Bewaar uw bonnummer: daarmee ziet u later wat er gebeurt." if with_receipt else "")
    )
