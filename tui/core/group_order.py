"""Group order that never changes under the reader's eyes.

Groups come newest first, so every arrival would send its group to the top. While the reader works
the list (not at its top, not following it), the order they see is held: a group with news keeps
its place and says how much arrived (`+2`), and a group that did not exist before appears at the
top. The order is refreshed when the reader goes to the top, after a few idle minutes, or with a key.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from itertools import pairwise

from tui.core.grouping import Header, Row
from tui.core.items import Item

IDLE_REFRESH = 180.0  # seconds without a key or click before a held order is refreshed


class GroupOrder:
    """The order of the groups as last drawn, and whether it is held."""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}  # group -> its place when last drawn
        self.mode = ""
        self.held_since: float | None = None  # when the order was held; None while it follows the wire
        self.news: dict[str, int] = {}  # group -> items arrived since the order was held

    @property
    def held(self) -> bool:
        return self.held_since is not None

    def hold(self, now: float) -> None:
        if self.held_since is None:
            self.held_since = now

    def release(self) -> bool:
        """Let the groups take their natural order again; True when it was held."""
        was = self.held
        self.held_since = None
        self.news = {}
        return was

    def arrange(self, rows: list[Row], mode: str, news: Mapping[str, int]) -> list[Row]:
        """The rows with their groups in the held order (new groups first), or as they come.

        One pass finds the headers; groups move as slices of the list, so a poll landing while the
        reader works a 100k-item wire costs little more than building its rows."""
        if mode != self.mode:
            self.release()  # other groups entirely: nothing to hold on to
            self.mode = mode
        starts = [n for n, row in enumerate(rows) if type(row) is Header]
        names = [rows[n].group for n in starts]
        if not self.held or not starts:
            self.seen = {name: n for n, name in enumerate(names)}
            return rows
        # A group new to the reader goes on top; one a filter hides keeps its place for when it is back.
        place = self.seen
        top = min(place.values(), default=0)
        for name in reversed([name for name in names if name not in place]):
            top -= 1
            place[name] = top
        self.news = {name: count for name, count in news.items() if count}
        keys = [place[name] for name in names]
        if all(a < b for a, b in pairwise(keys)):
            return rows  # already in the held order: most polls
        bounds = [*starts, len(rows)]
        arranged: list[Row] = rows[: starts[0]]
        for n in sorted(range(len(starts)), key=keys.__getitem__):
            arranged.extend(rows[bounds[n]: bounds[n + 1]])
        return arranged


def news_by_group(arrived: Mapping[str, float], since: float | None, items: Mapping[str, Item],
                  group_of: Callable[[Item], str | None] | None, story: Callable[[str], str] = str) -> dict[str, int]:
    """How much arrived in each group after `since`: items, or stories while they fold (`story`: item id -> its
    story), so two agencies' copies of one event are one. Arrivals are few, so this is cheap."""
    if since is None or group_of is None:
        return {}
    found = {(name, story(item_id)) for item_id, at in arrived.items()
             if at > since and (item := items.get(item_id)) is not None and (name := group_of(item)) is not None}
    return dict(Counter(name for name, _ in found))
