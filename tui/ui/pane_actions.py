"""The desk's keys for moving about: the list's own moves, the panes (two side by side, or one at a
time on a narrow desk) and the list's share of the window. Apart from tui/ui/desk_screen.py, which
holds the bindings and the other actions; the DeskScreen is a PaneActions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.layout import STEP as SHARE_STEP
from tui.core.layout import clamp_share

if TYPE_CHECKING:
    from tui.ui.wire_screen import WireScreen

    _Screen = WireScreen
else:
    _Screen = object


class PaneActions(_Screen):
    """Mixed into the DeskScreen: it has the list, the article and the panes these move between."""

    def action_list(self, action: str) -> None:
        getattr(self.wire, f"action_{action}")()

    def action_first_item(self) -> None:
        """`g`: the first row of the groups in their refreshed order, not of the order that was held."""
        if self.desk.order.release():
            self.rebuild()
        self.wire.action_first()

    def action_switch_pane(self) -> None:
        if self.panes.narrow:  # one pane at a time: the other comes in its place
            if not self.panes.back_to_list():
                self.action_open_article()
            return
        (self.article if self.wire.has_focus else self.wire).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.panes.reading if action == "back_to_list" else True

    def action_back_to_list(self) -> None:
        self.panes.back_to_list()

    def action_open_article(self) -> None:
        """Enter: the article, in the list's place on a narrow desk; now it is being read."""
        self.panes.open_article()
        item = self.wire.current
        if item is not None:
            self._stop_dwell()
            self.read_later(item)

    def action_scroll_article(self, direction: int) -> None:
        if direction > 0:
            self.article.scroll_page_down()
        else:
            self.article.scroll_page_up()

    def action_resize_list(self, direction: int) -> None:
        """One step of the list's share of the window (tui.core.layout), remembered."""
        self.wire.share = clamp_share(self.wire.share + direction * SHARE_STEP)
        self.panes.fit()
        self.app.save_settings({"list_share": str(self.wire.share)})
