"""Urgent reports: what the text says besides the ticked flags, and the help numbers a
reporter in danger is given at once, in their language.

A report is read by staff in working hours; someone who writes that they see no way out, or
that they or a child are not safe at home, must not wait for that: the answer to the submit
names 112, 113 Zelfmoordpreventie and Veilig Thuis, in the language being spoken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from vocabulary import UrgencyFlag
from vocabulary.translations import N_, t

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


# Names and hours in Dutch, translated where shown; the numbers are the same in every language.
_HELP = {
    "112": (N_("Alarmnummer"), "112", N_("Bij direct gevaar.")),
    "113": (
        N_("113 Zelfmoordpreventie"), "0800-0113", N_("Gratis en anoniem, dag en nacht. Chat: 113.nl"),
    ),
    "veilig": (
        N_("Veilig Thuis"), "0800-2000", N_("Bij huiselijk geweld of kindermishandeling, dag en nacht."),
    ),
}  # fmt: skip


def _help(key: str) -> HelpNumber:
    name, number, when = _HELP[key]
    return HelpNumber(t(name), number, t(when))


def urgency_from_text(text: str) -> set[UrgencyFlag]:
    """The danger signs the text shows, whether or not the reporter ticked them."""
    return {flag for flag, sign in _SIGNS.items() if sign.search(text)}


def help_numbers(flags: Iterable[UrgencyFlag]) -> list[HelpNumber]:
    """Who to call now, in the language being spoken; none when no flag means danger."""
    found = set(flags) & DANGER
    if not found:
        return []
    out = [_help("112")]
    if UrgencyFlag.SUICIDE_RISK in found:
        out.append(_help("113"))
    if found & {UrgencyFlag.VIOLENCE, UrgencyFlag.CHILD_SAFETY}:
        out.append(_help("veilig"))
    return out


def urgent_message(*, with_receipt: bool = False) -> str:
    message = t(
        "Dank u wel. We hebben uw signaal ontvangen en zien dat het dringend is. Een medewerker "
        "kijkt er als eerste naar. Bent u nu in gevaar? Bel dan een van de nummers hieronder."
    )
    if with_receipt:
        message += " " + t("Bewaar uw bonnummer: daarmee ziet u later wat er gebeurt.")
    return message
