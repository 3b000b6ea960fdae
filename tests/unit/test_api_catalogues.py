"""Every reporter-facing text the API writes has its translation in every catalogue, with
the same placeholders, and is spoken in the language asked for."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from domain.labels import status_label
from domain.system_messages import REFERRAL_SENT, system_message
from vocabulary import ReportStatus
from vocabulary.translations import API, LOCALE_DIR, speaking, spoken, t

ROOT = Path(__file__).resolve().parents[2]
CODE = ("domain", "resolvers", "schema", "workers", "messaging", "privacy", "auth", "vocabulary")


def _msgids() -> set[str]:
    found: set[str] = set()
    for directory in CODE:
        for _, _, message, _, _ in extract_from_dir(
            str(ROOT / directory),
            method_map=[("**.py", "python")],
            keywords={"t": None, "N_": None},
        ):
            if message:
                found.add(message if isinstance(message, str) else message[0])
    return found


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("lang", [lang for lang in API.languages() if lang != "nl"])
def test_every_text_is_translated_with_its_placeholders(lang: str) -> None:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "signaalpunt.po").open("rb") as source:
        catalogue = read_po(source, locale=lang)
    translated = {str(m.id): str(m.string) for m in catalogue if m.id and m.string}
    wanted = _msgids()
    assert len(wanted) > 80
    assert sorted(wanted - set(translated)) == []
    for msgid in wanted:
        assert _fields(translated[msgid]) == _fields(msgid), msgid
        if lang == "en":  # no Dutch left behind
            assert not re.search(r"\b(uw|het|niet|signaal)\b", translated[msgid]), msgid


def test_the_language_spoken_is_the_one_asked_for_and_dutch_otherwise() -> None:
    assert spoken() == "nl" and status_label(ReportStatus.RECEIVED) == "Ontvangen"
    with speaking("en"):
        assert status_label(ReportStatus.RECEIVED) == "Received"
        assert "National Ombudsman" in system_message(
            REFERRAL_SENT, {"addressee": "NATIONALE_OMBUDSMAN"}
        )
        with speaking("tlh"):  # no catalogue: keep what was spoken
            assert spoken() == "en"
    assert t("Vul {label} in.", label=t("uw verhaal")) == "Vul uw verhaal in."
    assert "Nationale ombudsman" in system_message(
        REFERRAL_SENT, {"addressee": "NATIONALE_OMBUDSMAN"}
    )
    assert API.negotiate("en-GB,en;q=0.9,nl;q=0.5") == "en"
    assert API.negotiate("de-DE") is None and API.negotiate(None) is None
