"""End to end, stories: the real `wiredesk` in a real tmux pane, fed by two agencies' feeds on a loopback server.

The reader is reading Reuters' item on a ferry aground off Harlingen when ANP's own write-up of the event comes
in, then Reuters' "UPDATE 1-". The list keeps one row for the event, its carriers grow (RTR+1), the update's
headline becomes the row's, marked updated; ANP's copy leaves the read story read, the update makes it unread;
and the article pane keeps the text the reader was reading, with the cursor on the story.
"""

from __future__ import annotations

import re
import time

from tests.helpers.feeds import Entry, FeedServer, rss
from tests.helpers.tmux import live_desk_in_tmux

TIMEOUT = 20  # seconds for a poll (every second) to reach the screen on a busy machine

READING = Entry(
    "Ferry runs aground off Harlingen, 37 passengers taken ashore", guid="urn:rtr:ferry",
    body=("<p>HARLINGEN, Netherlands (Reuters) - A ferry carrying 37 passengers ran aground on a sandbank off "
          "Harlingen on Tuesday evening and lifeboats of the rescue service KNRM brought everyone ashore, the "
          "Doeksen shipping line said.</p>"))
OTHER_AGENCY = Entry(
    "Veerboot bij Harlingen vastgelopen, 37 opvarenden aan wal gebracht", guid="urn:anp:ferry",
    body=("<p>HARLINGEN (ANP) - Een veerboot van rederij Doeksen met 37 opvarenden is dinsdagavond bij Harlingen "
          "op een zandbank gelopen. Reddingsboten van de KNRM brachten alle passagiers aan wal.</p>"))
UPDATE = Entry(
    "UPDATE 1-Ferry aground off Harlingen: two of 37 passengers in hospital", guid="urn:rtr:ferry-u1",
    body=("<p>HARLINGEN, Netherlands (Reuters) - Two of the 37 passengers of a Doeksen ferry that ran aground off "
          "Harlingen on Tuesday evening were taken to hospital with hypothermia, the rescue service KNRM said.</p>"))


def _dated(entry: Entry, when: float) -> Entry:
    return Entry(entry.title, guid=entry.guid, date=when, body=entry.body)


def _quiet(now: float) -> list[Entry]:
    return [Entry(f"Quiet story {k} from the port", guid=f"urn:anp:q{k}", date=now - 1200 - 60 * k,
                  body=f"<p>ROTTERDAM (ANP) - Text of quiet story {k}.</p>") for k in range(3)]


def _list(screen: str) -> list[str]:
    """The list's part of each line (left of the article pane's border), the status header left out."""
    return [line.split("▎")[0] for line in screen.splitlines()[1:]]


def _pane(screen: str) -> str:
    """The article pane's text, its lines joined."""
    return "\n".join(line.split("▎", 1)[1].strip() for line in screen.splitlines() if "▎" in line)


def _event_rows(screen: str) -> list[str]:
    """The list rows of the event: any of its three headlines (cut short at this width)."""
    return [line for line in _list(screen) if "Ferry" in line or "Veerboot" in line]


def _group_header(screen: str) -> str:
    return next(line.strip() for line in _list(screen) if line.strip().startswith("HARLINGEN"))


def _unread(screen: str) -> int:
    """The status header's unread count."""
    found = re.search(r"(\d+) unread", screen.splitlines()[0])
    return int(found.group(1)) if found else -1


def test_another_agency_then_an_update_fold_into_the_story_under_the_reader(feed_server: FeedServer, tmp_path):
    now = time.time()
    quiet = _quiet(now)
    feed_server.set("/rtr.xml", rss([_dated(READING, now - 600)], title="Reuters"))
    feed_server.set("/anp.xml", rss(quiet, title="ANP"))
    desk = live_desk_in_tmux(tmp_path, feed_server.url("/rtr.xml"),
                             f"--feed {feed_server.url('/anp.xml')} --interval 1",
                             env="-u COLORTERM TERM=tmux-256color")
    try:
        desk.wait_for(lambda s: "Ferry runs aground off Harlingen" in s and "Quiet story 2" in s, TIMEOUT, "both feeds")
        desk.keys("j")
        desk.keys("k")  # the reader comes back to the Reuters item and reads it
        screen = desk.wait_for(lambda s: _group_header(s) == "HARLINGEN  1", TIMEOUT, "the item read")
        assert _event_rows(screen)[0].startswith("  Ferry runs aground off Harlingen"), screen
        assert "(Reuters) - A ferry" in _pane(screen), screen
        unread = _unread(screen)
        assert unread == 3, screen  # the three quiet stories

        # ANP's independent write-up of the same event.
        feed_server.set("/anp.xml", rss([_dated(OTHER_AGENCY, now - 300), *quiet], title="ANP"))
        screen = desk.wait_for(lambda s: any("RTR+1" in row for row in _event_rows(s)), TIMEOUT, "ANP folded in")
        assert len(_event_rows(screen)) == 1, screen
        assert _group_header(screen) == "HARLINGEN  1", screen  # one story of two copies, read: no news
        assert _unread(screen) == unread and "0 new" in screen.splitlines()[0], screen
        assert "(Reuters) - A ferry" in _pane(screen) and "(ANP) - Een veerboot" not in _pane(screen), screen

        # Reuters' update: a version, which is news.
        feed_server.set("/rtr.xml", rss([_dated(UPDATE, time.time()), _dated(READING, now - 600)], title="Reuters"))
        screen = desk.wait_for(lambda s: any("[updated] UPDATE 1-Ferry aground" in row for row in _event_rows(s)),
                               TIMEOUT, "the update as the story's headline")
        rows = _event_rows(screen)
        assert len(rows) == 1 and "RTR+1" in rows[0], screen
        assert _group_header(screen) == "HARLINGEN  1 · 1 ●", screen  # one story (three items), unread again
        assert _unread(screen) == unread + 1, screen
        assert "1 new" in screen.splitlines()[0], screen
        pane = _pane(screen)
        assert "(Reuters) - A ferry" in pane and "Two of the 37" not in pane, "the reader's text stays:\n" + screen

        # The cursor stayed on the story: the next row down is the first quiet story.
        desk.keys("j")
        desk.wait_for(lambda s: "ROTTERDAM (ANP) - Text of quiet story 0" in _pane(s), TIMEOUT, "quiet story 0")
        assert desk.alive() and "EXITED" not in desk.screen()
    finally:
        desk.close()
