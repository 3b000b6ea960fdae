"""Messages Signaalpunt itself sends to reporters, kept as a text id and its values.

One message on a theme reaches every reporter of that theme, each in their own language, so
it is stored as `text_id` + `text_params` and written out when read (`body` keeps the Dutch,
for staff and search). Values that are words of the vocabulary (an addressee) are translated
with the text.
"""

from __future__ import annotations

from collections.abc import Mapping

from domain.labels import addressee_label
from vocabulary.translations import DEFAULT_LANGUAGE, N_, speaking, t

REFERRAL_SENT = "referral_sent"
REFERRAL_CLOSED = "referral_closed"
REFERRAL_CLOSED_AFTER_ANSWER = "referral_closed_after_answer"
REPORT_CLOSED = "report_closed"
REPORT_DECLINED = "report_declined"

TEXTS: dict[str, str] = {
    REFERRAL_SENT: N_(
        "Uw signaal hoort bij een probleem dat vaker voorkomt. We hebben het doorgestuurd naar "
        "de {addressee}. Zodra zij reageren, leest u dat hier."
    ),
    REFERRAL_CLOSED: N_(
        "Wij sluiten de doorverwijzing naar de {addressee} af. Dank u wel voor uw signaal. "
        "Heeft u nog vragen? Stuur ons dan een bericht."
    ),
    REFERRAL_CLOSED_AFTER_ANSWER: N_(
        "De {addressee} heeft geantwoord; dat antwoord leest u hierboven. Wij sluiten deze "
        "doorverwijzing nu af. Dank u wel voor uw signaal."
    ),
    REPORT_CLOSED: N_(
        "We hebben uw signaal afgerond. Dank u wel dat u het ons liet weten: zo zien we waar "
        "regels mensen in de knel brengen. Wilt u ons vertellen wat u ervan vond? Vul dan de "
        "korte vragenlijst in; dat kan 14 dagen. Vindt u dat we opnieuw moeten kijken? Laat "
        "het ons weten."
    ),
    REPORT_DECLINED: N_(
        "We nemen uw signaal niet verder in behandeling. Dank u wel dat u het ons liet weten. "
        "Wilt u ons vertellen wat u ervan vond? Vul dan de korte vragenlijst in; dat kan 14 "
        "dagen. Vindt u dat we opnieuw moeten kijken? Laat het ons weten."
    ),
}


def system_message(text_id: str, params: Mapping[str, str] | None = None) -> str:
    """The message in the language being spoken."""
    values = dict(params or {})
    if "addressee" in values:
        values["addressee"] = addressee_label(values["addressee"])
    return t(TEXTS[text_id], **values)


def stored_body(text_id: str, params: Mapping[str, str] | None = None) -> str:
    """The Dutch `body` stored with the text id, whatever the request speaks."""
    with speaking(DEFAULT_LANGUAGE):
        return system_message(text_id, params)
