"""Stories on the desk: one row per story, its items on demand, with carriers and version marks.

The folding itself happens at ingest (`tui.core.stories`, run by tui/fetch/folding.py); the desk gets the
links (item id -> story and superseded item) from the cache and from each poll, and this module turns the
list's rows into story rows. A story row is its newest version's item, titled so and carrying every agency
of the story (`ANP/AFP/RTR/dpa`, or three and `+2`); an expanded story lists its other items under it,
marked updated, correction or superseded. Rows keep their items' ids, so marks and the article pane work
as for any item, and `StoryRow.story` keeps the cursor on a story whose newest item changes.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, fields

from tui.core import urgency
from tui.core.grouping import Header, Row
from tui.core.i18n import tr
from tui.core.items import Item
from tui.core.stories import StoryLink
from tui.core.timefmt import apart
from tui.core.versions import Kind, kind

SHOWN_AGENCIES = 4  # more than this: the first three and "+N"
_ITEM_FIELDS = [f.name for f in fields(Item) if f.init]


@dataclass(slots=True)
class StoryRow(Item):
    """An item standing for its story in the list (or listed inside it): `story` is the story's id."""

    story: str = ""
    count: int = 1  # the story's items in the list; 1 for an item listed inside an expanded story
    members: tuple[str, ...] = ()  # a story row's item ids: it is unread while any of them is


def unread(row: Item, read: set[str]) -> bool:
    """Whether a list row is unread: an item while it is, a folded story while any of its items is."""
    if isinstance(row, StoryRow) and row.members:
        return any(member not in read for member in row.members)
    return row.id not in read


class StoryIndex:
    """Which story each item is in, and which item supersedes which, as the cache and polls tell it."""

    def __init__(self) -> None:
        self.links: dict[str, StoryLink] = {}
        self.members: dict[str, set[str]] = {}  # story id -> item ids
        self.superseded_by: dict[str, str] = {}

    def add(self, links: Mapping[str, StoryLink], items: Mapping[str, Item] | None = None) -> None:
        """Take in links; with the desk's `items`, a superseded item's copies are superseded too (`_copies`)."""
        for item_id, link in links.items():
            old = self.links.get(item_id)
            if old is not None:
                self.members.get(old.story, set()).discard(item_id)
            self.links[item_id] = link
            self.members.setdefault(link.story, set()).add(item_id)
            if link.supersedes:
                self.superseded_by[link.supersedes] = item_id
        if items is not None:
            self._copies(items)

    def _copies(self, items: Mapping[str, Item]) -> None:
        """An agency's one text in two of its feeds (ANP's Buitenland and Laatste nieuws) is replaced in both by
        its update, though the update's link names the one in its own feed: the other copy is superseded too."""
        for old, new in list(self.superseded_by.items()):
            replaced = items.get(old)
            if replaced is None:
                continue
            for other in self.members.get(self.story(old), ()):
                copy = items.get(other)
                if (copy is not None and other != new and other not in self.superseded_by
                        and (copy.title, copy.agencies) == (replaced.title, replaced.agencies)):
                    self.superseded_by[other] = new

    def story(self, item_id: str) -> str:
        link = self.links.get(item_id)
        return link.story if link is not None else item_id

    def ids(self, item_id: str, present: Mapping[str, Item]) -> list[str]:
        """The ids of the story `item_id` is in, as far as the desk holds them."""
        return sorted(i for i in self.members.get(self.story(item_id), {item_id}) if i in present) or [item_id]

    def mark(self, item: Item) -> str:
        """"superseded", "correction", "updated" or "": what an item is in its agency's chain."""
        if item.id in self.superseded_by:
            return "superseded"
        link = self.links.get(item.id)
        if link is None or link.supersedes is None:
            return ""
        return "correction" if kind(item.title) == Kind.CORRECTION else "updated"

    def once(self, found: Mapping[str, str], rung: Container[str]) -> dict[str, str]:
        """An alert or a bell once per story, not once per copy: of the arrivals in `found` (id -> why it
        rings), the first of each story that has no item in `rung` yet."""
        out: dict[str, str] = {}
        stories: set[str] = set()
        for item_id, why in found.items():
            story = self.story(item_id)
            if story in stories or any(i in rung for i in self.members.get(story, ()) if i != item_id):
                continue
            stories.add(story)
            out[item_id] = why
        return out

    def quiet(self, links: Mapping[str, StoryLink], read: set[str]) -> list[str]:
        """New items that leave their story read: another agency carrying an event the reader has read.

        A new version (it supersedes an item) is news and stays unread."""
        quiet = []
        for item_id, link in links.items():
            others = self.members.get(link.story, set()) - {item_id}
            if link.supersedes is None and others and others <= read:
                quiet.append(item_id)
        return quiet


def row_key(row: Item) -> str | tuple[str, str]:
    """What the list's cursor holds on to: a story row by its story (the id of the item that began it, so an
    item's row that becomes a story's row keeps the cursor, and so does a story whose newest version
    changes), an item inside an expanded story apart from it, any other item by its id."""
    if isinstance(row, StoryRow):
        return row.story if row.count > 1 else ("in story", row.id)
    return row.id


def carriers(members: Iterable[Item], shown: int | None = SHOWN_AGENCIES) -> tuple[str, ...]:
    """The agencies of a story's items, oldest first, once each; past `shown` the rest as "+N"."""
    names: list[str] = []
    for item in sorted(members, key=lambda i: i.published):
        for name in item.agencies or (item.feed,):
            if name not in names:
                names.append(name)
    if shown is not None and len(names) > shown:
        return (*names[: shown - 1], f"+{len(names) - shown + 1}")
    return tuple(names)


def _row(item: Item, story: str, title: str, agencies: tuple[str, ...], count: int,
         members: Iterable[Item] = ()) -> StoryRow:
    """`members`: a story row's urgency is the highest of its items' (its own marker is in the badge,
    not the title, which the fold prefixes)."""
    values = {name: getattr(item, name) for name in _ITEM_FIELDS}
    level = max((urgency.of(m).level or "" for m in (item, *members)), key=urgency.RANK.__getitem__)
    return StoryRow(**{**values, "title": title, "agencies": agencies, "feed_urgency": level}, story=story,
                    count=count, members=tuple(m.id for m in members))


def fold_rows(rows: list[Row], index: StoryIndex, expanded: set[str], lang: str) -> list[Row]:
    """The list's rows with each story of several items as one row, or expanded into its items."""
    present: dict[str, list[Item]] = {}
    for row in rows:
        if isinstance(row, Item):
            present.setdefault(index.story(row.id), []).append(row)
    out: list[Row] = []
    done: set[str] = set()
    for row in rows:
        if not isinstance(row, Item):
            out.append(row)
            continue
        story = index.story(row.id)
        members = present[story]
        if len(members) == 1:
            out.append(row)
            continue
        if story in done:
            continue
        done.add(story)
        current = [m for m in members if m.id not in index.superseded_by] or members
        lead = max(current, key=lambda m: (m.published, m.id))
        opened = story in expanded
        out.append(_row(lead, story, _title(lead, index, lang, "▾ " if opened else "▸ "), carriers(members),
                        len(members), members))
        if opened:
            others = sorted((m for m in members if m is not lead), key=lambda m: m.published, reverse=True)
            out.extend(_row(m, story, _title(m, index, lang, "  · "), m.agencies, 1) for m in others)
    # A group whose items all went into stories shown in other groups has nothing left to head.
    return [row for n, row in enumerate(out)
            if not isinstance(row, Header) or row.collapsed or isinstance(_next(out, n), Item)]


def _next(rows: list[Row], n: int) -> Row | None:
    return rows[n + 1] if n + 1 < len(rows) else None


def _title(item: Item, index: StoryIndex, lang: str, prefix: str) -> str:
    mark, headline = index.mark(item), urgency.of(item).headline  # an urgency marker goes to the badge
    return f"{prefix}[{tr(lang, mark)}] {headline}" if mark else f"{prefix}{headline}"


def story_items(index: StoryIndex, item_id: str, items: Mapping[str, Item]) -> list[Item]:
    """The items of the story `item_id` is in, as the desk holds them, oldest first: the carriers' order."""
    return sorted((items[i] for i in index.ids(item_id, items) if i in items), key=lambda i: (i.published, i.id))


def step(carriers: list[Item], shown: str, direction: int) -> Item | None:
    """The carrier after (1) or before (-1) the one shown, round the story; None when it has only one."""
    if len(carriers) < 2:
        return None
    ids = [item.id for item in carriers]
    at = ids.index(shown) if shown in ids else 0
    return carriers[(at + direction) % len(carriers)]


def also_line(shown: Item, carriers: Iterable[Item], index: StoryIndex, lang: str) -> str:
    """"Also: Reuters 12 min earlier, AP (updated) 20 min earlier": the story's other items, their times
    against the one shown; "" when it has none."""
    parts = []
    for item in carriers:
        if item.id == shown.id:
            continue
        name, mark = "/".join(item.agencies or (item.feed,)), index.mark(item)
        if mark:
            name += f" ({tr(lang, mark)})"
        parts.append(f"{name} {apart(item.published - shown.published, lang)}")
    # One text in two of an agency's feeds reads the same twice: once is enough.
    return f"{tr(lang, 'Also')}: {', '.join(dict.fromkeys(parts))}" if parts else ""
