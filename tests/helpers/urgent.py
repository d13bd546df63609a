"""Flash and urgent items for desk tests: a wire that carries them, and a seeded desk with them fresh."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.desk import NOW, make_desk, seeded_store
from tests.helpers.feeds import Entry, rss
from tui.fetch.parse import parse_feed
from tui.ui.app import WireDesk

URGENT_FEED = "https://wire.test/urgent.xml"


def urgent_entries(now: float) -> list[Entry]:
    """Two flashes and two urgents of the last minutes, newest first, in three agencies' forms."""
    return [
        Entry("FLASH - Dam breaks above Zaporizhzhia", guid="urn:u:f1", date=now - 60,
              body="<p>ZAPORIZHZHIA (ANP) - The dam gave way at dawn.</p>"),
        Entry("BREAKING: Power cut across Geneva", guid="urn:u:u1", date=now - 120,
              body="<p>GENEVA (AFP) - Trams stopped across the city.</p>"),
        Entry("Blitz: Bundestag aufgelöst", guid="urn:u:f2", date=now - 180,
              body="<p>BERLIN (dpa) - Der Bundespräsident löst den Bundestag auf.</p>"),
        Entry("SPOED: Gijzeling in Groningen voorbij", guid="urn:u:u2", date=now - 240,
              body="<p>GRONINGEN (ANP) - De gijzeling in een winkel is voorbij.</p>"),
    ]


def urgent_desk(data_dir: Path, **options) -> WireDesk:
    """The demo wire at NOW with the urgent items beside it; `options` go to make_desk."""
    store = seeded_store(data_dir)
    store.ingest(parse_feed(rss(urgent_entries(NOW), title="Urgent wire"), URGENT_FEED, NOW))
    return make_desk(data_dir, **options)
