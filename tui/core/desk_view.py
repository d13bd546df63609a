"""The desk's view rules: the filters, the grouping, the search and what the status line says of them.

Apart from tui/core/desk.py so that each stays readable; the Desk is a ViewRules, and these rules
change only its `view` (and the folded groups, whose names a new grouping changes)."""

from __future__ import annotations

from dataclasses import replace

from tui.core.grouping import Header, View, next_mode
from tui.core.i18n import tr
from tui.core.items import Item
from tui.core.places import place_group


class ViewRules:
    """What the reader asks to see; the Desk sets these attributes."""

    view: View
    default_view: View
    collapsed: set[str]
    lang: str

    def toggle_unread_only(self) -> None:
        self.view = replace(self.view, unread_only=not self.view.unread_only)

    def toggle_starred_only(self) -> None:
        self.view = replace(self.view, starred_only=not self.view.starred_only)

    def next_grouping(self) -> str:
        self.collapsed.clear()  # group names mean something else in the next mode
        self.view = replace(self.view, mode=next_mode(self.view.mode))
        return self.view.mode

    def show_only(self, kind: str, item: Item) -> bool:
        """Show only the item's feed, agency or place; False when it has none."""
        value = {
            "feed": item.feed,
            "agency": item.agencies[0] if item.agencies else None,
            "place": place_group(item.group, self.lang),
        }[kind]
        if not value:
            return False
        self.view = replace(self.view, only=(kind, value))
        return True

    def clear_filters(self) -> None:
        self.view = replace(self.view, unread_only=False, starred_only=False, query="", only=None)

    def search(self, query: str) -> None:
        """Titles narrow at once; summaries and article bodies join when a worker has read them."""
        self.view = replace(self.view, query=query, body_matches=frozenset())

    def bodies_matched(self, query: str, ids: set[str]) -> bool:
        """Items whose article body holds every word of `query`; True when that widened the list."""
        if query != self.view.query or not ids - self.view.body_matches:
            return False  # the search has moved on, or the bodies add nothing
        self.view = replace(self.view, body_matches=frozenset(ids))
        return True

    def view_note(self) -> str:
        """The view as the status line names it: nothing while it is the one the desk opened with."""
        return "" if self.view == self.default_view else self.view.describe(self.lang)

    def header_note(self, header: Header) -> str:
        """What the article pane says while the cursor rests on a folded group."""
        return f"{header.group}: {header.count} · {header.unread} {tr(self.lang, 'unread')}  (c)"
