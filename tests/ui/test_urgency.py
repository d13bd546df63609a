"""Wire urgency on the desk: the badge and the theme's colours, the pinned Urgent band (which never
moves the reader), and the bell for flash and urgent arrivals, against a real loopback feed server."""

from __future__ import annotations

import time

import pytest
from textual.color import Color

from tests.helpers.desk import settle
from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import entry_id, ids_of
from tests.helpers.live import POLL_INTERVAL, live_desk
from tests.helpers.stories import numbered_story
from tests.helpers.urgent import URGENT_FEED, urgent_desk
from tests.helpers.waiting import until
from tui.bundled import bundled_dir
from tui.core.feeds import FeedSource
from tui.core.grouping import Header
from tui.core.urgent_band import UrgentBand
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.article import ArticleView
from tui.ui.widgets.wire_list import WireList

BUNDLED = sorted(p.stem for p in bundled_dir("themes").glob("*.toml"))
FLASH_ID, URGENT_ID = ids_of(URGENT_FEED, "urn:u:f1", "urn:u:u1")

pytestmark = pytest.mark.usefixtures("utc")


def _near(drawn, colour: str) -> bool:
    """The colour drawn is the theme's, up to the rounding Textual's CSS does (one step per channel)."""
    expected = Color.parse(colour)
    got = Color.from_rich_color(drawn)
    return max(abs(got.r - expected.r), abs(got.g - expected.g), abs(got.b - expected.b)) <= 2


@pytest.mark.parametrize("theme", BUNDLED)
async def test_flash_rows_take_the_error_colour_and_urgent_rows_the_warning_colour(tmp_path, theme):
    app = urgent_desk(tmp_path, theme=theme)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        wire, colours = app.query_one(WireList), app.current_theme
        width = wire.scrollable_content_region.width
        for item_id, label, headline, expected in (
            (FLASH_ID, " FLASH ", "Dam breaks above Zaporizhzhia", colours.error),
            (URGENT_ID, " URGENT ", "Power cut across Geneva", colours.warning),
        ):
            line = wire._item_line(app.desk.items[item_id], width, False)
            segments = {segment.text.strip(): segment.style for segment in line}
            assert label.strip() in segments, line.text
            assert _near(segments[label.strip()].bgcolor, expected), "the badge"
            title = next(style for text, style in segments.items() if text.startswith(headline[:10]))
            assert _near(title.color, expected), "the headline"
            assert "BREAKING:" not in line.text and "FLASH -" not in line.text, "the marker is the badge now"
        assert app.desk.items[FLASH_ID].title == "FLASH - Dam breaks above Zaporizhzhia", "the item keeps its title"


async def test_fresh_urgent_items_are_pinned_in_a_band_at_the_top(tmp_path):
    app = urgent_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        rows = app.query_one(WireList).rows
        assert isinstance(rows[0], Header) and (rows[0].group, rows[0].count) == ("Urgent", 4)
        band = [row.id for row in rows[1:5]]
        assert band == [FLASH_ID, *ids_of(URGENT_FEED, "urn:u:f2"), URGENT_ID, *ids_of(URGENT_FEED, "urn:u:u2")]
        assert all(not isinstance(row, Header) or row.group != "Urgent" for row in rows[5:])
        assert sum(1 for row in rows if getattr(row, "id", None) == FLASH_ID) == 1, "pinned, not copied"


def _quiet_backlog(now: float) -> list[Entry]:
    return [numbered_story(k, now, place=("KYIV", "LONDON")[k % 2], paragraphs=12) for k in range(30)]


async def test_a_flash_arriving_is_pinned_and_rung_without_moving_the_reader_and_leaves_the_band_later(
        server, data_dir):
    now = time.time()
    backlog = _quiet_backlog(now)
    url = server.url("/wire.xml")
    server.set("/wire.xml", rss(backlog))
    pin = 4.0  # seconds: long enough to see the band, short enough to see it go
    app = WireDesk(open_store(data_dir), [FeedSource(url=url, interval=POLL_INTERVAL)], poll=True,
                   band=UrgentBand(pin_for=pin))
    async with live_desk(app, (100, 30)) as pilot:
        bells: list[float] = []
        app.bell = lambda: bells.append(time.monotonic())  # headless apps never ring; count instead
        await until(lambda: len(app.desk.items) >= 30 and app.desk.polled_once, what="the backlog", pilot=pilot)
        wire, article = app.query_one(WireList), app.query_one(ArticleView)
        await pilot.press(*"jjjjjj")
        reading = wire.current.id
        await until(lambda: article.max_scroll_y > 3, what="the article body", pilot=pilot)
        article.scroll_to(y=3, animate=False)
        await pilot.pause()
        screen_line = wire.cursor - int(wire.scroll_y)

        flash = Entry("FLASH - Dam breaks above Zaporizhzhia", guid="urn:live:flash", date=time.time(),
                      body="<p>ZAPORIZHZHIA (ANP) - The dam gave way.</p>")
        server.set("/wire.xml", rss([flash, *backlog]))
        flash_id = entry_id(flash, url)
        await until(lambda: isinstance(wire.rows[0], Header) and wire.rows[0].group == "Urgent",
                    what="the Urgent band", pilot=pilot)
        assert wire.rows[1].id == flash_id
        assert wire.current.id == reading and article.scroll_y == 3, "the reader stays where they were"
        assert len(bells) == 1
        notices = [(n.title, n.message, n.severity) for n in app._notifications if n.title == "Flash"]
        assert notices == [("Flash", "Dam breaks above Zaporizhzhia", "error")]

        await until(lambda: not any(isinstance(r, Header) and r.group == "Urgent" for r in wire.rows),
                    timeout=pin + 5, what="the pin to run out", pilot=pilot)
        assert flash_id in {getattr(row, "id", None) for row in wire.rows}, "back in its group"
        assert wire.current.id == reading and article.scroll_y == 3
        assert wire.cursor - int(wire.scroll_y) in (screen_line, screen_line + 2), "the view did not jump"
        assert len(bells) == 1


@pytest.mark.parametrize(("ring", "bells_rung", "titles"), [
    ("urgent", 1, ["Flash", "Urgent"]), ("flash", 1, ["Flash"]), ("off", 0, []),
])
async def test_what_rings_is_configurable_and_the_backlog_never_rings(server, data_dir, ring, bells_rung, titles):
    now = time.time()
    url = server.url("/wire.xml")
    backlog = [Entry("BREAKING: Strike shuts Antwerp port", guid="urn:live:old", date=now - 60,
                     body="<p>ANTWERP (Belga) - Dockers walked out.</p>")]
    server.set("/wire.xml", rss(backlog))
    app = WireDesk(open_store(data_dir), [FeedSource(url=url, interval=POLL_INTERVAL)], poll=True,
                   band=UrgentBand(ring=ring))
    async with live_desk(app, (100, 30)) as pilot:
        bells: list[float] = []
        app.bell = lambda: bells.append(time.monotonic())
        await until(lambda: app.desk.polled_once, what="the backlog", pilot=pilot)
        await pilot.pause(2 * POLL_INTERVAL)
        assert bells == [], "the start-up backlog never rings, urgent or not"
        arrivals = [
            Entry("Blitz: Bundestag aufgelöst", guid="urn:live:blitz", date=time.time(),
                  body="<p>BERLIN (dpa) - Der Bundestag ist aufgelöst.</p>"),
            Entry("Grain prices ease", guid="urn:live:calm", date=time.time() - 1, body="<p>Quiet.</p>"),
            Entry("URGENT - Ceasefire talks collapse", guid="urn:live:urgent", date=time.time() - 2,
                  body="<p>DOHA (AFP) - Talks ended.</p>"),
        ]
        server.set("/wire.xml", rss([*arrivals, *backlog]))
        await until(lambda: len(app.desk.items) == 4, what="the arrivals", pilot=pilot)
        await pilot.pause()
        assert len(bells) == bells_rung
        assert [n.title for n in app._notifications if n.title in ("Flash", "Urgent")] == titles


def test_urgent_band_80x24(snap_compare, tmp_path):
    app = urgent_desk(tmp_path)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("m", "j")  # a read flash, the cursor on an unread one

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_urgent_band_160x45(snap_compare, tmp_path):
    app = urgent_desk(tmp_path, theme="paper")

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("j", "j", "j", "j", "j", "tab")  # the cursor below the band, the article focused
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(160, 45), run_before=run_before)
