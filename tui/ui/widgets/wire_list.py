"""The wire list: a line-API widget that draws only the rows on screen.

ListView and OptionList mount a widget per row and were measured far too slow
for a wire (GUIDE.md §2); this draws each visible line from the row list.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.grouping import Header, Row
from tui.core.items import Item
from tui.core.layout import DEFAULT_SHARE, list_columns, share_of
from tui.core.marks import Marks
from tui.core.story_view import row_key
from tui.ui.widgets.wire_lines import LineMap
from tui.ui.widgets.wire_rows import NEW_STYLES, RowDrawing


class WireList(RowDrawing, ScrollView, can_focus=True):
    """Rows are group headers and items; the cursor rests on items only."""

    COMPONENT_CLASSES = {
        "wire-list--header",
        "wire-list--unread",
        "wire-list--read",
        "wire-list--meta",
        "wire-list--cursor",
        *NEW_STYLES,
        "wire-list--alert",
        "wire-list--flash",
        "wire-list--urgent",
        "wire-list--flash-badge",
        "wire-list--urgent-badge",
    }

    BINDINGS = [
        Binding("j,down", "cursor_down", "Next item", show=False, id="next"),
        Binding("k,up", "cursor_up", "Previous item", show=False, id="previous"),
        # The screen's: going to the top refreshes a held group order before the cursor moves.
        Binding("g,home", "screen.first_item", "First item", show=False, id="first"),
        Binding("G,end", "last", "Last item", show=False, id="last"),
    ]

    cursor: reactive[int] = reactive(-1, always_update=True, init=False)

    @dataclass(eq=False)
    class Resized(Message):
        """The reader dragged the border: the list's new share of the window, to remember."""

        wire: WireList
        share: float

        @property
        def control(self) -> WireList:
            return self.wire

    @dataclass(eq=False)
    class Highlighted(Message):
        """The cursor rests on a new item (or on none: a folded group's header, an empty list)."""

        wire: WireList
        item: Item | None

        @property
        def control(self) -> WireList:
            return self.wire

    def __init__(self, *, clock: Callable[[], float] = time.time, lang: str = "en", wrap: bool = False,
                 **kwargs) -> None:
        super().__init__(**kwargs)
        self.rows: list[Row] = []
        self.marks = Marks()
        self._drawn: dict[int, tuple] = {}  # row index -> what time-dependent text it shows
        self.clock = clock
        self.lang = lang
        # While the backlog fills the list, the cursor stays on the newest item; once
        # the reader moves or the backlog is in, it stays on its item whatever arrives.
        self.follow_top = True
        self._dragging = False
        self.share = DEFAULT_SHARE  # of the window's width, kept as it resizes
        self.wrap = wrap  # wrap_titles: a long headline takes a second line
        self.lines = LineMap()
        self.news: dict[str, int] = {}  # group -> arrivals while its place is held (tui/core/group_order.py)

    @property
    def current(self) -> Item | None:
        return self.item_at(self.cursor)

    def item_at(self, index: int) -> Item | None:
        """The item on row `index`, or None for a header or past the end."""
        if 0 <= index < len(self.rows):
            row = self.rows[index]
            return None if isinstance(row, Header) else row
        return None

    @staticmethod
    def _key(row: Row | None):
        """What the cursor rests on: an item's id, or a collapsed group's name."""
        if row is None:
            return None
        return ("group", row.group) if isinstance(row, Header) else row_key(row)

    @staticmethod
    def _selectable(row: Row) -> bool:
        return not isinstance(row, Header) or row.collapsed

    def set_rows(self, rows: list[Row], marks: Marks) -> None:
        """Replace the rows, keeping the cursor on the same row and the view still around it."""
        anchor = self._key(self.rows[self.cursor]) if 0 <= self.cursor < len(self.rows) else None
        old_cursor = self.cursor
        old_line = self.lines.line_of(old_cursor)
        self.rows, self.marks = rows, marks
        self._drawn.clear()
        self._lay_out()
        index = -1
        if anchor is not None and not self.follow_top:
            index = next((n for n, row in enumerate(rows) if self._key(row) == anchor), -1)
        if index < 0:
            start = 0 if self.follow_top else old_cursor
            index = self._item_at_or_after(min(max(start, 0), len(rows) - 1))
        if anchor is not None and index >= 0 and old_cursor >= 0 and self.scroll_y > 0:
            # Rows landing above move the cursor down; move the view with it, so nothing
            # jumps. A view at the very top stays there, so arrivals show.
            self.scroll_to(y=self.scroll_y + (self.lines.line_of(index) - old_line), animate=False, immediate=True)
        # Only a different row under the cursor is news: the article keeps its scroll otherwise.
        new_key = self._key(rows[index]) if index >= 0 else None
        self._move(index, announce=anchor is None or new_key != anchor)
        self.refresh()

    def header_at(self, index: int) -> Header | None:
        row = self.rows[index] if 0 <= index < len(self.rows) else None
        return row if isinstance(row, Header) else None

    def _group_span(self, index: int) -> tuple[int, int]:
        """The rows of the group around `index`: from its header to the next one."""
        start = index
        while start > 0 and not isinstance(self.rows[start], Header):
            start -= 1
        end = index + 1
        while end < len(self.rows) and not isinstance(self.rows[end], Header):
            end += 1
        return start, end

    def group_of(self, index: int) -> str | None:
        start, _ = self._group_span(index)
        row = self.rows[start] if self.rows else None
        return row.group if isinstance(row, Header) else None

    def tick(self) -> None:
        """Repaint only the rows whose relative time or "new" marker has changed."""
        now = self.clock()
        top = int(self.scroll_y)
        for y in range(self.scrollable_content_region.height):
            index = self.lines.at(top + y)[0]
            row = self.rows[index] if index in self._drawn else None
            if isinstance(row, Item) and self._drawn[index] != self._time_text(row, now):
                self.refresh_line(y)

    def top_row(self) -> int:
        """The first row the cursor can rest on."""
        return self._item_at_or_after(0)

    def _item_at_or_after(self, index: int) -> int:
        for n in range(max(index, 0), len(self.rows)):
            if self._selectable(self.rows[n]):
                return n
        for n in range(min(index, len(self.rows) - 1), -1, -1):
            if self._selectable(self.rows[n]):
                return n
        return -1

    def _move(self, index: int, announce: bool | None = None) -> None:
        """Put the cursor on row `index`; announce the item when it moved (or as told)."""
        changed = index != self.cursor
        self.cursor = index
        self._reveal_cursor()
        if changed if announce is None else announce:
            self.post_message(self.Highlighted(self, self.current))

    def _reveal_cursor(self) -> None:
        height = self.scrollable_content_region.height
        if self.cursor < 0 or height <= 0:  # not laid out yet: on_resize comes back here
            return
        # Show the group header with the first item of a group.
        top = self.lines.line_of(self.cursor - 1 if self.header_at(self.cursor - 1) else self.cursor)
        bottom = self.lines.line_of(self.cursor + 1) - 1  # a wrapped headline's second line too
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True)
        elif bottom >= self.scroll_y + height:
            self.scroll_to(y=bottom - height + 1, animate=False, immediate=True)

    def select(self, index: int) -> None:
        """Move the cursor as the reader does: from now on it stays on its row."""
        self.follow_top = False
        self._move(index)

    def _step(self, direction: int) -> None:
        n = self.cursor + direction
        while 0 <= n < len(self.rows):
            if self._selectable(self.rows[n]):
                self.select(n)
                return
            n += direction
        if direction < 0 and self.cursor >= 0:
            self.scroll_to(y=0, animate=False)  # reveal the first header

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_first(self) -> None:
        self.select(self._item_at_or_after(0))

    def action_last(self) -> None:
        for n in range(len(self.rows) - 1, -1, -1):
            if self._selectable(self.rows[n]):
                self.select(n)
                return

    # The list's right border is a splitter: drag it to share the width with the article.

    def on_mouse_down(self, event: events.MouseDown) -> None:
        if event.x >= self.outer_size.width - 1:
            self._dragging = True
            self.capture_mouse()
            event.stop()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._dragging:
            self.set_width(event.screen_x + 1)

    def set_width(self, width: int) -> None:
        """A width dragged to, as a share of the window (tui.core.layout), so resizing keeps it."""
        self.share = share_of(width, self.screen.size.width)
        self.fit_width()

    def fit_width(self) -> None:
        """The list's columns for its share of the window; both panes keep MIN_PANE columns."""
        self.styles.width = list_columns(self.screen.size.width, self.share)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._dragging:
            self._dragging = False
            self.release_mouse()
            self.post_message(self.Resized(self, self.share))

    def on_click(self, event: events.Click) -> None:
        if event.x >= self.outer_size.width - 1:
            return  # the end of a border drag, not a row
        index = self.lines.at(event.y + int(self.scroll_y))[0]
        if 0 <= index < len(self.rows) and self._selectable(self.rows[index]):
            self.select(index)

    def watch_cursor(self) -> None:
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index, part = self.lines.at(y + int(self.scroll_y))
        if not 0 <= index < len(self.rows):
            return Strip.blank(width, self.rich_style)
        row = self.rows[index]
        if isinstance(row, Header):
            return self._header_line(row, width, index == self.cursor)
        drawn = self._drawn[index] = self._time_text(row, self.clock())
        return self._item_line(row, width, index == self.cursor, drawn, part)

    def _lay_out(self) -> None:
        """The lines the rows take at this width (a wrapped headline takes two)."""
        width = self.scrollable_content_region.width
        room = self._title_room(width)
        rows = self.rows

        def two_lines(index: int) -> bool:
            row = rows[index]
            return not isinstance(row, Header) and self._title_cells(row) > room

        self.lines.build(len(rows), two_lines if self.wrap and width > 0 else None)
        self.virtual_size = Size(width, self.lines.total)

    def on_resize(self) -> None:
        self._lay_out()
        self._reveal_cursor()

