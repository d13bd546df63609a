"""End to end: a FLASH arrives from a loopback feed server while the reader reads something else, in the
real `wiredesk` in a real tmux pane. It is pinned in the Urgent band with its badge, rings tmux's bell,
and the reader's item stays in the article pane with the cursor on it."""

from __future__ import annotations

import time

from tests.helpers.feeds import Entry, FeedServer, rss
from tests.helpers.tmux import live_desk_in_tmux
from tests.helpers.waiting import wait_until


def _story(k: int, now: float) -> Entry:
    return Entry(f"Quiet story {k} from the port", guid=f"urn:tmux:u{k}", date=now - 60 * (k + 1),
                 body=f"<p>ROTTERDAM (ANP) - Text of quiet story {k}.</p>")


def _article_title(screen: str) -> str:
    """The article pane's first line: the headline of the item under the cursor."""
    first_row = screen.splitlines()[1]
    return first_row.split("▎")[-1].strip() if "▎" in first_row else ""


def test_a_flash_arriving_while_the_reader_reads_something_else(feed_server: FeedServer, tmp_path):
    now = time.time()
    backlog = [_story(k, now) for k in range(5)]
    feed_server.set("/wire.xml", rss(backlog))
    desk = live_desk_in_tmux(tmp_path, feed_server.url("/wire.xml"), "--interval 1",
                             env="-u COLORTERM TERM=tmux-256color")
    try:
        desk.set_option("-g", "bell-action", "any")
        desk.set_option("-gw", "monitor-bell", "on")
        desk.wait_for(lambda s: all(e.title[:20] in s for e in backlog), timeout=20, what="the backlog")
        desk.keys("j", "j")  # the reader moves down to story 2 and reads it
        reading = desk.wait_for(lambda s: _article_title(s).startswith(backlog[2].title), timeout=5,
                                what="story 2 in the article pane")
        assert "Urgent" not in reading and desk.display("#{window_bell_flag}") == "0"

        flash = Entry("FLASH - Dam breaks above Zaporizhzhia", guid="urn:tmux:flash", date=time.time(),
                      body="<p>ZAPORIZHZHIA (ANP) - The dam gave way at dawn.</p>")
        feed_server.set("/wire.xml", rss([flash, *backlog]))
        screen = desk.wait_for(lambda s: "FLASH   Dam breaks" in s, timeout=8, what="the flash on screen")
        lines = screen.splitlines()
        band = next(n for n, line in enumerate(lines) if line.lstrip().startswith("Urgent  1"))
        assert lines[band + 1].startswith("+  FLASH   Dam breaks"), screen
        assert not any(line.lstrip().startswith("FLASH - ") for line in lines), "the marker became the badge"
        wait_until(lambda: desk.display("#{window_bell_flag}") == "1", 3, "the flash's bell in tmux", interval=0.05)
        assert _article_title(screen).startswith(backlog[2].title), "the reader's article stays"

        desk.keys("j")  # the cursor was still on story 2: the next item is story 3
        desk.wait_for(lambda s: _article_title(s).startswith(backlog[3].title), timeout=5, what="story 3")
        assert desk.alive() and "EXITED" not in desk.screen()
    finally:
        desk.close()
