"""Themes as pure functions: theme vectors, the whole re-clustering, stable ids, labels."""

from __future__ import annotations

import numpy as np
from scipy import sparse

from domain.engine.discovery import repartition
from domain.engine.features import dot
from domain.engine.normalise import normalise
from domain.engine.themes import carry_over, label_from_terms, recluster, top_terms
from domain.engine.topics import Ticked, theme_vectors
from privacy.masking import mask
from tests.texts import KOSTENDELER, PGB

MONTHS = ["januari", "februari", "maart", "april", "mei", "juni"]


def _texts(templates: list[str]) -> list[str]:
    return [mask(t.format(month=MONTHS[n], n=30 + 7 * n)) for n, t in enumerate(templates)]


def test_an_english_report_is_about_what_its_dutch_counterpart_is_about() -> None:
    dutch = normalise(mask(KOSTENDELER[2].format(month="maart", n=24)))
    english = normalise(
        "Because of the cost-sharing norm I get less welfare since my daughter of 24 lives "
        "with me. She earns almost nothing herself and we cannot make ends meet."
    )
    other = normalise(mask(PGB[0].format(month="maart", n=900)))
    vectors = theme_vectors([dutch, english, other], ["nl", "en", "nl"])
    assert dot(vectors[0], vectors[1]) > dot(vectors[1], vectors[2]) + 0.05


def test_ticked_boxes_tip_two_reports_towards_each_other_but_the_text_decides() -> None:
    a = normalise("De gemeente telt de boodschappen van mijn moeder als inkomen.")
    b = normalise("Ik moet bijstand terugbetalen omdat mijn zus mijn huur betaalde.")
    same = Ticked(("PARTICIPATIEWET",), ("TERUGVORDERING",))
    other = Ticked(("DUO",), ("WACHTTIJD",))
    plain = theme_vectors([a, b])
    ticked_alike = theme_vectors([a, b], ticked=[same, same])
    ticked_apart = theme_vectors([a, b], ticked=[same, other])
    assert dot(ticked_alike[0], ticked_alike[1]) > dot(plain[0], plain[1])
    assert dot(ticked_apart[0], ticked_apart[1]) < dot(ticked_alike[0], ticked_alike[1])
    # The boxes only tip: two texts about other things gain at most about a tenth.
    c = normalise("Mijn studieschuld wordt te hoog berekend door het inkomen van mijn partner.")
    apart = theme_vectors([a, c])
    unrelated = theme_vectors([a, c], ticked=[same, same])
    assert 0 < dot(unrelated[0], unrelated[1]) - dot(apart[0], apart[1]) <= 0.12


def test_stored_ticked_values_are_read_as_json_lists() -> None:
    assert Ticked.of('["WMO_2015"]', "[]") == Ticked(("WMO_2015",), ())
    assert Ticked.of(["ZVW"], None) == Ticked(("ZVW",), ())


def test_common_words_weigh_less_than_the_words_of_the_mechanism() -> None:
    a, b, c = (
        normalise(t)
        for t in (
            "De gemeente stuurde een brief dat ik geld moet terugbetalen door de kostendelersnorm.",
            "Kostendelersnorm: mijn uitkering is lager nu mijn zoon thuis woont.",
            "De gemeente stuurde een brief dat ik geld moet terugbetalen voor de kinderopvang.",
        )
    )
    vectors = theme_vectors([a, b, c])
    assert dot(vectors[0], vectors[1]) > dot(vectors[0], vectors[2])


def test_reclustering_separates_mechanisms_and_leaves_no_case_alone() -> None:
    texts = [normalise(t) for t in _texts(PGB) + _texts(KOSTENDELER)]
    parts, left = recluster(theme_vectors(texts))
    assert left == []
    assert sorted(len(p) for p in parts) == [6, 6]
    assert {frozenset(p) for p in parts} == {frozenset(range(6)), frozenset(range(6, 12))}


def test_a_case_alike_nothing_is_left_without_a_theme() -> None:
    texts = [normalise(t) for t in _texts(PGB)]
    texts.append(normalise("Xylofoonlessen zeppelin kwartet."))
    parts, left = recluster(theme_vectors(texts))
    assert left == [6] and [sorted(p) for p in parts] == [list(range(6))]


def test_parts_continue_the_theme_they_share_most_cases_with() -> None:
    old = ["a", "a", "a", "b", "b", None, None]
    parts = [[3, 4, 5], [0, 1, 2, 6]]
    assert carry_over(parts, old) == ["b", "a"]
    # A theme continues one part only: the other part holding its cases becomes new.
    assert carry_over([[0, 1], [2, 5]], old) == ["a", None]
    # A part holding few of a large theme's cases does not take its id.
    assert carry_over([[0], [1, 2, 3, 4]], ["a"] * 4 + ["b"]) == [None, "a"]


def test_a_rerun_on_unchanged_themes_continues_every_theme() -> None:
    texts = _texts(PGB) + _texts(KOSTENDELER)
    first = repartition(texts, ["nl"] * 12, [None] * 12)
    themes: list[str | None] = [None] * 12
    for n, part in enumerate(first.parts):
        for i in part:
            themes[i] = f"t{n}"
    again = repartition(texts, ["nl"] * 12, themes)
    assert again.parts == first.parts
    assert again.continues == [f"t{n}" for n in range(len(first.parts))]


def test_labels_are_distinctive_phrases_without_stop_words_or_names() -> None:
    pgb = [normalise(t) for t in _texts(PGB)]
    kosten = [normalise(t) for t in _texts(KOSTENDELER)]
    pgb.append(normalise("Mijn naam is Fatima Yilmaz, de SVB betaalt mijn pgb niet uit."))
    terms = top_terms([pgb, kosten])
    labels = [label_from_terms(t) for t in terms]
    assert "svb" in labels[0] or "pgb" in labels[0]
    assert "kostendelersnorm" in labels[1]
    words = {w for label in labels for w in label.replace("·", " ").split()}
    assert not words & {"de", "het", "een", "mijn", "naam", "fatima", "yilmaz", "euro"}
    # Terms that repeat each other's words are not both in a label.
    assert label_from_terms([("eigen bijdrage", 2.0), ("bijdrage", 1.5), ("wmo", 1.0)]) == (
        "eigen bijdrage · wmo"
    )


def _rows(rows: list[dict[int, float]]) -> sparse.csr_matrix:
    """Unit rows from {dimension: weight}."""
    dense = np.zeros((len(rows), 32))
    for n, row in enumerate(rows):
        for dim, weight in row.items():
            dense[n, dim] = weight
    dense /= np.linalg.norm(dense, axis=1, keepdims=True)
    return sparse.csr_matrix(dense)


def test_a_small_cluster_joins_the_part_it_is_like_and_one_like_none_stays_a_theme() -> None:
    # Two mechanisms of five cases (dimensions 0 and 1, each case a little of its own), a pair
    # told alike (dimension 2) that is a little like the first mechanism, and a pair about
    # something else entirely (dimension 3).
    first = [{0: 1.0, 10 + n: 0.3} for n in range(5)]
    second = [{1: 1.0, 20 + n: 0.3} for n in range(5)]
    pair = [{2: 1.0, 0: 0.1, 30: 0.1}, {2: 1.0, 0: 0.1, 31: 0.1}]
    apart = [{3: 1.0, 15: 0.05}, {3: 1.0, 25: 0.05}]
    # A lone case a little like that pair only: it joins the pair's theme.
    lone = [{27: 1.0, 3: 0.1}]
    parts, left = recluster(_rows(first + second + pair + apart + lone))
    assert left == []
    assert sorted(sorted(p) for p in parts) == [
        [0, 1, 2, 3, 4, 10, 11], [5, 6, 7, 8, 9], [12, 13, 14],
    ]  # fmt: skip


def test_english_story_words_do_not_pull_two_mechanisms_together() -> None:
    # Two English reports that share their story ("abroad", "stroke") but not their
    # mechanism: each is closer to the Dutch report of its own mechanism than to the other.
    en_wmo, en_pgb, nl_wmo, nl_pgb = (
        normalise(t)
        for t in (
            "I live abroad in Seattle and my elderly father had a stroke last winter. The "
            "municipality cut his household help after a kitchen table talk, he now lives "
            "alone in a dirty house.",
            "I live abroad in Perth and my elderly father had a stroke last winter. His pgb "
            "stopped: the SVB does not pay his care workers because a form was missing.",
            "Mijn vader krijgt minder huishoudelijke hulp van de gemeente na het "
            "keukentafelgesprek. Hij woont alleen en het huis wordt vies.",
            "Het pgb van mijn vader: de SVB betaalt zijn zorgverleners niet meer omdat er een "
            "formulier ontbrak.",
        )
    )
    v = theme_vectors([en_wmo, en_pgb, nl_wmo, nl_pgb], ["en", "en", "nl", "nl"])
    assert dot(v[0], v[2]) > dot(v[0], v[1])
    assert dot(v[1], v[3]) > dot(v[0], v[1])
