"""Links and export: o opens the link (or says why not), y copies it, also through tmux by OSC 52,
e exports the item as Markdown.

The only subclass (for `o`) overrides Textual's own App.open_url, never wiredesk code."""

from __future__ import annotations

import inspect
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from tests.helpers.desk import NOW, make_desk, seeded_store, settle
from tests.helpers.waiting import until, wait_until
from tui.ui.app import WireDesk
from tui.ui.widgets.wire_list import WireList

# o: open the link


class BrowserDesk(WireDesk):
    """A desk whose browser is a list: Textual's App.open_url, overridden to record instead of launch."""

    # Textual resolves CSS_PATH beside the class's own module: point it back at the app's.
    CSS_PATH = str(Path(inspect.getfile(WireDesk)).parent / WireDesk.CSS_PATH)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.opened: list[tuple[str, bool]] = []

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.opened.append((url, new_tab))


async def test_o_opens_the_current_items_link(data_dir):
    app = BrowserDesk(seeded_store(data_dir), [], poll=False, mark_read_delay=60, clock=lambda: NOW)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        first = wire.current
        await pilot.press("o")
        await pilot.press("j", "j", "o")
        third = wire.current
        assert third.id != first.id and first.link and third.link
        assert app.opened == [(first.link, True), (third.link, True)]


async def test_o_without_a_browser_says_so_and_the_desk_goes_on(data_dir, monkeypatch, tmp_path):
    import webbrowser

    # The desk's own opener, for real: the only browser named does not exist.
    monkeypatch.setenv("BROWSER", str(tmp_path / "no-such-browser"))
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # read BROWSER afresh, as a new process would
    monkeypatch.setattr(webbrowser, "_browsers", {})
    app = make_desk(data_dir)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        link = app.query_one(WireList).current.link
        await pilot.press("o")
        await until(lambda: any(link in n.message for n in app._notifications), what="the notice", pilot=pilot)
        [notice] = [n for n in app._notifications if link in n.message]
        assert notice.message.startswith("No browser could open") and notice.message.endswith("(y copies it)")
        await pilot.press("j")
        assert app.is_running


# y: copy the link


async def test_y_copies_the_link_to_the_clipboard(tmp_path):
    app = make_desk(tmp_path)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        wire = app.query_one(WireList)
        assert app.clipboard == ""
        await pilot.press("y")
        assert wire.current.link.startswith("http")
        assert app.clipboard == wire.current.link
        assert "Link copied" in [n.message for n in app._notifications]
        await pilot.press("j", "y")
        assert app.clipboard == wire.current.link


def test_y_sends_osc52_that_reaches_the_tmux_clipboard(tmp_path):
    """The real desk in tmux with set-clipboard on: the OSC 52 sequence lands in tmux's paste buffer."""
    if shutil.which("tmux") is None:
        pytest.fail("tmux is not installed (.ci/run installs it)")
    store = seeded_store(tmp_path / "data")
    newest = max(store.items(), key=lambda i: i.published)
    tmux = ["tmux", "-L", f"wiredesk-y-{uuid.uuid4().hex[:8]}"]
    config = tmp_path / "config.toml"
    config.write_text('language = "en"\n')  # the demo wire starts in Dutch otherwise
    desk = (f"env -u COLUMNS -u LINES {sys.executable} -m tui --no-poll --data-dir {tmp_path / 'data'} "
            f"--config {config}")
    subprocess.run([*tmux, "-f", "/dev/null", "new-session", "-d", "-s", "desk", "-x", "120", "-y", "40",
                    f"{desk}; sleep 30"], check=True, timeout=10)
    try:
        subprocess.run([*tmux, "set-option", "-g", "set-clipboard", "on"], check=True, timeout=10)

        def output(*args: str) -> str:
            return subprocess.run([*tmux, *args], capture_output=True, text=True).stdout

        wait_until(lambda: "polling off" in output("capture-pane", "-p", "-t", "desk"), 20, "the desk on screen",
                   interval=0.2)
        subprocess.run([*tmux, "send-keys", "-t", "desk", "y"], check=True, timeout=10)
        buffer = wait_until(lambda: output("show-buffer"), 5, "a paste buffer", interval=0.1)
        assert buffer == newest.link
    finally:
        subprocess.run([*tmux, "kill-server"], capture_output=True, timeout=10)


# e: export


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


async def test_e_writes_to_the_documents_folder_and_says_where(tmp_path, monkeypatch):
    documents = tmp_path / "Documents"  # not there yet: made on the first export
    monkeypatch.setenv("XDG_DOCUMENTS_DIR", str(documents))
    monkeypatch.chdir(tmp_path)
    app = make_desk(tmp_path / "data")
    async with app.run_test() as pilot:
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        files = list(documents.glob("*.md"))
        assert len(files) == 1 and not list(tmp_path.glob("*.md")), "never the directory the desk started in"
        assert any(str(files[0]) in str(note.message) for note in app._notifications), "it says where"
