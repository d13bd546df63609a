"""The desk's state apart from any terminal: the wire, the reader's marks and view, and the rules
that decide what is news, what rings and what the counts say.

The UI feeds it what happened (the cache read, a poll, a key) and draws what it holds. Nothing here
knows of Textual, the store or fetching, so every rule is tested without a terminal; time comes in
as an argument, never from a clock of its own. Rules still to come (stories folding items into one
row, urgency, a narrow layout) belong here too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from tui.core import urgency
from tui.core.alerts import Alerts
from tui.core.desk_view import ViewRules
from tui.core.feeds import FeedMeta, PollResult
from tui.core.group_order import GroupOrder, news_by_group
from tui.core.grouping import MODES, Header, Row, View, build_rows, grouper
from tui.core.header_tally import Headers
from tui.core.health import FeedHealth
from tui.core.i18n import tr
from tui.core.items import Item
from tui.core.marks import Marks
from tui.core.story_view import StoryIndex, also_line, fold_rows, step, story_items
from tui.core.unsaved import Unsaved
from tui.core.urgent_band import UrgentBand

UndoStep = tuple[list[str], bool]  # the ids a bulk mark changed, and whether it marked them read


@dataclass
class PollOutcome:
    """What a poll changed, as far as the reader must be told or the list redrawn."""

    failing: bool = False  # the feed has newly failed, or fails differently: say so, once
    changed: bool = False  # items came in: the list's rows are out of date
    news: list[Item] = field(default_factory=list)  # the items that arrived, not the backlog
    alerts: dict[str, str] = field(default_factory=dict)  # id -> the watch word it matched
    first_answer: bool = False  # the feed's first answer since the desk opened
    backlog_in: bool = False  # every feed has answered once: the start-up backlog is in
    urgent: dict[str, str] = field(default_factory=dict)  # id -> "flash" or "urgent": arrivals that ring
    quietly_read: list[str] = field(default_factory=list)  # another agency's copy of a story the reader has read


class Desk(ViewRules):
    """The wire and the reader's dealings with it.

    Holds the items, their marks, the view (grouping, filters, search) and the folded groups. Keeps
    the unread count and the group headers' counts true as marks change, so nothing counts a large
    wire every second; keeps bulk marks for undo; decides which items of a poll are news and which
    ring; knows whether the reader is at the desk and what arrived since they last looked.
    """

    def __init__(
        self,
        feeds: Sequence[str] = (),
        *,
        opened_at: float = 0.0,
        lang: str = "en",
        grouping: str | None = None,
        alerts: Alerts | None = None,
        band: UrgentBand | None = None,
    ) -> None:
        self.feeds = list(feeds)  # the configured feeds' URLs
        self.lang = lang
        self.alerts = alerts or Alerts([])
        self.band = band or UrgentBand()  # fresh flashes and urgents, pinned above the groups
        self.band.label = tr(lang, "Urgent")
        self.items: dict[str, Item] = {}
        self.marks = Marks()
        # The view the desk opens with; the status line names the view only once it differs.
        self.default_view = View(mode=grouping) if grouping in MODES else View()
        self.view = self.default_view
        self.collapsed: set[str] = set()  # group names folded to their header
        self.undo: list[UndoStep] = []  # bulk marks, newest last
        self.unsaved = Unsaved()  # the reader's marks until their saves are known to be on disk
        self.headers = Headers()  # the group headers of the rows last built, by name
        self.order = GroupOrder()  # held while the reader works the list (tui/core/group_order.py)
        self.unread = 0
        self.health = FeedHealth()
        self.last_poll: float | None = None
        self.polled_once: set[str] = set()  # feeds whose start-up backlog has come in
        self.answered: set[str] = set()  # feeds that have answered at all, even with an error
        self.removed: set[str] = set()  # feeds taken out of the config while the desk runs
        self.opened_at = opened_at
        self.looked_at = opened_at  # the reader's last key or click
        self.reader_acted = False  # no key or click yet: the desk is unattended
        self.stories = StoryIndex()  # which story each item is in (tui/core/story_view.py)
        self.expanded: set[str] = set()  # stories listed item by item
        self.folding = True  # False: every item its own row, as before stories
        self.rang: set[str] = set()  # the flashes and urgents that rang: a story rings once

    # What the cache and the feeds bring.

    def load(self, items: Iterable[Item], marks: Marks, feeds: Mapping[str, FeedMeta],
             settings: Mapping[str, object]) -> None:
        """The newest days of the cache, the marks, and what the cache remembers of feeds and choices."""
        self.items = {item.id: item for item in items}
        self.marks.read, self.marks.alerts, self.marks.starred = marks.read, marks.alerts, marks.starred
        self.folding = settings.get("stories") != "off"
        # A story rings once across restarts too: what rings that the cache holds has had its ring.
        self.rang.update(self.band.ringing(self.items.values()))
        mode = settings.get("grouping")
        if isinstance(mode, str) and mode in MODES:
            self.view = replace(self.view, mode=mode)
        self.health.load(feeds, self.feeds)
        self._recount()

    def add_older(self, items: list[Item]) -> bool:
        """The rest of the cache; True when there was any."""
        for item in items:
            self.items.setdefault(item.id, item)  # a poll may have brought a newer copy: that one stands
        self._recount()
        return bool(items)

    def prune(self, ids: Iterable[str]) -> None:
        for item_id in ids:
            self.items.pop(item_id, None)
            self.marks.read.discard(item_id)
        self._recount()

    def poll(self, result: PollResult, now: float) -> PollOutcome:
        """Take in a poll: the feed's health, its items, and which of them are news."""
        url = result.source.url
        if url in self.removed:
            return PollOutcome()  # under way when its feed was removed: its items wait in the cache
        self.last_poll = now
        # A poll that brings what the desk holds already (a feed re-dated, the demo re-read) redraws nothing.
        fresh = [item for item in result.items if not item.looks_like(self.items.get(item.id))]
        outcome = PollOutcome(failing=self.health.update(result), changed=bool(fresh),
                              first_answer=url not in self.answered)
        if result.stories:
            self.stories.add(result.stories, self.items)
            outcome.quietly_read = self._mark_here(self.stories.quiet(result.stories, self.marks.read), True, now)
        if fresh:
            self.items.update((item.id, item) for item in fresh)
            self._recount()
            quiet = set(outcome.quietly_read)  # another agency's copy of a read story: counted, no news
            outcome.news = [item for item in self.arrivals(result) if item.id not in quiet]
            self.marks.arrived.update((item.id, now) for item in outcome.news)
            matched = {item.id: word for item in outcome.news if (word := self.alerts.match(item))}
            outcome.alerts = self.stories.once(matched, self.marks.alerts)
            self.marks.alerts.update(outcome.alerts)
            outcome.urgent = self.stories.once(self.band.ringing(outcome.news), self.rang)
            self.rang.update(outcome.urgent)
            for item in fresh:
                # Rung or not: the list holds no summaries (search reads them from the store), but
                # for an urgency marker at the start of one.
                item.summary = urgency.lead(item.title, item.summary)
        if result.ok:
            self.polled_once.add(url)
        self.answered.add(url)
        outcome.backlog_in = len(self.answered) == len(self.feeds)
        return outcome

    def set_feeds(self, feeds: Sequence[str]) -> None:
        """The feed list as the config says now: an added feed waits for its first answer (its backlog
        is not news), a removed one leaves the health count; the items of both stay."""
        urls = list(feeds)
        gone = set(self.feeds) - set(urls)
        self.health.load({}, [url for url in urls if url not in self.health.feeds])
        for url in gone:
            self.health.feeds.pop(url, None)
            self.answered.discard(url)
            self.polled_once.discard(url)
        self.removed = (self.removed | gone) - set(urls)
        self.feeds = urls

    def arrivals(self, result: PollResult) -> list[Item]:
        """The items of a poll that are news: not the start-up backlog.

        A feed that was down at start-up brings, when it is back, what was published
        meanwhile: that is news, the rest of its backlog is not."""
        url = result.source.url
        fresh = [self.items[i] for i in result.new_ids]
        if url in self.polled_once:
            return fresh
        if url not in self.answered:
            return []  # the first answer of a feed that was up from the start
        # Feeds give whole seconds: an item of the second the desk opened in is news.
        return [item for item in fresh if item.dated and item.published >= int(self.opened_at)]

    # The list.

    def rows(self, now: float, keep: frozenset[str] = frozenset()) -> list[Row]:
        """The list's rows as the view filters, groups and folds them; the ids in `keep` stay."""
        rows = self._rows(now, keep, frozenset(self.collapsed))  # first: the band's pins, where their news counts
        news = news_by_group(self.marks.arrived, self.order.held_since, self.items,
                             self.band.grouper(grouper(self.view.mode, now, self.lang)),
                             self.stories.story if self.folding else str)
        if self.folding:
            rows = fold_rows(rows, self.stories, self.expanded, self.lang)
        rows = self.order.arrange(rows, self.view.mode, news)
        self.headers = Headers(rows)
        return rows

    def _rows(self, now: float, keep: frozenset[str] = frozenset(),
              collapsed: frozenset[str] = frozenset()) -> list[Row]:
        pinned = self.band.split(self.items, self.marks.arrived, now, self.stories if self.folding else None)
        items = [i for i in self.items.values() if i.id not in self.band.pinned] if pinned else self.items.values()
        rows = build_rows(items, self.marks.read, view=self.view, keep=keep, starred=self.marks.starred, now=now,
                          lang=self.lang, collapsed=collapsed, story=self.stories.story if self.folding else None)
        if not pinned:
            return rows
        band = build_rows(pinned, self.marks.read, view=replace(self.view, mode="flat"), keep=keep,
                          starred=self.marks.starred, now=now, lang=self.lang)
        return self.band.rows(band, self.marks.read, collapsed, self.stories.story if self.folding else str) + rows

    def listed(self, now: float) -> list[str]:
        """The ids in the list, folded groups too: a folded group's items count as shown."""
        return [row.id for row in self._rows(now) if isinstance(row, Item)]

    def group_members(self, group: str, now: float) -> list[str]:
        """The ids in a group as the list groups them now, folded or not."""
        members, inside = [], False
        for row in self._rows(now):
            if isinstance(row, Header):
                inside = row.group == group
            elif inside:
                members.append(row.id)
        return sorted(members)

    def toggle_collapse(self, group: str) -> bool:
        """Fold a group to its header, or unfold it; True when it is folded now."""
        folded = group not in self.collapsed
        (self.collapsed.add if folded else self.collapsed.discard)(group)
        return folded

    def toggle_story(self, item_id: str) -> bool:
        """List the story `item_id` is in item by item, or as one row again; True when it is expanded now."""
        story = self.stories.story(item_id)
        opened = story not in self.expanded
        (self.expanded.add if opened else self.expanded.discard)(story)
        return opened

    def story_note(self, item: Item) -> tuple[str, str]:
        """For the article pane: the item's version mark, and its story's other carriers (stories on)."""
        carriers = story_items(self.stories, item.id, self.items) if self.folding else []
        return self.stories.mark(item), also_line(item, carriers, self.stories, self.lang)

    def step_carrier(self, item_id: str, shown: str, direction: int) -> Item | None:
        """The next or previous carrier of the story `item_id` is in, from the one `shown`; None when none."""
        return step(story_items(self.stories, item_id, self.items), shown, direction) if self.folding else None

    # Marks.

    def mark(self, item_id: str, read: bool, now: float) -> bool:
        """Mark one item read or unread; False when it already was."""
        return bool(self._mark_here([item_id], read, now))

    def bulk_mark(self, ids: Iterable[str], read: bool, now: float) -> list[str]:
        """Mark many at once (a group, the whole list), as one step undo takes back; the ids that changed."""
        changed = self._mark_here(ids, read, now)
        if changed:
            self.undo.append((changed, read))
        return changed

    def undo_marks(self, now: float) -> UndoStep | None:
        """Take back the newest bulk mark: its ids and whether they are read now; None when there is none."""
        if not self.undo:
            return None
        ids, read = self.undo.pop()
        self._mark(ids, not read, now)
        self.unsaved.note(self.unsaved.read, ids, not read)
        return ids, not read

    def _mark_here(self, ids: Iterable[str], read: bool, now: float) -> list[str]:
        """The reader's marks, as opposed to marks read back from the cache (take_marks)."""
        changed = self._mark(ids, read, now)
        if changed:
            self.unsaved.note(self.unsaved.read, changed, read)
        return changed

    def _mark(self, ids: Iterable[str], read: bool, now: float) -> list[str]:
        """Mark the ids not marked so yet; the unread count and the group headers' counts follow
        without regrouping."""
        marked = self.marks.read
        key = grouper(self.view.mode, now, self.lang)
        changed = []
        for item_id in ids:
            if (item_id in marked) == read:
                continue
            (marked.add if read else marked.discard)(item_id)
            changed.append(item_id)
        held = [self.items[item_id] for item_id in changed if item_id in self.items]
        self.unread += -len(held) if read else len(held)
        self.headers.follow(held, read, marked, self.band.grouper(key), self.stories if self.folding else None,
                            self.items)
        return changed

    def toggle_star(self, item_id: str) -> bool:
        """Star an item, or take its star away; True when it is starred now."""
        starred = item_id not in self.marks.starred
        (self.marks.starred.add if starred else self.marks.starred.discard)(item_id)
        self.unsaved.note(self.unsaved.starred, [item_id], starred)
        return starred

    def take_marks(self, read: set[str], starred: set[str], on_disk: frozenset[int], now: float) -> bool:
        """The marks as the cache holds them, where another process may have changed them; the
        reader's own, not yet known to be saved when the read began, stand. True when any changed."""
        own_read, own_starred = self.unsaved.settle(on_disk)
        read, starred = _over(read, own_read), _over(starred, own_starred)
        changed = self._mark(read - self.marks.read, True, now) + self._mark(self.marks.read - read, False, now)
        if starred == self.marks.starred:
            return bool(changed)
        self.marks.starred.clear()  # the set the list draws from: changed in place, never replaced
        self.marks.starred.update(starred)
        return True

    def _recount(self) -> None:
        self.unread = sum(1 for item_id in self.items if item_id not in self.marks.read)

    # The reader.

    def looked(self, now: float) -> None:
        """A key or a click: the reader is at the desk, and has seen what arrived so far."""
        self.reader_acted = True
        self.looked_at = now

    def new_since_look(self) -> int:
        """Stories with arrivals still unread since the reader last looked (two agencies' copies of one event are
        one); arrivals are few, so this is cheap."""
        read, story = self.marks.read, self.stories.story if self.folding else str
        return len({story(i) for i, at in self.marks.arrived.items() if at > self.looked_at and i not in read})

    def item_counts(self) -> dict[str, int]:
        """Items cached per feed URL."""
        counts: dict[str, int] = {}
        for item in self.items.values():
            counts[item.feed_url] = counts.get(item.feed_url, 0) + 1
        return counts


def _over(marks: set[str], own: dict[str, bool]) -> set[str]:
    """`marks` with the desk's own marks (id -> marked or not) over them."""
    return (marks - {i for i, on in own.items() if not on}) | {i for i, on in own.items() if on}
