"""The live wire on screen: the list beside the article, under the status line.

Its handlers take what the workers post and hand it to the desk state (tui/core/desk.py), then
draw that state; the reader's keys are added by DeskScreen (tui/ui/desk_screen.py).
"""

from __future__ import annotations

import gc
from datetime import datetime
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, ProgressBar

from tui.core import urgency
from tui.core.desk import Desk
from tui.core.fulltext import note_in
from tui.core.group_order import IDLE_REFRESH
from tui.core.i18n import tr
from tui.core.items import Item
from tui.core.layout import parse_share
from tui.ui.messages import BodyLoaded, CacheLoaded, FullTextFetched, MarksRead, MarksSaved, OlderLoaded, Polled, Pruned
from tui.ui.panes import Panes
from tui.ui.refold import Joined
from tui.ui.widgets.article import ArticleView
from tui.ui.widgets.status_bar import StatusBar
from tui.ui.widgets.wire_list import WireList

if TYPE_CHECKING:
    from tui.ui.app import WireDesk
    from tui.ui.messages import StoriesJoined

TICK = 10.0  # seconds between checks for rows whose relative time changed


class WireScreen(Screen[None]):
    """The wire as it comes in, drawn from the desk state; the screen under DeskScreen's keys."""

    app: WireDesk

    def __init__(self, desk: Desk) -> None:
        super().__init__()
        self.desk = desk
        self.lang = desk.lang
        self._dwell: Timer | None = None
        self.panes = Panes(self)
        self.joined = Joined(self)

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="panes"):
            yield WireList(id="wire", clock=self.app.clock, lang=self.lang, wrap=self.app.wrap_titles)
            yield ArticleView(id="article")
        yield Input(placeholder=tr(self.lang, "search titles and articles; Enter keeps it, Esc clears"), id="search")
        yield ProgressBar(total=max(len(self.app.sources), 1), show_eta=False, id="first-fetch")
        yield Footer(compact=True)

    @property
    def wire(self) -> WireList:
        return self.query_one(WireList)

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    def now(self) -> float:
        return self.app.clock()

    def on_mount(self) -> None:
        self.wire.focus()
        self.update_status()
        self.set_interval(1.0, self.tick_second)
        self.set_interval(TICK, self.wire.tick)
        self.app.marks_watch.loading()
        self.app.load_cache()

    # What the workers bring, into the desk state and onto the screen.

    @on(CacheLoaded)
    def cache_loaded(self, message: CacheLoaded) -> None:
        self.desk.load(message.items, message.marks, message.feeds, message.settings)
        self.wire.share = parse_share(message.settings.get("list_share", self.wire.share))
        self.panes.fit()
        self.desk.stories.add(message.stories, self.desk.items)
        self.app.marks_watch.start()  # only now: marks read back before these would be overwritten by them
        if message.read_only:
            self.notify(f"{tr(self.lang, 'The cache is read-only: marks and new items are not saved')} "
                        f"({message.read_only})", title=tr(self.lang, "Read-only"), severity="warning",
                        timeout=30, markup=False)
        for path in message.moved_aside:
            self.notify(f"{tr(self.lang, 'A damaged cache file was moved aside as')} {path}", severity="warning",
                        markup=False)
        self.redraw()
        if self.app.poll_enabled and self.app.sources:
            # An empty cache fills from the first fetch: show how far it has got.
            self.query_one("#first-fetch").display = not self.desk.items and not message.more
            self.app.run_poller()

    @on(OlderLoaded)
    def older_loaded(self, message: OlderLoaded) -> None:
        more = self.desk.add_older(message.items)
        gc.freeze()  # the loaded wire lives for the session: keep the collector from rescanning it
        if more:
            self.redraw()
        self.app.start_pruning()  # only now, so an item pruned meanwhile cannot come back with the old days

    @on(Pruned)
    def pruned(self, message: Pruned) -> None:
        self.desk.prune(message.ids)
        self.redraw()

    @on(Polled)
    def polled(self, message: Polled) -> None:
        result = message.result
        outcome = self.desk.poll(result, self.now())
        if outcome.quietly_read:
            self.app.save_marks(outcome.quietly_read, True, self.desk.unsaved.number)
        if outcome.failing:
            self.notify(f"{result.source.url}: {result.error}", title=tr(self.lang, "Feed failing"),
                        severity="warning", markup=False)
        if outcome.alerts:
            self.app.save_alerts(outcome.alerts)
            self.app.bell()  # tmux flags the window
            for item_id, word in outcome.alerts.items():
                self.notify(self.desk.items[item_id].title, title=f"{tr(self.lang, 'Alert')}: {word}",
                            severity="error", timeout=30, markup=False)
        if outcome.urgent:
            self.ring_urgent(outcome.urgent, bell=not outcome.alerts)
        if outcome.changed:
            self.rebuild()
        if outcome.first_answer:
            self.query_one("#first-fetch", ProgressBar).advance(1)
        if outcome.backlog_in:
            self.wire.follow_top = False  # every feed has answered once: the backlog is in
            self.query_one("#first-fetch").display = False
        self.update_status()

    def ring_urgent(self, urgent: dict[str, str], bell: bool = True) -> None:
        """Flash and urgent arrivals ring like an alert: the bell (once a poll), a notice each."""
        if bell:
            self.app.bell()
        for item_id, level in urgent.items():
            flash = level == urgency.FLASH
            headline = urgency.of(self.desk.items[item_id]).headline
            self.notify(headline, title=tr(self.lang, "Flash" if flash else "Urgent"),
                        severity="error" if flash else "warning", timeout=30, markup=False)

    @on(MarksRead)
    def marks_read(self, message: MarksRead) -> None:
        """Marks another process wrote: drawn in place, the cursor and the article left where they are."""
        self.app.marks_watch.done(message.stamp)
        if message.read is None or message.starred is None:
            return
        if self.desk.take_marks(message.read, message.starred, message.on_disk, self.now()):
            self.wire.refresh()
            self.update_status()
            self.show_header_note()

    @on(MarksSaved)
    def marks_saved(self, message: MarksSaved) -> None:
        self.desk.unsaved.saved(message.number)

    def on_resize(self) -> None:
        self.panes.fit()  # the list keeps its share of the window, not its columns; or one pane when narrow

    @on(WireList.Resized)
    def list_resized(self, message: WireList.Resized) -> None:
        self.app.save_settings({"list_share": str(message.share)})

    @on(BodyLoaded)
    async def body_loaded(self, message: BodyLoaded) -> None:
        shown = self.article.item
        if shown is not None and shown.id == message.item_id:
            await self.article.show_body(message.markdown)

    @on(FullTextFetched)
    def full_text_fetched(self, message: FullTextFetched) -> None:
        """A page fetched: shown in place of the teaser if its item is still the one open; the reader stays put."""
        shown = self.article.item
        if message.text.ok and shown is not None and shown.id == message.item.id:
            self.app.load_body(shown.id)
        if message.asked and not message.text.ok:
            self.notify(f"{message.item.title}: {note_in(self.lang, message.text.note)}",
                        title=tr(self.lang, "Full text"), severity="warning", markup=False)

    def on_stories_joined(self, message: StoriesJoined) -> None:
        self.joined.take(message.links)

    @on(WireList.Highlighted)
    def highlighted(self, message: WireList.Highlighted) -> None:
        self.show_item(message.item)
        self.hold_order()
        self.joined.apply()  # an item held while the reader was on it

    def show_item(self, row: Item | None) -> None:
        """An item in the article pane, titled as its feed titled it (not as its story row is), with its
        version mark and its story's other carriers; its body loads, and it is read if it stays."""
        item = self.desk.items.get(row.id, row) if row is not None else None
        self.article.show(item, self.now(), self.lang, self.header_note(),
                          self.desk.story_note(item) if item is not None else ("", ""))
        self._stop_dwell()
        if item is None:
            return
        self.app.load_body(item.id)
        self.read_later(item)

    def read_later(self, item: Item) -> None:
        if item.id not in self.desk.marks.read and self.reading():
            # Only an item that stays in the article pane is read; passing over it is not.
            self._dwell = self.set_timer(self.app.mark_read_delay, lambda: self.mark(item.id, True))

    def _stop_dwell(self) -> None:
        if self._dwell is not None:
            self._dwell.stop()
            self._dwell = None

    def reading(self) -> bool:
        """Whether the reader is at the desk and looking at the wire, not typing a search.

        The item the desk puts up by itself at start-up, or one the cursor lands
        on while a search narrows the list, has not been read."""
        return self.desk.reader_acted and not isinstance(self.focused, Input) and self.panes.article_shown

    def reader_looked(self) -> None:
        """A key or a click anywhere in the app."""
        self.desk.looked(self.now())
        # The reader has the desk now: a late feed's backlog must not take the cursor
        # (or reset the article they scroll) by following the top.
        self.wire.follow_top = False
        self.update_status()

    # Drawing the desk state.

    def header_note(self) -> str:
        header = self.wire.header_at(self.wire.cursor)
        return "" if header is None else self.desk.header_note(header)

    def show_header_note(self) -> None:
        """A folded group's counts in the article pane follow its marks."""
        if self.wire.current is None:
            self.article.show(None, self.now(), self.lang, self.header_note())

    def rebuild(self) -> None:
        current = self.wire.current
        rows = self.desk.rows(self.now(), frozenset({current.id}) if current else frozenset())
        self.wire.news = self.desk.order.news
        self.wire.set_rows(rows, self.desk.marks)
        shown = self.article.item
        if shown is not None:
            self.article.restory(self.desk.story_note(shown), self.now(), self.lang)

    def hold_order(self) -> None:
        """The group order is held while the reader works the list below its top; at the top it follows."""
        wire = self.wire
        if self.desk.reader_acted and not wire.follow_top and wire.cursor != wire.top_row():
            self.desk.order.hold(self.now())
        elif self.desk.order.release():
            self.rebuild()

    def redraw(self) -> None:
        self.rebuild()
        self.update_status()

    def marked(self, ids: list[str], read: bool) -> None:
        """Marks changed in the desk state: draw them, and save them."""
        self.wire.refresh()
        self.update_status()
        self.app.save_marks(ids, read, self.desk.unsaved.number)

    def mark(self, item_id: str, read: bool) -> None:
        if self.desk.mark(item_id, read, self.now()):
            self.marked([item_id], read)

    def tick_second(self) -> None:
        if self.desk.band.due(self.now()):
            self.rebuild()  # a pin ran out: its item goes back to its group, the cursor stays on its own
        self.update_status()
        if self.desk.order.held and self.now() - self.desk.looked_at > IDLE_REFRESH and self.desk.order.release():
            self.rebuild()  # the reader has been away a while: the groups take their natural order
        stamp = self.app.marks_watch.due()  # one stat while nothing changed
        if stamp is not None:
            self.app.read_marks(stamp, self.desk.unsaved.on_disk())
        if self.query(ArticleView):  # gone while the app is torn down, and the timer may still fire
            self.article.retime(self.now(), self.lang)

    def update_status(self) -> None:
        """Cheap enough for every second: the unread count is kept, arrivals are few."""
        desk, lang = self.desk, self.lang
        if not self.app.poll_enabled:
            polled = tr(lang, "polling off")
        elif desk.last_poll is None:
            polled = tr(lang, "polling…")
        else:
            polled = f"{tr(lang, 'polled')} {datetime.fromtimestamp(desk.last_poll).strftime('%H:%M:%S')}"
        bars = self.query(StatusBar)  # gone while a test harness tears the app down
        if bars:
            bars.first().show(self.now(), polled, desk.unread, desk.new_since_look(), desk.health.failing,
                              desk.view_note(), lang)
