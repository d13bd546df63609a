"""The feed health screen (F): one row per feed."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Static

from tui.core.health import FeedHealth
from tui.core.i18n import tr
from tui.fetch.sources import local_path

COLUMNS = ("Feed", "Status", "Last ok", "Last error", "Items", "Next poll", "ETag")
# The columns that wrap, and their shares of the width the others leave: names and URLs
# are long, the rest are short words, counts and times that must stay whole.
FLEXIBLE = {"Feed": 2, "Last error": 1}
FLEXIBLE_MIN = 8


def when(epoch: float | None, lang: str = "en") -> str:
    if not epoch:
        return tr(lang, "never")
    moment = datetime.fromtimestamp(epoch)
    return moment.strftime("%H:%M:%S" if moment.date() == datetime.now().date() else "%m-%d %H:%M")


class HealthScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,F", "dismiss", "Close")]

    def __init__(self, health: FeedHealth, item_counts: dict[str, int], lang: str = "en") -> None:
        super().__init__()
        self.lang = lang
        self.health = health
        self.item_counts = item_counts
        self._laid_out_for = -1  # the table width the columns were sized for

    def compose(self) -> ComposeResult:
        with Vertical(id="health"):
            title = (f"Feeds: {len(self.health.feeds)}, {tr(self.lang, 'failing')}: {self.health.failing}  "
                     f"({tr(self.lang, 'Esc closes')})")
            yield Static(title, id="health-title")
            yield DataTable(id="health-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        self._fill()  # the rows at once; the columns fit the width once the table has one
        self.call_after_refresh(self._fill)

    def on_resize(self) -> None:
        self.call_after_refresh(self._fill)

    def _rows(self) -> list[tuple]:
        status_style = {"ok": "green", "failing": "bold red", "waiting": "yellow"}
        rows = []
        for state in self.health.feeds.values():
            # Feed text goes in as Text, so it can never be read as markup.
            name = Text(state.title or state.url)
            if state.moved_to:
                name.append(f"\n  {tr(self.lang, 'moved to')} {state.moved_to}", style="yellow")
            error = Text(f"{when(state.error_at, self.lang)} {state.last_error}" if state.last_error else "")
            if state.status != "failing":
                error.stylize("dim")  # over: the feed has answered since
            etag = tr(self.lang, "file" if local_path(state.url)
                      else {None: "?", True: "yes", False: "no"}[state.validators])
            rows.append((
                name,
                Text(tr(self.lang, state.status), style=status_style[state.status]),
                when(state.last_ok, self.lang),
                error,
                str(self.item_counts.get(state.url, 0)),
                when(state.next_poll, self.lang) if state.next_poll else "",
                etag,
            ))
        return rows

    def _fill(self) -> None:
        """Size the columns to the table: the short ones to their content, the rest shared out.

        Before the table is laid out (width 0), every column takes its content's width."""
        table = self.query_one(DataTable)
        width = max(0, table.size.width - table.styles.scrollbar_size_vertical)
        if width == self._laid_out_for:
            return
        self._laid_out_for = width
        rows = self._rows()
        widths: dict[str, int | None] = dict.fromkeys(COLUMNS)
        if width:
            for n, label in enumerate(COLUMNS):
                if label not in FLEXIBLE:
                    widths[label] = max([len(tr(self.lang, label)), *(Text(str(row[n])).cell_len for row in rows)])
            spare = width - sum(filter(None, widths.values())) - 2 * table.cell_padding * len(COLUMNS)
            shares = sum(FLEXIBLE.values())
            flexible = {label: max(FLEXIBLE_MIN, len(tr(self.lang, label)), spare * share // shares)
                        for label, share in FLEXIBLE.items()}
            # A least width can push the last column past the edge (a scrollbar leaves less): the widest gives it back.
            widest = max(flexible, key=flexible.__getitem__)
            flexible[widest] = max(FLEXIBLE_MIN, flexible[widest] - max(0, sum(flexible.values()) - spare))
            widths.update(flexible)
        cursor = table.cursor_row
        table.clear(columns=True)
        for label in COLUMNS:
            table.add_column(tr(self.lang, label), width=widths[label])
        for row in rows:
            table.add_row(*row, height=None)
        table.move_cursor(row=cursor)
