"""The Urgent band: fresh flash and urgent items pinned above the groups, and which arrivals ring.

An item is fresh for `pin_for` seconds from the later of its publication and its arrival on this
desk (a feed that runs late still gets its flash pinned for the whole time); then it returns to its
group. While stories fold, a pinned item brings the rest of its story with it: the story's one row
stands in the band, and the band's header counts it once, as the groups' headers count stories.
The desk (tui/core/desk.py) asks for the band when it builds the list's rows; the list keeps the
cursor on its item whatever the band does. Levels come from `tui.core.urgency.of`, the one function
that says how urgent an item is.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from tui.core import urgency
from tui.core.grouping import Header, Row
from tui.core.items import Item
from tui.core.story_view import StoryIndex

PIN_MINUTES = 30.0
RINGS = ("flash", "urgent", "off")  # what rings: flashes only, flashes and urgents, nothing


@dataclass
class UrgentBand:
    """The band's rules (how long a pin lasts, what rings) and what it pins now."""

    pin_for: float = PIN_MINUTES * 60  # seconds; 0 turns the band off
    ring: str = "urgent"
    label: str = "Urgent"  # the band's header, in the desk's language
    pinned: frozenset[str] = field(default=frozenset())
    until: float = math.inf  # when the first pin runs out, and the rows are out of date

    def split(self, items: Mapping[str, Item], arrived: Mapping[str, float], now: float,
              stories: StoryIndex | None = None) -> list[Item]:
        """The items pinned now (the rest stay in their groups); remembers them and when one runs out.
        `stories`, while they fold: the other items of a pinned item's story are pinned with it, for as long."""
        since = now - self.pin_for if self.pin_for > 0 else math.inf
        fresh = {i.id: i.published for i in items.values() if i.published > since}
        for item_id, at in arrived.items():
            if at > since and item_id in items:
                fresh[item_id] = max(at, fresh.get(item_id, at))
        urgent = [items[i] for i in fresh if urgency.of(items[i]).level]
        self.until = min((fresh[item.id] + self.pin_for for item in urgent), default=math.inf)
        if stories is not None:
            urgent = [items[i] for i in dict.fromkeys(i for item in urgent for i in stories.ids(item.id, items))]
        self.pinned = frozenset(item.id for item in urgent)
        return urgent

    def due(self, now: float) -> bool:
        """A pin has run out since the rows were built: its item goes back to its group."""
        return now >= self.until

    def rows(self, band: list[Row], read: set[str] | frozenset[str], collapsed: Iterable[str],
             story: Callable[[str], str] = str) -> list[Row]:
        """The band's header over its items (as the view filtered them), flashes first, newest first. The header
        counts what `story` (item id -> its story, while stories fold) makes of them: a story once, unread while
        any of its items is."""
        items = sorted((row for row in band if isinstance(row, Item)),
                       key=lambda item: urgency.RANK[urgency.of(item).level], reverse=True)
        if not items:
            return []
        folded = self.label in collapsed
        unread = {story(item.id) for item in items if item.id not in read}
        header = Header(self.label, len({story(item.id) for item in items}), len(unread), folded)
        return [header] if folded else [header, *items]

    def grouper(self, key: Callable[[Item], str] | None) -> Callable[[Item], str | None]:
        """The group an item's row stands under: the band while it is pinned, else its group by `key` (None when
        the list has no groups)."""
        pinned, label = self.pinned, self.label
        return lambda item: label if item.id in pinned else key(item) if key else None

    def ringing(self, news: Iterable[Item]) -> dict[str, str]:
        """The arrivals that ring the bell, with their level: flashes, and urgents too unless only
        flashes ring; none when ringing is off."""
        wanted = {"flash": (urgency.FLASH,), "urgent": (urgency.FLASH, urgency.URGENT)}.get(self.ring, ())
        levels = {item.id: urgency.of(item).level for item in news}
        return {item_id: level for item_id, level in levels.items() if level in wanted}
