"""Tags the engine suggests for a theme, each with its reason; staff confirm or reject them.

Two sources, both transparent: the words of the theme (its top terms and masked excerpts)
matched against a small list of signs per element of the playing field, per norm of the
Behoorlijkheidswijzer and per level; and the tags of confirmed themes that staff tagged and
that share the theme's words ("lijkt op thema X"). A suggestion never overwrites a staff
choice: what staff set, or rejected before, is not suggested again.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from tortoise.expressions import Q

from models import Theme
from vocabulary import BottleneckLevel, PlayingFieldElement, ThemeStatus
from vocabulary.bottlenecks import NORMS

LEVEL, ELEMENT, NORM = "LEVEL", "ELEMENT", "NORM"
SIMILAR_AT = 0.3  # share of top terms two themes must have in common to lend their tags


@dataclass(frozen=True)
class Sign:
    kind: str
    value: str
    pattern: re.Pattern[str]


def _sign(kind: str, value: str, words: str) -> Sign:
    return Sign(kind, value, re.compile(rf"\b({words})", re.IGNORECASE))


E, N = PlayingFieldElement, BottleneckLevel
SIGNS: tuple[Sign, ...] = (
    _sign(ELEMENT, E.INFORMATIE, r"brief|brieven|uitleg|begrijp|onduidelijk|informatie|letter"),
    _sign(ELEMENT, E.KADER, r"wet\b|wetgeving|regel|norm\b|kostendelersnorm|beleidsregel|law|rule"),
    _sign(ELEMENT, E.BEVOEGDHEDEN, r"mag niet|niet bevoegd|bevoegd|maatwerk|uitzondering|"
          r"hardheidsclausule|discretion|not allowed"),
    _sign(ELEMENT, E.NETWERK, r"doorverwez|doorverwijz|ketenpartner|samenwerk|van het kastje|"
          r"instanties|loket"),
    _sign(ELEMENT, E.EXPERTISE, r"deskundig|kennis|opgeleid|expertise|snapt niet"),
    _sign(ELEMENT, E.KERNWAARDEN, r"wantrouw|menselijk|respect|bejegen|fraudeur"),
    _sign(LEVEL, N.NATIONAL, r"landelijk|rijk\b|ministerie|belastingdienst|toeslag|uwv|duo|"
          r"cjib|ind\b|national"),
    _sign(LEVEL, N.MUNICIPALITY, r"gemeente|wijkteam|sociaal loket|municipality"),
    _sign(NORM, "2", r"brief|uitleg|informatie|onduidelijk"),
    _sign(NORM, "4", r"motivering|waarom|geen reden|zonder uitleg"),
    _sign(NORM, "7", r"onbeschoft|bejegen|respectloos|niet serieus"),
    _sign(NORM, "9", r"onevenredig|te streng|terugvorder|boete|hele bedrag"),
    _sign(NORM, "11", r"maatwerk|uitzondering|mijn situatie|hardheidsclausule"),
    _sign(NORM, "12", r"doorverwez|samenwerk|van het kastje|instanties"),
    _sign(NORM, "14", r"wacht|weken|maanden|traag|te laat|geen reactie|niemand belt"),
)  # fmt: skip


@dataclass(frozen=True)
class Suggestion:
    kind: str  # LEVEL, ELEMENT or NORM
    value: str  # the level or element code, or the norm's number
    reason: str


@dataclass(frozen=True)
class TaggedTheme:
    label: str
    terms: frozenset[str]
    level: str | None
    elements: tuple[str, ...]
    norms: tuple[int, ...]


def _from_words(text: str) -> list[Suggestion]:
    found: list[Suggestion] = []
    for sign in SIGNS:
        words = sorted({m.group(0).lower() for m in sign.pattern.finditer(text)})
        if words:
            shown = ", ".join(f"“{w}”" for w in words[:3])
            found.append(Suggestion(sign.kind, sign.value, f"de woorden {shown}"))
    return found


def _from_similar(terms: frozenset[str], tagged: Iterable[TaggedTheme]) -> list[Suggestion]:
    found: list[Suggestion] = []
    for other in tagged:
        union = terms | other.terms
        overlap = len(terms & other.terms) / len(union) if union else 0.0
        if overlap < SIMILAR_AT:
            continue
        reason = f"lijkt op het bevestigde thema “{other.label}” ({overlap:.0%} dezelfde woorden)"
        if other.level:
            found.append(Suggestion(LEVEL, other.level, reason))
        found += [Suggestion(ELEMENT, e, reason) for e in other.elements]
        found += [Suggestion(NORM, str(n), reason) for n in other.norms]
    return found


def suggest(
    *,
    terms: Sequence[str],
    excerpts: Sequence[str],
    level: str | None,
    elements: Sequence[str],
    norms: Sequence[int],
    rejected: Iterable[tuple[str, str]],
    tagged: Iterable[TaggedTheme] = (),
) -> list[Suggestion]:
    """The suggestions for one theme: one per tag (the first reason found), leaving out what
    staff already chose and what they rejected."""
    chosen = {(LEVEL, level)} | {(ELEMENT, e) for e in elements} | {(NORM, str(n)) for n in norms}
    # A theme has one level: once staff chose one, no other level is suggested.
    skip = set(chosen) | set(rejected)
    text = " ".join([*terms, *excerpts])
    out: dict[tuple[str, str], Suggestion] = {}
    for suggestion in (*_from_similar(frozenset(terms), tagged), *_from_words(text)):
        key = (suggestion.kind, suggestion.value)
        if key in skip or key in out or (suggestion.kind == LEVEL and level):
            continue
        if suggestion.kind == NORM and int(suggestion.value) not in NORMS:
            continue
        out[key] = suggestion
    return list(out.values())


def _term(raw: object) -> str:
    return str(raw[0]) if isinstance(raw, list | tuple) else str(raw)


def _tagged(theme: Theme) -> TaggedTheme:
    return TaggedTheme(
        label=theme.label,
        terms=frozenset(_term(t) for t in theme.top_terms or []),
        level=theme.bottleneck_level.value if theme.bottleneck_level else None,
        elements=tuple(theme.elements or ()),
        norms=tuple(int(n) for n in theme.norms or ()),
    )


async def suggestions_for(theme: Theme) -> list[Suggestion]:
    """The suggestions for a theme, from its words and the confirmed themes staff tagged."""
    others = await (
        Theme.filter(status=ThemeStatus.CONFIRMED)
        .exclude(id=theme.id)
        .filter(Q(bottleneck_level__not_isnull=True) | Q(norms__not_isnull=True))
        .order_by("-updated_at")
        .limit(200)
    )
    return suggest(
        terms=[_term(t) for t in theme.top_terms or []],
        excerpts=list(theme.excerpts or []),
        level=theme.bottleneck_level.value if theme.bottleneck_level else None,
        elements=list(theme.elements or []),
        norms=[int(n) for n in theme.norms or []],
        rejected=[(str(k), str(v)) for k, v in theme.rejected_tag_suggestions or []],
        tagged=[_tagged(o) for o in others],
    )
