"""The deduplication and theme engine as pure functions: same case or not, discovery,
splits, structural scores."""

from __future__ import annotations

from domain.engine.case_match import (
    compare,
    neighbour_holders,
    pair_cosines,
    pair_features,
    pair_jaccards,
    same_case,
    verify_pairs,
)
from domain.engine.duplicates import CaseEvidence, UnionFind
from domain.engine.evidence import Report, features_of
from domain.engine.minhash import estimated_jaccard
from domain.engine.normalise import normalise
from domain.engine.themes import cluster, split_parts
from domain.engine.topics import theme_vectors
from privacy.masking import mask
from tests.texts import KOSTENDELER, PGB

BASE = (
    "Mijn dochter van 17 heeft een bijbaantje bij de supermarkt. Nu wordt haar loon van mijn "
    "bijstand afgetrokken en moet ik 640 euro terugbetalen. Ik wist niet dat dat zo werkte."
)


def evidence(
    text: str, language: str = "nl", digests: frozenset[bytes] = frozenset()
) -> CaseEvidence:
    return features_of([Report(mask(text), language, "GM0363", digests)])[0][0]


def test_resubmissions_are_the_same_case_and_other_people_are_not() -> None:
    variants = [
        "Beste mensen, " + BASE + " Met vriendelijke groet, Anja",
        BASE.replace("bijbaantje", "bijbaantj").replace("terugbetalen", "terug betalen"),
        " ".join(reversed(BASE.split(". "))),
        BASE + " Mijn BSN is 111222333 en bel me op 06-12345678.",
        BASE.upper(),
    ]
    original = evidence(BASE)
    for variant in variants:
        assert same_case(original, evidence(variant))[0], variant
    other_person = (
        "Mijn zoon van 19 werkt in de horeca naast zijn studie. De gemeente trekt zijn loon af van "
        "mijn uitkering en vordert 1200 euro terug. Niemand heeft ons dat verteld."
    )
    assert not same_case(original, evidence(other_person))[0]


def test_a_rewrite_by_a_professional_with_the_same_details_is_the_same_case() -> None:
    rewrite = (
        "Namens een cliënt: haar dochter van 17 werkt bij de supermarkt. Het loon van de dochter "
        "wordt van de bijstand van moeder afgetrokken en zij moet 640 euro terugbetalen."
    )
    assert same_case(evidence(BASE), evidence(rewrite))[0]


def test_union_find_keeps_the_earliest_report_as_root() -> None:
    groups = UnionFind()
    groups.union(5, 9)
    groups.union(9, 2)
    assert {groups.find(i) for i in (2, 5, 9)} == {2}


def test_discovery_finds_themes_without_being_told_how_many() -> None:
    texts = [
        "De gemeente telt boodschappen van mijn moeder als inkomen en vordert bijstand terug.",
        "Mijn zus brengt boodschappen, de gemeente ziet dat als inkomen en ik moet bijstand terugbetalen.",
        "Boodschappen van familie worden gezien als gift en inkomen, nu terugvordering van de bijstand.",
        "Ik wacht al veertien maanden op jeugdhulp voor mijn zoon, de wachtlijst is te lang.",
        "De wachtlijst voor jeugdhulp is meer dan een jaar, mijn dochter krijgt geen hulp.",
        "Al een jaar op de wachtlijst voor jeugdhulp, niemand helpt ons kind.",
    ]
    clusters = cluster(theme_vectors([normalise(t) for t in texts]))
    assert sorted(sorted(c) for c in clusters) == [[0, 1, 2], [3, 4, 5]]


def test_bulk_verification_gives_the_verdicts_of_one_by_one_verification() -> None:
    texts = [
        BASE,
        "Beste mensen, " + BASE.replace("terugbetalen", "terug betalen"),
        "Namens een cliënt: haar dochter van 17 werkt bij de supermarkt. Het loon van de dochter "
        "wordt van de bijstand van moeder afgetrokken en zij moet 640 euro terugbetalen.",
        "Mijn zoon van 19 werkt in de horeca naast zijn studie. De gemeente trekt zijn loon af van "
        "mijn uitkering en vordert 1200 euro terug. Niemand heeft ons dat verteld.",
        "Mijn dochter van 17 werkt in een bakkerij. Ik moet 640 euro bijstand terugbetalen.",
    ]
    # Each report as the newer one against all the others, one evidence object per report.
    one = [evidence(t) for t in texts]
    pairs = [(a, b) for a in one for b in one if a is not b]
    # One by one, each pair's rival is the newer report's best cosine with its other candidates.
    rivals = [max(x.cosine(y) for x, y in pairs if x is a and y is not b) for a, b in pairs]
    # ... and the holders of its rare words are counted over all of its candidates.
    holders = [neighbour_holders(a, [y for x, y in pairs if x is a]) for a, _ in pairs]
    one_by_one = [
        (link.same, link.strength)
        for link in (
            compare(a, b, rival=r, holders=h)
            for (a, b), r, h in zip(pairs, rivals, holders, strict=True)
        )
    ]
    newer = [evidence(t) for t in texts]
    stored = [evidence(t) for t in texts]
    fresh = [(a, b) for i, a in enumerate(newer) for j, b in enumerate(stored) if i != j]
    bulk = [(link.same, link.strength) for link in verify_pairs(fresh)]
    assert [v for v, _ in bulk] == [v for v, _ in one_by_one]
    assert [round(s, 5) for _, s in bulk] == [round(s, 5) for _, s in one_by_one]
    assert any(v for v, _ in bulk) and not all(v for v, _ in bulk)


def test_a_grown_theme_that_fell_apart_is_split() -> None:

    months = ["januari", "februari", "maart", "april", "mei", "juni"]
    pgb = [t.format(month=months[n], n=400 + 137 * n) for n, t in enumerate(PGB)]
    kosten = [t.format(month=months[n], n=19 + 3 * n) for n, t in enumerate(KOSTENDELER)]
    vectors = theme_vectors([normalise(mask(t)) for t in pgb + kosten])
    parts = split_parts(vectors)
    # The largest part keeps the theme (with the cases no part took); the other part is one
    # mechanism only.
    assert len(parts) == 2
    assert set(range(6)) <= set(parts[0]) and set(parts[1]) <= set(range(6, 12))
    assert len(parts[1]) >= 3
    # Cases discovery would propose as one theme hold together: nothing to split.
    one = theme_vectors([normalise(mask(
        f"Mijn kwijtschelding voor de afvalstoffenheffing van {200 + n} euro is afgewezen omdat "
        f"ik {n + 3} maanden geleden een oude auto van {900 + 37 * n} euro heb gekocht."
    )) for n in range(12)])  # fmt: skip
    assert len(cluster(one)) == 1 and split_parts(one) == []


def test_weak_signals_across_municipalities_rise_and_one_loud_reporter_does_not() -> None:
    from datetime import UTC, datetime

    from domain.engine.structural import ThemeEvidence, score

    now = datetime(2026, 11, 28, tzinfo=UTC)
    months = {"2026-08": 1, "2026-09": 1, "2026-10": 1, "2026-11": 1}
    weak_signal = ThemeEvidence(
        case_count=4, reporter_count=4, resident_reporter_count=3, professional_reporter_count=1,
        municipality_count=4, monthly_case_counts=months, problem_types=["REGELS_TE_STRIKT"],
        staff_confirmed=False, solution_level=None,
    )  # fmt: skip
    # One reporter who resubmitted thirty times: many reports, still one case, one place.
    loud = ThemeEvidence(
        case_count=1, reporter_count=1, resident_reporter_count=1, professional_reporter_count=0,
        municipality_count=1, monthly_case_counts={"2026-11": 1},
        problem_types=["REGELS_TE_STRIKT"], staff_confirmed=False, solution_level=None,
    )  # fmt: skip
    weak_score, explanation = score(weak_signal, now)
    loud_score, _ = score(loud, now)
    assert weak_score > 2 * loud_score
    assert {f["factor"] for f in explanation} >= {"municipalities", "distinct_reporters"}
    # More municipalities raise the score, with diminishing returns.
    wider = score(ThemeEvidence(**{**weak_signal.__dict__, "municipality_count": 8}), now)[0]
    widest = score(ThemeEvidence(**{**weak_signal.__dict__, "municipality_count": 16}), now)[0]
    assert weak_score < wider < widest and widest - wider < wider - weak_score


def test_features_computed_in_parallel_threads_equal_the_serial_ones() -> None:
    """The Dutch stemmer keeps state per call: threads must not share one."""
    from concurrent.futures import ThreadPoolExecutor

    from domain.engine import dutch

    words = [
        w
        for text in PGB + KOSTENDELER + [BASE]
        for w in normalise(text).split()
        for w in (w, w + "en", w + "de", w + "heden")
    ]
    uncached = dutch.stem.__wrapped__  # every call reaches the stemmer
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(uncached, words * 5))
    serial = [uncached(w) for w in words * 5]
    assert parallel == serial


RETOLD = {
    "original": (
        "Mijn 2 kinderen gingen naar een gastouder in Amsterdam Nieuw-West. Nu zegt de "
        "Belastingdienst dat de gastouder in 2023 niet in het landelijk register stond en moet "
        "ik alle kinderopvangtoeslag terug betalen, 8.400 euro. Ik werk in de schoonmaak."
    ),
    "counter": (
        "Balie stadsloket Nieuw-West: mevrouw komt langs met brief Belastingdienst. "
        "Terugvordering kinderopvangtoeslag € 8.400 omdat gastouder niet geregistreerd was. "
        "Heeft eerder online gemeld. Nu aanmaning ontvangen."
    ),
    "english": (
        "I help a single mum with two children in Amsterdam Nieuw-West who works as a cleaner. "
        "She has been told to repay EUR 8,400 in childcare benefit for 2023 because the "
        "childminder was not in the national register that year."
    ),
}
# The same mechanism in the same city, another person: other amount, other details.
TWIN = (
    "Onze dochter ging naar een gastouder in Amsterdam-Noord. De Belastingdienst vordert nu "
    "3.250 euro kinderopvangtoeslag terug over 2021 omdat het aantal uren niet klopte met de "
    "jaaropgave van het gastouderbureau."
)


def test_a_retelling_in_other_words_and_in_english_is_the_same_case() -> None:
    original = evidence(RETOLD["original"])
    for name in ("counter", "english"):
        language = "en" if name == "english" else "nl"
        verdict, strength = same_case(original, evidence(RETOLD[name], language))
        assert verdict, (name, strength)


def test_the_same_mechanism_with_other_details_is_another_case() -> None:
    for text in RETOLD.values():
        assert not same_case(evidence(text), evidence(TWIN))[0]


def test_a_retelling_is_told_from_a_near_twin_by_which_is_closer() -> None:
    original, twin = evidence(RETOLD["original"]), evidence(TWIN)
    for name in ("counter", "english"):
        later = evidence(RETOLD[name], "en" if name == "english" else "nl")
        to_case, to_twin = verify_pairs([(later, original), (later, twin)])
        assert to_case.same and not to_twin.same, name
        # The twin alone scores higher than beside the case it is not: the case is its rival.
        assert compare(later, twin).strength > to_twin.strength


def test_a_shared_identifier_about_the_same_things_is_the_same_case() -> None:
    from domain.engine.case_match import compare

    digest = frozenset({b"\x01" * 32})
    first = evidence(
        "Mijn huurtoeslag is gestopt omdat mijn ex nog op mijn adres staat.", digests=digest
    )
    later = evidence(
        "De Belastingdienst ziet mijn ex nog als toeslagpartner, de huurtoeslag stopt.",
        digests=digest,
    )
    link = compare(first, later)
    assert link.same and link.by == "IDENTIFIER" and link.identifiers == 1
    other = evidence("De wachtlijst voor jeugdhulp is meer dan een jaar.", digests=digest)
    assert not compare(first, other).same  # the same person about something else


def test_a_link_says_what_the_reports_share() -> None:
    from domain.engine.case_match import compare

    link = compare(evidence(RETOLD["original"]), evidence(RETOLD["counter"]))
    assert link.by == "RETELLING"
    assert "bedrag € 8400" in link.shared_details
    assert "gastouder" in " ".join(link.shared_terms)


def test_a_batch_of_pairs_gets_the_cosine_and_jaccard_of_each_pair() -> None:
    texts = [t.format(month="maart", n=20 + n) for n, t in enumerate(PGB + KOSTENDELER)]
    reports = [evidence(t) for t in texts] + [evidence("Hallo.")]  # the last: no concepts
    pairs = [(a, b) for a in reports for b in reports if a is not b]
    wanted = [n % 3 != 0 for n in range(len(pairs))]
    cosines = pair_cosines(pairs, wanted)
    for (a, b), want, cosine in zip(pairs, wanted, cosines, strict=True):
        if not want:
            assert cosine is None
        else:
            assert cosine is not None and abs(cosine - a.cosine(b)) < 1e-12
    jaccards = pair_jaccards(pairs, chunk=7)
    assert jaccards == [estimated_jaccard(a.signature, b.signature) for a, b in pairs]
    assert pair_cosines([], []) == [] and pair_jaccards([]) == []


def test_a_follow_up_says_it_was_told_before_in_many_ways() -> None:
    follow_ups = [
        "Mevrouw belt terug. Bezwaar is afgewezen.",
        "Ik schreef u eerder over mijn verkeersboete.",
        "Naar aanleiding van mijn melding stuur ik mijn gegevens.",
        "Een paar weken geleden vulde ik al iets in over de opvang.",
        "Meneer nogmaals aan de lijn: nog geen besluit.",
        "Following up on my report from March.",
    ]
    for text in follow_ups:
        assert evidence(text).told_before, text
    first = "Mijn huurtoeslag is gestopt omdat mijn ex nog op mijn adres staat."
    assert not evidence(first).told_before


def test_rare_words_the_pair_alone_shares_weigh_more_than_those_every_twin_shares() -> None:
    later = evidence(RETOLD["counter"])
    original, twin = evidence(RETOLD["original"]), evidence(TWIN)
    alone = pair_features(later, original)["exclusive"]
    beside_twin = pair_features(
        later, original, holders=neighbour_holders(later, [original, twin])
    )["exclusive"]
    assert 0 < beside_twin < alone
    assert pair_features(later, original)["rare"] == alone  # on its own, every word is its own
