"""Case details: what pins a case down whoever tells it, in whatever words.

The same case retold by the person weeks later, by their daughter or by a wijkteam worker
shares little wording but the same facts: the amount to pay back (`€ 4.100`, "ruim 4000
euro", "EUR 4,100", "vierduizend honderd", "140 per maand"), ages ("ik ben 44", "man, 44
jr", "(44)", or a decade: "begin vijftig", "late fifties"), durations ("9 maanden", "negen
maanden", "nine months"), counts ("2 kinderen", "twee kinderen", "two children"), dates ("3
april", "3-4"), years, and the places named. Each detail is a (kind, value) pair, so "ruim
4000" and "4.100" can be compared as amounts, and an age is never matched with an amount.

Input is the masked text before `normalise` (amounts need their separators and currency
signs); numbers inside placeholders are already gone.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from privacy.masking.lexicon import lexicon

# --- number words, Dutch and English --------------------------------------------------------
_NL_UNITS = {
    "nul": 0, "een": 1, "één": 1, "eén": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5,
    "zes": 6, "zeven": 7, "acht": 8, "negen": 9, "tien": 10, "elf": 11, "twaalf": 12,
    "dertien": 13, "veertien": 14, "vijftien": 15, "zestien": 16, "zeventien": 17,
    "achttien": 18, "negentien": 19,
}  # fmt: skip
_NL_TENS = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
    "tachtig": 80, "negentig": 90,
}  # fmt: skip
_EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip


def _nl_below_hundred(word: str) -> int | None:
    if word in _NL_UNITS:
        return _NL_UNITS[word]
    if word in _NL_TENS:
        return _NL_TENS[word]
    for tens, value in _NL_TENS.items():  # "achtentwintig", "eenenveertig"
        if word.endswith(tens):
            head = word[: -len(tens)]
            for joiner in ("en", "ën"):
                if head.endswith(joiner) and head[: -len(joiner)] in _NL_UNITS:
                    unit = _NL_UNITS[head[: -len(joiner)]]
                    if 1 <= unit <= 9:
                        return value + unit
    return None


# A fraction before "duizend", as people say round sums: "een kwart duizend" (250),
# "anderhalf duizend" (1500), "twee en een half duizend" (2500). Read as "duizend" alone
# they made 1000, which conflicted with the case's real figure.
_FRACTIONS = {
    "kwart": 0.25, "eenkwart": 0.25, "driekwart": 0.75, "half": 0.5, "halve": 0.5,
    "eenhalf": 0.5, "eenhalve": 0.5, "anderhalf": 1.5, "anderhalve": 1.5,
}  # fmt: skip


def _fraction(word: str) -> float | None:
    """ "kwart", "anderhalf", "tweeënhalf", "tweeeneenhalf" (words run together): the number."""
    if word in _FRACTIONS:
        return _FRACTIONS[word]
    for half in ("eneenhalve", "eneenhalf", "ënhalve", "ënhalf", "enhalve", "enhalf"):
        if word.endswith(half) and (whole := _nl_below_hundred(word[: -len(half)])):
            return whole + 0.5
    return None


def dutch_number(word: str) -> int | None:
    """A Dutch number written as one word: "drie", "achtentwintig", "zeventienhonderd",
    "vierduizend", "tweeduizendvijfhonderd", "honderdtwintig", "anderhalfduizend"."""
    word = word.lower()
    if not word or not word.isalpha():
        return None
    if "duizend" in word:
        head, _, tail = word.partition("duizend")
        if head and (fraction := _fraction(head)) is not None:
            return int(fraction * 1000) if not tail else None
        thousands = 1 if not head else dutch_number(head)
        rest = 0 if not tail else dutch_number(tail)
        if thousands is None or rest is None or rest >= 1000:
            return None
        return thousands * 1000 + rest
    if "honderd" in word:
        head, _, tail = word.partition("honderd")
        hundreds = 1 if not head else _nl_below_hundred(head)
        rest = 0 if not tail else _nl_below_hundred(tail.removeprefix("en"))
        if hundreds is None or rest is None:
            return None
        return hundreds * 100 + rest
    return _nl_below_hundred(word)


def _english_number(words: list[str]) -> int | None:
    """ "seventeen hundred", "four thousand one hundred", "twenty-two", "two"."""
    total, current, seen = 0, 0, False
    for word in words:
        if word in _EN_UNITS:
            current += _EN_UNITS[word]
        elif "-" in word and all(p in _EN_UNITS for p in word.split("-")):
            current += sum(_EN_UNITS[p] for p in word.split("-"))
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        elif word == "and" and seen:
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


# --- the details ----------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class Detail:
    kind: str  # amount, age, days, weeks, months, years, count, date, year, place
    value: str  # normalised: "4100", "44", "03-04", "almere"
    approximate: bool = False  # "ruim 4000", "about 8,000": compared within 10%
    # An amount's period ("week", "month", "year", or "" for a sum): not part of its value, so
    # "€ 180 per maand" and "180 euro" are one amount; two amounts of different periods are
    # different things (a weekly budget, a monthly cut, a debt) and never contradict.
    per: str = field(default="", compare=False)

    def label(self) -> str:
        """As staff read it in a link's evidence: "bedrag € 4100", "leeftijd 44"."""
        return f"{_LABELS.get(self.kind, self.kind)} {self.value}"


_LABELS = {
    "amount": "bedrag €", "age": "leeftijd", "days": "dagen:", "weeks": "weken:",
    "months": "maanden:", "years": "jaren:", "count": "aantal", "date": "datum", "year": "jaar",
    "place": "plaats", "hours": "uren:", "percent": "procent", "month": "maand",
}  # fmt: skip

# A number as written: "4.100", "4100", "4,100" (English), "1.240,50", "8k".
_NUMBER = r"\d{1,3}(?:[.,\s]\d{3})+(?:,\d{1,2})?|\d+(?:[.,]\d{1,2})?"
_APPROX = r"(?:ruim|bijna|ongeveer|circa|ca\.?|zo'?n|rond(?:\s+de)?|meer dan|minder dan|about|almost|around|nearly|roughly|over|more than|some)"
_CURRENCY_BEFORE = re.compile(
    rf"(?:(?P<approx>{_APPROX})\s+)?(?:€|eur\b|euros?\b|EUR\b)\s*(?P<number>{_NUMBER})(?P<k>\s?k\b)?",
    re.IGNORECASE,
)
_CURRENCY_AFTER = re.compile(
    rf"(?:(?P<approx>{_APPROX})\s+)?(?P<number>{_NUMBER})(?P<k>\s?k|\s*duizend|\s+thousand)?\s*"
    r"(?:,-\s*)?(?:euros?|eur|€)\b",
    re.IGNORECASE,
)
_WORD_AMOUNT = re.compile(
    rf"(?:(?P<approx>{_APPROX})\s+)?(?P<words>[a-zë]+(?:[\s-][a-z]+){{0,5}}?)\s+(?:euros?|eur)\b",
    re.IGNORECASE,
)
# Money without its currency, where nothing else is counted so: "140 per maand", "vierhonderd
# per maand", "roughly 140 a month", "moet 840 terugbetalen", "wil 500 terug", "four hundred
# a month". The cue is found first and the number read just before it: a pattern starting at
# every word cost a sixth of all detail reading. Not a time ("turned 18 a year ago", "52 back
# then", "back in 2015", "een jaar of 12 terug") nor hours ("ik werk 36 per week").
_BARE_CUE = re.compile(
    r"\s(?:per\s+(?:maand|week|jaar|kwartaal|month|year)"
    r"|a\s+(?:month|week|year)(?!\s+(?:ago|later|earlier|before|old)\b)"
    r"|terug\w*|back(?!\s+(?:then|in|home|when|and)\b))\b",
    re.IGNORECASE,
)
_BARE_NUMBER = re.compile(
    rf"(?:(?P<approx>{_APPROX})\s+)?(?<![\w.,])(?P<number>{_NUMBER}|[a-zë]+(?:[\s-][a-zë]+){{0,5}})\s*$",
    re.IGNORECASE,
)
_NOT_MONEY_BEFORE = re.compile(
    r"\b(?:jaar\s+of|years?\s+or|werk|werkt|werken|work|works|worked|working)\s+$", re.IGNORECASE
)
_BARE_REACH = 60


def _bare_amounts(text: str) -> Iterator[re.Match[str]]:
    """`_BARE_NUMBER` just before each money cue: a number, or up to six words of which the
    longest tail is a number ("we pay four hundred")."""
    for cue in _BARE_CUE.finditer(text):
        match = _BARE_NUMBER.search(text, max(0, cue.start() - _BARE_REACH), cue.start())
        if match is not None:
            yield match


def _number_tail(words: str) -> tuple[int, int] | None:
    """The longest tail of `words` that reads as a number ("we moeten vierhonderd" → 400):
    its value and the index of its first word."""
    parts = words.split()
    for start in range(len(parts)):
        value = _word_number(" ".join(parts[start:]))
        if value is not None:
            return value, start
    return None


_HEDGE_AT_END = re.compile(rf"\b{_APPROX}$")
# A range: "300 à 400 euro", "150 tot 900 euro", "€300 - €450", "between 300 and 400 euros".
# Both ends, each approximate: read as its upper end alone it conflicted with a retelling
# that names the lower one.
_RANGE_WORD = r"(?:à|-|–|tot|to)"
_RANGE_LOW = r"(?P<low>\d+(?:[.,]\d{1,2})?)"
_RANGES = (
    re.compile(
        # the currency before the first number, or else after the second
        rf"(?:tussen(?:\s+de)?|between)\s+(?:(?P<eur>€)\s*)?{_RANGE_LOW}\s+"
        rf"(?:en|and)\s+(?:€\s*)?(?P<high>{_NUMBER})(?(eur)|\s*(?:euros?|eur)\b)",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(?<![\d.,]){_RANGE_LOW}\s*{_RANGE_WORD}\s*(?:€\s*)?"
        rf"(?P<high>{_NUMBER})\s*(?:,-\s*)?(?:euros?|eur)\b",
        re.IGNORECASE,
    ),
    re.compile(
        rf"€\s*{_RANGE_LOW}\s*{_RANGE_WORD}\s*€\s*(?P<high>{_NUMBER})",
        re.IGNORECASE,
    ),
)
# "een paar honderd euro", "enkele duizenden", "a few hundred", "a couple of thousand": no
# amount at all (read as 100 or 1000 it would conflict with the case's real figure).
_VAGUE = frozenset({"paar", "enkele", "aantal", "tal", "few", "couple", "several"})


def _vague(text: str, match: re.Match[str], words: str, start: int) -> bool:
    """Whether the word right before the number (inside the match or just before it), or
    the one before "of", makes it a vague quantity ("een paar keer vierhonderd" is not)."""
    inside = words.split()[:start]
    before = text[max(0, match.start() - 30) : match.start()].split() if len(inside) < 2 else []
    last = [word.lower() for word in (before + inside)[-2:]]
    if not last:
        return False
    if last[-1] in _VAGUE:
        return True
    return len(last) == 2 and last[1] == "of" and last[0] in _VAGUE


def _hedged(match: re.Match[str], words: str, start: int) -> bool:
    """Whether the amount is hedged: before the match ("about eight hundred euro") or in the
    two words before the number inside it ("we pay about eight hundred")."""
    before = " ".join(words.split()[max(0, start - 2) : start])
    return bool(match.group("approx")) or bool(_HEDGE_AT_END.search(before))


def _read_number(raw: str) -> int | None:
    """A whole number in digits or in (Dutch or English) words."""
    return int(raw) if raw.isdigit() else _word_number(raw)


# "drie mille", "3 mille", "vier ruggen": thousands as people say them.
_MILLE = re.compile(
    rf"(?:(?P<approx>{_APPROX})\s+)?(?P<n>\d{{1,3}}|[a-z]+)\s+(?:mille|ruggen)\b", re.IGNORECASE
)
_UNITS = {
    "dag": "days", "dagen": "days", "day": "days", "days": "days",
    "week": "weeks", "weken": "weeks", "weeks": "weeks",
    "maand": "months", "maanden": "months", "mnd": "months", "month": "months", "months": "months",
    "jaar": "years", "jaren": "years", "year": "years", "years": "years",
    "kinderen": "count", "kind": "count", "kids": "count", "children": "count", "child": "count",
    "uur": "hours", "uren": "hours", "hours": "hours", "hour": "hours",
    "procent": "percent", "%": "percent", "percent": "percent",
}  # fmt: skip
_UNIT_NUMBER = re.compile(
    r"(?<![\w.,])(?P<number>\d{1,3}|[a-zë-]+)[\s-]?(?P<unit>(?:dagen|dag|days|day|weken|week|weeks|"
    r"maanden|maand|mnd|months|month|jaren|jaar|years|year|kinderen|kind|kids|children|child|uren|uur|"
    r"hours|hour|procent|percent)\b|%)",
    re.IGNORECASE,
)
_MONTHS = {
    "januari": 1, "jan": 1, "january": 1, "februari": 2, "feb": 2, "february": 2, "maart": 3,
    "mrt": 3, "march": 3, "april": 4, "apr": 4, "mei": 5, "may": 5, "juni": 6, "jun": 6,
    "june": 6, "juli": 7, "jul": 7, "july": 7, "augustus": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "october": 10, "oct": 10,
    "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
# What a number before it counts is no age: "van 3 ochtenden", "(2 kinderen)", "(14 months)".
_COUNTED = (
    r"(?:dagen|dag|weken|maanden|uur|uren|keer|ochtenden|middagen|avonden|nachten|dagdelen"
    r"|kinderen|kids|children|days|weeks|months|hours|times|mornings|afternoons|evenings|nights)"
)
# Ages: "ik ben 44", "man, 44", "(44)", "44-jarige", "van 67", "aged 67", "67 jaar oud", "44 jr".
_AGE = re.compile(
    r"(?:\b(?:ben|is|was|am|aged|age|leeftijd|van|of)\s+(?P<a>\d{1,3})\b(?![.,]\d)(?!\s*(?:€|%|(?:euro|eur|procent|"
    rf"{_COUNTED}|km|kilometer|x|naar|tot|to|per|a\s+(?:month|week|year)|{_MONTH_NAMES})\b"
    r"|(?:of|or|à|-|tot|to)\s*\d))"
    rf"|\((?P<b>\d{{1,3}})(?=[),\s])(?!\s*(?:euros?|eur|€|%|procent|km|{_COUNTED}\b))"
    r"|\b(?P<c>\d{1,3})[\s-]?(?:jarige?|jr\b\.?|j\.(?!\w)|years?[\s-]old|jaar oud|yo\b|y/o)"
    r"|(?:man|vrouw|jongen|meisje|moeder|vader|mevrouw|meneer|cliënt|cliënte|client|woman|boy|girl"
    r"|mother|father|zoon|dochter|son|daughter),\s*(?P<d>\d{1,3})\b)",
    re.IGNORECASE,
)
# Ages in words, as people say them aloud or in a phone note: "ik ben vijfenveertig", "zoon
# eenentwintig", "een zoon van vijftien", "my mother is seventy-eight". Twelve and up only:
# "van twee" or "of three" is mostly a count ("moeder van twee").
_WORD_AGE = re.compile(  # a lookahead, so that every word is tried ("dochter is dertien")
    r"(?=\b(?:(?:zoon|dochter|jongen|meisje|kind|son|daughter|boy|girl|man|vrouw|moeder|vader"
    r"|mother|father)\s+(?:van|of)|ben|is|was|am|aged|werd|wordt|turned|turns|zoon|dochter|son"
    r"|daughter)\s+(?P<w>[a-zë]+(?:-[a-z]+)?)\b"
    r"(?!\s*(?:€|%|(?:euros?|eur|procent|dagen|days|weken|weeks|maanden|months|uur|hours|keer"
    r"|times|kinderen|children|kids|naar|tot|to)\b)))",
    re.IGNORECASE,
)
WORD_AGE_MIN = 12
# "toen ik zevenentwintig werd", "sinds hij 18 geworden is": the age before its verb; not an
# amount ("€95 werd verhoogd", "12,50 werd"), nor a time ("om 12 werd ik gebeld").
_AGE_BEFORE_VERB = re.compile(
    r"(?<![\w.,€])(?<!\bom\s)(?P<n>\d{1,3}|[a-zë]+(?:-[a-z]+)?)\s+(?:werd|geworden|word|wordt)\b",
    re.IGNORECASE,
)
# An age said as a decade: "begin vijftig", "eind dertig", "in de zestig", "a man in his late
# fifties", "early twenties". A range, compared by containment, never a conflict.
_DECADES = {
    "twintig": 20, "dertig": 30, "veertig": 40, "vijftig": 50, "zestig": 60, "zeventig": 70,
    "tachtig": 80, "negentig": 90, "twenties": 20, "thirties": 30, "forties": 40,
    "fifties": 50, "sixties": 60, "seventies": 70, "eighties": 80, "nineties": 90,
}  # fmt: skip
_PART_OF_DECADE = {
    "begin": (0, 4), "early": (0, 4), "midden": (3, 7), "mid": (3, 7), "eind": (6, 9),
    "late": (6, 9),
}  # fmt: skip
# Not a stretch of time ("in de twintig jaar dat ik hier woon") nor a period of history ("in
# the early nineties").
_DECADE_AGE = re.compile(
    r"(?<!\bthe\s)\b(?:(?P<part>begin|midden|eind|early|mid|late)[\s-]+(?:de\s+)?"
    r"|(?:in\s+(?:de|his|her|their|my|your|our)\s+))"
    r"(?P<decade>twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|twenties"
    r"|thirties|forties|fifties|sixties|seventies|eighties|nineties)\b"
    r"(?!\s+(?:jaar|jaren|dagen|weken|maanden|uur|euros?|eur|procent|years|days|weeks|months"
    r"|hours|percent)\b)",
    re.IGNORECASE,
)
# Children's ages in a list: "twee jongens van 7 en 11", "two boys, 7 and 11", "kinderen van
# 3, 5 en 8" (the first is also an age by `_AGE`; the others only here).
_CHILD_AGES = re.compile(
    r"\b(?:kinderen|kids|jongens|meisjes|zonen|dochters|zoons|children|boys|girls|sons|daughters)"
    r"(?:\s*\(|,?\s*(?:van|of|aged|age)?\s*)(?P<ages>\d{1,2}(?:\s*(?:,|en|and|&)\s*\d{1,2})+)\b"
    r"(?!\s*(?:euros?|eur|€|%|procent|jaar geleden|years ago))",
    re.IGNORECASE,
)
_DAY_MONTH = re.compile(
    rf"\b(?P<day>\d{{1,2}})(?:e|ste|de|th|st|nd|rd)?\s+(?:of\s+)?(?P<month>{_MONTH_NAMES})\b\.?"
    rf"|\b(?P<month2>{_MONTH_NAMES})\s+(?P<day2>\d{{1,2}})(?:th|st|nd|rd)?\b(?!\d)",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(r"\b(?P<day>\d{1,2})[-/](?P<month>\d{1,2})(?:[-/](?:19|20)?\d{2})?\b")
_MONTH_YEAR = re.compile(
    rf"\b(?P<month>{_MONTH_NAMES})\s+(?P<year>(?:19|20)\d{{2}})\b", re.IGNORECASE
)
_MONTH_ALONE = re.compile(
    r"\b(?P<month>januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|"
    r"november|december|january|february|march|june|july|august|october)\b",
    re.IGNORECASE,
)
_YEAR = re.compile(r"(?<![\d.,€])\b(?P<year>(?:19[5-9]|20[0-3])\d)\b(?![.,]\d)")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


_CURRENCY_WORD = re.compile(r"\s(?:euros?|eur)\b", re.IGNORECASE)
# How far before "euro" `_WORD_AMOUNT` is tried: a hedge and six words of ordinary length
# (the pattern itself allows longer words and runs of spaces, which no report holds).
_WORD_AMOUNT_REACH = 400


_DIGITS_BEFORE = re.compile(r"\d\s?$")
_THOUSAND = frozenset({"duizend", "thousand"})


def _word_amounts(text: str) -> Iterator[re.Match[str]]:
    """`_WORD_AMOUNT.finditer(text)`, tried only within `_WORD_AMOUNT_REACH` characters
    before each "euro": the pattern may start at any word, and trying it at every one was half
    of all detail reading. The same matches on every evaluation text; an amount in words more
    than 400 characters before its "euro" (hundreds of spaces in between) would be missed."""
    end = 0
    for currency in _CURRENCY_WORD.finditer(text):
        if currency.end() <= end:
            continue
        match = _WORD_AMOUNT.search(text, max(end, currency.start() - _WORD_AMOUNT_REACH))
        if match is None:
            return
        if match.start() < currency.end():
            end = match.end()
            yield match


def _to_number(raw: str, english: bool) -> float | None:
    raw = raw.strip().replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:[.]\d{3})+(?:,\d{1,2})?", raw):  # Dutch: 4.100 or 1.240,50
        return float(raw.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?", raw):  # English: 8,400 or 1,203.50
        return float(raw.replace(",", ""))
    if re.fullmatch(r"\d+,\d{1,2}", raw):  # Dutch decimals: 312,40
        return float(raw.replace(",", "."))
    if re.fullmatch(r"\d+\.\d{1,2}", raw):  # 21.80 (English) or 1.5
        return float(raw)
    if raw.isdigit():
        return float(raw)
    del english
    return None


def _amount(value: float, approximate: bool, per: str = "") -> Detail:
    shown = f"{value:.2f}".rstrip("0").rstrip(".")
    return Detail("amount", shown, approximate, per)


_PERIODS = {
    "week": "week", "weken": "week", "wekelijks": "week", "weekly": "week",
    "maand": "month", "mnd": "month", "month": "month", "maandelijks": "month",
    "monthly": "month", "jaar": "year", "year": "year", "jaarlijks": "year", "yearly": "year",
    "kwartaal": "quarter", "quarter": "quarter", "dag": "day", "day": "day", "uur": "hour",
    "hour": "hour",
}  # fmt: skip
_PERIOD_WORD = r"(?:week|maand|mnd|month|jaar|year|kwartaal|quarter|dag|day|uur|hour)"
_PERIOD_AFTER = re.compile(
    rf"\s*(?:,-\s*)?(?:euros?\b|eur\b|€)?\s*(?:(?:(?:per|a|an|each|every|in\s+de|elke|iedere)\s+|/\s*)"
    rf"(?P<p>{_PERIOD_WORD})\b|(?P<w>wekelijks|maandelijks|jaarlijks)\b|(?P<q>p/m|p\.m\.))",
    re.IGNORECASE,
)
_PERIOD_BEFORE = re.compile(
    rf"(?:\b(?:per|elke|iedere|every|each|a)\s+(?P<p>{_PERIOD_WORD})|\b(?P<w>wekelijks|maandelijks"
    rf"|jaarlijks|weekly|monthly|yearly))\s+(?:(?:nog\s+)?(?:maar|ruim|bijna|zo'?n|about|only)\s+)?$",
    re.IGNORECASE,
)


def _period(text: str, start: int, end: int) -> str:
    """The period an amount at text[start:end] is said per: just after it ("180 euro per
    maand", "€ 45 a week", "€ 900 p/m") or just before it ("per week € 45")."""
    for match in (
        _PERIOD_AFTER.match(text, end, end + 30),
        _PERIOD_BEFORE.search(text, max(0, start - 30), start),
    ):
        if match is not None:
            word = match.group("p") or match.group("w") or "maand"  # p/m
            return _PERIODS[word.lower()]
    return ""


def _word_number(words: str) -> int | None:
    parts = words.lower().replace("-", " ").split()
    if len(parts) == 1:
        value = dutch_number(parts[0])
        if value is not None:
            return value
    joined = "".join(parts)
    value = dutch_number(joined)  # "vier duizend honderd"
    if value is not None:
        return value
    return _english_number(parts)


def case_details(text: str, places: frozenset[str] | set[str] = frozenset()) -> frozenset[Detail]:
    """The details of a (masked) text; `places` are the place names to look for."""
    text = unicodedata.normalize("NFKC", text)
    found: set[Detail] = set()
    amounts_at: set[int] = set()
    # The amount patterns may start at any word and are the costly part; none can match
    # without its currency or thousands word, so a text without one skips them.
    lowered = text.lower()
    money = "eur" in lowered or "€" in text
    thousands = "mille" in lowered or "ruggen" in lowered
    for pattern in (_CURRENCY_BEFORE, _CURRENCY_AFTER) if money else ():
        for match in pattern.finditer(text):
            value = _to_number(match.group("number"), english=False)
            if value is None:
                continue
            if match.group("k"):
                value *= 1000
            per = _period(text, match.start(), match.end())
            found.add(_amount(value, bool(match.group("approx")), per))
            amounts_at.update(range(match.start("number"), match.end("number")))
    for pattern in _RANGES if money else ():
        for match in pattern.finditer(text):
            low, high = (_to_number(match.group(end), english=False) for end in ("low", "high"))
            if low is None or high is None or not low < high:
                continue
            found.difference_update((_amount(low, False), _amount(high, False)))
            per = _period(text, match.start(), match.end())
            found.update((_amount(low, True, per), _amount(high, True, per)))
            amounts_at.update(range(match.start("low"), match.end("low")))
    for match in _word_amounts(text) if money else ():
        words = match.group("words")
        if words.split()[0].lower() in _THOUSAND and _DIGITS_BEFORE.search(
            text, max(0, match.start() - 2), match.start()
        ):
            continue  # "2,7 duizend euro": read with its digits above, not as "duizend" alone
        tail = _number_tail(words)
        if tail is not None and tail[0] >= 10 and not _vague(text, match, words, tail[1]):
            per = _period(text, match.start(), match.end())
            found.add(_amount(float(tail[0]), _hedged(match, words, tail[1]), per))
    for match in _bare_amounts(text):
        raw = match.group("number")
        if match.start("number") in amounts_at or _NOT_MONEY_BEFORE.search(
            text, max(0, match.start() - 20), match.start()
        ):
            continue
        if raw[0].isdigit():
            if raw.isdigit() and len(raw) == 4 and 1950 <= int(raw) < 2050:
                continue  # "in 2023 terug": a year (`_YEAR` reads 1950-2039; kept wider here)
            value, hedged = _to_number(raw, english=False), bool(match.group("approx"))
        else:
            tail = _number_tail(raw)
            if tail is None or _vague(text, match, raw, tail[1]):
                continue
            value, hedged = tail[0], _hedged(match, raw, tail[1])
        if value is not None and value >= 10:
            found.add(_amount(float(value), hedged, _period(text, match.start(), match.end())))
    for match in _MILLE.finditer(text) if thousands else ():
        value = _read_number(match.group("n"))
        if value:
            per = _period(text, match.start(), match.end())
            found.add(_amount(float(value * 1000), bool(match.group("approx")), per))
    for match in _AGE.finditer(text):
        raw = next(
            g for g in (match.group("a"), match.group("b"), match.group("c"), match.group("d")) if g
        )
        if match.start(next(g for g in "abcd" if match.group(g))) in amounts_at:
            continue
        age = int(raw)
        if 0 < age < 110:
            found.add(Detail("age", str(age)))
    for match in _WORD_AGE.finditer(text):
        value = _word_number(match.group("w"))
        if value is not None and WORD_AGE_MIN <= value < 110:
            found.add(Detail("age", str(value)))
    for match in _AGE_BEFORE_VERB.finditer(text):
        if match.start("n") in amounts_at:
            continue
        value = _read_number(match.group("n"))
        if value is not None and WORD_AGE_MIN <= value < 110:
            found.add(Detail("age", str(value)))
    for match in _DECADE_AGE.finditer(text):
        decade = _DECADES[match.group("decade").lower()]
        first, last = _PART_OF_DECADE.get((match.group("part") or "").lower(), (0, 9))
        found.add(Detail("age", f"{decade + first}-{decade + last}", approximate=True))
    for match in _CHILD_AGES.finditer(text):
        for age in re.findall(r"\d{1,2}", match.group("ages")):
            if 0 < int(age) < 30:
                found.add(Detail("age", str(int(age))))
    for match in _UNIT_NUMBER.finditer(text):
        value, unit = _read_number(match.group("number")), _UNITS[match.group("unit").lower()]
        if value is None or value == 0 or value > 500:
            continue
        if unit == "years" and re.match(r"\s*(?:oud|old)\b", text[match.end() :]):
            found.add(Detail("age", str(value)))
            continue
        found.add(Detail(unit, str(value)))
    for match in _DAY_MONTH.finditer(text):
        day = int(match.group("day") or match.group("day2"))
        month = _MONTHS[(match.group("month") or match.group("month2")).lower().rstrip(".")]
        if 1 <= day <= 31:
            found.add(Detail("date", f"{day:02d}-{month:02d}"))
    for match in _NUMERIC_DATE.finditer(text):
        day, month = int(match.group("day")), int(match.group("month"))
        if 1 <= day <= 31 and 1 <= month <= 12:
            found.add(Detail("date", f"{day:02d}-{month:02d}"))
    for match in _MONTH_YEAR.finditer(text):
        found.add(
            Detail("date", f"{_MONTHS[match.group('month').lower()]:02d}-{match.group('year')}")
        )
    for match in _YEAR.finditer(text):
        found.add(Detail("year", match.group("year")))
    for match in _MONTH_ALONE.finditer(text):
        found.add(Detail("month", f"{_MONTHS[match.group('month').lower()]:02d}"))
    if places:
        # A place is written with a capital; many village names are also ordinary words
        # ("Een", "Heer", "Meer", "Groet"), so a word in the common list is no place.
        common = lexicon().common
        for match in _WORD.finditer(text):
            word = match.group(0)
            name = word.lower()
            if word[0].isupper() and name in places and len(name) > 2 and name not in common:
                found.add(Detail("place", name))
    return frozenset(found)


def same_value(a: Detail, b: Detail) -> bool:
    """Two details of one kind that say the same: equal, an amount within 10% if either is
    approximate ("ruim 4000" and "4.100"), an age within a decade said ("52", "begin vijftig")."""
    if not _kinds_meet(a.kind, b.kind):
        return False
    if a.value == b.value:
        return True
    ages = a.kind in ("age", "years") and b.kind in ("age", "years")
    if ages and (a.approximate or b.approximate):
        return _age_within(a, b)
    if a.kind != "amount":
        return False
    x, y = float(a.value), float(b.value)
    if a.approximate or b.approximate:
        return abs(x - y) <= 0.1 * max(x, y)
    return False


# How much a shared detail says the reports tell one case: an amount or a date is specific,
# a small count ("2 kinderen") or a year is shared by many cases.
def specificity(detail: Detail) -> float:
    if detail.kind == "amount":
        value = float(detail.value)
        return 0.5 if value < 50 else 1.0 if value < 500 or value % 100 == 0 else 1.5
    if detail.kind == "date":
        return 1.2
    if detail.kind == "age":
        return 0.5 if detail.approximate else 0.9
    if detail.kind == "place":
        return 0.3  # retellings are compared within one municipality: its city says little
    if detail.kind in ("days", "weeks", "months", "years", "hours"):
        return 0.5 if int(detail.value) <= 12 else 0.8
    if detail.kind in ("year", "month"):
        return 0.3
    return 0.3  # count, percent


def shared_details(a: frozenset[Detail], b: frozenset[Detail]) -> list[Detail]:
    """The details of `a` that `b` states too (each of `b`'s used once)."""
    if not a or not b:
        return []
    options = _comparable(b)
    used: set[int] = set()
    out = []
    for detail in _in_order(a):
        for other in options.get(detail.kind, ()):
            if id(other) not in used and same_value(detail, other):
                used.add(id(other))
                out.append(detail)
                break
    return out


@lru_cache(maxsize=8192)
def _in_order(details: frozenset[Detail]) -> tuple[Detail, ...]:
    return tuple(sorted(details))


def _kinds_meet(a: str, b: str) -> bool:
    """Whether details of these kinds can say the same: "ik ben 44" and "44 jaar" may be the
    same age."""
    return a == b or {a, b} == {"age", "years"}


@lru_cache(maxsize=8192)
def _comparable(details: frozenset[Detail]) -> dict[str, tuple[Detail, ...]]:
    """For each kind, the details `same_value` may match with a detail of that kind (an age
    may be stated as years), sorted: read once per report, not per pair, and matched in the
    same order in every process (a set's own order follows the string hash seed)."""
    kinds = {d.kind for d in details}
    if kinds & {"age", "years"}:
        kinds |= {"age", "years"}
    return {kind: tuple(sorted(d for d in details if _kinds_meet(d.kind, kind))) for kind in kinds}


def conflicting(a: frozenset[Detail], b: frozenset[Detail]) -> list[tuple[Detail, Detail]]:
    """Ages and exact amounts that each report states and the other contradicts: two people
    of 44 and 67, two claims of € 4.100 and € 8.400. Only when neither shares any value of
    that kind (a report may name several amounts); a decade ("begin vijftig") may be that
    shared value, but contradicts nothing itself."""
    out = []
    pairs = zip(_ages_and_amounts(a), _ages_and_amounts(b), _CONFLICT_KINDS, strict=True)
    for (mine, exact_mine), (theirs, exact_theirs), kind in pairs:
        if not exact_mine or not exact_theirs:
            continue
        if kind == "amount" and (len(mine) > 1 or len(theirs) > 1):
            continue  # a report names the rent, the debt and the monthly cut: no conflict
        if any(same_value(x, y) for x in mine for y in theirs):
            continue
        if kind == "amount" and {d.per for d in mine} != {d.per for d in theirs}:
            continue  # a weekly budget, a monthly cut, a debt: different things
        out.append((max(exact_mine), max(exact_theirs)))
    return out


_CONFLICT_KINDS = ("age", "amount")
_Stated = tuple[tuple[Detail, ...], tuple[Detail, ...]]


@lru_cache(maxsize=8192)
def _ages_and_amounts(details: frozenset[Detail]) -> tuple[_Stated, _Stated]:
    """A report's ages and amounts, each as (all, those that can contradict): read once, as
    it is in a pair with each of its candidates. Approximate amounts can (within 10%), age
    decades cannot."""
    ages = tuple(d for d in details if d.kind == "age")
    amounts = tuple(d for d in details if d.kind == "amount")
    return (ages, tuple(d for d in ages if not d.approximate)), (amounts, amounts)


def _age_within(a: Detail, b: Detail) -> bool:
    """An age and a decade ("52" and "50-54"), or two decades, that can be the same age."""
    (a_low, a_high), (b_low, b_high) = _age_range(a), _age_range(b)
    return a_low <= b_high and b_low <= a_high


def _age_range(detail: Detail) -> tuple[int, int]:
    """The ages an age detail can mean: "52" is (52, 52), "50-54" is (50, 54)."""
    low, _, high = detail.value.partition("-")
    return int(low), int(high or low)
