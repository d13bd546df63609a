"""Control characters and Rich markup in feed text: gone (controls) or literal (markup), in the cache and on
the desk (Pilot), where keys and clicks on [@click=...] text do not quit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Markdown, Static
from textual.widgets._toast import Toast

from tests.helpers.desk import settle
from tests.helpers.hostile import RawServer, bad_status_line
from tests.helpers.hostile_cli import FETCH_TIMEOUT, control_findings, fetch, isolated_env, list_json
from tests.helpers.hostile_render import row_ids, row_item, widget_lines
from tests.helpers.hostile_text import (
    CLICK_TITLE,
    CONTROL,
    LINK_TITLE,
    LOOSE_CONTROL_TITLES,
    LOOSE_VISIBLE,
    MARKUP_FEED_TITLE,
    MARKUP_TITLE,
    STRICT_CONTROL_TITLES,
    STRICT_VISIBLE,
)
from tests.helpers.ids import ids_of
from tests.helpers.waiting import until
from tui.core.feeds import FeedSource
from tui.store import open_store
from tui.ui.app import WireDesk
from tui.ui.widgets.status_bar import StatusBar
from tui.ui.widgets.wire_list import WireList


def test_control_characters_are_gone_and_the_text_remains(single):
    for name in ("control-strict", "control-loose"):
        _, data = single(name)
        assert control_findings(data) == []
        records = list_json(data, isolated_env(data.parent))
        titles = " | ".join(r["title"] for r in records)
        for visible in STRICT_VISIBLE if name == "control-strict" else LOOSE_VISIBLE:
            assert visible in titles, (visible, titles)
        if name == "control-loose":
            assert "pwned" not in titles, "an OSC payload goes with its escape"


def test_markup_titles_are_stored_exactly(single):
    _, data = single("markup")
    records = list_json(data, isolated_env(data.parent))
    assert {r["title"] for r in records} >= {MARKUP_TITLE, CLICK_TITLE, LINK_TITLE}
    assert {r["feed"] for r in records} == {MARKUP_FEED_TITLE}


# The desk: literal titles, no escapes on screen, keys and clicks do not quit


@pytest.fixture(scope="module")
def strings_cache(server, env, home) -> Path:
    data = home / "strings-cache"
    urls = [server.url(p) for p in ("/markup.xml", "/control-strict.xml", "/control-loose.xml")]
    run = fetch(urls, data, env, timeout=FETCH_TIMEOUT)
    assert run.returncode == 0 and len(run.lines) == 3, run.describe()
    return data


@pytest.fixture
def strings_desk(strings_cache, tmp_path) -> WireDesk:
    copy = tmp_path / "desk"
    shutil.copytree(strings_cache, copy)
    store = open_store(copy)
    store.save_settings(stories="off")  # hostile titles share their junk ("CSI", "31"): every item its own row here
    return WireDesk(store, [], poll=False, mark_read_delay=3600)


async def _go_to(pilot, app, item_id: str) -> None:
    wire = app.query_one(WireList)
    wire.focus()  # from the article pane too (Enter focuses it)
    order = row_ids(wire)
    await pilot.press("g")
    for _ in range(order.index(item_id)):
        await pilot.press("j")
    assert wire.current.id == item_id
    await settle(app, pilot)


async def test_markup_titles_show_literally_in_rows_and_header(strings_desk, server):
    app = strings_desk
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        rows = "\n".join(widget_lines(wire))
        for title in (MARKUP_TITLE, CLICK_TITLE, LINK_TITLE, MARKUP_FEED_TITLE):
            assert title in rows, rows
        await _go_to(pilot, app, *ids_of(server.url("/markup.xml"), "urn:markup:bold"))
        head = widget_lines(app.query_one("#article-head", Static))
        assert head[0].strip() == MARKUP_TITLE
        assert any(MARKUP_FEED_TITLE in line for line in head)
        body = app.query_one("#article-body", Markdown)
        assert "[bold]Body markup[/bold]" in "\n".join(line for w in body.walk_children() for line in widget_lines(w))


async def test_no_control_character_reaches_the_list_or_the_header(strings_desk):
    app = strings_desk
    async with app.run_test(size=(160, 60)) as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        order = row_ids(wire)
        assert len(order) == 4 + len(STRICT_CONTROL_TITLES) + len(LOOSE_CONTROL_TITLES)
        await pilot.press("g")
        for n, item_id in enumerate(order):
            if n:
                await pilot.press("j")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert wire.current.id == item_id
            shown = widget_lines(wire) + widget_lines(app.query_one("#article-head", Static))
            body = app.query_one("#article-body", Markdown)
            shown += [line for w in body.walk_children() for line in widget_lines(w)]
            bad = [line for line in shown if CONTROL.search(line)]
            assert not bad, f"{item_id}: {bad[:3]!r}"


async def test_click_markup_in_a_title_does_not_quit(strings_desk, server):
    app = strings_desk
    [click] = ids_of(server.url("/markup.xml"), "urn:markup:click")
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(app, pilot)
        await _go_to(pilot, app, click)
        wire = app.query_one(WireList)
        row = next(n for n, r in enumerate(wire.rows) if (i := row_item(r)) and i.id == click)
        for key in ("enter", "space", "m", "m", "tab", "tab", "u", "u", "j", "k"):
            await pilot.press(key)
            assert app.is_running, f"quit after {key!r}"
        await _go_to(pilot, app, click)
        # Where [@click=app.quit] would be, if it were markup: the row, the header, the body.
        for x in (2, 4, 8):
            await pilot.click(WireList, offset=(x, row - int(wire.scroll_y)))
            await pilot.pause()
            assert app.is_running
        assert wire.current.id == click
        for x in (0, 1, 2):
            await pilot.click("#article-head", offset=(x, 0))
            await pilot.pause()
            assert app.is_running
        await settle(app, pilot)
        for widget in app.query_one("#article-body", Markdown).walk_children():
            if widget.size.height:
                await pilot.click(widget, offset=(1, 0))
                await pilot.pause()
        assert app.is_running
        assert [line for line in widget_lines(app.query_one("#article-head", Static)) if CLICK_TITLE in line]


async def test_failing_feed_notice_with_markup_is_literal(data_dir):
    payloads = ["[bold red]BREAKING[/]", "[@click=app.quit]x[/]"]
    with RawServer(bad_status_line(payloads[0])) as one, RawServer(bad_status_line(payloads[1])) as two:
        sources = [FeedSource(url=one.url(), interval=0.5), FeedSource(url=two.url(), interval=0.5)]
        app = WireDesk(open_store(data_dir), sources, poll=True, mark_read_delay=3600)
        async with app.run_test(size=(160, 50), notifications=True) as pilot:
            await until(lambda: app.desk.health.failing == 2, 8, "both feeds failing", pilot=pilot)
            await pilot.pause(0.2)
            notices = [n for n in app._notifications if n.title == "Feed failing"]
            assert len(notices) == 2
            for payload in payloads:
                assert any(payload in n.message for n in notices), [n.message for n in notices]
            await until(lambda: len(app.screen.query(Toast)) >= 2, 3, "the notices on screen", pilot=pilot)
            toasts = list(app.screen.query(Toast))
            drawn = " ".join(" ".join(line.strip() for line in widget_lines(t)) for t in toasts)
            for payload in payloads:
                assert payload in drawn, drawn
            for toast in toasts:  # a click on [@click=app.quit] would quit if it were markup
                await pilot.click(toast, offset=(2, 1))
                await pilot.pause()
            assert app.is_running
            assert "failing" in str(app.query_one(StatusBar).render())
