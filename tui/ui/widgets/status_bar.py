"""The top line: name, clock, last poll, unread and new counts, the view, failing feeds."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widget import Widget

from tui.core.i18n import tr

# What gives way, in this order, when the line is wider than the terminal. Failing feeds
# and the view (what is wrong, what the reader is looking at) stay; past them, the view
# is what an ellipsis cuts.
SHED = ("zero-new", "long-new", "name", "clock", "poll", "new")


class StatusBar(Widget):
    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self._state: tuple = (0.0, "", 0, 0, 0, "", "en")

    def show(self, now: float, polled: str, unread: int, new: int, failing: int, view: str = "",
             lang: str = "en") -> None:
        # The line changes once a second at most (its clock): a poll or a key in the same second repaints nothing.
        state = (int(now), polled, unread, new, failing, view, lang)
        if state != self._state:
            self._state = state
            self.refresh()

    def render(self) -> Text:
        width = self.size.width
        for n in range(len(SHED) + 1):
            line = self._line(SHED[:n])
            if line.cell_len <= width:
                return line
        if width:  # not before layout, when there is no width yet
            line.truncate(width, overflow="ellipsis")  # the barest line is still too wide: cut the view
        return line

    def _line(self, shed: tuple[str, ...]) -> Text:
        now, polled, unread, new, failing, view, lang = self._state
        text = Text(no_wrap=True)
        if "name" not in shed:
            text.append(" wiredesk ", style="bold reverse")
            text.append(" ")
        if "clock" not in shed:
            text.append(f" {datetime.fromtimestamp(now).strftime('%H:%M:%S')} ")
        if "poll" not in shed:
            text.append(f" {polled} ", style="dim")
        text.append(f" {unread} {tr(lang, 'unread')}", style="bold")
        if new and "new" not in shed:
            text.append(f" · {new} {tr(lang, 'new' if 'long-new' in shed else 'new since you looked')}")
        elif not new and "zero-new" not in shed:
            text.append(f" · 0 {tr(lang, 'new')}")
        if failing:
            failing_feeds = tr(lang, "feeds failing" if failing != 1 else "feed failing")
            text.append(f"  ⚠ {failing} {failing_feeds}", style="bold red")
        if view:
            text.append(f"  [{view}]", style="italic")
        return text
