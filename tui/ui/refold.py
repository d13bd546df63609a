"""Items that joined a story once their page's text came (tui/fetch/folding.py, `Folding.refold`), taken into
the list without moving the reader.

An item the reader is on (under the cursor, or in the article pane) keeps its own row until the reader moves
off it: its row folding into a story elsewhere would take the cursor or change the article. The others
regroup at once; the cursor stays on its row (a lone item's row that becomes its story's row keeps it)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.stories import StoryLink

if TYPE_CHECKING:
    from tui.ui.wire_screen import WireScreen


class Joined:
    def __init__(self, screen: WireScreen) -> None:
        self.screen = screen
        self.held: dict[str, StoryLink] = {}  # item id -> its new link, while the reader is on it

    def take(self, links: dict[str, StoryLink]) -> None:
        self.held.update(links)
        self.apply()

    def apply(self) -> None:
        """Regroup the list with the links of the items the reader is not on."""
        if not self.held:
            return
        screen = self.screen
        on = {item.id for item in (screen.wire.current, screen.article.item) if item is not None}
        ready = {item_id: link for item_id, link in self.held.items() if item_id not in on}
        if not ready:
            return
        for item_id in ready:
            del self.held[item_id]
        screen.desk.stories.add(ready, screen.desk.items)
        screen.rebuild()
        screen.update_status()
