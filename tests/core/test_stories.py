"""Stories: one event across feeds, agencies and languages folds; different events never do; versions supersede."""

from __future__ import annotations

import pytest

from tests.helpers.story_corpus import Wire, corpus
from tui.core.gazetteer import place_keys
from tui.core.items import Item
from tui.core.stories import Stories, StoryLink
from tui.core.versions import Kind, bare_title, kind

WIRES = corpus()
BY_KEY = {wire.key: wire for wire in WIRES}


def fold(wires: list[Wire]) -> tuple[dict[str, str], dict[str, str | None]]:
    stories = Stories()
    story, supersedes = {}, {}
    for wire in wires:
        assignment = stories.add(wire.item())
        story[wire.key], supersedes[wire.key] = assignment.story, assignment.supersedes
    return story, supersedes


STORY, SUPERSEDES = fold(WIRES)


def together(*keys: str) -> bool:
    return len({STORY[key] for key in keys}) == 1


def apart(first: list[str], second: list[str]) -> bool:
    return not {STORY[key] for key in first} & {STORY[key] for key in second}


def keys_of(event: str) -> list[str]:
    return [wire.key for wire in WIRES if wire.event == event]


@pytest.mark.parametrize("keys", [
    ("amsfire-anp", "amsfire-anp2"),  # one ANP text in two feeds
    ("coke-anp", "coke-anp2", "coke-rij"),  # and a shortened regional copy under another headline
    ("flu-anp", "flu-anp2", "flu-gld"),
    ("amstax-anp", "amstax-at5"),
])
def test_copies_fold(keys):
    assert together(*keys)


@pytest.mark.parametrize("keys", [
    ("metro-rtr", "metro-anp", "metro-dpa", "metro-afp"),  # MOSCOW, MOSKOU, MOSKAU, MOSCOU
    ("quake-rtr", "quake-anp", "quake-dpa", "quake-afp"),
    ("nato-anp", "nato-rtr", "nato-dpa", "nato-afp"),  # DEN HAAG, THE HAGUE, LA HAYE
    ("pol-rtr", "pol-dpa", "pol-anp", "pol-afp"),  # WARSAW, WARSCHAU, VARSOVIE
    ("cab-anp", "cab-rtr", "cab-dpa", "cab-afp"),
])
def test_independent_write_ups_in_four_languages_fold(keys):
    assert together(*keys)


@pytest.mark.parametrize("first, second", [
    ("amsterdam-fire", "amsterdam-tax"),  # one city, one day
    ("rotterdam-cocaine", "rotterdam-shipfire"),
    ("frankfurt-strike", "ecb-cut"),
    ("moscow-metro", "moscow-court"),
    ("hague-icc", "nato-summit"),
    ("geneva-sudan", "geneva-mpox"),
    ("berlin-bvg", "macron-berlin"),
    ("paris-louvre", "macron-pensions"),
    ("kyiv-visit", "drone-kyiv-day1"),
])
def test_two_events_in_one_city_on_one_day_stay_apart(first, second):
    assert apart(keys_of(first), keys_of(second))


@pytest.mark.parametrize("first, second", [
    ("drone-kyiv-day1", "drone-kyiv-day2"),  # yesterday's drone attack and today's
    ("briefing-day1", "briefing-day2"),  # one newsletter title, two days
    ("feyenoord-bayern", "feyenoord-coach"),
    ("ecb-cut", "lagarde-parliament"),
])
def test_a_recurring_topic_on_different_days_stays_apart(first, second):
    assert apart(keys_of(first), keys_of(second))


@pytest.mark.parametrize("first, second", [
    ("macron-pensions", "macron-berlin"),
    ("tesla-jobs", "starship-launch"),  # Elon Musk in both
    ("trump-tariffs", "trump-japan"),  # Donald Trump, Washington, one afternoon
])
def test_one_person_in_unrelated_stories_stays_apart(first, second):
    assert apart(keys_of(first), keys_of(second))


def test_every_story_holds_one_event_only():
    events_by_story: dict[str, set[str]] = {}
    for wire in WIRES:
        events_by_story.setdefault(STORY[wire.key], set()).add(wire.event)
    assert [events for events in events_by_story.values() if len(events) > 1] == []


@pytest.mark.parametrize("title, expected", [
    ("UPDATE 1-Turkey quake death toll rises to 19", Kind.UPDATE),
    ("UPDATE 2-Nawrocki confirmed as president-elect", Kind.UPDATE),
    ("REFILE-Verstappen wins Dutch Grand Prix", Kind.UPDATE),
    ("CORRECTED-Wildfire near Athens", Kind.CORRECTION),
    ("Correction: Trump slaps 25% tariffs", Kind.CORRECTION),
    ("Berichtigung: IndiGo bestellt 100 Jets", Kind.CORRECTION),
    ("Kabinet gevallen (bijgewerkt)", Kind.UPDATE),
    ("Zahl der Toten steigt (Neu: Opferzahl)", Kind.UPDATE),
    ("Strike halts Berlin buses (update)", Kind.UPDATE),
    ("SPOED: Trein ontspoord bij Zwolle", Kind.URGENT),
    ("URGENT - Espagne: au moins 8 morts", Kind.URGENT),
    ("FACTBOX-How much NATO members spend", Kind.COMPANION),
    ("LIVE: NAVO-top in Den Haag", Kind.COMPANION),
    ("Software update bricks phones across the US", Kind.STORY),
    ("Correction officers strike at New York state prisons", Kind.STORY),
    ("Update: your morning briefing", Kind.STORY),
    ("Breaking Bad star opens a bakery", Kind.STORY),
])
def test_version_markers_are_read_where_agencies_put_them(title, expected):
    assert kind(title) == expected


def test_bare_title_drops_the_marker():
    assert bare_title("UPDATE 1-ECB cuts rates") == bare_title("ECB cuts rates (update)") == "ecb cuts rates"


def test_versions_supersede_the_same_agency_s_earlier_item():
    truth = {wire.key: wire.supersedes for wire in WIRES}
    assert truth == SUPERSEDES
    assert SUPERSEDES["pol-rtr-u2"] == "pol-rtr-u1"  # a chain: each update replaces the one before
    assert SUPERSEDES["train-anp"] == "train-spoed"  # the full story replaces the urgent one-liner


@pytest.mark.parametrize("key", ["phone-ap", "guards-ap", "brief1", "brief2", "nato-factbox", "nato-live"])
def test_not_versions_supersede_nothing_and_are_not_superseded(key):
    assert SUPERSEDES[key] is None
    assert key not in SUPERSEDES.values()


def test_a_factbox_and_a_live_page_join_their_event():
    assert together("nato-factbox", "nato-live", "nato-rtr")


def test_story_ids_are_stable_the_first_item_s_id():
    assert STORY["quake-anp"] == STORY["quake-rtr-u1"] == "quake-rtr"
    stories = Stories()
    first = stories.add(BY_KEY["quake-rtr"].item())
    assert first.story == "quake-rtr"
    for key in ("quake-anp", "quake-dpa", "quake-rtr-u1"):
        stories.add(BY_KEY[key].item())
    assert stories.add(BY_KEY["quake-rtr"].item()).story == "quake-rtr"  # an item seen again keeps its story
    assert stories.story_of("quake-dpa") == "quake-rtr"


def test_a_restored_story_takes_new_items():
    """Membership comes back from the store; new items join the stored story, not a new one."""
    stories = Stories()
    stories.restore(BY_KEY["metro-rtr"].item(), StoryLink("stored-story"))
    assert stories.add(BY_KEY["metro-dpa"].item()).story == "stored-story"


def test_a_restored_version_chain_goes_on_from_its_newest_item():
    stories = Stories()
    stories.restore(BY_KEY["pol-rtr"].item(), StoryLink("pol-rtr"))
    stories.restore(BY_KEY["pol-rtr-u1"].item(), StoryLink("pol-rtr", supersedes="pol-rtr"))
    assert stories.add(BY_KEY["pol-rtr-u2"].item()).supersedes == "pol-rtr-u1"


def test_items_further_apart_than_the_window_never_fold():
    stories = Stories()
    one = BY_KEY["amsfire-anp"].item()
    again = Item(id="three-days-later", feed=one.feed, title=one.title, link="", published=one.published + 3 * 86400,
                 summary=one.summary, places=one.places, agencies=one.agencies)
    stories.add(one)
    assert stories.add(again).story == "three-days-later"


@pytest.mark.parametrize("spellings", [
    ("MOSKOU", "MOSCOW", "MOSKAU", "MOSCOU"),
    ("DEN HAAG", "THE HAGUE", "LA HAYE", "'S-GRAVENHAGE"),
    ("GENF", "GENÈVE", "GENEVA"),
    ("Rusland", "Russia", "Russland", "Russie"),
])
def test_one_place_in_every_wire_language(spellings):
    keys = [place_keys(name) for name in spellings]
    assert all(k & keys[0] for k in keys)


def test_a_word_that_is_no_place_has_no_place_key():
    assert place_keys("Klitschko") == frozenset()


def test_one_source_s_templated_headlines_with_other_numbers_are_two_events():
    """Results, automatic quake reports, numbered items: one pattern, other figures, other events."""
    def report(n: int, magnitude: str) -> Item:
        return Item(id=f"quake-{n}", feed="Quake reports", title=f"M {magnitude} - {n} km SW of Malatya",
                    link="", published=1_772_427_600.0 + 600 * n,
                    summary=f"MALATYA (AFP) - An earthquake of magnitude {magnitude} struck {n} km south-west of "
                            "Malatya at a depth of 10 km, the seismological service said in its automatic report.",
                    places=("MALATYA",), agencies=("AFP",))
    stories = Stories()
    assert stories.add(report(12, "4.1")).story == "quake-12"
    assert stories.add(report(31, "3.8")).story == "quake-31"


def _from_kyiv(item_id: str, title: str, summary: str, agency: str, feed: str, minutes: int) -> Item:
    return Item(id=item_id, feed=feed, title=title, link="", published=1_772_427_600.0 + 60 * minutes,
                summary=summary, places=("KYIV",), agencies=(agency,))


_SHELLS = ("anp-shells", "Kyiv vraagt bondgenoten om meer munitie",
           "Oekraïne vraagt zijn partners om extra granaten voor de verdediging van Charkiv.")
_TRAINS = ("ap-trains", "Ukraine restores rail link in northeast",
           "Ukraine's railway company said trains run again between Kharkiv and the border.")
_VISIT_NL = ("anp-visit", "Rutte bezoekt Kyiv en belooft luchtafweer",
             "NAVO-chef Mark Rutte is in Oekraïne aangekomen voor overleg over de verdediging van Charkiv.")
_VISIT_EN = ("ap-visit", "NATO chief Rutte visits Kyiv, pledges air defence",
             "NATO Secretary-General Mark Rutte arrived in Ukraine to discuss the defence of Kharkiv.")


@pytest.mark.parametrize(("dutch", "english", "folds"), [
    (_SHELLS, _TRAINS, False),  # one region's two events: the dateline, the towns and the country, nothing else
    (_VISIT_NL, _VISIT_EN, True),  # the same places and a shared person: one event
], ids=["places alone never fold", "places and a person fold"])
def test_places_alone_never_fold_two_events(dutch, english, folds):
    stories = Stories()
    stories.add(_from_kyiv(*dutch, "ANP", "ANP", 0))
    assert (stories.add(_from_kyiv(*english, "AP", "AP", 240)).story == dutch[0]) is folds
