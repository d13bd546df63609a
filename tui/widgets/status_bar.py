"""The top line: name, clock, last poll, unread and new counts."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from tui.i18n import tr


class StatusBar(Static):
    def show(self, now: float, polled: str, unread: int, new: int, failing: int, view: str = "", lang: str = "en") -> None:
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(" wiredesk ", style="bold reverse")
        text.append(f"  {datetime.fromtimestamp(now).strftime('%H:%M:%S')}")
        text.append(f"  {polled}", style="dim")
        text.append(f"  {unread} {tr(lang, 'unread')}", style="bold")
        text.append(f" · {new} {tr(lang, 'new since you looked')}" if new else f" · 0 {tr(lang, 'new')}")
        if view:
            text.append(f"  [{view}]", style="italic")
        if failing:
            text.append(f"  ⚠ {failing} {tr(lang, 'feeds failing' if failing != 1 else 'feed failing')}", style="bold red")
        self.update(text)
