"""The desk driven as a user would, through Textual's Pilot."""

from __future__ import annotations

from textual.widgets import Markdown, Static

from tests.helpers.desk import make_desk, settle
from tui.core.grouping import Header
from tui.core.items import Item
from tui.ui.widgets.article import ArticleView
from tui.ui.widgets.help import HelpScreen
from tui.ui.widgets.wire_list import WireList


def head_text(app) -> str:
    return str(app.query_one("#article-head", Static).render())


async def test_opens_on_groups_newest_first(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        rows = app.query_one(WireList).rows
        headers = [r for r in rows if isinstance(r, Header)]
        assert len({h.group for h in headers}) == len(headers)
        groups: list[list[Item]] = []
        for row in rows:
            if isinstance(row, Header):
                groups.append([])
            else:
                groups[-1].append(row)
        for members in groups:
            assert [i.published for i in members] == sorted((i.published for i in members), reverse=True)
        newest = [members[0].published for members in groups]
        assert newest == sorted(newest, reverse=True)
        assert {"KYIV", "LONDON", "CARACAS", "BOGOTÁ/CARACAS", "SION"} <= {h.group for h in headers}
        london = next(h for h in headers if h.group == "LONDON")
        spelled = {i.group for i in app.desk.items.values() if i.group in ("LONDEN", "LONDON")}
        assert spelled == {"LONDEN", "LONDON"}, "the demo spells it both ways"
        assert london.count == sum(1 for i in app.desk.items.values() if i.group in spelled), "one group for both"
        # The cursor starts on the first item, and its article is shown.
        first = next(r for r in rows if isinstance(r, Item))
        assert app.query_one(WireList).current.id == first.id
        assert first.title in head_text(app)


async def test_moving_changes_the_article(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        first = wire.current
        await pilot.press("j")
        await settle(app, pilot)
        second = wire.current
        assert second.id != first.id
        assert second.title in head_text(app)
        body = app.query_one("#article-body", Markdown)
        assert body.source.strip(), "the body is rendered"
        await pilot.press("k")
        assert wire.current.id == first.id
        await pilot.press("G")
        last = [r for r in wire.rows if isinstance(r, Item)][-1]
        assert wire.current.id == last.id
        await pilot.press("g")
        assert wire.current.id == first.id
        await pilot.press("end")
        assert wire.current.id == last.id
        await pilot.press("home")
        assert wire.current.id == first.id
        await pilot.press("down", "down", "up")
        assert wire.current.id == second.id


async def test_m_toggles_read_and_the_mark_survives_a_restart(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("j")
        target = app.query_one(WireList).current
        assert target.id not in app.desk.marks.read
        await pilot.press("m")
        assert target.id in app.desk.marks.read
        await settle(app, pilot)
    again = make_desk(tmp_path)
    async with again.run_test() as pilot:
        await settle(again, pilot)
        assert target.id in again.desk.marks.read
        await pilot.press("j")
        assert again.query_one(WireList).current.id == target.id
        await pilot.press("m")
        assert target.id not in again.desk.marks.read
        await settle(again, pilot)
    assert target.id not in make_desk(tmp_path).store.read_ids()


async def test_dwelling_marks_read_but_passing_over_does_not(tmp_path):
    app = make_desk(tmp_path, mark_read_delay=0.4)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        passed = []
        for _ in range(3):
            passed.append(wire.current.id)
            await pilot.press("j")
        resting = wire.current.id
        await pilot.pause(0.8)
        await settle(app, pilot)
        assert resting in app.desk.marks.read
        assert not set(passed) & app.desk.marks.read
    assert resting in make_desk(tmp_path).store.read_ids()


async def test_unread_only_hides_read_items(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        total = sum(1 for r in wire.rows if isinstance(r, Item))
        await pilot.press("m", "j", "m", "j")
        marked = set(app.desk.marks.read)
        assert len(marked) == 2
        await pilot.press("u")
        shown = {r.id for r in wire.rows if isinstance(r, Item)}
        assert len(shown) == total - 2
        assert not shown & marked
        await pilot.press("u")
        assert sum(1 for r in wire.rows if isinstance(r, Item)) == total


async def test_tab_switches_panes_and_space_scrolls_the_article(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        article = app.query_one(ArticleView)
        assert app.query_one(WireList).has_focus
        assert article.max_scroll_y > 0, "a demo article is longer than one screen at 80x24"
        await pilot.press("space")
        await pilot.pause(0.3)
        assert article.scroll_y > 0
        await pilot.press("pageup")
        await pilot.pause(0.3)
        assert article.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause(0.3)
        assert article.scroll_y > 0
        await pilot.press("tab")
        assert article.has_focus
        # j still moves the list from the article pane.
        before = app.query_one(WireList).current.id
        await pilot.press("j")
        assert app.query_one(WireList).current.id != before
        await pilot.press("tab")
        assert app.query_one(WireList).has_focus


async def test_help_lists_every_key(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = " ".join(str(w.render()) for w in app.screen.query(Static))
        for description in ("Next item", "Previous item", "First item", "Last item", "Pane", "Read/unread",
                            "Unread only", "Poll", "Quit", "Scroll"):
            assert description in text
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_q_quits(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_a_failed_save_is_reported_and_the_desk_keeps_running(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        # A directory where the read state belongs: every write to it fails for real.
        (tmp_path / "state.json").unlink(missing_ok=True)
        (tmp_path / "state.json").mkdir()
        item = app.query_one(WireList).current
        await pilot.press("m")
        await settle(app, pilot)
        assert any(n.title == "Could not save" for n in app._notifications)
        assert item.id in app.desk.marks.read, "the mark still shows in the desk"
        await pilot.press("j")
        assert app.is_running
    assert any((tmp_path / "ids").glob("*.json"))
