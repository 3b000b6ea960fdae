"""Dutch word handling: stop words and the Snowball stemmer (compounds are left to n-grams)."""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

import snowballstemmer

STOP_WORDS = frozenset(
    [
        "aan",
        "al",
        "alle",
        "alles",
        "als",
        "altijd",
        "andere",
        "ben",
        "bij",
        "daar",
        "dan",
        "dat",
        "de",
        "der",
        "deze",
        "die",
        "dit",
        "doch",
        "doen",
        "door",
        "dus",
        "een",
        "eens",
        "en",
        "er",
        "ge",
        "geen",
        "geweest",
        "haar",
        "had",
        "heb",
        "hebben",
        "heeft",
        "hem",
        "het",
        "hier",
        "hij",
        "hoe",
        "hun",
        "iemand",
        "iets",
        "ik",
        "in",
        "is",
        "ja",
        "je",
        "jij",
        "jou",
        "jouw",
        "kan",
        "kon",
        "kunnen",
        "maar",
        "me",
        "meer",
        "men",
        "met",
        "mij",
        "mijn",
        "moet",
        "na",
        "naar",
        "niet",
        "niets",
        "nog",
        "nu",
        "of",
        "om",
        "omdat",
        "onder",
        "ons",
        "ook",
        "op",
        "over",
        "reeds",
        "te",
        "tegen",
        "toch",
        "toen",
        "tot",
        "u",
        "uit",
        "uw",
        "van",
        "veel",
        "voor",
        "want",
        "waren",
        "was",
        "wat",
        "we",
        "wel",
        "werd",
        "wezen",
        "wie",
        "wil",
        "worden",
        "wordt",
        "zal",
        "ze",
        "zelf",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zonder",
        "zou",
        "zouden",
        "hun",
        "hen",
        "haar",
        "heel",
        "erg",
        "echt",
        "even",
        "gewoon",
        "weer",
        "toch",
        "nou",
        "sinds",
        "daarna",
        "waar",
        "waarom",
        "welke",
        "wanneer",
        "hoeveel",
        "zegt",
        "zeggen",
        "zei",
        "ging",
        "gaat",
        "gaan",
        "krijg",
        "krijgen",
        "kreeg",
        "kregen",
        "had",
        "hadden",
        "moest",
        "moeten",
        "mag",
        "mogen",
        "komen",
        "kwam",
        "komt",
        "laten",
        "liet",
        "wordt",
        "werden",
        "geworden",
        "staat",
        "stond",
        "nee",
        "beste",
        "hallo",
        "groet",
        "groeten",
        "vriendelijke",
        "graag",
        "alstublieft",
        "bedankt",
        "dank",
        "mevrouw",
        "meneer",
    ]
)

# Words that only say personal data follows ("mijn naam is …, bel me op …, mijn bsn …"):
# they make reports alike that share nothing else, and are never a theme's term.
PERSONAL_DATA_WORDS = frozenset(
    {
        "bsn",
        "burgerservicenummer",
        "sofinummer",
        "iban",
        "rekeningnummer",
        "naam",
        "heet",
        "bel",
        "bellen",
        "belt",
        "gebeld",
        "terugbellen",
        "telefoon",
        "telefoonnummer",
        "tel",
        "mobiel",
        "mobiele",
        "nummer",
        "nummers",
        "mail",
        "email",
        "mailen",
        "mailadres",
        "emailadres",
        "adres",
        "woonadres",
        "postcode",
        "huisnummer",
        "geboren",
        "geboortedatum",
        "geb",
        "vnummer",
        "vreemdelingennummer",
        "call",
        "phone",
        "number",
        "name",
        "address",
        "born",
    }
)
# Words of a report's form, not its subject ("tel. notitie: mevr. belt", "cliënt"): shared by
# reports of every case, so never evidence of one case nor a theme's term.
BOILERPLATE = frozenset(
    {
        "onderwerp", "betreft", "samenvatting", "situatie", "vraag", "toelichting", "melding",
        "signaal", "notitie", "gesprek", "verslag", "klant", "client", "clienten", "cliente",
        "inwoner", "bewoner", "mevr", "dhr", "mw", "ivm", "nvt", "etc", "zie", "tav",
    }
)  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")
# snowballstemmer objects keep state between calls and are not thread-safe; features are
# computed in worker threads, so every thread has a stemmer of its own.
_local = threading.local()


def _stemmer() -> Any:
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("dutch")
    return stemmer


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _stemmer().stemWord(word)


def content_words(normalised: str) -> list[str]:
    """Words that carry meaning, in their surface form (for labels)."""
    return [
        w
        for w in _WORD.findall(normalised)
        if w not in STOP_WORDS and w not in PERSONAL_DATA_WORDS and len(w) > 2
    ]


def stems(normalised: str) -> list[str]:
    return [stem(w) for w in content_words(normalised)]
