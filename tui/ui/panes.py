"""Which panes the desk shows: the list beside the article, or in a narrow terminal one at a time.

At 80 columns and below, or in a tall narrow pane (tui.core.layout.is_narrow), the list takes the
whole width; Enter (or tab) opens the article in its place and Esc (or tab) goes back to the list,
as mail clients do. j and k still move through the list while the article is open.
"""

from __future__ import annotations

from textual.screen import Screen

from tui.core.layout import is_narrow
from tui.ui.widgets.article import ArticleView
from tui.ui.widgets.wire_list import WireList


class Panes:
    """The layout of one screen's list and article, refitted on every resize."""

    def __init__(self, screen: Screen[None]) -> None:
        self.screen = screen
        self.narrow = False
        self.reading = False  # narrow only: the article is open in the list's place

    @property
    def wire(self) -> WireList:
        return self.screen.query_one(WireList)

    @property
    def article(self) -> ArticleView:
        return self.screen.query_one(ArticleView)

    @property
    def article_shown(self) -> bool:
        return not self.narrow or self.reading

    def fit(self) -> None:
        """Two panes or one, for the screen's size now; the list keeps its share of a wide screen."""
        size = self.screen.size
        self.narrow = is_narrow(size.width, size.height)
        self.reading = self.reading and self.narrow
        self.screen.set_class(self.narrow, "-narrow")
        if self.narrow:
            self.wire.styles.width = "1fr"
        else:
            self.wire.fit_width()
        self._show()

    def open_article(self) -> None:
        """The article in view: in the list's place when narrow, the focused pane otherwise."""
        self.reading = self.narrow
        self._show()
        self.article.focus()

    def back_to_list(self) -> bool:
        """From the article back to the list; False when the list was in view already."""
        if not self.reading:
            return False
        self.reading = False
        self._show()
        self.wire.focus()
        return True

    def _show(self) -> None:
        self.screen.refresh_bindings()  # Esc's footer entry shows while the article is in the list's place
        reading = self.narrow and self.reading
        self.wire.display = not reading
        self.article.display = reading or not self.narrow
        focused = self.screen.focused
        if reading and focused is self.wire:
            self.article.focus()
        elif not self.article.display and focused is self.article:
            self.wire.focus()
