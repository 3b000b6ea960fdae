"""Person names and street addresses, found by how people write them.

Names: after an introduction ("mijn naam is fatima yilmaz", "my name is"), a title
("mevrouw de Vries", "dhr. Jansen"), a relation ("mijn zoon Daan", "klantmanager Bakker"),
at a signature ("Groet, Kees"), or as a capitalised first name from the Dutch list, with
what follows of interfixes and surnames ("Anja de Boer"). Addresses: a street followed by
its house number ("Kerkstraat 12a", "Laan van Meerdervoort 34", "Damrak 70", "Dorpsstraat12",
"Burg. de Withstraat nr. 5"), the street known by its suffix or from the street list; a
place name on its own stays.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from privacy.masking.lexicon import Lexicon, lexicon
from privacy.masking.spans import Span

# A word in any Latin script ("Paweł", "Şahin", "Nguyễn"), with apostrophes and hyphens.
_WORD = re.compile(r"['’]t\b|[^\W\d_](?:[^\W\d_]|['’-])*\.?")
# `(?=\w)` before the `\b`: every match starts with a letter, and the lookahead lets the
# regex engine skip the other positions at once (the same matches, about twice as fast).
_INTRO = re.compile(
    r"(?=\w)\b(mijn naam is|mijn naam:|ik heet|ik ben|ik ben de|my name is|my name's|i am|i'm|"
    r"naam:|name:|namens|on behalf of|ondergetekende|ondertekend:|getekend:|this is|dit is|"
    r"cliënt:|client:|aanvrager:|betrokkene:|melder:|contactpersoon:|patient:|patiënt:|"
    r"t\.n\.v\.?|tnv|ten name van|op naam van|gegevens:|mijn gegevens:|details:|"
    r"client details:|personal details:|naam aanvrager:|naam|name|heet|heten|genaamd|called|"
    r"named|voornaam|achternaam|roepnaam|surname|first name)\s+",
    re.IGNORECASE,
)
_TITLE = re.compile(
    r"(?=\w)\b(mevrouw|mevr\.?|mw\.?|meneer|mnr\.?|dhr\.?|de heer|hr\.?|mr\.?|mrs\.?|ms\.?|miss|juffrouw|"
    r"dokter|dr\.?|drs\.?|ir\.?|mr\.|familie|fam\.?|heer|sir)\s+",
    re.IGNORECASE,
)
_RELATION = re.compile(
    r"(?=\w)\b(?:(?:mijn|onze|haar|zijn|hun|my|our|her|his|their|de|the|and|en)\s+)?"
    r"(zoon|dochter|man|vrouw|partner|vriend|vriendin|moeder|vader|broer|zus|zusje|broertje|"
    r"oma|opa|kleinzoon|kleindochter|neef|nicht|oom|tante|buurman|buurvrouw|kind|baby|"
    r"klantmanager|consulent|casemanager|begeleider|bewindvoerder|contactpersoon|coach|"
    r"wijkcoach|regisseur|huisarts|mentor|son|daughter|husband|wife|mother|father|brother|"
    r"sister|neighbour|neighbor|caseworker|case manager|social worker|cliënt|cliënte|client|"
    r"klant|patiënt|patient|ouders van|kind van|schoonvader|schoonmoeder|schoonzoon|"
    r"schoondochter|stiefvader|stiefmoeder|pleegkind|pleegzoon|pleegdochter|nichtje|neefje|"
    r"kleinkind|collega|colleague|friend|cousin|uncle|aunt|grandmother|grandfather)\b[,:]?\s+\(?",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    r"(?:^|\n|[.!]\s+)\s*(?:met\s+)?(?:vriendelijke\s+)?(?:groet(?:en|jes)?|gr\.?|mvg|m\.v\.g\.|"
    r"hartelijke groet(?:en)?|liefs|dank je wel|bedankt|regards|kind regards|best regards|"
    r"thanks|thank you|cheers|sincerely)\s*[,:]?\s*\n?\s*",
    re.IGNORECASE,
)
_STREET_SUFFIXES = (
    "straat", "laan", "weg", "plein", "gracht", "singel", "kade", "dijk", "hof", "park",
    "dreef", "steeg", "pad", "markt", "ring", "allee", "baan", "burg", "veld", "hoven",
    "wal", "dam", "haven", "kanaal", "plantsoen", "erf", "wijk", "zijde", "boulevard", "street",
    "road", "avenue", "lane", "straatweg", "heuvel", "berg", "oord", "polder", "gaarde",
)  # fmt: skip
# Streets named "Laan van …", "Plein 1944", "Burgemeester …": the first word says it.
_STREET_PREFIXES = {
    "laan", "plein", "kade", "singel", "dreef", "hof", "pad", "weg", "burgemeester", "burg.",
    "dr.", "prof.", "president", "koningin", "koning", "prins", "prinses", "graaf", "sint",
    "st.", "jonkheer", "generaal", "pastoor", "dokter", "mgr.",
}  # fmt: skip
_HOUSE = re.compile(
    r"\s*(?:nr\.?|no\.?|nummer|huisnummer)?\s*(\d{1,5})(?:[a-zA-Z]{1,2}\b|\s[A-Z]\b|-(?:\d{1,3}|[IVX]{1,3}|hs|bis)\b|\s(?:hs|bis|huis|boven|I{1,3})\b)?"
)
# "Dorpsstraat12", "adres:hoogstraat21schiedam": a house letter only when no word follows.
_GLUED_STREET = re.compile(
    rf"\b((?:[^\W\d_]|['-])+(?:{'|'.join(_STREET_SUFFIXES)}))(\d{{1,5}}(?:[a-zA-Z](?![a-zA-Z]))?)(?!\d)",
    re.IGNORECASE,
)
_LETTER_DIGIT = re.compile(r"[^\W\d_]\d")
# Words with a street's ending that are none: "uitkering", "inburgering", "verzekering".
_NOT_SUFFIXES = ("ering", "baring", "oordeel", "aanvraag")
_NOT_STREETS = {
    "artikel", "art.", "week", "bijlage", "lid", "hoofdstuk", "klas", "groep", "nummer",
    "jaar", "maand", "dag", "pagina", "blz", "versie", "fase", "stap", "kamer", "bus",
    "lijn", "route", "postbus", "box", "zaak", "dossier", "kenmerk", "regel", "punt",
}  # fmt: skip


# Intros that are a form's field: whatever words follow are the name ("naam selam tesfaye").
_FIELD_LABELS = {
    "naam", "name", "mijn naam is", "my name is", "naam aanvrager", "t.n.v", "t.n.v.", "tnv",
    "heet", "heten", "genaamd", "called", "named", "voornaam", "achternaam", "roepnaam",
    "surname", "first name",
}  # fmt: skip
# Where a name written into a form's field ends: "naam selam tesfaye tel 06…".
_FIELD_STOPS = {
    "tel", "telefoon", "tel.", "mobiel", "adres", "adress", "email", "e-mail", "mail", "bsn",
    "geb", "geboren", "born", "phone", "address", "postcode", "iban", "rekening", "woon",
    "woont", "uit", "from", "en", "and", "of", "or", "is", "ben", "am",
}  # fmt: skip
_INTERFIXES = {"van", "de", "der", "den", "ter", "ten", "el", "al", "bin", "ben", "'t", "’t"}


def _tokens(text: str, start: int, limit: int = 6) -> list[re.Match[str]]:
    """Up to `limit` words from `start`, on one line and without punctuation between."""
    out: list[re.Match[str]] = []
    position = start
    for _ in range(limit):
        match = _WORD.match(text, position)
        if match is None:
            break
        out.append(match)
        position = match.end()
        if match.group(0).endswith(".") and len(match.group(0)) > 3:
            break  # "… de Wit. William …": a sentence ends, an initial or "Dr." does not
        gap = re.match(r"[ ]+", text[position:])
        if gap is None:
            if len(match.group(0)) == 2 and match.group(0).endswith("."):
                continue  # initials written together: "j.a. koster"
            break
        position += gap.end()
    return out


def _name_run(
    text: str,
    start: int,
    words: Lexicon,
    *,
    lower_ok: bool,
    introduced: bool = False,
    capital_ok: bool = False,
    field: bool = False,
) -> tuple[int, int] | None:
    """The name that begins at `start`: first names, interfixes and surnames, as far as they
    go. Lower-case words count only where the context says a name comes (`lower_ok`)."""
    end, previous = None, None
    for match in _tokens(text, start):
        word = match.group(0).rstrip(".")
        low = word.lower()
        capital = word[:1].isupper()
        if (
            low in words.interfixes
            or low in _INTERFIXES
            or re.fullmatch(r"[A-Za-z]\.", match.group(0))
        ):
            continue  # an interfix or an initial only counts when a name follows it
        if word.isupper() and len(word) > 1:
            break  # an acronym ("van het UWV") ends a name
        known = low in words.first_names or low in words.surnames
        after_first_name = previous is not None and previous in words.first_names
        if (capital and (known or capital_ok or after_first_name or low not in words.common)) or (
            lower_ok and known and low not in words.common
        ):
            end, previous = match.end(), low
            continue
        # Introduced ("mijn naam is fatima el amrani"): right after a first name, one word
        # that is no ordinary word is the surname, listed or not.
        surname = (
            introduced and (field or (previous is not None and previous in words.first_names))
            and word.isalpha() and low not in words.common and low not in _NOT_NAMES_ALONE_EN
            and low not in words.places and low not in _FIELD_STOPS
        )  # fmt: skip
        if not surname:
            break
        end, previous = match.end(), (low if field else None)
    return (start, end) if end is not None else None


# Initials before a surname: "J.W. de Graaf", "G. van Dijk-Bos", "W. Sitaldin".
_INITIALS = re.compile(
    r"(?<![\w.])((?:[A-Z]\.){1,4})\s?((?:(?:van|de|der|den|ter|ten|van der|van den|de la|el|al)\s)?"
    r"[A-Z][a-zà-ÿ'’]+(?:-[A-Z][a-zà-ÿ'’]+)?)"
)
_MONTH_OR_DAY = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag",
    "zaterdag", "zondag",
}  # fmt: skip


# A greeting at the very end, in the flow of the text: "… ik werk toch? groet tom".
_END_GREETING = re.compile(
    r"\b(?:groet(?:en|jes)?|gr|mvg|liefs|doei|regards|cheers|thanks)\s*[,:]?\s+(?=\S.{0,40}$)",
    re.IGNORECASE | re.DOTALL,
)


# Verbs a phone or desk note puts right after a title or a relation ("Mevrouw belt terug",
# "Moeder belt opnieuw"); some are surnames too (Belt, Staat). In lower case there they are
# the verb; "Mevrouw Belt" and an introduced "mijn naam is anna belt" stay names.
_NOTE_VERB = re.compile(
    r"(?:belt|belde|vraagt|meldt|zegt|komt|kwam|schrijft|mailt|wacht|woont|krijgt|kreeg|zit"
    r"|staat|stond|geeft|laat|liet|heeft|had|wil|wilde|wordt|werd|kan|moet|gaf|vertelt)\b"
)


def _starts_sentence(text: str, start: int) -> bool:
    r"""`(^|[.!?:\n]\s*)$` on `text[:start]`, without scanning all of it for every word."""
    before = text[:start]
    if not before:
        return True
    stripped = before.rstrip()
    return "\n" in before[len(stripped) :] or stripped[-1:] in (".", "!", "?", ":")


def names(text: str) -> Iterator[Span]:
    words = lexicon()
    for match in _END_GREETING.finditer(text):
        found = _name_run(text, match.end(), words, lower_ok=True, introduced=True, field=True)
        if found and plausible_person(text, found[0], found[1], introduced=True):
            yield Span(found[0], found[1], "NAME")
    for match in _INITIALS.finditer(text):
        if match.group(2).lower() not in words.common:
            yield Span(match.start(), match.end(), "NAME")
    for pattern, lower_ok in (
        (_INTRO, True),
        (_TITLE, True),
        (_RELATION, True),
        (_SIGN_OFF, False),
    ):
        for match in pattern.finditer(text):
            if pattern is not _INTRO and _NOTE_VERB.match(text, match.end()):
                continue  # "Mevrouw belt terug", "Moeder belt": the verb, not the surname Belt
            found = _name_run(
                text, match.end(), words, lower_ok=lower_ok, introduced=pattern is _INTRO,
                capital_ok=pattern is _RELATION or pattern is _TITLE,
                field=pattern is _INTRO and match.group(1).lower().rstrip(":") in _FIELD_LABELS,
            )  # fmt: skip
            if found and found[1] > found[0]:
                phrase = text[found[0] : found[1]]
                if pattern is _INTRO and match.group(1).lower() in {
                    "ik ben",
                    "i am",
                    "i'm",
                    "dit is",
                    "this is",
                }:
                    parts = phrase.split()
                    first = parts[0].lower()
                    named = first in words.first_names or (
                        len(parts) > 1 and first not in words.common and first not in words.places
                    )
                    if not named:
                        continue  # "ik ben Boos", "I am Dutch": a first name or a full name
                if not plausible_person(text, found[0], found[1], introduced=True) or (
                    pattern is _RELATION and phrase.lower() in _PLACE_ALIASES
                ):  # "namens Schuldhulpmaatje Drechtsteden", "broer (Marokko)"
                    continue  # "namens Schuldhulpmaatje Drechtsteden"
                yield Span(found[0], found[1], "NAME")
    for match in _WORD.finditer(text):
        word = match.group(0).rstrip(".")
        low = word.lower()
        if not word[:1].isupper() or word.isupper() or low in _MONTH_OR_DAY:
            continue  # lower case, an acronym ("ING"), a month
        if low in words.places or not words.is_first_name(word, alone=True):
            continue  # "gemeente Ede": a place before a name
        sentence_start = _starts_sentence(text, match.start())
        if not sentence_start and re.search(
            r"[A-ZÀ-Ý][\w'’-]*\.? $", text[max(0, match.start() - 40) : match.start()]
        ):
            continue  # "Leidsche Rijn", "Hotel Roos": the word before would have started a name
        run = _name_run(text, match.start(), words, lower_ok=False)
        if run is None:
            continue  # listed as a first name, but an ordinary word here ("Da ge je kind…")
        several = len(text[run[0] : run[1]].split()) > 1
        if sentence_start and not several:
            continue  # "Mei" at the start of a sentence: only with a surname after it
        if plausible_person(text, run[0], run[1]):
            yield Span(run[0], run[1], "NAME")


def addresses(text: str) -> Iterator[Span]:
    words = lexicon()
    if _LETTER_DIGIT.search(text):  # a glued street is letters then digits: rare, and costly
        for match in _GLUED_STREET.finditer(text):
            yield Span(match.start(), match.end(), "ADDRESS")
    for house in re.finditer(r"(?<![\w,.])\d{1,5}(?![\d,.]\d)", text):
        street = _street_before(text, house.start(), words)
        if street is None:
            continue
        number = _HOUSE.match(text, street[1])
        end = number.end() if number and number.start(1) == house.start() else house.end()
        yield Span(street[0], end, "ADDRESS")
    yield from _numbers_first(text, words)


_NOT_STREET_START = {
    "wet", "regeling", "besluit", "artikel", "ik", "op", "in", "aan", "de", "het", "een", "wij", "we", "hij", "zij", "ze", "naar", "bij",
    "te", "mijn", "our", "at", "on", "the", "i", "my", "to", "from", "woon", "wonen", "via",
    "tot", "en", "and", "or", "of", "nu", "now", "sinds", "since", "adres", "address",
}  # fmt: skip
# What comes before a street written in lower case: "ik woon op damrak 70".
_ADDRESS_CUE = re.compile(
    r"\b(?:woon|woont|wonen|wonend|woonachtig|adres|address|live|lives|verhuisd naar|"
    r"ingeschreven (?:op|aan)|postadres)\s+(?:(?:op|aan|in)\s+)?(?:(?:de|het)\s+)?$",
    re.IGNORECASE,
)
_STREET_JOINERS = {"van", "de", "der", "den", "'t", "’t", "het", "ter", "ten", "op", "aan", "la"}


def _street_before(text: str, number_start: int, words: Lexicon) -> tuple[int, int] | None:
    """(start, end) of a street name right before a house number, if there is one.

    Known streets (the BAG list) and prefixed streets ("Laan van …") are looked up as written;
    a street known by its suffix ("…straat") reaches back over capitalised words and the
    small words between them ("Burg. de Withstraat"), never over "hij zit op de".
    """
    before = text[max(0, number_start - 60) : number_start]
    offset = number_start - len(before)
    trimmed = re.sub(
        r"\s*(?:nr\.?|no\.?|nummer|huisnummer|t\.o\.|tegenover|bij|nabij)?\s*$",
        "",
        before,
        flags=re.I,
    )
    tokens = list(re.finditer(r"(?:[^\W\d_]|['’.-])+", trimmed))
    if not tokens or tokens[-1].end() != len(trimmed):
        return None
    if tokens[-1].group(0).isupper() and len(tokens[-1].group(0)) > 1:
        return None  # capitals only: a code or a heading, not a street
    last = tokens[-1].group(0).lower().rstrip(".")
    if last in _NOT_STREETS:
        return None
    for take in range(min(5, len(tokens)), 0, -1):
        chosen = tokens[-take:]
        gaps = [trimmed[a.end() : b.start()] for a, b in itertools.pairwise(chosen)]
        if any(g != " " for g in gaps):
            continue
        phrase = trimmed[chosen[0].start() : chosen[-1].end()]
        first_word = chosen[0].group(0)
        capital = first_word[:1].isupper()
        if first_word.lower() in _NOT_STREET_START or any(
            t.group(0).isupper() and len(t.group(0)) > 1 for t in chosen
        ):
            continue  # "ik woon …", or capitals: a code or a heading
        listed = phrase.lower() in words.streets and (
            capital or take > 1 or bool(_ADDRESS_CUE.search(trimmed[: chosen[0].start()]))
        )
        if take == 1 and last in words.common:
            listed = False
        prefixed = (
            take > 1
            and first_word.lower() in _STREET_PREFIXES
            and chosen[-1].group(0)[:1].isupper()
        )
        if listed or prefixed:
            return offset + chosen[0].start(), offset + len(trimmed)
    if len(last) > 5 and last.endswith(_STREET_SUFFIXES) and not last.endswith(_NOT_SUFFIXES):
        start = len(tokens) - 1
        while start > 0 and trimmed[tokens[start - 1].end() : tokens[start].start()] == " ":
            previous = tokens[start - 1].group(0)
            if previous.lower() in _NOT_STREET_START and previous.lower() not in _STREET_JOINERS:
                break
            if previous.isupper() and len(previous) > 1:
                break  # "4811 AB Haagdijk": the postcode's letters are no part of it
            if previous[:1].isupper() and previous.lower() not in _NOT_STREET_START:
                start -= 1
            elif (
                previous.lower() in _STREET_JOINERS
                and start > 1
                and tokens[start - 2].group(0)[:1].isupper()
            ):
                start -= 2
            else:
                break
        if tokens[start].group(0).lower() in _STREET_JOINERS:
            start += 1
        return offset + tokens[start].start(), offset + len(trimmed)
    return None


# A house number before its street, as in English: "14 Kerkstraat"; and "nummer 23 van de
# Beukenlaan".
_NUMBER_FIRST = re.compile(
    r"(?<![\w,.])(?:(?:nummer|nr\.?|huisnummer)\s+)?\d{1,5}[a-zA-Z]?\s+(?:(?:van|aan|in|op)\s+(?:de|het)\s+)?"
    r"([A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)?)"
)


def _numbers_first(text: str, words: Lexicon) -> Iterator[Span]:
    for match in _NUMBER_FIRST.finditer(text):
        street = match.group(1)
        low = street.lower()
        last = low.split()[-1]
        if (
            re.match(r"\d{4}\s?[A-Z]{2}\b", match.group(0))
            or low in words.places
            or last in words.places
        ):
            continue  # "1016 GV Amsterdam": a postcode and its place
        if "-" in last or last in words.common:
            continue  # "2023 WW-uitkering"
        if (len(last) > 5 and last.endswith(_STREET_SUFFIXES)) or (
            low in words.streets and low not in words.common and low not in words.places
        ):
            yield Span(match.start(), match.end(), "ADDRESS")


# Endings only streets have ("Overdijk", "Westerhof", "Rosenberg" are surnames too).
_STREET_ONLY_SUFFIXES = (
    "straat", "laan", "weg", "plein", "gracht", "singel", "kade", "steeg", "dreef",
    "plantsoen", "boulevard", "street", "road", "avenue",
)  # fmt: skip


# Organisations whose names read like a person's ("Zilveren Kruis", "Albert Heijn").
_ORGANISATIONS = {
    "zilveren kruis", "albert heijn", "de friesland", "nationale nederlanden", "abn amro",
    "menzis", "achmea", "interpolis", "ohra", "univé", "unive", "onvz", "dsw", "vgz",
    "stichting", "vattenfall", "greenchoice", "eneco", "essent", "vitens", "evides", "dunea",
    "ziggo", "odido", "vodafone", "arriva", "connexxion", "jumbo", "kruidvat", "hema",
    "triodos", "knab", "bunq", "rabobank", "coolblue", "florence", "buurtzorg", "humanitas",
}  # fmt: skip
_ORGANISATION_WORDS = {
    "kruis", "bank", "fonds", "stichting", "groep", "verzekeringen", "energie", "water",
    "zorg", "thuiszorg", "wonen", "woningcorporatie", "college", "school", "kliniek", "centrum",
    "museum", "ziekenhuis", "hotel", "theater", "kerk", "moskee", "universiteit", "hogeschool",
    "wet", "regeling", "besluit", "act", "law", "fund", "foundation", "bv", "b.v.", "nv", "vof",
}  # fmt: skip


# Words organisations end in: "Zorgcentrum De Hofstee", "Hoogenboom Advocatuur".
_ORGANISATION_ENDINGS = (
    "bedrijf", "taxi", "belang", "bewindvoering", "bv", "b.v.", "nv", "groep", "partners",
    "mc", "umc", "gemeente", "opvang", "apotheek", "winkel", "markt", "bouw", "wonen",
    "centrum", "loket", "stichting", "advocatuur", "advocaten", "maatje", "praktijk", "bureau",
    "kantoor", "dienst", "team", "raad", "rechtbank", "vereniging", "groep", "school", "kliniek",
    "bank", "fonds", "museum", "zorg", "wonen", "woningen", "huis", "college", "coöperatie",
)  # fmt: skip
# Other names of places than the lists give: "Den Bosch".
_PLACE_ALIASES = {
    "asmara", "herat", "kabul", "aleppo", "damascus", "izmir", "ankara", "istanbul", "nador",
    "casablanca", "paramaribo", "willemstad", "addis abeba", "mogadishu", "lagos",
    "den bosch", "bosch", "den haag", "den helder", "den burg", "kleve", "emmerich",
    # countries people come from or go to, in Dutch and English
    "marokko", "morocco", "turkije", "turkey", "suriname", "curaçao", "curacao", "aruba",
    "bonaire", "syrië", "syria", "eritrea", "ethiopië", "ethiopia", "somalië", "somalia",
    "afghanistan", "irak", "iraq", "iran", "oekraïne", "ukraine", "polen", "poland",
    "roemenië", "romania", "bulgarije", "bulgaria", "belgië", "belgium", "duitsland",
    "germany", "spanje", "spain", "portugal", "italië", "italy", "frankrijk", "france",
    "engeland", "england", "nigeria", "ghana", "china", "indonesië", "indonesia", "india",
    "pakistan", "egypte", "egypt", "tunesië", "tunisia", "algerije", "algeria", "jemen",
    "sudan", "soedan", "rusland", "russia", "griekenland", "greece", "brazilië", "brazil",
}  # fmt: skip
# Before a place, not before a person: "woon in Kleve", "te Amsterdam-Zuidoost", "op het Hoogeland".
_BEFORE_A_PLACE = re.compile(r"\b(?:in|te|uit|naar|from|to|near|het)\s+$", re.IGNORECASE)


LEADING_SMALL_WORDS = re.compile(
    r"(?:(?:in|te|uit|naar|op|bij|voor|met|aan|from|to|at|in)\s+)+", re.IGNORECASE
)


def plausible_person(text: str, start: int, end: int, *, introduced: bool = False) -> bool:
    """Whether a person another detector (deduce) found at text[start:end] reads as one.

    Refused: one word that is a month, a day, a common or a stop word ("July", "My"), or that
    follows "in", "te", "het" (a place); small words only ("aan de"); a place; a street
    without a number ("Jan Pietersz Coenstraat"); an organisation that reads like a name
    ("Zilveren Kruis", "William Schrikker Stichting", "Hoogenboom Advocatuur").
    """
    lead = LEADING_SMALL_WORDS.match(text, start, end)
    if lead:  # "In Den Bosch", "te Amsterdam-Zuidoost": judged without the preposition
        start = lead.end()
    span_text = text[start:end]
    words = [w.strip(".,;:!?()'\"’").lower() for w in span_text.split()]
    words = [w for w in words if w]
    if not words:
        return False
    words_list = lexicon()
    joined = " ".join(words)
    following = re.match(r"[ \t]+([\w-]+)", text[end : end + 40])
    if following and following.group(1).lower().endswith(_ORGANISATION_ENDINGS):
        return False  # "William Schrikker Stichting"
    leading = re.search(
        r"([\w-]+)\s+(?:(?:de|het|den|'t)\s+)?$", text[max(0, start - 40) : start], re.IGNORECASE
    )
    if (
        leading
        and leading.group(1).lower().endswith(_ORGANISATION_ENDINGS)
        and leading.group(1)[:1].isupper()
    ):
        return False  # "Zorgcentrum De Hofstee"
    place = (
        joined in words_list.places
        or " ".join(words[:2]) in words_list.places  # "Den Haag Transvaal"
        or joined in _PLACE_ALIASES
        or (words[0] in {"den", "de", "het"} and " ".join(words[1:]) in words_list.places)
    )
    if place and not introduced:  # "mevrouw de Vries" stays a person, though Vries is a village
        return False
    if len(words) == 1 and not introduced:
        only = words[0]
        after_place_word = bool(_BEFORE_A_PLACE.search(text[max(0, start - 12) : start]))
        return not (
            only in _MONTH_OR_DAY or only in words_list.common or only in _NOT_NAMES_ALONE_EN
            or (after_place_word and only not in words_list.first_names)
        )  # fmt: skip
    small = words_list.common if not introduced else set()
    if all(w in small or w in _INTERFIXES or w in words_list.interfixes for w in words):
        return False  # "aan de": small words only
    if (
        "&" in span_text
        or joined in _ORGANISATIONS
        or any(
            w in _ORGANISATIONS or w in _ORGANISATION_WORDS or w.endswith(_ORGANISATION_ENDINGS)
            for w in words
        )
    ):
        return False
    last = words[-1]
    return not (last.endswith(_STREET_ONLY_SUFFIXES) and len(last) > 6)


_NOT_NAMES_ALONE_EN = {
    "my", "i", "me", "we", "our", "the", "dear", "hi", "hello", "yes", "no", "but", "and",
    "so", "then", "also", "please", "thanks", "sir", "madam", "mum", "mom", "dad",
}  # fmt: skip


_AND = r"\s+(?:en|and|&|of|or)\s+"
_BEFORE_AND = re.compile(r"((?:[^\W\d_]|['’-])+)" + _AND + "$")
_AFTER_AND = re.compile(_AND + r"((?:[^\W\d_]|['’-])+)")


def coordinated(text: str, persons: list[Span]) -> Iterator[Span]:
    """A first name joined to a name already found: "Cor en Mien", "Jan and Piet de Vries"."""
    first_names = lexicon().first_names
    for person in persons:
        window = max(0, person.start - 40)
        before = _BEFORE_AND.search(text[window : person.start])
        if before and before.group(1)[:1].isupper() and before.group(1).lower() in first_names:
            yield Span(window + before.start(1), window + before.end(1), "NAME")
        after = _AFTER_AND.match(text, person.end)
        if after and after.group(1)[:1].isupper() and after.group(1).lower() in first_names:
            yield Span(after.start(1), after.end(1), "NAME")
