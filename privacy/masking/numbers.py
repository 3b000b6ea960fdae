"""Identifiers written with digits: e-mail addresses, IBANs, BSNs, IND V-numbers, phone numbers,
postcodes and birth dates. Validity comes from the field's libraries (`python-stdnum` for the
BSN 11-check and IBAN mod-97, `phonenumbers` for Dutch and international numbers); the rules
here only find the candidates the way people write them.

What stays, because it is case evidence: amounts, decision and letter dates, law articles,
CBS codes, case numbers, and the numbers people are told to call (112, 113, 0800 and 0900
numbers, the 14 0xx numbers of municipalities).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import phonenumbers
from phonenumbers import PhoneNumberType
from stdnum import iban
from stdnum.nl import bsn

from privacy.masking.lexicon import lexicon
from privacy.masking.spans import Span

# --- e-mail: plain, and as people hide it: "naam at gmail dot com", "(at)", "[dot]" -------
_AT = r"(?:\s?@\s?|\s*[(\[]\s*(?:at|apenstaartje)\s*[)\]]\s*|\s+(?:at|apenstaartje)\s+)"
_DOT = r"(?:\.|\s*[(\[]\s*dot\s*[)\]]\s*|\s+dot\s+|\s*[(\[]\s*punt\s*[)\]]\s*|\s+punt\s+)"
_EMAIL = re.compile(
    rf"(?<![\w.+'-])([\w+'-]+(?:{_DOT}[\w+'-]+)*){_AT}([\w-]+(?:{_DOT}[\w-]+)*{_DOT}([a-z]{{2,6}}))(?![\w])",
    re.IGNORECASE,
)
_PLAIN_EMAIL = re.compile(r"\s*@\s*")


# Addresses of a desk, not of a person.
_ROLE_MAILBOXES = {
    "info", "contact", "helpdesk", "servicedesk", "klantenservice", "klachten", "post",
    "secretariaat", "noreply", "no-reply", "support", "office", "receptie", "balie",
    "administratie", "loket", "mail", "vragen", "klantcontact",
}  # fmt: skip


# What the mailboxes of desks and teams are called ("wijkteam.noord@", "signalen@").
_ROLE_WORDS = _ROLE_MAILBOXES | {
    "signalen", "meldpunt", "melding", "meldingen", "bezwaar", "bezwaren", "ombudsman",
    "schuldhulp", "schuldhulpverlening", "wijkteam", "wijkteams", "team", "noord", "zuid",
    "oost", "west", "centrum", "jeugd", "jeugdzorg", "wmo", "zorg", "toeslagen", "belastingen",
    "juridisch", "inkomen", "werk", "participatie", "gemeente", "sociaal", "bewindvoering",
    "frontoffice", "backoffice", "publiekszaken", "burgerzaken", "planning", "intake",
    "aanmelden", "aanmelding", "servicepunt", "kcc", "wonen", "huisvesting", "leerplicht",
    "onderwijs", "schulden", "armoede", "minima", "bijstand", "uitkeringen", "handhaving",
    "privacy", "avg", "communicatie", "pers", "redactie", "webmaster", "postbus", "digitaal",
    "donotreply", "klant", "klanten", "service", "afdeling", "raadslieden", "loket", "wijk",
}  # fmt: skip
_FREE_MAIL = re.compile(
    r"(?:gmail|googlemail|hotmail|outlook|live|yahoo|icloud|ziggo|kpnmail|kpnplanet|planet|home|"
    r"xs4all|hetnet|casema|chello|quicknet|telfort|tele2|upcmail|proton|protonmail|gmx|web|msn|"
    r"aol|me|zonnet|wxs|online|caiway|solcon|delta|zeelandnet|ukr|wp|onet|o2|interia|mail)\b",
    re.IGNORECASE,
)


def _function_mailbox(local: str, domain: str) -> bool:
    """The mailbox of a desk or a team, not of a person: "info@", "klachten@",
    "wijkteam.noord@zaanstad.nl", "signalen@gemeente-voorbeeld.nl" (an organisation's domain,
    and no part of the name that is a first name, a surname, an initial or a number)."""
    low = local.lower()
    if low in _ROLE_MAILBOXES:
        return True
    if _FREE_MAIL.match(domain):
        return False
    parts = re.split(r"[._+-]", low)
    places = lexicon().places
    return all(part in _ROLE_WORDS or part in places for part in parts)


_MAIL_DOMAIN = re.compile(
    r"^(?:[\w-]+\.)*(?:gmail|hotmail|outlook|live|yahoo|icloud|ziggo|kpnmail|kpnplanet|planet|"
    r"home|xs4all|hetnet|casema|chello|quicknet|telfort|tele2|upcmail|proton|protonmail|gmx|"
    r"web|mail|msn|aol|me|zonnet|wxs|online|caiway|solcon|delta|zeelandnet)\.[a-z]{2,6}$|"
    r"\.(?:nl|be|com|org|net|eu|de|uk|info)$",
    re.IGNORECASE,
)


def _candidates(text: str) -> Iterator[re.Match[str]]:
    """Every match, overlapping ones too: "my sister Leila at leila.farouk at gmail dot com"."""
    position = 0
    while (match := _EMAIL.search(text, position)) is not None:
        yield match
        position = match.start() + 1 if not _accepted(match) else match.end()


def _accepted(match: re.Match[str]) -> bool:
    if _function_mailbox(match.group(1), match.group(2)):
        return False
    whole = match.group(0)
    if "@" in whole:
        return True
    if re.search(r"[(\[]|\s(dot|punt)\s", whole, re.IGNORECASE):
        return True
    # "at" alone ("kijk at home") needs a hidden dot, or a mail domain written as one
    return bool(_MAIL_DOMAIN.search(match.group(2)))


# An address has an "@" or an "at" or "apenstaartje" as a word (`_AT`): a text without one
# is not scanned.
_AT_CUE = re.compile(r"@|\b(?:at|apenstaartje)\b", re.IGNORECASE)


def emails(text: str) -> Iterator[Span]:
    if not _AT_CUE.search(text):
        return
    for match in _candidates(text):
        if not _accepted(match):
            continue
        value = re.sub(rf"{_AT}", "@", match.group(1) + "@" + match.group(2), flags=re.I)
        value = re.sub(_DOT, ".", value, flags=re.IGNORECASE).lower()
        yield Span(match.start(), match.end(), "EMAIL", value)


# --- IBAN: the country, two check digits, then groups; the longest run that validates ---
_IBAN_START = re.compile(r"(?<![A-Za-z0-9])([A-Za-z]{2}) ?(\d{2})")
_IBAN_CHUNK = re.compile(r" ?([A-Za-z0-9]{1,4})")


# Glued to the word before it: "rekeningnummerNL21RABO1071802923".
_GLUED_IBAN = re.compile(r"(?<=[a-z])([A-Z]{2}\d{2}[A-Z0-9]{11,30})(?![A-Za-z0-9])")


def ibans(text: str) -> Iterator[Span]:
    for match in _GLUED_IBAN.finditer(text):
        if iban.is_valid(match.group(1)):
            yield Span(match.start(1), match.end(1), "IBAN", match.group(1))
    for match in _IBAN_START.finditer(text):
        position, compact = match.end(), match.group(1).upper() + match.group(2)
        best: int | None = None
        while len(compact) < 34:
            chunk = _IBAN_CHUNK.match(text, position)
            if chunk is None:
                break
            position, compact = chunk.end(), compact + chunk.group(1).upper()
            if len(compact) >= 15 and iban.is_valid(compact, check_country=False):
                best = position
        if best is not None:
            yield Span(
                match.start(), best, "IBAN", re.sub(r"\s", "", text[match.start() : best]).upper()
            )


# --- BSN: nine digits, as typed; valid by the 11-check, or named as a BSN ----------------
# Nine digits in at most four groups ("123456782", "1234 56 782", "129 80 15 98"), or eight
# (a BSN from before 2007 without its leading zero); not inside a longer number or code.
_BSN = re.compile(
    r"(?<![\d,/])(?<!\d[.-])(\d(?:[ .-]?\d){8}|\d{8})(?![ .-]?\d)(?![A-Za-z])(?!\.[A-Za-z])"
)
_BSN_CONTEXT = re.compile(
    r"(bsn|burger\s*service\s*nummer|burgerservicenr|sofi\s*-?\s*nummer|sofinr|"
    r"citizen service number|social security number)\W{0,12}$",
    re.IGNORECASE,
)


def bsns(text: str) -> Iterator[Span]:
    for match in _BSN.finditer(text):
        digits = re.sub(r"\D", "", match.group(1))
        if len(digits) == 8:
            digits = "0" + digits
        named = bool(_BSN_CONTEXT.search(text[max(0, match.start() - 40) : match.start()]))
        eight = len(re.sub(r"\D", "", match.group(1))) == 8
        if eight and not named:
            continue  # eight digits (a KvK number) are a BSN only when called one
        if bsn.is_valid(digits) or (named and len(digits) == 9):
            yield Span(match.start(), match.end(), "BSN", digits)


# --- IND V-number: ten digits after "V-nummer", or "V-" glued to them -----------------
_V_NUMBER = re.compile(
    r"\b(?:v|vreemdelingen)[\s.-]*(?:nummers?|numbers?|nr|no|num)?\b\.?\)?"
    r"[^\d\n.!?]{0,12}?[\s:=]*"
    r"(\d(?:[ .-]?\d){9})(?![ .-]?\d)|\bV-?(\d{10})\b|\balien number\W{0,12}(\d(?:[ .-]?\d){9})",
    re.IGNORECASE,
)
_V_LABEL = re.compile(
    r"(?:vreemdelingen|v[\s.-]*(?:nummers?|numbers?|nr|no|num)\b|v\)?[\s.:-]+$)", re.IGNORECASE
)
_CASE_LABEL = re.compile(
    r"(?:zaak|kenmerk|beschikking|dossier|aanvraag|klant|factuur|referentie|polis|order|"
    r"aanslag|betalings|case|reference|ref)\w*\.?\s*(?:is|:|nr\.?|nummer)?\s*$",
    re.IGNORECASE,
)
_TEN_DIGITS = re.compile(r"(?<![\d.,/-])\d(?:[ .-]?\d){9}(?![ .-]?\d)(?![-/]\w)")
# A text about a V-number or the IND: its ten-digit numbers are V-numbers.
_V_TOPIC = re.compile(
    r"\b(?:v-?nummers?|v-?numbers?|vreemdelingen-?(?:nummer|nr)|IND)\b", re.IGNORECASE
)


def v_numbers(text: str) -> Iterator[Span]:
    found = False
    for match in _V_NUMBER.finditer(text):
        group = next(n for n in (1, 2, 3) if match.group(n))
        label = match.group(0)[: match.start(group) - match.start()]
        if group == 1 and not _V_LABEL.match(label):
            continue  # a lone "v" must stand right before the number: "V 2407149644"
        found = True
        digits = re.sub(r"\D", "", match.group(group))
        yield Span(match.start(group), match.end(group), "V_NUMBER", digits)
    if found or _V_TOPIC.search(text):  # "… en mijn vrouw heeft …": V-numbers too
        for match in _TEN_DIGITS.finditer(text):
            before = text[max(0, match.start() - 30) : match.start()]
            if _CASE_LABEL.search(before) or re.match(r"(?:19|20)\d\d-", match.group(0)):
                continue  # "zaaknummer 2024-0817-33", "beschikkingsnummer …": a case number
            yield Span(match.start(), match.end(), "V_NUMBER", re.sub(r"\D", "", match.group(0)))


# --- phone numbers: Dutch and international, by phonenumbers; helplines stay -------------
_KEPT_TYPES = {PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST}


# A Dutch number as people write it, valid or not: a 0, then nine more digits in groups.
_NL_NUMBER = re.compile(r"(?<![\d+])\(?0\d(?:[ .\-/()]{0,3}\d){8}(?!\d)")
_HELPLINE_PREFIXES = ("0800", "0900", "0906", "0909", "0870", "088")


def _helpline(national: str) -> bool:
    """0800/0900 lines, 088 numbers (organisations only) and the 14 + area code numbers of
    municipalities stay."""
    with_zero = national if national.startswith("0") else "0" + national
    return with_zero.startswith(_HELPLINE_PREFIXES) or bool(re.fullmatch(r"14\d{3,4}", national))


# A number said to be an organisation's general line: "Algemeen: 088 …", "het algemene nummer
# 030 …", "hoofdnummer", "(practice)". Anything less explicit is masked: a work number of a
# professional still points at a person.
_ORGANISATION_BEFORE = re.compile(
    r"(?:algemeen|algemene nummer|algemene lijn|hoofdnummer|centrale|main line)\s*:?\s*$",
    re.IGNORECASE,
)
_ORGANISATION_AFTER = re.compile(r"^\s*\((?:practice|praktijk|algemeen)\)", re.IGNORECASE)


def _organisation_number(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 30) : start]
    return bool(
        _ORGANISATION_BEFORE.search(before) or _ORGANISATION_AFTER.match(text[end : end + 20])
    )


def phones(text: str) -> Iterator[Span]:
    for span in _phones(text):
        if not _organisation_number(text, span.start, span.end):
            yield span


_SEVEN_DIGITS = re.compile(r"\d(?:[\s().\-/–]{0,3}\d){6}")


def _phones(text: str) -> Iterator[Span]:
    if not _SEVEN_DIGITS.search(text):
        return  # no number long enough: spare the matcher
    # International numbers as written, valid or merely possible ("+44 7700 918 342").
    if re.search(r"\+\s?\d|\b00\d", text):
        possible = phonenumbers.Leniency.POSSIBLE
        for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=possible):
            if match.raw_string.startswith(("+", "00")) and match.number.country_code != 31:
                number = phonenumbers.format_number(
                    match.number, phonenumbers.PhoneNumberFormat.E164
                )
                yield Span(match.start, match.end, "PHONE", number)
    for match in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.VALID):
        national = str(match.number.national_number)
        if phonenumbers.number_type(match.number) in _KEPT_TYPES or (
            match.number.country_code == 31 and _helpline(national)
        ):
            continue  # help and information lines are evidence, not data
        number = phonenumbers.format_number(match.number, phonenumbers.PhoneNumberFormat.E164)
        yield Span(match.start, match.end, "PHONE", number)
    for match in _NL_NUMBER.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if not _helpline(digits):
            yield Span(match.start(), match.end(), "PHONE", "+31" + digits[1:])


# --- postcodes, with or without the house number ------------------------------------------
_POSTCODE = re.compile(
    r"(?<![\w])([1-9]\d{3}) ?([A-Za-z]{2})(?![A-Za-z])(?!-[A-Za-z])(?:[ ,]*(?:nr\.? ?)?(\d{1,5}(?:[ -]?[a-zA-Z]{1,2}\b|-\d{1,3})?))?"
)
_NOT_POSTCODE_LETTERS = {"SA", "SD", "SS"}
# A year followed by a law or benefit: "2021 WW", "2022 ZW" are not postcodes.
_SMALL_WORDS = {
    "in", "en", "op", "de", "te", "al", "om", "is", "na", "of", "uw", "zo", "nu", "ik", "je",
    "we", "ze", "er", "la", "at", "on", "to", "by", "as", "an", "or", "so", "if", "ja", "ok",
}  # fmt: skip
_LAW_LETTERS = {"WW", "ZW", "AO", "WA", "WO", "BW", "SV", "WI", "IB", "OV", "AK"}
_POSTCODE_CONTEXT = re.compile(
    r"(postcode|zip|postal code|post code|\bpc|p\.c\.)(?:\s+(?:is|was|van\s+\w+))?\W{0,6}$",
    re.IGNORECASE,
)
# A place right before or after: "Vlissingen, 4381 hd", "4381 hd Vlissingen".
_PLACE_BEFORE = re.compile(r"((?:[^\W\d_]|['’-])+),?\s*$")
_PLACE_AFTER = re.compile(r"^,?\s*((?:[^\W\d_]|['’-])+(?:\s(?:[^\W\d_]|['’-])+)?)")


def _next_to_place(text: str, start: int, end: int) -> bool:
    places = lexicon().places
    before = _PLACE_BEFORE.search(text[max(0, start - 40) : start])
    after = _PLACE_AFTER.search(text[end : end + 40])
    if after is not None and (
        after.group(1).lower() in places or after.group(1).split()[0].lower() in places
    ):
        return True
    if re.search(r"\d{1,5}[a-zA-Z]?\s*[(,]\s*$", text[max(0, start - 12) : start]):
        return True  # "grutbroek 14 (7001 ra)": right after a house number
    return before is not None and before.group(1).lower() in places


def postcodes(text: str) -> Iterator[Span]:
    for match in _POSTCODE.finditer(text):
        digits, letters, house = match.group(1), match.group(2), match.group(3)
        upper = letters.upper()
        if upper in _NOT_POSTCODE_LETTERS:
            continue
        named = bool(_POSTCODE_CONTEXT.search(text[max(0, match.start() - 20) : match.start()]))
        year = 1900 <= int(digits) <= 2099
        if letters.isupper():
            if year and upper in _LAW_LETTERS and not named:
                continue
            if (
                not named
                and re.search(r"\b[A-Z]{2,}\s+$", text[max(0, match.start() - 30) : match.start()])
                and (
                    year
                    or re.search(r"\b[A-Z]{2}\s+$", text[max(0, match.start() - 4) : match.start()])
                )
            ):
                continue  # "TOESLAGEN 2023 NR 88123", "AB 3040 NL": a reference in capitals
        elif letters.lower() in _SMALL_WORDS and not named and (year or not house):
            continue  # "2015 in Zwolle", "2024 om 10:21"
        elif not (house or named or _next_to_place(text, match.start(), match.end(2))):
            continue  # "2023 en 2024": lower-case letters need a house number or the word
        lone_year = year and not letters.isupper() and not named and not house
        if lone_year and not _next_to_place(text, match.start(), match.end(2)):
            continue
        end = match.end() if house else match.end(2)
        yield Span(match.start(), end, "POSTCODE", (digits + upper))


# --- birth dates: a date (or a year) said to be one -------------------------------------
_MONTHS = (
    r"ocak|şubat|subat|nisan|mayıs|mayis|haziran|temmuz|ağustos|agustos|eylül|eylul|ekim|"
    r"kasım|kasim|aralık|aralik|"
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
    r"|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec"
    r"|january|february|march|may|june|july|august|october"
)
_DATE = (
    rf"\d{{1,2}}[-/. ]\d{{1,2}}[-/. ]'?\d{{2,4}}|\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}|(?:19|20)\d{{6}}"
    rf"|\d{{1,2}}(?:e|ste|de|th|st|nd|rd)?\s+of\s+(?:{_MONTHS})\.?\s+\d{{4}}"
    rf"|\d{{1,2}}(?:e|ste|de|th|st|nd|rd)?\s+(?:{_MONTHS})\.?\s+(?:'\d{{2}}|\d{{4}})"
    rf"|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:th|st|nd|rd)?,?\s+\d{{4}}"
    rf"|'\d{{2}}\b|\b(?:19|20)\d{{2}}\b"
)
_BIRTH = re.compile(
    rf"(?:\bgeboren|\bgeb\.?\s?dat(?:um)?\.?|\bgeb\.?|\bgeboortedatum|\bgeboortedag|"
    rf"\burodzon[ay]|\bur\.|дата народження|дата рождения|تاريخ الميلاد|\bdoğum tarihi|\bdogum tarihi|"
    rf"\bdoğum|\bné le|\bnée le|\bfecha de nacimiento|\bdata di nascita|\bnacid[oa]|"
    rf"\bgeboorte\s*datum|\bgeboortejaar|\bborn|\bdate of birth|\bd\.?o\.?b\.?|°|\bbirthday|\bjarig)"
    rf"[^\d.!?,;\n]{{0,25}}?({_DATE})",
    re.IGNORECASE,
)


_FULL_DATE = (
    rf"\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d{{2}}|\d{{1,2}}\s+(?:{_MONTHS})\s+(?:19|20)\d{{2}}"
)
# "ik ben van 3 maart 1990", "ik ben 22-08-1961 geboren": a full date said of oneself.
_OWN_DATE = re.compile(
    rf"\b(?:ik ben van|ik ben op|zij is van|hij is van|I was born)\s+({_FULL_DATE})"
    rf"|\b({_FULL_DATE})\s+(?:geboren|born)\b",
    re.IGNORECASE,
)


# Every birth-date cue of `_BIRTH` and `_OWN_DATE` holds one of these: a text without any is
# not scanned. Matched with the patterns' own IGNORECASE (not `str.lower`, which differs on
# "İ", "ı" and "ſ").
_BIRTH_CUE = re.compile(
    "|".join(
        re.escape(cue)
        for cue in (
            "geb", "urodzon", "ur.", "дата", "تاريخ", "doğum", "dogum", "né le", "née le",
            "nacimiento", "nascita", "nacid", "born", "birth", "dob", "d.ob", "do.b", "d.o.b",
            "°", "jarig", "geboorte", "ik ben van", "ik ben op", "zij is van", "hij is van",
        )
    ),
    re.IGNORECASE,
)  # fmt: skip


def birth_dates(text: str) -> Iterator[Span]:
    if not _BIRTH_CUE.search(text):
        return
    for pattern in (_BIRTH, _OWN_DATE):
        for match in pattern.finditer(text):
            group = 1 if match.group(1) else 2
            yield Span(match.start(group), match.end(group), "BIRTH_DATE")


# A full date right after a person: "Ik ben Jan de Vries, 12-12-1960", "onze zoon Daan (03.10.2009)".
DATE_AFTER_NAME = re.compile(
    rf"\s*(?:[,(]|\s-)\s*({_FULL_DATE}|\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:19|20)\d{{2}})"
)


def dates_after(text: str, names: list[Span]) -> Iterator[Span]:
    for name in names:
        match = DATE_AFTER_NAME.match(text, name.end)
        if match:
            yield Span(match.start(1), match.end(1), "BIRTH_DATE")
