"""Case details as people write them, and English in Dutch words."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from domain.engine import details as reading
from domain.engine.bilingual import looks_english, to_dutch
from domain.engine.details import Detail, case_details, conflicting, dutch_number, shared_details
from domain.engine.evidence import Report, features_of
from domain.engine.keys import case_keys
from domain.engine.normalise import normalise


def test_dutch_number_words() -> None:
    for word, value in {
        "drie": 3, "achtentwintig": 28, "zeventienhonderd": 1700, "vierduizend": 4000,
        "tweeduizendvijfhonderd": 2500, "honderdtwintig": 120,
    }.items():  # fmt: skip
        assert dutch_number(word) == value


def test_amounts_written_every_way_are_one_amount() -> None:
    for text in ("€ 1.700", "1.700 euro", "EUR 1,700", "zeventienhonderd euro", "1700,- euro"):
        assert Detail("amount", "1700") in case_details(text), text
    assert Detail("amount", "3000") in case_details("een verhuisvergoeding van drie mille")
    approx, exact = case_details("ruim 4000 euro"), case_details("€ 4.100")
    assert shared_details(approx, exact), (approx, exact)
    assert not shared_details(case_details("€ 4.100"), case_details("€ 8.400"))


def test_a_vague_quantity_of_money_is_no_amount() -> None:
    # Read as 100 or 1000 these conflicted with the case's real figure ("paar duizend euro"
    # in a follow-up about a debt of 6.000).
    for text in (
        "een fraudeschuld van een paar duizend euro", "we moeten een paar honderd per maand terug",
        "enkele honderden euro's", "a few hundred euros", "a couple of thousand euros",
        "several hundred euros a month",
    ):  # fmt: skip
        assert not any(d.kind == "amount" for d in case_details(text)), text
    for text, value in (
        ("ik betaal honderd euro per maand", "100"), ("een paar keer vierhonderd euro", "400"),
        ("a couple of times four hundred euros", "400"), ("zo'n vierhonderd euro", "400"),
    ):  # fmt: skip
        assert {d.value for d in case_details(text) if d.kind == "amount"} == {value}, text


def test_a_range_of_money_is_both_ends_each_approximate() -> None:
    # Read as its upper end alone, "300 tot 450 euro" conflicted with a retelling naming 300.
    for text, low, high in (
        ("we moeten 300 tot 450 euro per maand betalen", "300", "450"),
        ("300 à 400 euro", "300", "400"), ("€300 - €450", "300", "450"),
        ("tussen de 300 en 400 euro", "300", "400"), ("between 300 and 400 euros", "300", "400"),
    ):  # fmt: skip
        assert {Detail("amount", low, True), Detail("amount", high, True)} == {
            d for d in case_details(text) if d.kind == "amount"
        }, text
    ranged, told = case_details("300 tot 450 euro per maand"), case_details("300 euro per maand")
    assert shared_details(ranged, told) and not conflicting(ranged, told)
    # Years are no range of money, nor two amounts a range.
    assert {
        d.value for d in case_details("tussen 2019 en 2021 kreeg ik 400 euro") if d.kind == "amount"
    } == {"400"}
    assert Detail("amount", "400") in case_details("ik betaal 300 euro en 400 euro huur")


def test_amounts_in_words_anywhere_in_a_long_story() -> None:
    # The word amounts are looked for just before each "euro" (`details._word_amounts`): one
    # far into a long story, and a second one right after the first, are both found.
    story = "Wij wonen al jaren in deze straat en " * 60
    details = case_details(
        story + "ze willen ruim vierduizend euro terug en daarna nog zeshonderd euro per maand"
    )
    assert {Detail("amount", "4000", True), Detail("amount", "600")} <= details
    assert not any(d.kind == "amount" for d in case_details(story + "de euro zakt"))
    for text in (
        story + "vier euro vijftig euro",
        "euro euro euro, EUR twee-honderd Euro en ongeveer drieduizend euros",
        "5 euro zes euro; zeshonderd-vijftig eur, daarna niets meer",
        "Ruim vierduizend EURO terug",
    ):  # the same matches as trying the pattern at every word
        assert [m.span() for m in reading._word_amounts(text)] == [
            m.span() for m in reading._WORD_AMOUNT.finditer(text)
        ], text


def test_ages_durations_and_dates() -> None:
    details = case_details("Man, 44 jr, sinds drie weken dakloos. Brief van 3 april, in mei 2022.")
    assert {Detail("age", "44"), Detail("weeks", "3"), Detail("date", "03-04")} <= details
    assert Detail("date", "05-2022") in details
    assert Detail("age", "67") in case_details("Mijn vader (67, alleen AOW)")
    assert Detail("age", "61") in case_details("Tel. notitie: dhr. 61 j., eerder gemeld")


def test_childrens_ages_in_a_list_and_amounts_in_brackets() -> None:
    dutch = case_details("moeder met 2 jongens van 7 en 11; het voetbal kost 35 euro")
    english = case_details("two boys, 7 and 11. Grandma pays the football club (35 euros a month)")
    for details in (dutch, english):
        assert {Detail("age", "7"), Detail("age", "11"), Detail("amount", "35")} <= details
        assert Detail("age", "35") not in details
    assert Detail("age", "3") in case_details("kinderen van 3, 5 en 8")
    assert Detail("age", "12") not in case_details("twee kinderen, 12 euro per week")


def test_english_in_dutch_words() -> None:
    text = "she has been told to repay eur 8 400 in childcare benefit because the childminder"
    assert looks_english(text)
    dutch = to_dutch(text)
    assert "kinderopvangtoeslag" in dutch and "gastouder" in dutch and "terugbetalen" in dutch
    assert "the" not in dutch.split()
    assert not looks_english("ik heb de brief van de gemeente niet begrepen")


def test_the_lexicon_meets_text_as_the_engine_normalises_it() -> None:
    """Hyphens and apostrophes are gone by the time text is translated: an entry written with
    them still applies, and the Dutch it gives reads as a Dutch report's own words."""
    dutch = to_dutch(
        normalise("I am self-employed, I can't read the letters about my one-off payment")
    )
    assert {"zelfstandige", "eenmalige", "uitkering"} <= set(dutch.split())
    assert "niet lezen" in dutch and "self" not in dutch.split()
    assert (
        to_dutch(normalise("my unemployment benefit")).split() == normalise("WW-uitkering").split()
    )
    assert "don" not in to_dutch(normalise("I don't understand why")).split()


def test_a_word_with_two_meanings_is_translated_only_where_it_means_the_domains_word() -> None:
    said = to_dutch(normalise("My Dutch is fine, but the government agency sends letters")).split()
    assert "boete" not in said and "uitzendbureau" not in said
    assert "boete" in to_dutch(normalise("a fine of 90 euros")).split()
    assert "uitzendbureau" in to_dutch(normalise("he works through a temp agency")).split()


def test_ages_in_words_as_in_a_phone_note() -> None:
    for text, age in (
        ("Zoon eenentwintig sinds kerst, geen baan", "21"),
        ("we hebben een zoon van vijftien", "15"),
        ("mijn dochter is dertien", "13"),
        ("ik ben vijfenveertig en heb MS", "45"),
        ("my mother is seventy-eight", "78"),
        ("a 35-year-old man in Groningen", "35"),
    ):
        assert Detail("age", age) in case_details(text), text
    # Small numbers after "van" are counts, and "van 109 naar 272" is a change, not an age.
    assert not any(d.kind == "age" for d in case_details("moeder van twee kinderen"))
    assert not any(d.kind == "age" for d in case_details("de boete ging van 109 naar 272,50"))
    assert shared_details(case_details("ik ben 45"), case_details("vijfenveertig jaar, MS"))


def test_money_said_without_its_currency() -> None:
    assert Detail("amount", "140") in case_details("mijn zus betaalt 140 per maand")
    assert Detail("amount", "400", True) in case_details(
        "ze komt ongeveer vierhonderd per maand tekort"
    )
    assert Detail("amount", "140", True) in case_details("roughly 140 a month")
    assert Detail("amount", "840") in case_details("nu moet ik 840 terugbetalen")
    said = case_details("in 2023 terug naar de gemeente, ik werk 24 uur per week, 2 keer per maand")
    assert not [d for d in said if d.kind == "amount"]


def test_an_age_said_as_a_decade_meets_the_age_but_never_contradicts_one() -> None:
    exact = case_details("Ik ben 52 en heb rugklachten")
    told = case_details("Een cliënt, man, begin vijftig, met rugklachten")
    assert Detail("age", "50-54", True) in told
    assert [d.value for d in shared_details(exact, told)] == ["52"]
    assert not shared_details(case_details("ik ben 47"), told)
    assert not conflicting(case_details("ik ben 47"), told)
    assert Detail("age", "56-59", True) in case_details("a man in his late fifties")
    assert Detail("age", "27") in case_details("sinds ik in maart zevenentwintig werd")


def _none_read(unwanted: Callable[[Detail], bool], texts: Iterable[str]) -> None:
    for text in texts:
        assert not [d for d in case_details(text) if unwanted(d)], text


def test_money_without_its_currency_in_several_words_and_not_a_time() -> None:
    assert Detail("amount", "400") in case_details("we pay four hundred a month")
    assert Detail("amount", "800", True) in case_details("I pay about eight hundred back")
    assert Detail("amount", "4000") in case_details("ik moet vier duizend terugbetalen")
    assert Detail("amount", "140") in case_details("a hundred and forty a month")
    assert not conflicting(case_details("we pay four hundred a month"), case_details("€ 400"))
    times = ("My son turned 18 a year ago", "I was 52 back then", "when I was 19 back in 2015")
    _none_read(lambda d: d.kind == "amount", (*times, "ik werk 36 per week"))


def test_an_amount_or_a_time_before_werd_is_no_age() -> None:
    amounts = ("Een boete van €95 werd verhoogd", "het eigen risico van 12,50 werd afgeschreven")
    _none_read(lambda d: d.kind == "age", (*amounts, "1.050 werd het", "om 12 werd ik gebeld"))


def test_a_stretch_of_time_or_a_period_is_no_decade_age() -> None:
    spans = ("In de twintig jaar dat ik hier woon", "in de dertig dagen daarna")
    _none_read(lambda d: d.approximate, (*spans, "in the early nineties I worked"))
    assert Detail("age", "50-59", True) in case_details("I am in my fifties")


def test_a_decade_that_meets_one_age_leaves_the_other_age_no_conflict() -> None:
    told = case_details("Mevrouw, begin vijftig, zoon (7)")
    assert shared_details(told, case_details("Ik ben 52"))
    assert not conflicting(told, case_details("Ik ben 52"))
    assert conflicting(case_details("Mevrouw, zoon (7)"), case_details("Ik ben 52"))


def test_a_decade_age_gives_no_candidate_key() -> None:
    [(decade, _)] = features_of(
        [Report("Een cliënte, begin vijftig, wacht op zorg.", "nl", "GM0363")]
    )
    [(exact, _)] = features_of([Report("Een cliënte van 52 wacht op zorg.", "nl", "GM0363")])
    assert len(case_keys(exact)) == len(case_keys(decade)) + 1


def test_everyday_english_is_not_read_as_the_domains_words() -> None:
    said = to_dutch(normalise("At present it is free of charge, let me know in advance")).split()
    assert not {"cadeau", "heffing", "voorschot"} & set(said)
    assert "boete" in to_dutch(normalise("a fine with a surcharge of 30 euros")).split()


def test_a_percentage_is_no_age() -> None:
    # "De maatregel is 25%" was read as an age of 25, and conflicted with the reporter's 61.
    for text, value in (
        ("De maatregel is 25% over één maand.", "25"), ("een korting van 30 % op mijn WW", "30"),
        ("she is 30% disabled", "30"), ("korting van 20 procent", "20"),
    ):  # fmt: skip
        found = case_details(text)
        assert not any(d.kind == "age" for d in found), text
        assert Detail("percent", value) in found, text
    assert Detail("age", "25") in case_details("ik ben 25 en woon alleen")


def test_a_fraction_of_a_thousand_is_its_sum() -> None:
    # "een kwart duizend euro" was read as 1000 and conflicted with a retelling's 250.
    for text, value in (
        ("een kwart duizend euro per maand", "250"), ("anderhalf duizend euro", "1500"),
        ("anderhalfduizend euro", "1500"), ("twee en een half duizend euro", "2500"),
        ("tweeënhalfduizend euro", "2500"), ("driekwart duizend euro", "750"),
        ("duizend euro", "1000"), ("vierduizend euro", "4000"),
    ):  # fmt: skip
        assert {d.value for d in case_details(text) if d.kind == "amount"} == {value}, text
    assert dutch_number("anderhalfduizendvijf") is None


def test_thousands_with_digits_and_what_is_no_age() -> None:
    # "zo'n 2,7 duizend euro" was read as "duizend" alone (1000); "it is 100 a month" and
    # "huurcontract van 1 augustus" as ages of 100 and 1.
    for text, value in (
        ("de terugvordering van zo'n 2,7 duizend euro", "2700"), ("5 duizend euro", "5000"),
        ("4 thousand euros", "4000"), ("€ 2,5k", "2500"),
    ):  # fmt: skip
        assert {d.value for d in case_details(text) if d.kind == "amount"} == {value}, text
    for text in (
        "it is 100 a month, which is too much", "mijn huurcontract van 1 augustus gestuurd",
        "de huur is 650 per maand", "het loopt van 20 mei tot nu",
    ):  # fmt: skip
        assert not any(d.kind == "age" for d in case_details(text)), text
    assert Detail("age", "44") in case_details("een man van 44 met twee kinderen")
    # Digits just before other number words are no part of them.
    for text, value in (
        ("een boete van de bijstand uit 2019 van rond de zesduizend euro", "6000"),
        ("vanaf 1 januari bijna vierhonderd euro lager", "400"),
    ):  # fmt: skip
        assert {d.value for d in case_details(text) if d.kind == "amount"} == {value}, text


def test_amounts_of_different_periods_never_contradict() -> None:
    # A follow-up's "€ 45 per week" over for food, or its "120 euro per maand" of a payment
    # plan, is no other figure than the first report's debt of € 2.860.
    weekly = case_details("Ik houd daardoor per week € 45 over voor eten.")
    monthly = case_details("Ze heeft nog zo'n 180 euro per maand voor eten.")
    plan = case_details("een betalingsregeling van bijna 120 euro per maand")
    debt = case_details("ik moet zorgtoeslag en huurtoeslag terugbetalen, samen €2.860")
    assert not conflicting(weekly, monthly) and not conflicting(plan, debt)
    assert [d.per for d in weekly] == ["week"] and [d.per for d in debt] == [""]
    # The same period, or none, still contradicts; the period is no part of the value.
    assert conflicting(case_details("de huur is 610 euro"), case_details("de huur is 650 euro"))
    assert conflicting(case_details("€ 900 p/m"), case_details("maandelijks 250 euro"))
    assert shared_details(monthly, case_details("ik moet 180 euro betalen"))


def test_what_a_number_counts_is_no_age() -> None:
    # Each was an age: 3, 2, 14 and 3.
    for text in (
        "De school zet hem op een rooster van 3 ochtenden.", "het gezin (2 kinderen) komt niet rond",
        "for over a year (14 months) on a friend's sofa", "ik ben 3 of 4 dagen per week bij haar",
    ):  # fmt: skip
        assert not any(d.kind == "age" for d in case_details(text)), text
    for text, age in (("een student (21) die", "21"), ("mijn zoon van 7 heeft", "7")):
        assert Detail("age", age) in case_details(text), text
