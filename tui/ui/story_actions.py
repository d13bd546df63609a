"""The desk's keys for stories: open a story into its items and close it, stories on and off, and step
the article pane between the carriers of the story under the cursor. Apart from tui/ui/desk_screen.py,
which holds the bindings and the other actions; the DeskScreen is a StoryActions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.i18n import tr
from tui.core.items import Item
from tui.core.story_view import StoryRow

if TYPE_CHECKING:
    from tui.ui.wire_screen import WireScreen

    _Screen = WireScreen
else:
    _Screen = object


class StoryActions(_Screen):
    """Mixed into the DeskScreen: it has the desk, the list and the article pane."""

    def action_toggle_story(self) -> None:
        """Open the story under the cursor into its items, or close it; the cursor stays on the story."""
        item = self.wire.current
        if not isinstance(item, StoryRow):
            return
        self.desk.toggle_story(item.id)
        self.wire.follow_top = False
        self.rebuild()
        if self.wire.current is None or not isinstance(self.wire.current, StoryRow) \
                or self.wire.current.story != item.story:
            self.wire.select(next(n for n, row in enumerate(self.wire.rows)
                                  if isinstance(row, StoryRow) and row.story == item.story))

    def action_toggle_folding(self) -> None:
        """Stories folded to one row each, or every item its own row; remembered like the grouping."""
        self.desk.folding = not self.desk.folding
        self.wire.follow_top = False
        self.redraw()
        self.app.save_settings({"stories": "on" if self.desk.folding else "off"})
        self.notify(tr(self.lang, "Stories on" if self.desk.folding else "Stories off"), timeout=2)

    def action_step_carrier(self, direction: int) -> None:
        """The story's next (1) or previous (-1) carrier in the article pane; the cursor stays on the story."""
        item, shown = self.wire.current, self.article.item
        if item is None:
            return
        carrier = self.desk.step_carrier(item.id, shown.id if shown is not None else item.id, direction)
        if carrier is not None:
            self.show_item(carrier)

    def reading_item(self) -> Item | None:
        """The item o, y, e and t act on: the carrier the article pane shows (stepped to with [ and ]) while it is
        one of the story under the cursor, as its feed has it (not titled as the story's row); else the list's."""
        item, shown = self.wire.current, self.article.item
        if item is None or shown is None:
            return item
        return shown if shown.id in self.desk.stories.ids(item.id, self.desk.items) else item
