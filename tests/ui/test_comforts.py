"""Reader comforts driven through the keyboard: search, grouping, bulk marks, stars, export, palette."""

from __future__ import annotations

from textual.widgets import Input

from tests.helpers.desk import make_desk, settle
from tui.core.grouping import MODES, Header
from tui.core.items import Item
from tui.store import Retention, open_store
from tui.ui.widgets.wire_list import MIN_PANE, WireList


def items_shown(app) -> list[Item]:
    return [r for r in app.query_one(WireList).rows if isinstance(r, Item)]


def headers(app) -> list[str]:
    return [r.group for r in app.query_one(WireList).rows if isinstance(r, Header)]


async def test_search_narrows_as_you_type_and_escape_restores(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        everything = len(items_shown(app))
        await pilot.press("slash")
        assert app.query_one("#search", Input).has_focus
        await pilot.press(*"caracas")
        shown = items_shown(app)
        assert 0 < len(shown) < everything
        assert all("caracas" in f"{i.title} {i.summary}".casefold() for i in shown)
        await pilot.press("enter")
        assert app.query_one(WireList).has_focus and len(items_shown(app)) == len(shown)
        await pilot.press("escape")
        assert len(items_shown(app)) == everything
        assert not app.query_one("#search", Input).display


async def test_v_cycles_every_grouping_and_the_choice_is_remembered(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert "KYIV" in headers(app)
        seen = {}
        for _ in MODES[1:]:
            await pilot.press("v")
            seen[app.desk.view.mode] = headers(app)
        assert {"ANP/RTR", "Reuters"} <= set(seen["agency"])
        assert set(seen["time"]) <= {"Today", "Yesterday", "Earlier"} and seen["time"]
        assert {"ANP Buitenland (demo)", "World Wire (demo)"} == set(seen["feed"])
        assert seen["flat"] == [] and len(items_shown(app)) == 38
        await pilot.press("v", "v")  # place, then agency
        await settle(app, pilot)
        assert app.desk.view.mode == "agency"
    again = make_desk(tmp_path)
    async with again.run_test() as pilot:
        await settle(again, pilot)
        assert again.desk.view.mode == "agency"


async def test_M_marks_the_group_read_and_U_undoes_it(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        group = [i.id for i in items_shown(app) if i.group == "KYIV"]
        await pilot.press("M")
        assert set(group) <= app.desk.marks.read
        await settle(app, pilot)
        assert set(group) <= open_store(tmp_path).read_ids()
        await pilot.press("U")
        assert not set(group) & app.desk.marks.read
        await settle(app, pilot)
        assert not set(group) & open_store(tmp_path).read_ids()


async def test_mark_all_read_from_the_command_palette(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p")
        await pilot.press(*"Mark all read")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.desk.marks.read == {i.id for i in items_shown(app)}
        assert app.desk.unread == 0


async def test_star_survives_pruning_and_filters(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("G")  # the oldest item
        oldest = app.query_one(WireList).current
        await pilot.press("s", "m")
        await pilot.press("S")
        assert [i.id for i in items_shown(app)] == [oldest.id]
        await settle(app, pilot)
    store = open_store(tmp_path)
    assert oldest.id in store.starred_ids()
    # Read and far past any retention: still kept, because it is starred.
    gone = store.prune(Retention(days=1, unread_days=1), oldest.published + 400 * 86400)
    assert oldest.id not in gone and gone


async def test_e_exports_the_item_as_markdown(tmp_path):
    out = tmp_path / "exports"
    out.mkdir()
    app = make_desk(tmp_path / "data", export_dir=out)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        item = app.query_one(WireList).current
        await pilot.press("e")
        await settle(app, pilot)
    files = list(out.glob("*.md"))
    assert len(files) == 1
    text = files[0].read_text()
    assert text.startswith(f"# {item.title}\n")
    assert "KYIV (ANP/RTR)" in text and item.link in text
    assert "Vovtsjansk" in text.split("\n", 5)[-1], "the body follows the header"


async def test_the_desk_speaks_dutch(tmp_path):
    app = make_desk(tmp_path, lang="nl")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        status = str(app.query_one("#status").render())
        assert "ongelezen" in status and "ophalen uit" in status
        head = str(app.query_one("#article-head").render())
        assert "3 minuten geleden" in head and "wo 25 nov 2026" in head
        await pilot.press("v", "v")
        assert headers(app) == ["Vandaag", "Gisteren", "Eerder"]


async def test_first_fetch_into_an_empty_cache_shows_progress(tmp_path, feed_server):
    from textual.widgets import ProgressBar

    from tests.helpers.feeds import Entry, rss
    from tui.core.feeds import FeedSource
    from tui.ui.app import WireDesk

    feed_server.set("/a.xml", rss([Entry(title="A", guid="a", date=1.79e9)]))
    feed_server.set("/b.xml", rss([Entry(title="B", guid="b", date=1.79e9)]), delay=1.0)
    sources = [FeedSource(url=feed_server.url("/a.xml")), FeedSource(url=feed_server.url("/b.xml"))]
    app = WireDesk(open_store(tmp_path), sources, poll=True)
    async with app.run_test() as pilot:
        bar = app.query_one("#first-fetch", ProgressBar)
        for _ in range(100):
            await pilot.pause(0.05)
            if bar.progress == 1:
                break
        assert bar.display and bar.progress == 1 and bar.total == 2
        for _ in range(100):
            await pilot.pause(0.05)
            if not bar.display:
                break
        assert not bar.display and len(app.desk.items) == 2


async def test_c_collapses_a_group_to_its_header_and_back(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        before = len(items_shown(app))
        kyiv = [i.id for i in items_shown(app) if i.group == "KYIV"]
        await pilot.press("c")
        header = wire.rows[wire.cursor]
        assert isinstance(header, Header) and header.group == "KYIV" and header.collapsed
        assert len(items_shown(app)) == before - len(kyiv)
        await pilot.press("j")
        assert wire.current.group == "LONDON"
        await pilot.press("k", "M")  # mark the collapsed group read from its header
        assert set(kyiv) <= app.desk.marks.read
        await pilot.press("c")
        assert len(items_shown(app)) == before and wire.current.id == kyiv[0]


PALETTE = [
    "Keys", "Read/unread", "Unread only", "Search", "Group by", "Poll", "Feeds", "Pane", "Quit", "Mark group read",
    "Collapse group", "Undo bulk marks", "Star", "Starred only", "Open link", "Copy link", "Export as Markdown",
    "Narrower list", "Wider list", "Mark all read", "Only this feed", "Only this agency", "Only this place",
    "Clear filters",
]


async def test_the_palette_offers_every_action_and_runs_them(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert not set(PALETTE) - titles, set(PALETTE) - titles
        first = app.query_one(WireList).current.id
        await pilot.press("ctrl+p", *"Starred only")  # run from the palette as typed
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.desk.view.starred_only
        assert [i.id for i in items_shown(app)] == [first], "nothing is starred: only the item under the cursor stays"


async def test_mark_all_read_takes_folded_groups_too(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("c")  # KYIV folded to its header
        await pilot.press("ctrl+p", *"Mark all read")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.desk.unread == 0
        assert app.desk.marks.read == set(app.desk.items)


def _note(app) -> str:
    head = app.query_one("#article-head")
    return "".join(seg.text for y in range(head.size.height) for seg in head.render_line(y))


async def test_a_folded_groups_note_follows_M_and_U(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        kyiv = [i for i in items_shown(app) if i.group == "KYIV"]
        await pilot.press("c")
        await pilot.pause()
        assert f"KYIV: {len(kyiv)} · {len(kyiv)} unread" in _note(app)
        await pilot.press("M")
        await pilot.pause()
        assert f"KYIV: {len(kyiv)} · 0 unread" in _note(app)
        await pilot.press("U")
        await pilot.pause()
        assert f"KYIV: {len(kyiv)} · {len(kyiv)} unread" in _note(app)


async def test_lt_and_gt_resize_the_list_from_the_keyboard(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        before = wire.outer_size.width
        await pilot.press("greater_than_sign", "greater_than_sign")
        await pilot.pause()
        assert wire.outer_size.width == before + 8
        await pilot.press("tab", "less_than_sign")  # from the article pane too
        await pilot.pause()
        assert wire.outer_size.width == before + 4
        for _ in range(40):
            await pilot.press("less_than_sign")
        await pilot.pause()
        narrowest = wire.outer_size.width
        assert MIN_PANE <= narrowest < before
        await pilot.press("less_than_sign")
        await pilot.pause()
        assert wire.outer_size.width == narrowest, "the list keeps its minimum"


async def test_dragging_the_pane_border_resizes_the_list(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        border = wire.outer_size.width - 1
        await pilot.mouse_down(WireList, offset=(border, 5))
        await pilot.hover(WireList, offset=(border + 15, 5))
        await pilot.mouse_up(WireList, offset=(border + 15, 5))
        await pilot.pause()
        assert wire.outer_size.width == border + 16
        assert wire.current is not None, "a border drag selects no row"
