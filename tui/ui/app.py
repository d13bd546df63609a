"""The WireDesk app. It owns all state; workers do I/O and post messages; widgets only draw."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import datetime
from functools import partial
from pathlib import Path

from textual import events, on, work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Footer, Input, ProgressBar
from textual.worker import Worker, WorkerState, get_current_worker

from tui.core.alerts import Alerts
from tui.core.bodies import to_markdown
from tui.core.exporting import export_name, item_markdown
from tui.core.feeds import FeedSource, PollResult
from tui.core.grouping import (
    MODES,
    Header,
    View,
    build_rows,
    grouper,
    mode_label,
    next_mode,
)
from tui.core.health import FeedHealth
from tui.core.i18n import footer_label, tr
from tui.core.items import Item
from tui.fetch.poller import MAX_BYTES, Poller
from tui.store import Retention, Store
from tui.ui.themes import DEFAULT_THEME, load_themes
from tui.ui.widgets.article import ArticleView
from tui.ui.widgets.health import HealthScreen
from tui.ui.widgets.help import HelpScreen
from tui.ui.widgets.status_bar import StatusBar
from tui.ui.widgets.wire_list import Marks, WireList

TICK = 10.0  # seconds between checks for rows whose relative time changed
PRUNE_EVERY = 3600.0  # seconds between retention passes
RECENT_DAYS = 2  # loaded first: the list shows before the rest of a large cache is read


class CacheLoaded(Message):
    """The marks, settings and the newest days of the cache; `more` when older days follow."""

    def __init__(self, items: list[Item], marks: Marks, feeds: dict[str, dict], settings: dict, more: bool) -> None:
        super().__init__()
        self.items, self.marks, self.feeds, self.settings, self.more = items, marks, feeds, settings, more


class OlderLoaded(Message):
    """The rest of the cache, read while the newest days are already on screen."""

    def __init__(self, items: list[Item]) -> None:
        super().__init__()
        self.items = items


class Polled(Message):
    def __init__(self, result: PollResult) -> None:
        super().__init__()
        self.result = result


class Pruned(Message):
    def __init__(self, ids: list[str]) -> None:
        super().__init__()
        self.ids = ids


class BodiesMatched(Message):
    def __init__(self, query: str, ids: set[str]) -> None:
        super().__init__()
        self.query, self.ids = query, ids


class BodyLoaded(Message):
    def __init__(self, item_id: str, markdown: str) -> None:
        super().__init__()
        self.item_id, self.markdown = item_id, markdown


class NoBrowser(Message):
    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url


class WireDesk(App):
    TITLE = "wiredesk"
    CSS_PATH = "app.tcss"
    # Footer order: what a newcomer needs first, since 80 columns cut the rest.
    # The ids are the names a config's [keys] table rebinds.
    BINDINGS = [
        Binding("question_mark", "help", "Keys", key_display="?", id="help"),
        Binding("m", "toggle_read", "Read/unread", id="read"),
        Binding("u", "toggle_unread_only", "Unread only", id="unread-only"),
        # Priority: checked before the key reaches the list, so letters typed right behind it land in the search.
        Binding("slash", "search", "Search", key_display="/", priority=True, id="search"),
        Binding("v", "cycle_grouping", "Group by", id="group-by"),
        Binding("r", "poll_now", "Poll", show=False, id="poll"),
        Binding("F", "feed_health", "Feeds", id="feeds"),
        Binding("tab", "switch_pane", "Pane", show=False, priority=True, id="pane"),
        Binding("space,pagedown", "scroll_article(1)", "Scroll", key_display="space", show=False, priority=True,
                id="scroll-down"),
        Binding("q", "quit", "Quit", id="quit"),
        # j/k also move the list while the article pane has focus.
        Binding("j", "list('cursor_down')", "Next item", show=False, id="next"),
        Binding("k", "list('cursor_up')", "Previous item", show=False, id="previous"),
        Binding("pageup", "scroll_article(-1)", "Scroll up", show=False, priority=True, id="scroll-up"),
        Binding("M", "mark_group_read", "Mark group read", show=False, id="mark-group-read"),
        Binding("c", "toggle_collapse", "Collapse group", show=False, id="collapse"),
        Binding("U", "undo_marks", "Undo bulk marks", show=False, id="undo"),
        Binding("s", "toggle_star", "Star", show=False, id="star"),
        Binding("S", "toggle_starred_only", "Starred only", show=False, id="starred-only"),
        Binding("o", "open_link", "Open link", show=False, id="open"),
        Binding("y", "copy_link", "Copy link", show=False, id="copy"),
        Binding("e", "export_item", "Export as Markdown", show=False, id="export"),
        Binding("less_than_sign", "resize_list(-4)", "Narrower list", key_display="<", show=False, id="narrower"),
        Binding("greater_than_sign", "resize_list(4)", "Wider list", key_display=">", show=False, id="wider"),
    ]

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
        max_bytes: int = MAX_BYTES,
    ) -> None:
        super().__init__()
        self.store = store
        self.sources = sources
        self.poll_enabled = poll
        self.mark_read_delay = mark_read_delay
        self.clock = clock
        self.lang = lang
        self.retention = retention
        self.alerts = alerts or Alerts([])
        self.concurrency = concurrency
        self.max_bytes = max_bytes
        self.start_theme = theme
        self.user_themes = user_themes
        self.export_dir = export_dir or Path.cwd()
        self.keymap_overrides = keymap or {}
        self.default_grouping = grouping if grouping in MODES else View.mode
        self.view = View(mode=self.default_grouping)
        self.collapsed: set[str] = set()  # group names folded to their header
        self.undo: list[tuple[list[str], bool]] = []  # bulk marks, newest last
        self.items: dict[str, Item] = {}
        self.marks = Marks()
        self.polled_once: set[str] = set()  # feeds whose start-up backlog has come in
        self.health_seen: set[str] = set()  # feeds that have answered at all, even with an error
        self.looked_at = clock()  # the reader's last key or click
        self.reader_acted = False  # no key or click yet: the desk is unattended
        self.opened_at = self.looked_at
        self.headers: dict[str, Header] = {}  # the list's group headers, by group name
        self.unread = 0  # kept up to date, so the header never counts 50k items a second
        self.last_poll: float | None = None
        self.health = FeedHealth()
        self.poller: Poller | None = None
        self._dwell: Timer | None = None
        self._speak_in_footer()

    def _speak_in_footer(self) -> None:
        """The footer in the desk's language, as help and the palette are; key names stay."""
        bindings = self._bindings.key_to_bindings
        for key, bound in bindings.items():
            bindings[key] = [replace(b, description=footer_label(self.lang, b.description)) for b in bound]

    def compose(self) -> ComposeResult:
        yield StatusBar(id="status")
        with Horizontal(id="panes"):
            yield WireList(id="wire", clock=self.clock, lang=self.lang)
            yield ArticleView(id="article")
        yield Input(placeholder=tr(self.lang, "search titles and articles; Enter keeps it, Esc clears"), id="search")
        yield ProgressBar(total=max(len(self.sources), 1), show_eta=False, id="first-fetch")
        yield Footer(compact=True)

    @property
    def wire(self) -> WireList:
        return self.query_one(WireList)

    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

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
        self.wire.focus()
        self.update_status()
        self.set_interval(1.0, self.tick_second)
        self.set_interval(TICK, self.wire.tick)
        self.load_cache()

    # Workers: I/O only, results go back as messages.

    @work(thread=True, exclusive=True, group="cache", exit_on_error=False)
    def load_cache(self) -> None:
        store = self.store
        marks = Marks(read=store.read_ids(), alerts=store.alert_ids(), starred=store.starred_ids())
        days = store.days()
        recent, older = days[:RECENT_DAYS], days[RECENT_DAYS:]
        self.post_message(CacheLoaded(store.items(recent), marks, store.feeds_meta(), store.settings(), bool(older)))
        self.post_message(OlderLoaded(store.items(older)))

    @work(exclusive=True, group="poll", exit_on_error=False)
    async def run_poller(self) -> None:
        self.poller = Poller(self.store, self.sources, concurrency=self.concurrency, clock=self.clock,
                             max_bytes=self.max_bytes)
        await self.poller.run(lambda result: self.post_message(Polled(result)))

    @work(thread=True, exclusive=True, group="prune", exit_on_error=False)
    def prune(self) -> None:
        gone = self.store.prune(self.retention, self.clock())
        if gone:
            self.post_message(Pruned(gone))

    @work(thread=True, exclusive=True, group="body", exit_on_error=False)
    def load_body(self, item_id: str) -> None:
        self.post_message(BodyLoaded(item_id, to_markdown(self.store.body(item_id))))

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

    @work(thread=True, group="marks", exit_on_error=False)
    def save_marks(self, ids: list[str], read: bool) -> None:
        self.store.set_read(ids, read)

    @work(thread=True, group="settings", exit_on_error=False)
    def save_settings(self, values: dict) -> None:
        self.store.save_settings(**values)

    @work(thread=True, group="marks", exit_on_error=False)
    def save_star(self, item_id: str, starred: bool) -> None:
        self.store.set_starred(item_id, starred)

    @work(thread=True, group="marks", exit_on_error=False)
    def save_alerts(self, alerts: dict[str, str]) -> None:
        self.store.add_alerts(alerts, self.clock())

    # State changes, on the event loop.

    @on(CacheLoaded)
    def cache_loaded(self, message: CacheLoaded) -> None:
        self.items = {item.id: item for item in message.items}
        self.marks.read = message.marks.read
        self.marks.alerts = message.marks.alerts
        self.marks.starred = message.marks.starred
        if message.settings.get("grouping") in MODES:
            self.view = replace(self.view, mode=message.settings["grouping"])
        self.health.load(message.feeds, [s.url for s in self.sources])
        if self.store.read_only:
            self.notify(f"{tr(self.lang, 'The cache is read-only: marks and new items are not saved')} "
                        f"({self.store.read_only})", title=tr(self.lang, "Read-only"), severity="warning",
                        timeout=30, markup=False)
        for path in self.store.moved_aside:
            self.notify(f"{tr(self.lang, 'A damaged cache file was moved aside as')} {path}", severity="warning",
                        markup=False)
        self.rebuild()
        self.update_status()
        if self.poll_enabled and self.sources:
            # An empty cache fills from the first fetch: show how far it has got.
            self.query_one("#first-fetch").display = not self.items and not message.more
            self.run_poller()

    @on(OlderLoaded)
    def older_loaded(self, message: OlderLoaded) -> None:
        # A poll may already have brought a newer copy of an old item: that one stands.
        for item in message.items:
            self.items.setdefault(item.id, item)
        gc.freeze()  # the loaded wire lives for the session: keep the collector from rescanning it
        if message.items:
            self.rebuild()
            self.update_status()
        self.prune()  # only now, so an item pruned meanwhile cannot come back with the old days
        self.set_interval(PRUNE_EVERY, self.prune)

    @on(Pruned)
    def pruned(self, message: Pruned) -> None:
        for item_id in message.ids:
            self.items.pop(item_id, None)
            self.marks.read.discard(item_id)
        self.rebuild()
        self.update_status()

    @on(Polled)
    def polled(self, message: Polled) -> None:
        result = message.result
        self.last_poll = self.clock()
        if self.health.update(result):
            self.notify(f"{result.source.url}: {result.error}", title=tr(self.lang, "Feed failing"), severity="warning",
                        markup=False)
        if result.items:
            self.items.update((item.id, item) for item in result.items)
            self.arrive(self.arrivals(result))
            self.rebuild()
        if result.ok:
            self.polled_once.add(result.source.url)
        if result.source.url not in self.health_seen:
            self.query_one("#first-fetch", ProgressBar).advance(1)
        self.health_seen.add(result.source.url)
        if len(self.health_seen) == len(self.sources):
            self.wire.follow_top = False  # every feed has answered once: the backlog is in
            self.query_one("#first-fetch").display = False
        self.update_status()

    def arrivals(self, result: PollResult) -> list[Item]:
        """The items of a poll that are news: not the start-up backlog.

        A feed that was down at start-up brings, when it is back, what was published
        meanwhile: that is news, the rest of its backlog is not."""
        url = result.source.url
        fresh = [self.items[i] for i in result.new_ids]
        if url in self.polled_once:
            return fresh
        if url not in self.health_seen:
            return []  # the first answer of a feed that was up from the start
        # Feeds give whole seconds: an item of the second the desk opened in is news.
        return [item for item in fresh if item.dated and item.published >= int(self.opened_at)]

    def arrive(self, items: list[Item]) -> None:
        now = self.clock()
        self.marks.arrived.update((item.id, now) for item in items)
        matched = {item.id: word for item in items if (word := self.alerts.match(item))}
        if not matched:
            return
        self.marks.alerts.update(matched)
        self.save_alerts(matched)
        self.bell()  # tmux flags the window
        for item_id, word in matched.items():
            self.notify(self.items[item_id].title, title=f"{tr(self.lang, 'Alert')}: {word}", severity="error",
                        timeout=30, markup=False)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key | events.MouseDown):
            self.reader_acted = True
            # The reader has the desk now: a late feed's backlog must not take the cursor
            # (or reset the article they scroll) by following the top.
            self.wire.follow_top = False
            self.looked_at = self.clock()
            self.update_status()
        await super().on_event(event)

    @on(Worker.StateChanged)
    def worker_failed(self, event: Worker.StateChanged) -> None:
        """A worker's I/O failed (disk full, read-only cache): say so, keep running."""
        if event.state is WorkerState.ERROR:
            error = event.worker.error
            reason = error.strerror if isinstance(error, OSError) and error.strerror else str(error)
            self.notify(f"{event.worker.group}: {reason}", title=tr(self.lang, "Could not save"), severity="error",
                        markup=False)

    @on(BodyLoaded)
    async def body_loaded(self, message: BodyLoaded) -> None:
        current = self.wire.current
        if current is not None and current.id == message.item_id:
            await self.article.show_body(message.markdown)

    @on(WireList.Highlighted)
    def highlighted(self, message: WireList.Highlighted) -> None:
        item = message.item
        self.article.show(item, self.clock(), self.lang, self.header_note())
        if self._dwell is not None:
            self._dwell.stop()
            self._dwell = None
        if item is None:
            return
        self.load_body(item.id)
        if item.id not in self.marks.read and self.reading():
            # Only an item that stays in the article pane is read; passing over it is not.
            self._dwell = self.set_timer(self.mark_read_delay, lambda: self.mark(item.id, True))

    def reading(self) -> bool:
        """Whether the reader is at the desk and looking at the wire, not typing a search.

        The item the desk puts up by itself at start-up, or one the cursor lands
        on while a search narrows the list, has not been read."""
        return self.reader_acted and not isinstance(self.focused, Input)

    def header_note(self) -> str:
        """What the article pane says while the cursor rests on a folded group."""
        header = self.wire.header_at(self.wire.cursor)
        if header is None:
            return ""
        return f"{header.group}: {header.count} · {header.unread} {tr(self.lang, 'unread')}  (c)"

    def mark(self, item_id: str, read: bool, *, save: bool = True) -> None:
        if (item_id in self.marks.read) == read:
            return
        if read:
            self.marks.read.add(item_id)
        else:
            self.marks.read.discard(item_id)
        self.unread += -1 if read else 1
        self._count_in_header(item_id, -1 if read else 1)
        self.wire.refresh()
        self.update_status()
        if save:
            self.save_marks([item_id], read)

    def _count_in_header(self, item_id: str, change: int) -> None:
        """Keep the unread count of the item's group header true without regrouping."""
        item = self.items.get(item_id)
        key = grouper(self.view.mode, self.clock(), self.lang)
        header = self.headers.get(key(item)) if item is not None and key is not None else None
        if header is not None:
            header.unread += change

    def rebuild(self) -> None:
        current = self.wire.current
        keep = frozenset({current.id}) if current else frozenset()
        rows = self.listed_rows(keep=keep, collapsed=self.collapsed)
        self.headers = {row.group: row for row in rows if isinstance(row, Header)}
        self.wire.set_rows(rows, self.marks)
        self.unread = sum(1 for i in self.items if i not in self.marks.read)

    @property
    def read(self) -> set[str]:
        return self.marks.read

    def tick_second(self) -> None:
        self.update_status()
        lists = self.query(WireList)  # gone while the app is torn down, and the timer may still fire
        current = lists.first().current if lists else None
        if current is not None:
            self.article.retime(current, self.clock(), self.lang)

    def update_status(self) -> None:
        """Cheap enough for every second: the unread count is kept, arrivals are few."""
        read = self.marks.read
        new = sum(1 for i, at in self.marks.arrived.items() if at > self.looked_at and i not in read)
        if not self.poll_enabled:
            polled = tr(self.lang, "polling off")
        elif self.last_poll is None:
            polled = tr(self.lang, "polling…")
        else:
            polled = f"{tr(self.lang, 'polled')} {datetime.fromtimestamp(self.last_poll).strftime('%H:%M:%S')}"
        view = "" if self.view == View(mode=self.default_grouping) else self.view.describe(self.lang)
        bars = self.query(StatusBar)  # gone while a test harness tears the app down
        if not bars:
            return
        bars.first().show(self.clock(), polled, self.unread, new, self.health.failing, view, self.lang)

    # Actions

    def action_list(self, action: str) -> None:
        getattr(self.wire, f"action_{action}")()

    def action_switch_pane(self) -> None:
        (self.article if self.wire.has_focus else self.wire).focus()

    def action_scroll_article(self, direction: int) -> None:
        if direction > 0:
            self.article.scroll_page_down()
        else:
            self.article.scroll_page_up()

    def action_toggle_read(self) -> None:
        item = self.wire.current
        if item is not None:
            if self._dwell is not None:
                self._dwell.stop()
                self._dwell = None
            self.mark(item.id, item.id not in self.marks.read)

    def set_view(self, **changes) -> None:
        self.view = replace(self.view, **changes)
        self.rebuild()
        self.update_status()

    def action_toggle_unread_only(self) -> None:
        self.set_view(unread_only=not self.view.unread_only)

    def action_toggle_starred_only(self) -> None:
        self.set_view(starred_only=not self.view.starred_only)

    def action_cycle_grouping(self) -> None:
        self.collapsed.clear()  # group names mean something else in the next mode
        self.set_view(mode=next_mode(self.view.mode))
        self.save_settings({"grouping": self.view.mode})
        self.notify(f"{tr(self.lang, 'Grouping')}: {mode_label(self.view.mode, self.lang)}", timeout=2)

    def action_only(self, kind: str) -> None:
        """Show only the current item's feed, agency or place."""
        item = self.wire.current
        if item is None:
            return
        place = grouper("place", self.clock(), self.lang)(item)
        value = {"feed": item.feed, "agency": item.agencies[0] if item.agencies else None, "place": place}[kind]
        if value:
            self.set_view(only=(kind, value))

    def action_clear_filters(self) -> None:
        self.set_view(unread_only=False, starred_only=False, query="", only=None)

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        if self.focused is search:
            search.insert_text_at_cursor("/")  # a priority binding: "/" typed in the search is text
            return
        search.display = True
        self.set_focus(search)  # at once, not after the next refresh

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        query = event.value.strip()
        self.set_view(query=query, body_matches=frozenset())
        if query:
            self.search_bodies(query)  # titles and summaries narrow at once; article bodies join when read

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def search_bodies(self, query: str) -> None:
        worker = get_current_worker()
        found = self.store.search_bodies(query.casefold().split(), cancelled=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.post_message(BodiesMatched(query, found))

    @on(BodiesMatched)
    def bodies_matched(self, message: BodiesMatched) -> None:
        if message.query == self.view.query and message.ids - self.view.body_matches:
            self.set_view(body_matches=frozenset(message.ids))

    @on(Input.Submitted, "#search")
    def search_kept(self) -> None:
        self.wire.focus()

    def key_escape(self) -> None:
        search = self.query_one("#search", Input)
        if search.display:
            search.value = ""
            search.display = False
            self.set_view(query="", body_matches=frozenset())
            self.wire.focus()

    def bulk_mark(self, ids: list[str], read: bool, what: str) -> None:
        changed = [i for i in ids if (i in self.marks.read) != read]
        if not changed:
            return
        for item_id in changed:
            self.mark(item_id, read, save=False)
        self.save_marks(changed, read)
        self.undo.append((changed, read))
        done = tr(self.lang, "marked read; U undoes" if read else "marked unread; U undoes")
        self.notify(f"{len(changed)} {tr(self.lang, 'items of')} {what} {done}", timeout=4, markup=False)
        self.show_header_note()

    def show_header_note(self) -> None:
        """A folded group's counts in the article pane follow its marks."""
        if self.wire.current is None:
            self.article.show(None, self.clock(), self.lang, self.header_note())

    def action_toggle_collapse(self) -> None:
        group = self.wire.group_of(self.wire.cursor)
        if group is None:
            return
        if group in self.collapsed:
            self.collapsed.discard(group)
            self.rebuild()
            self.wire.action_cursor_down()  # from the header onto the group's first item
        else:
            self.collapsed.add(group)
            self.wire.follow_top = False
            self.rebuild()
            header = next(n for n, row in enumerate(self.wire.rows) if isinstance(row, Header) and row.group == group)
            self.wire.select(header)

    def action_mark_group_read(self) -> None:
        group = self.wire.group_of(self.wire.cursor)
        if group is None:
            return
        self.bulk_mark(sorted(self.group_members(group)), True, group)

    def group_members(self, group: str) -> set[str]:
        """Ids in a group as the list groups them now, collapsed or not."""
        members, inside = set(), False
        for row in self.listed_rows():
            if isinstance(row, Header):
                inside = row.group == group
            elif inside:
                members.add(row.id)
        return members

    def listed_rows(self, **options) -> list:
        """The list's rows as the view filters and groups them; no group folded unless `options` say."""
        return build_rows(self.items.values(), self.marks.read, view=self.view, starred=self.marks.starred,
                          now=self.clock(), lang=self.lang, **options)

    def action_mark_all_read(self) -> None:
        # A folded group is still in the list: its items count as shown.
        self.bulk_mark([r.id for r in self.listed_rows() if isinstance(r, Item)], True, tr(self.lang, "the list"))

    def action_undo_marks(self) -> None:
        if not self.undo:
            self.notify(tr(self.lang, "Nothing to undo"), timeout=2)
            return
        ids, read = self.undo.pop()
        for item_id in ids:
            self.mark(item_id, not read, save=False)
        self.save_marks(ids, not read)
        self.notify(f"{len(ids)} {tr(self.lang, 'marked unread again' if read else 'marked read again')}", timeout=3)
        self.show_header_note()

    def action_toggle_star(self) -> None:
        item = self.wire.current
        if item is None:
            return
        starred = item.id not in self.marks.starred
        (self.marks.starred.add if starred else self.marks.starred.discard)(item.id)
        self.wire.refresh()
        self.save_star(item.id, starred)

    def action_resize_list(self, columns: int) -> None:
        self.wire.set_width(self.wire.outer_size.width + columns)

    def action_open_link(self) -> None:
        item = self.wire.current
        if item is not None and item.link:
            self.open_url(item.link)

    def action_copy_link(self) -> None:
        item = self.wire.current
        if item is not None and item.link:
            self.copy_to_clipboard(item.link)  # OSC 52: works through tmux
            self.notify(tr(self.lang, "Link copied"), timeout=2)

    def action_export_item(self) -> None:
        item = self.wire.current
        if item is not None:
            self.export_item(item, self.export_dir)

    @work(thread=True, group="export", exit_on_error=False)
    def export_item(self, item: Item, folder: Path) -> None:
        path = folder / export_name(item)
        path.write_text(item_markdown(item, self.store.body(item.id)), encoding="utf-8")
        self.call_from_thread(self.notify, f"{tr(self.lang, 'Exported to')} {path}", timeout=4, markup=False)

    def get_system_commands(self, screen) -> Iterable[SystemCommand]:
        # Textual's own "Keys" panel would stand beside ours under the same name.
        yield from (command for command in super().get_system_commands(screen) if command.title != "Keys")
        lang = self.lang
        for binding in self.as_bound(self.BINDINGS):
            if binding.action.startswith(("list(", "scroll_article")) or binding.action == "quit":
                continue
            yield SystemCommand(tr(lang, binding.description), f"{tr(lang, 'key')} {binding.key_display or binding.key}",
                                partial(self.run_action, binding.action))
        yield SystemCommand(tr(lang, "Mark all read"), tr(lang, "every item in the list; U undoes"),
                            self.action_mark_all_read)
        for kind in ("feed", "agency", "place"):
            yield SystemCommand(tr(lang, f"Only this {kind}"), tr(lang, f"show only the current item's {kind}"),
                                partial(self.action_only, kind))
        yield SystemCommand(tr(lang, "Clear filters"), tr(lang, "unread only, starred only, search and only-this"),
                            self.action_clear_filters)

    def action_poll_now(self) -> None:
        if self.poller is not None:
            self.poller.poll_now()
            self.notify(tr(self.lang, "Polling now…"), timeout=2)
        else:
            self.notify(tr(self.lang, "Polling is off (--no-poll)"), severity="warning", timeout=3)

    def action_feed_health(self) -> None:
        counts: dict[str, int] = {}
        for item in self.items.values():
            counts[item.feed_url] = counts.get(item.feed_url, 0) + 1
        self.push_screen(HealthScreen(self.health, counts, self.lang))

    def action_help(self) -> None:
        desk = [b for b in self.BINDINGS if not b.action.startswith("list(")]
        self.push_screen(HelpScreen([("Wire list", self.as_bound(WireList.BINDINGS)), ("Desk", self.as_bound(desk))],
                                    self.lang))

    def as_bound(self, bindings: list[Binding]) -> list[Binding]:
        """The bindings with the keys a config's [keys] table gave them, as help must show them."""
        return [replace(b, key=self.keymap_overrides[b.id], key_display=None) if b.id in self.keymap_overrides else b
                for b in bindings]
