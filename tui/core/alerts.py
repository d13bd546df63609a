"""Watch words: an item whose title or summary matches rings the desk.

A plain word matches case-insensitively as a whole word ("Charkiv" does not
match "Charkivska"); a pattern written between slashes is a regular
expression ("/nav[oy]/"), also case-insensitive.
"""

from __future__ import annotations

import re

from tui.core.items import Item


class AlertError(ValueError):
    pass


def compile_pattern(text: str) -> re.Pattern[str]:
    if len(text) >= 2 and text.startswith("/") and text.endswith("/"):
        if len(text) == 2:
            raise AlertError("alert //: an empty pattern would match every item")
        try:
            return re.compile(text[1:-1], re.IGNORECASE)
        except re.error as exc:
            raise AlertError(f"alert {text}: bad regular expression: {exc}") from None
    if not text.strip():
        raise AlertError("alert: empty watch word")
    return re.compile(rf"(?<!\w){re.escape(text.strip())}(?!\w)", re.IGNORECASE)


class Alerts:
    def __init__(self, patterns: list[str]) -> None:
        self.patterns = [(text, compile_pattern(text)) for text in patterns]

    def __bool__(self) -> bool:
        return bool(self.patterns)

    def match(self, item: Item) -> str | None:
        """The first watch word the item matches, or None."""
        for text, pattern in self.patterns:
            if pattern.search(item.title) or pattern.search(item.summary):
                return text
        return None
