"""The article pane: a literal-text header and the body rendered as Markdown."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from tui.core.i18n import tr
from tui.core.items import Item
from tui.core.timefmt import absolute, ago_long


def header_text(item: Item, now: float, lang: str = "en") -> Text:
    """Feed strings go in as plain Text, so "[bold]" in a title stays literal."""
    text = Text()
    text.append(item.title, style="bold")
    text.append("\n")
    if item.places:
        dateline = "/".join(item.places)
        if item.agencies:
            dateline += f" ({'/'.join(item.agencies)})"
        text.append(dateline, style="bold")
        text.append("  ")
    text.append(f"{absolute(item.published, lang)} · {ago_long(item.published, now, lang)}", style="dim")
    text.append("\n")
    text.append(item.feed, style="italic")
    if item.link:
        text.append("  ")
        text.append(item.link, style="underline")
    return text


class ArticleView(VerticalScroll, can_focus=True):
    _age = ""  # the relative time the header shows, so a tick redraws it only when it changes

    def compose(self) -> ComposeResult:
        yield Static(id="article-head")
        yield Markdown(id="article-body")

    def show(self, item: Item | None, now: float, lang: str = "en", note: str = "") -> None:
        """The item, or when there is none a note (a folded group) or a placeholder."""
        head = self.query_one("#article-head", Static)
        head.update(header_text(item, now, lang) if item else Text(note or tr(lang, "No item selected."), style="dim"))
        self._age = ago_long(item.published, now, lang) if item else ""
        self.query_one("#article-body", Markdown).update("")
        self.scroll_home(animate=False)

    def retime(self, item: Item, now: float, lang: str = "en") -> None:
        """"3 minutes ago" moves on while the article is open; the body and scroll stay."""
        age = ago_long(item.published, now, lang)
        if age != self._age:
            self._age = age
            self.query_one("#article-head", Static).update(header_text(item, now, lang))

    async def show_body(self, markdown: str) -> None:
        await self.query_one("#article-body", Markdown).update(markdown)
