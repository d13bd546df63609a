"""What the screen shows: SVG snapshots (review any change with `make test PYTEST_ARGS=--snapshot-update`
only after looking at the new picture in snapshot_report.html), and the text drawn at 80 columns."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import DataTable, Static

from tests.helpers.desk import make_desk, settle
from tests.helpers.waiting import until
from tui.core.compact import short_agency
from tui.core.feeds import FeedSource
from tui.core.grouping import Header
from tui.core.items import Item
from tui.core.timefmt import ago_short
from tui.fetch.demo import seed_files
from tui.ui.widgets.health import COLUMNS
from tui.ui.widgets.status_bar import StatusBar
from tui.ui.widgets.wire_list import WireList

pytestmark = pytest.mark.usefixtures("utc")


def _settled(app):
    async def run_before(pilot):
        await settle(app, pilot)

    return run_before


def test_main_screen_80x24(snap_compare, tmp_path):
    app = make_desk(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled(app))


def test_main_screen_160x45(snap_compare, tmp_path):
    app = make_desk(tmp_path)
    assert snap_compare(app, terminal_size=(160, 45), run_before=_settled(app))


def test_read_marks_and_article_pane_160x45(snap_compare, tmp_path):
    app = make_desk(tmp_path)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("m", "j", "j", "m", "j", "tab")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(160, 45), run_before=run_before)


def test_narrow_article_in_the_lists_place_80x24(snap_compare, tmp_path):
    app = make_desk(tmp_path)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("j", "enter")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_narrow_tall_pane_100x60(snap_compare, tmp_path):
    app = make_desk(tmp_path)
    assert snap_compare(app, terminal_size=(100, 60), run_before=_settled(app))


def test_help_screen_80x24(snap_compare, tmp_path):
    app = make_desk(tmp_path)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_feed_screen_80x24(snap_compare, tmp_path):
    # Web feeds only: a local feed would put this checkout's path in the picture.
    app = make_desk(tmp_path, sources=[FeedSource(url="https://wire.example/anp.xml"), FeedSource(url=LONG_URL)])

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("F")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


# What is drawn at 80 columns, as text.

LONG_URL = "https://feeds.example.org/world/europe/eastern-europe/ukraine/latest-news-and-analysis.rss"


def _sources():
    # The long URL first: it stays on screen however many feeds the demo has.
    return [FeedSource(url=LONG_URL)] + [FeedSource(url=str(path)) for path in seed_files()]


def _screen(app) -> list[str]:
    # The compositor's strips are the screen as the terminal gets it; Pilot has no public reader.
    return ["".join(segment.text for segment in strip) for strip in app.screen._compositor.render_strips()]


def _on_screen(wire: WireList):
    """(row index, drawn text) for each row in view."""
    top = int(wire.scroll_y)
    for y in range(wire.scrollable_content_region.height):
        if top + y < len(wire.rows):
            yield top + y, wire.render_line(y).text


async def test_group_headers_count_unread_items_as_drawn(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        wire = app.desk_screen.wire

        def header_text() -> str:
            return dict(_on_screen(wire))[0]

        header = wire.rows[0]
        group, count, unread = header.group, header.count, header.unread
        assert isinstance(header, Header) and 2 <= unread <= count
        assert header_text().startswith(f" {group}  {count} · {unread} ●")
        assert wire.current.id not in app.desk.marks.read and wire.group_of(wire.cursor) == group
        await pilot.press("m")
        assert header_text().startswith(f" {group}  {count} · {unread - 1} ●")
        await pilot.press("c")  # folded: the same counts behind a ▸
        assert header_text().startswith(f"▸ {group}  {count} · {unread - 1} ●")
        await pilot.press("M")  # all read: the count alone
        assert header_text().rstrip() == f"▸ {group}  {count}"


async def test_every_row_shows_title_agency_and_age_at_80_columns(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        wire = app.desk_screen.wire
        assert wire.outer_size.width == 80, "the narrow layout: the list has the whole width"
        rows = [(wire.rows[n], text) for n, text in _on_screen(wire) if not isinstance(wire.rows[n], Header)]
        assert sum(1 for item, _ in rows if item.agencies) >= 5
        for item, text in rows:
            age = ago_short(item.published, app.clock(), app.lang)
            assert text.rstrip().endswith(age), text
            shown = min(len(item.title), 60)
            assert text[2:].startswith(item.title[:shown]), "60 characters of headline at 80 columns"
            if item.agencies:
                assert text.rstrip().endswith(f" {short_agency(item.agencies):>5} {age:>3}"), text
            if len(item.agencies) > 1:
                assert f"+{len(item.agencies) - 1}" in text, "more agencies follow"


def test_a_very_narrow_list_gives_the_title_room_before_the_agency():
    item = Item(id="x", feed="f", title="t", link="", published=0.0, agencies=("ANP", "RTR"))
    assert WireList._meta(item, "3m", 34) == " ANP+1  3m "
    assert WireList._meta(item, "3m", 20) == "  3m "


async def test_status_bar_fits_80_columns(tmp_path):
    app = make_desk(tmp_path, lang="nl")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("u")  # a view to show: by place, unread only
        bar = app.query_one(StatusBar)
        line = str(bar.render())
        assert cell_len(line) <= 80 and line.rstrip().endswith("]"), line
        # The most there is to say: long counts, arrivals, failing feeds, a search. Each line is set by hand and
        # drawn with no await in between, so the screen's 1 s refresh (the real state) cannot overwrite it first.
        bar.show(app.clock(), "opgehaald 09:00:00", 12345, 67, 2, "op plaats · ongelezen · “kyiv”", "nl")
        line = str(bar.render())
        assert cell_len(line) <= 80, line
        for kept in ("12345 ongelezen · 67 nieuw", "⚠ 2 feeds falen", "[op plaats · ongelezen · “kyiv”]"):
            assert kept in line, line
        bar.show(app.clock(), "opgehaald 09:00:00", 12345, 67, 2, "op plaats · “" + "x" * 60 + "”", "nl")
        line = str(bar.render())
        assert cell_len(line) <= 80 and line.endswith("…"), line
        assert "12345 ongelezen  ⚠ 2 feeds falen  [op plaats" in line, "arrivals give way, then the view is cut"
        await pilot.resize_terminal(160, 24)
        await until(lambda: bar.size.width == 160, what="the bar at 160 columns", pilot=pilot)
        bar.show(app.clock(), "opgehaald 09:00:00", 12345, 67, 2, "op plaats · ongelezen · “kyiv”", "nl")
        line = str(bar.render())
        assert "wiredesk" in line and "67 nieuw sinds je keek" in line and "opgehaald 09:00:00" in line


async def test_footer_ends_with_the_palette_key_at_80_columns(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        assert _screen(app)[-1].endswith("▏^p palette")


@pytest.mark.parametrize("lang, labels", [
    ("en", ["? Keys", "m Read/unread", "u Unread only", "/ Search", "v Group by", "F Feeds", "q Quit"]),
    ("nl", ["? Toetsen", "m Gelezen", "u Ongelezen", "/ Zoeken", "v Groeperen", "F Feeds", "q Stop"]),
])
async def test_footer_speaks_the_desks_language_and_fits_80_columns(tmp_path, lang, labels):
    app = make_desk(tmp_path, lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        footer = _screen(app)[-1]
        assert footer.endswith("▏^p palette")
        for label in labels:
            assert label in footer, footer


async def test_help_names_every_key(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        text = "\n".join(str(widget.render()) for widget in app.screen.query(Static))
        lines = [line.strip() for line in text.splitlines()]
        for name in ("ctrl+p", "Enter", "Esc", "/", "?", "j, ↓", "space, PgDn", "PgUp", "M", "U", "tab"):
            assert any(line.startswith(f"{name}  ") for line in lines), name
        assert "slash" not in text and "question_mark" not in text
        for binding in [*WireList.BINDINGS, *app.desk_screen.BINDINGS]:
            assert binding.description in text


async def test_feed_screen_fits_80_columns(tmp_path):
    app = make_desk(tmp_path, sources=_sources())
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        await pilot.press("F")
        await settle(app, pilot)
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.size.width, "no column beyond the edge"
        lines = _screen(app)
        drawn = "\n".join(lines)
        assert all(label in drawn for label in COLUMNS), "every column whole, beside the table's scrollbar"
        assert "file" in drawn and "?" in drawn  # the ETag column, for local and web feeds
        feed = next(iter(table.columns.values()))
        x = table.region.x + table.cell_padding
        column = "".join(line[x: x + feed.width].strip() for line in lines[table.region.y: table.region.bottom])
        assert LONG_URL in column, "the long URL wraps, whole"
