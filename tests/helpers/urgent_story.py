"""One urgent event carried by two agencies (ANP's `SPOED:`, Reuters' `URGENT -`) and by dpa without a marker,
beside quiet items of each: for tests of the Urgent band while stories fold."""

from __future__ import annotations

from pathlib import Path

from tests.helpers.feeds import Entry, rss
from tests.helpers.story_desk import NOW, polled_store
from tui.ui.app import WireDesk


def blast(now: float) -> dict[str, Entry]:
    """The event's three copies, by agency, published in the minutes before `now`."""
    return {
        "ANP": Entry("SPOED: Vier doden bij explosie in chemiefabriek Antwerpse haven", guid="urn:blast:anp",
                     date=now - 540, body=("<p>ANTWERPEN (ANP) - Bij een explosie in een fabriek van chemiebedrijf "
                                           "Norvalt in de haven van Antwerpen zijn zeker 4 mensen omgekomen. "
                                           "Omwonenden binnen 2 kilometer moeten ramen en deuren sluiten.</p>")),
        "Reuters": Entry("URGENT - Blast at Norvalt chemical plant in Antwerp port kills four", guid="urn:blast:rtr",
                         date=now - 480, body=("<p>ANTWERP (Reuters) - An explosion at a Norvalt chemical plant in "
                                               "the port of Antwerp killed at least 4 people on Monday; residents "
                                               "within 2 km were told to keep windows and doors shut.</p>")),
        "dpa": Entry("Explosion in Chemiewerk im Hafen von Antwerpen - vier Tote", guid="urn:blast:dpa",
                     date=now - 300, body=("<p>ANTWERPEN (dpa) - Bei einer Explosion in einem Werk des "
                                           "Chemiekonzerns Norvalt im Antwerpener Hafen sind mindestens 4 Menschen "
                                           "ums Leben gekommen. Anwohner im Umkreis von 2 Kilometern sollen Fenster "
                                           "und Türen geschlossen halten.</p>")),
    }


def quiet(now: float) -> dict[str, Entry]:
    """An unrelated item of each agency, older."""
    return {
        "ANP": Entry("Kabinet presenteert plan voor extra woningbouw", guid="urn:quiet:anp", date=now - 3600,
                     body="<p>DEN HAAG (ANP) - Het kabinet wil jaarlijks meer huizen laten bouwen.</p>"),
        "Reuters": Entry("Grain shipments resume from Odesa", guid="urn:quiet:rtr", date=now - 4000,
                         body="<p>ODESA (Reuters) - Three bulk carriers left the port on Monday.</p>"),
        "dpa": Entry("Bahnstreik in Bayern beendet", guid="urn:quiet:dpa", date=now - 4400,
                     body="<p>MÜNCHEN (dpa) - Die Züge fahren wieder nach Plan.</p>"),
    }


def feed_files(directory: Path, now: float) -> list[str]:
    """One feed file per agency, carrying its copy of the event and its quiet item; their paths, as feed URLs."""
    directory.mkdir(exist_ok=True)
    events, calm = blast(now), quiet(now)
    urls = []
    for agency in events:
        path = directory / f"{agency}.xml"
        path.write_bytes(rss([events[agency], calm[agency]], title=agency))
        urls.append(str(path))
    return urls


def blast_desk(data_dir: Path, feeds_dir: Path, **options) -> WireDesk:
    """A desk on a cache of the three feeds, polled and folded at NOW: the event's copies are minutes old."""
    store = polled_store(data_dir, feed_files(feeds_dir, NOW))
    return WireDesk(store, [], poll=False, mark_read_delay=3600, clock=lambda: NOW, **options)
