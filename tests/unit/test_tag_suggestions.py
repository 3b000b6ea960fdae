"""The engine's tag suggestions: from the theme's words and from similar tagged themes, each
with its reason, never what staff chose or rejected."""

from __future__ import annotations

from domain.tag_suggestions import ELEMENT, LEVEL, NORM, TaggedTheme, suggest

EXCERPTS = [
    "De brief van de gemeente was onduidelijk en ik wacht al maanden op een reactie.",
    "Er is geen maatwerk mogelijk, zegt de klantmanager, de kostendelersnorm is de regel.",
]


def _keys(found: list) -> set[tuple[str, str]]:
    return {(s.kind, s.value) for s in found}


def test_words_suggest_elements_norms_and_a_level_with_their_reason() -> None:
    found = suggest(terms=["kostendelersnorm", "gemeente"], excerpts=EXCERPTS, level=None,
                    elements=[], norms=[], rejected=[])  # fmt: skip
    keys = _keys(found)
    assert {(ELEMENT, "INFORMATIE"), (ELEMENT, "KADER"), (ELEMENT, "BEVOEGDHEDEN")} <= keys
    assert {(NORM, "2"), (NORM, "11"), (NORM, "14")} <= keys
    assert (LEVEL, "MUNICIPALITY") in keys
    reason = next(s.reason for s in found if (s.kind, s.value) == (NORM, "11"))
    assert "maatwerk" in reason


def test_staff_choices_and_rejections_are_never_suggested() -> None:
    found = suggest(terms=["kostendelersnorm"], excerpts=EXCERPTS, level="NATIONAL",
                    elements=["KADER"], norms=[14], rejected=[(NORM, "2")])  # fmt: skip
    keys = _keys(found)
    assert (ELEMENT, "KADER") not in keys and (NORM, "14") not in keys and (NORM, "2") not in keys
    assert not any(kind == LEVEL for kind, _ in keys)  # a level chosen stays the level


def test_a_similar_confirmed_theme_lends_its_tags() -> None:
    other = TaggedTheme(label="Kostendelersnorm bij inwonende kinderen",
                        terms=frozenset({"kostendelersnorm", "zoon", "bijstand"}),
                        level="NATIONAL", elements=("KADER",), norms=(9,))  # fmt: skip
    found = suggest(terms=["kostendelersnorm", "bijstand", "dochter"], excerpts=[], level=None,
                    elements=[], norms=[], rejected=[], tagged=[other])  # fmt: skip
    lent = {(s.kind, s.value): s.reason for s in found}
    assert "lijkt op het bevestigde thema" in lent[(NORM, "9")]
    assert lent[(LEVEL, "NATIONAL")].startswith("lijkt op")
    unlike = TaggedTheme(label="Iets anders", terms=frozenset({"wlz", "cak"}), level="NATIONAL",
                         elements=(), norms=(22,))  # fmt: skip
    assert (NORM, "22") not in _keys(suggest(terms=["kostendelersnorm"], excerpts=[], level=None,
                                             elements=[], norms=[], rejected=[], tagged=[unlike]))  # fmt: skip
