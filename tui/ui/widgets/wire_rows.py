"""How the wire list draws a row: a group header, or an item's mark, urgency badge, headline and
columns. Apart from the list's scrolling and cursor (wire_list.py), which these lines do not touch."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual.color import Color
from textual.strip import Strip

from tui.core import story_view, urgency
from tui.core.compact import AGE_COLUMN, AGENCY_COLUMN, short_agency
from tui.core.grouping import Header
from tui.core.i18n import tr
from tui.core.items import Item
from tui.core.marks import Marks
from tui.core.timefmt import ago_short
from tui.ui.widgets.wire_lines import INDENT, split_title

if TYPE_CHECKING:
    from textual.app import App

UNREAD_MARK = "● "
READ_MARK = "  "
NEW_MARK = "+ "
STAR_MARK = "★ "
ALERT_MARK = "! "
# The "new" highlight: one style for each of the steps it fades through (tui.core.marks.FADE_STEPS).
NEW_STYLES = ("wire-list--new", "wire-list--new-fading", "wire-list--new-faint")
TITLE_MIN = 8  # below this the agency goes, so a title stays readable


class RowDrawing:
    """The row-drawing half of WireList; it reads the list's marks, language, clock and options."""

    marks: Marks
    lang: str
    clock: Callable[[], float]
    wrap: bool
    news: dict[str, int]
    if TYPE_CHECKING:  # the widget's own, from WireList's other base
        app: App[None]

        def get_component_rich_style(
            self, *names: str, partial: bool = False, default: Style | None = None
        ) -> Style: ...

    def _time_text(self, item: Item, now: float) -> tuple[str, int | None]:
        return ago_short(item.published, now, self.lang), self.marks.fade(item.id, now)

    def _header_style(self) -> Style:
        """The CSS header style, or the theme's solid bar (Theme.variables, see tui/ui/themes.py)."""
        style = self.get_component_rich_style("wire-list--header")
        variables = self.app.current_theme.variables
        foreground = variables.get("wire-header-foreground")
        background = variables.get("wire-header-background")
        return style + Style(
            color=Color.parse(foreground).rich_color if foreground else None,
            bgcolor=Color.parse(background).rich_color if background else None,
        )

    def _header_line(self, row: Header, width: int, selected: bool) -> Strip:
        style = self._header_style()
        if selected:
            style += self.get_component_rich_style("wire-list--cursor")
        counts = f"{row.count} · {row.unread} ●" if row.unread else f"{row.count}"
        label = f"{'▸ ' if row.collapsed else ' '}{row.group}  {counts}"
        if row.group in self.news:
            label += f"  +{self.news[row.group]}"
        return Strip([Segment(set_cell_size(label, width), style)], width)

    def _item_line(self, item: Item, width: int, selected: bool, drawn: tuple[str, int | None] | None = None,
                   part: int = 0) -> Strip:
        unread = story_view.unread(item, self.marks.read)
        age, fade = drawn or self._time_text(item, self.clock())
        base = self.get_component_rich_style("wire-list--unread" if unread else "wire-list--read")
        meta_style = self.get_component_rich_style("wire-list--meta")
        mark = UNREAD_MARK if unread else READ_MARK
        if fade is not None:
            mark = NEW_MARK
            band = self.get_component_rich_style(NEW_STYLES[fade])
            base, meta_style = base + band, meta_style + band
        if item.id in self.marks.starred:
            mark = STAR_MARK
        if item.id in self.marks.alerts:
            mark = ALERT_MARK
            base += self.get_component_rich_style("wire-list--alert")
        if selected:
            cursor = self.get_component_rich_style("wire-list--cursor")
            base, meta_style = base + cursor, meta_style + cursor
        meta = self._meta(item, age, width)
        marked = urgency.of(item)
        lead = [Segment(mark, base)]
        if marked.level is not None:
            # The marker becomes a badge and leaves the headline; the row takes the level's colour.
            if not selected:
                base += self.get_component_rich_style(f"wire-list--{marked.level}")
            badge = self.get_component_rich_style(f"wire-list--{marked.level}-badge")
            lead += [Segment(self._badge(marked.level), badge), Segment(" ", base)]
        room = max(0, self._title_room(width) - sum(segment.cell_length for segment in lead))
        title = marked.headline
        if self.wrap and cell_len(title) > room:  # the first line, or the rest under it
            first, rest = split_title(title, room)
            if part:
                return Strip([Segment(fit_title(INDENT + rest, width), base)], width)
            title = first
        segments = [*lead, Segment(fit_title(title, room), base), Segment(meta, meta_style)]
        return Strip(segments, width).crop_extend(0, width, base)

    def _badge(self, level: str) -> str:
        """The level's label, as wide as the widest, so the headlines after it line up."""
        labels = [tr(self.lang, name.upper()) for name in (urgency.FLASH, urgency.URGENT)]
        return f" {tr(self.lang, level.upper()):<{max(map(len, labels))}} "

    def _title_cells(self, item: Item) -> int:
        """The cells the mark, the badge and the headline take on one line."""
        marked = urgency.of(item)
        badge = len(self._badge(marked.level)) + 1 if marked.level is not None else 0
        return len(UNREAD_MARK) + badge + cell_len(marked.headline)

    @staticmethod
    def _meta(item: Item, age: str, width: int) -> str:
        """The short agency ("ANP+2") and age ("3m"), right-aligned columns that line up down the
        list and leave the headline the rest; the agency goes only when the title would all but vanish."""
        meta = f" {age:>{AGE_COLUMN}} "
        return f" {short_agency(item.agencies):>{AGENCY_COLUMN}}{meta}" if RowDrawing._with_agency(width) else meta

    @staticmethod
    def _with_agency(width: int) -> bool:
        return width - AGE_COLUMN - 2 - AGENCY_COLUMN - 1 - len(UNREAD_MARK) >= TITLE_MIN

    @staticmethod
    def _title_room(width: int) -> int:
        """The cells left for the mark and the headline in a row `width` wide."""
        return width - AGE_COLUMN - 2 - (AGENCY_COLUMN + 1 if RowDrawing._with_agency(width) else 0)


def fit_title(title: str, width: int) -> str:
    """The title in `width` cells: padded, or cut with "…" so a cut headline says so."""
    if cell_len(title) <= width:
        return set_cell_size(title, width)
    return set_cell_size(title, width - 1) + "…" if width > 0 else ""
