"""The WireDesk app: the desk's settings, its themes and command palette, and its I/O.

The App is thin. The desk state is a plain object (tui/core/desk.py); the screen (DeskScreen) holds
the keys and draws. What the App adds are the workers: they read and write the cache, poll and
open browsers off the event loop, and post what they found to the screen as messages
(tui/ui/messages.py), whose handlers change the desk state on the loop.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs
from textual import events, on, work
from textual.app import SystemCommand
from textual.screen import Screen
from textual.worker import Worker, WorkerState, get_current_worker

from tui.core.alerts import Alerts
from tui.core.bodies import to_markdown
from tui.core.desk import Desk
from tui.core.exporting import export_name, item_markdown
from tui.core.feeds import FeedSource, PollResult
from tui.core.fulltext import PER_HOST_PER_MINUTE, full_text_markdown
from tui.core.i18n import tr
from tui.core.items import Item
from tui.core.marks import Marks
from tui.core.urgent_band import UrgentBand
from tui.fetch.folding import Folding
from tui.fetch.sources import MAX_BYTES
from tui.store import Retention, Store
from tui.ui import heap
from tui.ui.desk_screen import DeskScreen
from tui.ui.fulltext import FullTexts
from tui.ui.messages import (
    BodiesMatched,
    BodyLoaded,
    CacheLoaded,
    FeedsReread,
    MarksRead,
    MarksSaved,
    NoBrowser,
    OlderLoaded,
    Polled,
    Pruned,
)
from tui.ui.outside import MarksWatch
from tui.ui.palette import PaletteInLanguage
from tui.ui.themes import DEFAULT_THEME, load_themes

if TYPE_CHECKING:
    from tui.fetch.poller import Poller

PRUNE_EVERY = 3600.0  # seconds between retention passes
TRIM_EVERY = 60.0  # seconds between giving the heap's free pages back (tui/ui/heap.py): once a poll at most
RECENT_DAYS = 2  # loaded first: the list shows before the rest of a large cache is read


def default_export_dir() -> Path:
    """Where `e` writes without an export_dir in the config: the documents folder, else downloads
    (never the directory the desk was started in, which under `make run` is the checkout)."""
    documents = Path(platformdirs.user_documents_dir())
    downloads = Path(platformdirs.user_downloads_dir())
    return documents if documents.is_dir() or not downloads.is_dir() else downloads


class WireDesk(PaletteInLanguage):
    TITLE = "wiredesk"
    CSS_PATH = "app.tcss"

    def __init__(
        self,
        store: Store,
        sources: list[FeedSource],
        *,
        poll: bool = True,
        mark_read_delay: float = 1.0,
        clock: Callable[[], float] = time.time,
        lang: str = "en",
        retention: Retention = Retention(),
        alerts: Alerts | None = None,
        concurrency: int = 8,
        theme: str = DEFAULT_THEME,
        user_themes: Path | None = None,
        export_dir: Path | None = None,
        keymap: dict[str, str] | None = None,
        grouping: str | None = None,
        wrap_titles: bool = False,
        max_bytes: int = MAX_BYTES,
        feeds_from: Callable[[], list[FeedSource]] | None = None,
        band: UrgentBand | None = None,
        full_text_per_minute: int = PER_HOST_PER_MINUTE,
    ) -> None:
        """`feeds_from` re-reads the feed list for `r` (from the config the desk was started with);
        None when the list is fixed (--feed, the demo wire)."""
        super().__init__()
        heap.tune()  # before the cache is read: a desk that runs for days must not grow (tui/ui/heap.py)
        self.store = store
        self.sources = sources
        self.poll_enabled = poll
        self.mark_read_delay = mark_read_delay
        self.clock = clock
        self.lang = lang
        self.retention = retention
        self.concurrency = concurrency
        self.max_bytes = max_bytes
        self.start_theme = theme
        self.user_themes = user_themes
        self.export_dir = export_dir  # None: the user's documents folder, found when `e` is pressed
        self.keymap_overrides = keymap or {}
        self.wrap_titles = wrap_titles
        self.desk = Desk([s.url for s in sources], opened_at=clock(), lang=lang, grouping=grouping, alerts=alerts,
                         band=band)
        self.desk_screen = DeskScreen(self.desk)
        self.poller: Poller | None = None
        self.folding = Folding(store)  # its gazetteer is built once the desk polls
        self.feeds_from = feeds_from
        self.marks_watch = MarksWatch(store.marks_stamp)
        self._marks_to_save: deque[tuple[Callable[[], object], int]] = deque()  # in the order the reader made them
        self._saving_marks = threading.Lock()
        self.full_texts = FullTexts(self, full_text_per_minute)

    def get_default_screen(self) -> DeskScreen:
        return self.desk_screen

    def on_mount(self) -> None:
        if self.keymap_overrides:
            self.set_keymap(self.keymap_overrides)
        themes, problems = load_themes(self.user_themes)
        for theme in themes:
            self.register_theme(theme)
        self.theme = self.start_theme if self.start_theme in self.available_themes else DEFAULT_THEME
        self.theme_changed_signal.subscribe(self, lambda theme: self.save_settings({"theme": theme.name}))
        for problem in problems:
            self.notify(problem, title=tr(self.lang, "Theme"), severity="warning", markup=False)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self.desk_screen.reader_looked()
        await super().on_event(event)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        # Textual's own "Keys" panel would stand beside ours under the same name; the rest speak the desk's language.
        for command in super().get_system_commands(screen):
            if command.title != "Keys":
                yield command._replace(title=tr(self.lang, command.title), help=tr(self.lang, command.help))
        yield from self.desk_screen.commands()

    @on(Worker.StateChanged)
    def worker_failed(self, event: Worker.StateChanged) -> None:
        """A worker's I/O failed (disk full, read-only cache): say so, keep running."""
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.notify(f"{event.worker.group}: {reason}", title=tr(self.lang, "Could not save"), severity="error",
                        markup=False)

    # Workers: I/O only, results go to the desk screen as messages.

    @work(thread=True, exclusive=True, group="cache", exit_on_error=False)
    def load_cache(self) -> None:
        store, post = self.store, self.desk_screen.post_message
        marks = Marks(read=store.read_ids(), alerts=store.alert_ids(), starred=store.starred_ids())
        days = store.days()
        recent, older = days[:RECENT_DAYS], days[RECENT_DAYS:]
        post(CacheLoaded(store.items(recent, lean=True), marks, store.feeds_meta(), store.settings(), bool(older),
                         store.read_only, list(store.moved_aside), store.story_links()))
        post(OlderLoaded(store.items(older, lean=True)))

    @work(exclusive=True, group="poll", exit_on_error=False)
    async def run_poller(self) -> None:
        from tui.fetch.poller import Poller  # httpx and feedparser: 8 MB a desk that does not poll never loads

        self.poller = Poller(self.store, self.sources, concurrency=self.concurrency, clock=self.clock,
                             max_bytes=self.max_bytes, folding=self.folding)
        await self.poller.run(self._post_poll)

    def _post_poll(self, result: PollResult) -> None:
        self.desk_screen.post_message(Polled(result))
        self.full_texts.background(result)

    def set_sources(self, sources: list[FeedSource]) -> None:
        """The feed list re-read from the config: added feeds are polled at once, removed ones no more."""
        self.sources = sources
        if self.poller is not None:
            self.poller.set_sources(sources)

    def poll_now(self) -> bool:
        """Poll every feed at once; False when polling is off."""
        if self.poller is None:
            return False
        self.poller.poll_now()
        return True

    def start_pruning(self) -> None:
        self.prune()
        self.set_interval(PRUNE_EVERY, self.prune)
        self.set_interval(TRIM_EVERY, self.trim_heap)

    @work(thread=True, exclusive=True, group="heap", exit_on_error=False)
    def trim_heap(self) -> None:
        heap.trim()

    @work(thread=True, exclusive=True, group="prune", exit_on_error=False)
    def prune(self) -> None:
        gone = self.store.prune(self.retention, self.clock())
        if gone:
            self.desk_screen.post_message(Pruned(gone))

    @work(thread=True, exclusive=True, group="body", exit_on_error=False)
    def load_body(self, item_id: str) -> None:
        text = self.store.full_text(item_id)  # the article fetched behind the link, in place of the teaser
        markdown = full_text_markdown(text, self.lang) if text is not None and text.ok else None
        self.desk_screen.post_message(BodyLoaded(item_id, markdown or to_markdown(self.store.body(item_id))))

    def search_bodies(self, query: str) -> None:
        """Summaries are not in memory: the article text holds their words, the titles the rest."""
        self._search_bodies(query, list(self.desk.items.values()))

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search_bodies(self, query: str, items: list[Item]) -> None:
        worker = get_current_worker()
        titles = {item.id: item.title.casefold() for item in items}
        found = self.store.search_bodies(query.casefold().split(), lambda: worker.is_cancelled, titles)
        if not worker.is_cancelled:
            self.desk_screen.post_message(BodiesMatched(query, found))

    def save_marks(self, ids: list[str], read: bool, number: int) -> None:
        """Save the desk's change `number` (tui/core/unsaved.py); MarksSaved says when it is on disk."""
        self._marks_to_save.append((partial(self.store.set_read, ids, read), number))
        self.write_marks()

    def save_star(self, item_id: str, starred: bool, number: int) -> None:
        self._marks_to_save.append((partial(self.store.set_starred, item_id, starred), number))
        self.write_marks()

    @work(thread=True, group="marks", exit_on_error=False)
    def write_marks(self) -> None:
        """One writer at a time, in the order the marks were made: `m` twice must end unread on disk too."""
        with self._saving_marks:
            self._write_waiting_marks()

    def write_marks_now(self, timeout: float) -> bool:
        """Write the marks still waiting on this thread, once the writer in flight is done (at most `timeout`
        seconds): the way out when the desk may not wait for its workers. False if the writer held on."""
        if not self._saving_marks.acquire(timeout=timeout):
            return False
        try:
            self._write_waiting_marks()
        finally:
            self._saving_marks.release()
        return True

    def _write_waiting_marks(self) -> None:
        while self._marks_to_save:
            write, number = self._marks_to_save.popleft()
            write()
            self.desk_screen.post_message(MarksSaved(number))

    @work(thread=True, group="outside", exit_on_error=False)
    def read_marks(self, stamp: tuple[int, ...], on_disk: frozenset[int]) -> None:
        """The marks, which another process changed (the watch saw their stamp move)."""
        read = starred = None
        try:
            with contextlib.suppress(OSError):  # unreadable now: read again at the next change
                read, starred = self.store.read_ids(), self.store.starred_ids()
        finally:  # whatever happened, this read is over and the watch goes on
            self.desk_screen.post_message(MarksRead(stamp, read, starred, on_disk))

    def reread_feeds(self) -> bool:
        """Re-read the feed list for `r`; False when the desk's list is fixed."""
        if self.feeds_from is None:
            return False
        self._reread_feeds(self.feeds_from)
        return True

    @work(thread=True, exclusive=True, group="feeds", exit_on_error=False)
    def _reread_feeds(self, feeds_from: Callable[[], list[FeedSource]]) -> None:
        try:
            sources = feeds_from()
        except ValueError as exc:  # the config's problem (ConfigError, SourceError), one line naming the place
            self.desk_screen.post_message(FeedsReread(None, str(exc)))
            return
        self.desk_screen.post_message(FeedsReread(sources))

    @work(thread=True, group="marks", exit_on_error=False)
    def save_alerts(self, alerts: dict[str, str]) -> None:
        self.store.add_alerts(alerts, self.clock())

    @work(thread=True, group="settings", exit_on_error=False)
    def save_settings(self, values: dict) -> None:
        self.store.save_settings(**values)

    @work(thread=True, group="export", exit_on_error=False)
    def export_item(self, item: Item) -> None:
        folder = self.export_dir or default_export_dir()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / export_name(item)
        path.write_text(item_markdown(item, self.store.body(item.id), self.store.full_text(item.id)),
                        encoding="utf-8")
        self.call_from_thread(self.notify, f"{tr(self.lang, 'Exported to')} {path}", timeout=4, markup=False)

    def open_url(self, url: str, *, new_tab: bool = True) -> None:
        self.launch_browser(url)

    @work(thread=True, group="browser", exit_on_error=False)
    def launch_browser(self, url: str) -> None:
        """Off the loop: starting a browser can take seconds, and may find none at all."""
        import webbrowser

        if not webbrowser.open(url):
            self.post_message(NoBrowser(url))

    @on(NoBrowser)
    def no_browser(self, message: NoBrowser) -> None:
        self.notify(f"{tr(self.lang, 'No browser could open')} {message.url}  ({tr(self.lang, 'y copies it')})",
                    severity="warning", timeout=6, markup=False)
