"""Urgency read from titles, bodies and feed fields, in the agencies' conventions and languages."""

from __future__ import annotations

import pytest

from tests.helpers.urgency_corpus import CORPUS, FLASHES, HARD_NEGATIVES, URGENTS, Case
from tui.core import urgency
from tui.core.items import Item


@pytest.mark.parametrize("case", CORPUS, ids=lambda c: f"{c.kind}: {c.title[:40]}")
def test_every_convention_and_every_hard_negative(case: Case):
    assert urgency.read(case.title, case.body).level == case.level


def test_the_corpus_covers_the_conventions_of_the_issue():
    found = {urgency.read(c.title, c.body).marker.casefold() for c in FLASHES + URGENTS}
    assert {"flash", "urgent", "bulletin", "breaking", "alerte", "spoed", "eil", "eilmeldung", "blitz",
            "urgente"} <= found
    assert len(HARD_NEGATIVES) >= 25


@pytest.mark.parametrize(("title", "headline", "marker"), [
    ("BREAKING: Volcano erupts near Grindavik", "Volcano erupts near Grindavik", "BREAKING"),
    ("FLASH-Dutch central bank cuts deposit rate", "Dutch central bank cuts deposit rate", "FLASH"),
    ("Eil +++ Bundestag wählt neuen Kanzler +++", "Bundestag wählt neuen Kanzler", "Eil"),
    ("+++ Eilmeldung +++ Bahnstreik beendet", "Bahnstreik beendet", "Eilmeldung"),
    ("[BREAKING] Rate decision brought forward", "Rate decision brought forward", "BREAKING"),
    ("Última hora: cierran el aeropuerto", "cierran el aeropuerto", "Última hora"),
    ("ALERTE INFO : incendie à la gare", "incendie à la gare", "ALERTE INFO"),
])
def test_the_marker_leaves_the_headline(title, headline, marker):
    read = urgency.read(title)
    assert (read.headline, read.marker) == (headline, marker)


def test_a_marker_in_the_body_leaves_the_title_whole():
    read = urgency.read("Kabinet gevallen", "DEN HAAG (ANP) - SPOED: Het kabinet is gevallen.")
    assert (read.level, read.headline) == ("urgent", "Kabinet gevallen")


def test_a_title_that_is_only_the_marker_shows_the_body():
    read = urgency.read("FLASH", "Dam breaks above Valencia.")
    assert (read.level, read.headline) == ("flash", "Dam breaks above Valencia.")


def test_a_marker_deep_in_the_body_is_not_read():
    body = "ROTTERDAM (ANP) - " + "De haven ligt stil. " * 12 + "SPOED: dit staat te ver."
    assert urgency.read("Haven stil", body).level is None


def test_the_highest_level_wins():
    assert urgency.read("URGENT - Talks fail", "FLASH - Talks fail in Doha").level == "flash"
    assert urgency.read("Talks fail", "", "urgent").level == "urgent"
    assert urgency.read("URGENT - Talks fail", "", "flash").level == "flash"


@pytest.mark.parametrize(("values", "terms", "level"), [
    (["1"], [], "flash"),
    (["2"], [], "urgent"),
    ([" 3 "], [], "urgent"),
    (["4"], [], ""),
    (["5"], [], ""),
    (["soon"], [], ""),
    ([], ["Breaking News"], "urgent"),
    ([], ["urgent"], "urgent"),
    ([], ["Eilmeldung"], "urgent"),
    ([], ["flash"], "flash"),
    ([], ["Breaking Bad"], ""),
    ([], ["Urgent care"], ""),
    ([], ["World", "Politics"], ""),
    (["3"], ["flash"], "flash"),
])
def test_feed_fields(values, terms, level):
    assert urgency.from_feed(values, terms) == level


def test_of_reads_the_item_and_its_feed_level():
    item = Item(id="x", feed="Wire", title="BREAKING: Dam bursts", link="", published=0.0)
    assert urgency.of(item) == urgency.Urgency("urgent", "BREAKING", "Dam bursts")
    quiet = Item(id="y", feed="Wire", title="Dam bursts", link="", published=0.0, feed_urgency="flash")
    assert urgency.of(quiet) == urgency.Urgency("flash", "", "Dam bursts")


def test_the_feed_level_survives_the_cache_row():
    item = Item(id="y", feed="Wire", title="Dam bursts", link="", published=0.0, feed_urgency="flash")
    assert Item.from_row(item.to_row()).feed_urgency == "flash"
    assert "feed_urgency" not in Item(id="z", feed="Wire", title="t", link="", published=0.0).to_row()


def test_the_lean_list_keeps_a_marked_bodys_start_and_drops_the_rest():
    """The desk's list drops summaries to stay lean (Item.from_row(lean=True)); an urgency marker at
    the start of a body must survive it, or a SPOED in the body would lose its badge on restart."""
    marked = {"id": "a", "title": "Dijk doorgebroken bij Zaporizja",
              "summary": "KYIV (ANP) - SPOED: de dam is doorgebroken. " + "Meer volgt. " * 100}
    plain = {"id": "b", "title": "Raad vergadert", "summary": "DEN HAAG (ANP) - De raad vergadert. " * 20}
    lean_marked, lean_plain = Item.from_row(marked, lean=True), Item.from_row(plain, lean=True)
    assert urgency.of(lean_marked).level == urgency.of(Item.from_row(marked)).level == urgency.URGENT
    assert len(lean_marked.summary) <= urgency.BODY_HEAD
    assert lean_plain.summary == ""
    assert urgency.of(lean_plain).level is None
