"""Reading and marks, driven with Pilot: m, dwelling, what counts as read, unread only, the counts,
M and mark all read, U to undo them, stars, and a mark that cannot be saved."""

from __future__ import annotations

from textual.widgets import Input

from tests.helpers.desk import head_text, item_rows, make_desk, settle
from tests.helpers.waiting import until
from tui.core.grouping import Header
from tui.store import Retention, open_store
from tui.ui.widgets.wire_list import WireList

# m and dwelling: what counts as read


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
    async with app.run_test(size=(120, 30)) as pilot:  # both panes: the article is in view
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


async def test_the_item_the_desk_opens_on_is_not_read_until_the_reader_acts(tmp_path):
    app = make_desk(tmp_path, mark_read_delay=0.2)
    async with app.run_test(size=(120, 30)) as pilot:  # both panes: the article is in view
        await settle(app, pilot)
        first = app.query_one(WireList).current
        await pilot.pause(0.5)
        await settle(app, pilot)
        assert first.id not in app.desk.marks.read, "an unattended desk reads nothing"
        await pilot.press("j", "k")  # the reader is back and rests on it
        await pilot.pause(0.5)
        await settle(app, pilot)
        assert first.id in app.desk.marks.read


async def test_typing_a_search_marks_nothing_read(tmp_path):
    app = make_desk(tmp_path, mark_read_delay=0.2)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("j")  # the reader is at the desk
        await pilot.pause(0.4)
        await settle(app, pilot)
        before = set(app.desk.marks.read)
        await pilot.press("slash", *"caracas")
        await pilot.pause(0.6)
        await settle(app, pilot)
        assert isinstance(app.focused, Input)
        assert app.query_one(WireList).current is not None
        assert set(app.desk.marks.read) == before


async def test_unread_only_hides_read_items(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        total = len(item_rows(app))
        await pilot.press("m", "j", "m", "j")
        marked = set(app.desk.marks.read)
        assert len(marked) == 2
        await pilot.press("u")
        shown = {r.id for r in item_rows(app)}
        assert len(shown) == total - 2
        assert not shown & marked
        await pilot.press("u")
        assert len(item_rows(app)) == total


# The counts


def header_of(app, group: str) -> Header:
    return next(r for r in app.query_one(WireList).rows if isinstance(r, Header) and r.group == group)


async def test_header_counts_follow_single_and_group_marks(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        group = wire.current.group
        unread = header_of(app, group).unread
        await pilot.press("m")
        assert header_of(app, group).unread == unread - 1
        await pilot.press("m")
        assert header_of(app, group).unread == unread
        # Fold the group, mark it all read from its header: header and article note agree.
        await pilot.press("c", "M")
        await settle(app, pilot)
        header = header_of(app, group)
        assert header.collapsed and header.unread == 0
        assert f"{group}: {header.count} · 0 " in head_text(app)
        await pilot.press("U")
        assert header_of(app, group).unread == unread


def _note(app) -> str:
    head = app.query_one("#article-head")
    return "".join(seg.text for y in range(head.size.height) for seg in head.render_line(y))


async def test_a_folded_groups_note_follows_M_and_U(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        kyiv = [i for i in item_rows(app) if i.group == "KYIV"]
        await pilot.press("c")
        await pilot.pause()
        assert f"KYIV: {len(kyiv)} · {len(kyiv)} unread" in _note(app)
        await pilot.press("M")
        await pilot.pause()
        assert f"KYIV: {len(kyiv)} · 0 unread" in _note(app)
        await pilot.press("U")
        await pilot.pause()
        assert f"KYIV: {len(kyiv)} · {len(kyiv)} unread" in _note(app)


# M, mark all read, and U


async def test_M_marks_the_group_read_and_U_undoes_it(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        group = [i.id for i in item_rows(app) if i.group == "KYIV"]
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
        assert app.desk.marks.read == {i.id for i in item_rows(app)}
        assert app.desk.unread == 0


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


async def test_U_undoes_mark_all_read_from_the_palette(data_dir):
    app = make_desk(data_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        await pilot.press("j", "m")  # one item read by hand before the bulk mark
        by_hand = app.query_one(WireList).current.id
        await settle(app, pilot)
        unread_before = app.desk.unread
        await pilot.press("ctrl+p")
        await pilot.press(*"Mark all read")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        everything = {i.id for i in item_rows(app)}
        assert app.desk.marks.read == everything and app.desk.unread == 0
        await until(lambda: open_store(data_dir).read_ids() == everything, what="the bulk mark saved", pilot=pilot)
        await pilot.press("U")
        assert app.desk.marks.read == {by_hand}, "undo restores the marks as they were, the hand-read item stays read"
        assert app.desk.unread == unread_before
        await settle(app, pilot)
        await until(lambda: open_store(data_dir).read_ids() == {by_hand}, what="the undo saved", pilot=pilot)
        await pilot.press("U")
        assert app._notifications and [n.message for n in app._notifications][-1] == "Nothing to undo"
        assert app.desk.marks.read == {by_hand}


# Stars, and a mark that cannot be saved


async def test_star_survives_pruning_and_filters(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("G")  # the oldest item
        oldest = app.query_one(WireList).current
        await pilot.press("s", "m")
        await pilot.press("S")
        assert [i.id for i in item_rows(app)] == [oldest.id]
        await settle(app, pilot)
    store = open_store(tmp_path)
    assert oldest.id in store.starred_ids()
    # Read and far past any retention: still kept, because it is starred.
    gone = store.prune(Retention(days=1, unread_days=1), oldest.published + 400 * 86400)
    assert oldest.id not in gone and gone


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
