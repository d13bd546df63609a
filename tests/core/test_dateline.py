import dataclasses
import itertools

import pytest

from tui.core.dateline import WINDOW, Dateline, find, parse

WIRE = [
    # ANP
    ("KYIV (ANP/RTR) - Het leger meldt", ("KYIV",), ("ANP", "RTR"), "Het leger meldt"),
    (
        "BOGOTÁ/CARACAS (ANP/AFP/RTR) - Colombia en Venezuela",
        ("BOGOTÁ", "CARACAS"),
        ("ANP", "AFP", "RTR"),
        "Colombia en Venezuela",
    ),
    (
        "MEXICO-STAD (ANP/AFP/RTR) - Een aardbeving",
        ("MEXICO-STAD",),
        ("ANP", "AFP", "RTR"),
        "Een aardbeving",
    ),
    ("LONDEN (ANP) - Het Britse pond", ("LONDEN",), ("ANP",), "Het Britse pond"),
    ("LONDEN (ANP) - ", ("LONDEN",), ("ANP",), ""),
    ("DEN HAAG (ANP) - Het kabinet", ("DEN HAAG",), ("ANP",), "Het kabinet"),
    # Reuters
    ("LONDON, Nov 25 (Reuters) - Britain's GDP", ("LONDON",), ("Reuters",), "Britain's GDP"),
    ("NEW YORK, Nov. 25, 2024 (Reuters) - Stocks", ("NEW YORK",), ("Reuters",), "Stocks"),
    # AP
    ("WASHINGTON (AP) — The Senate voted", ("WASHINGTON",), ("AP",), "The Senate voted"),
    ("NAIROBI, Kenya (AP) — Police said", ("NAIROBI",), ("AP",), "Police said"),
    ("ST. LOUIS (AP) — A jury", ("ST. LOUIS",), ("AP",), "A jury"),
    # AFP, dpa, EFE
    ("Paris (AFP) - Le gouvernement", ("PARIS",), ("AFP",), "Le gouvernement"),
    ("Berlin (dpa/lno) - Die Regierung", ("BERLIN",), ("dpa", "lno"), "Die Regierung"),
    ("MADRID, 25 nov (EFE).- El Gobierno", ("MADRID",), ("EFE",), "El Gobierno"),
    ("Rio de Janeiro (AFP) - Floods", ("RIO DE JANEIRO",), ("AFP",), "Floods"),
    ("Bogotá/Caracas (AFP) - Talks", ("BOGOTÁ", "CARACAS"), ("AFP",), "Talks"),
    ("'s-Hertogenbosch (ANP) - De rechter", ("'S-HERTOGENBOSCH",), ("ANP",), "De rechter"),
    ("'t Zandt (ANP) - Een beving", ("'T ZANDT",), ("ANP",), "Een beving"),
]

SEPARATORS = [
    ("KYIV (ANP) - tekst", "tekst"),
    ("KYIV (ANP) – tekst", "tekst"),
    ("KYIV (ANP) — tekst", "tekst"),
    ("KYIV (ANP) -- tekst", "tekst"),
    ("KYIV (ANP)- tekst", "tekst"),
    ("KYIV (ANP) -tekst", "tekst"),
    ("KYIV (ANP)—tekst", "tekst"),
    ("KYIV (ANP).- tekst", "tekst"),
    ("KYIV (ANP)\xa0-\xa0tekst", "tekst"),
    ("KYIV ( ANP / RTR ) - tekst", "tekst"),
    ("  KYIV (ANP) - tekst", "tekst"),
    ("\n\n KYIV (ANP) - tekst", "tekst"),
    ("\xa0KYIV (ANP) - tekst", "tekst"),
    ("KYIV (ANP) - \n tekst - met streepje", "tekst - met streepje"),
]

RELATIVE = [
    "20 minuten geleden",
    "1 minuut geleden",
    "1 seconde geleden",
    "30 seconden geleden",
    "1 uur geleden",
    "1 dag geleden",
    "2 dagen geleden",
    "1 week geleden",
    "3 weken geleden",
    "1 maand geleden",
    "4 maanden geleden",
    "1 jaar geleden",
    "een uur geleden",
    "20 minutes ago",
    "1 hour ago",
    "2 days ago",
    "an hour ago",
    "a week ago",
    "3 months ago",
    "1 year ago",
]

REGIONAL = [
    ("GOES - Een brand", ("GOES",), "Een brand"),
    ("ZIERIKZEE - De haven", ("ZIERIKZEE",), "De haven"),
    ("DEN HAAG - De Tweede Kamer", ("DEN HAAG",), "De Tweede Kamer"),
    ("'S-HERTOGENBOSCH - Het stadhuis", ("'S-HERTOGENBOSCH",), "Het stadhuis"),
    ("MIDDELBURG/VLISSINGEN - Twee steden", ("MIDDELBURG", "VLISSINGEN"), "Twee steden"),
    ("GOES — Een brand", ("GOES",), "Een brand"),
    ("GOES -- Een brand", ("GOES",), "Een brand"),
    ("2 dagen geledenGOES - Een brand", ("GOES",), "Een brand"),
    ("2 dagen geleden GOES - Een brand", ("GOES",), "Een brand"),
    ("4 maart ZIERIKZEE - De haven", ("ZIERIKZEE",), "De haven"),
    ("4 mrt. 2024 ZIERIKZEE - De haven", ("ZIERIKZEE",), "De haven"),
    ("12 december 2023 GOES - Een brand", ("GOES",), "Een brand"),
    ("GOES - 25 woningen ontruimd", ("GOES",), "25 woningen ontruimd"),
    ("DEN HAAG - “Het kan”, zei hij", ("DEN HAAG",), "“Het kan”, zei hij"),
    ("4 March ZIERIKZEE - De haven", ("ZIERIKZEE",), "De haven"),
    ("Mar 4, 2024 GOES - Een brand", ("GOES",), "Een brand"),
    ("September 30th GOES - Een brand", ("GOES",), "Een brand"),
]

NOT_DATELINES = [
    "",
    "   ",
    "\n\xa0\t",
    "- ",
    "-",
    "Het kabinet (VVD, CDA) - zo bleek dinsdag - wil bezuinigen.",
    "De NAVO - die 32 leden telt - komt bijeen.",
    "Volgens de bron wil Moskou een bufferzone.",
    "The talks (held in Geneva) - officials said - stalled.",
    "A - B testing is common.",
    "Kyiv is the capital.",
    "IN SHORT: the markets fell.",
    "2024 - een jaar van verkiezingen",
    "10 - 2 was the final score",
    "BREAKING NEWS FROM THE WIRE SERVICES THIS MORNING - markets fell",
    "THE GOVERNMENT ANNOUNCED TODAY THAT IT WILL RAISE TAXES ON EVERYONE - officials",
    "BREAKING NEWS - markets fell",
    "LIVE - Volg hier het debat",
    "Rutte (VVD) - die dinsdag sprak - wil meer geld.",
    "Goes - een brand",
    "Paris (pictured) - the city",
    "the city (AFP) - lowercase place",
    "VVD-Kamerlid zegt - dat het kan",
    "GOES-Het leger",
    "GOES -Het leger",
    "LONDON, Nov 25 - no agency after a region",
    "KYIV (ANP/RTR/AFP/DPA/EFE/AP/XX) - too many agencies",
    "KYIV (ANP, RTR) - comma in group",
    "KYIV (A) - one-letter agency",
    "KYIV (Reuters2) - digits in agency",
    "KYIV (ANP) Het leger zonder streepje",
    "20 minuten geleden",
    "20 minuten geledenHet leger - meldt",
    "4 maart - het begin van de lente",
    # Capitals that head a headline: without an agency, no dateline.
    "THE END - ",
    "NATO - leaders agree on new air defence plan",
    "EU - Mercosur deal signed",
    "HET IS KLAAR - toch?",
    "OK - fine",
    "AI - the future",
    "WATCH - the debate live",
    "ACHTERGROND - Waarom Groenland telt",
]


@pytest.mark.parametrize(("text", "places", "agencies", "body"), WIRE)
def test_wire_styles(text, places, agencies, body):
    assert parse(text) == Dateline(places, agencies, body)


@pytest.mark.parametrize(("text", "body"), SEPARATORS)
def test_separators_and_leading_whitespace(text, body):
    dateline = parse(text)
    assert dateline is not None
    assert dateline.places == ("KYIV",)
    assert dateline.agencies[0] == "ANP"
    assert dateline.body == body


@pytest.mark.parametrize("prefix", RELATIVE)
@pytest.mark.parametrize("gap", ["", " "])
def test_relative_time_prefix(prefix, gap):
    text = f"{prefix}{gap}CARACAS (ANP/AFP) - De oppositie"
    assert parse(text) == Dateline(("CARACAS",), ("ANP", "AFP"), "De oppositie")


@pytest.mark.parametrize(("text", "places", "body"), REGIONAL)
def test_regional_without_agency(text, places, body):
    assert parse(text) == Dateline(places, (), body)


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_not_a_dateline(text):
    assert parse(text) is None


def test_none():
    assert parse(None) is None
    assert find(None, None) is None
    assert find() is None


def test_nbsp_between_words_is_normalised():
    assert parse("DEN\xa0HAAG (ANP) - x") == Dateline(("DEN HAAG",), ("ANP",), "x")


def test_body_keeps_full_text_beyond_window():
    long_body = "woord " * 200
    dateline = parse(f"KYIV (ANP) - {long_body}")
    assert dateline == Dateline(("KYIV",), ("ANP",), long_body)


def test_dateline_beyond_window_is_ignored():
    assert parse(" " * WINDOW + "KYIV (ANP) - x") is None


def test_dateline_is_frozen():
    dateline = parse("KYIV (ANP) - x")
    with pytest.raises(dataclasses.FrozenInstanceError):
        dateline.body = "y"


def test_find_prefers_first_text_that_parses():
    body = "KYIV (ANP/RTR) - Het leger"
    title = "LONDON (Reuters) - Headline"
    assert find(body, title) == Dateline(("KYIV",), ("ANP", "RTR"), "Het leger")
    assert find("Gewone zin.", title) == Dateline(("LONDON",), ("Reuters",), "Headline")
    assert find(None, "", title) == Dateline(("LONDON",), ("Reuters",), "Headline")
    assert find("Gewone zin.", "Nog een zin.") is None


def test_many_mixed_strings():
    samples = (
        [text for text, *_ in WIRE]
        + [text for text, _ in SEPARATORS]
        + [text for text, *_ in REGIONAL]
        + NOT_DATELINES
        + [None]
    )
    inputs = list(itertools.islice(itertools.cycle(samples), 20_000))
    results = [parse(text) for text in inputs]
    expected_hits = len(WIRE) + len(SEPARATORS) + len(REGIONAL)
    hits_per_cycle = sum(r is not None for r in results[: len(samples)])
    assert hits_per_cycle == expected_hits
    assert all(r is None or isinstance(r, Dateline) for r in results)


@pytest.mark.parametrize(
    "text",
    [
        "(" * 100_000,
        "A" * 100_000,
        "A " * 50_000,
        "A-" * 50_000,
        "A/" * 50_000,
        "AB." * 33_000,
        "KYIV (" + "ANP/" * 25_000,
        "KYIV, " + "Nov " * 25_000,
        "1 uur geleden" * 7_000,
        " " * 100_000,
        "é" * 100_000 + " - x",
    ],
)
def test_pathological_input_is_rejected(text):
    assert parse(text) is None
