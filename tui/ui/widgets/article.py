"""The article pane: a literal-text header and the body rendered as Markdown."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown, Static

from tui.core.i18n import tr
from tui.core.items import Item
from tui.core.timefmt import absolute, ago_long


def header_text(item: Item, now: float, lang: str = "en", mark: str = "", also: str = "") -> Text:
    """Feed strings go in as plain Text, so "[bold]" in a title stays literal. `mark`: the item's version
    ("updated", "correction"), a word of its own after the headline; `also`: its story's other carriers."""
    text = Text()
    text.append(item.title, style="bold")
    if mark:
        text.append("  ")
        text.append(f" {tr(lang, mark)} ", style="bold reverse")
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
    if also:
        text.append("\n")
        text.append(also, style="dim")
    return text


class ArticleView(VerticalScroll, can_focus=True):
    _age = ""  # the relative time the header shows, so a tick redraws it only when it changes
    item: Item | None = None  # the item shown: the one under the cursor, or another carrier of its story
    _note = ("", "")  # the shown item's version mark and its story's other carriers

    def compose(self) -> ComposeResult:
        yield Static(id="article-head")
        yield Markdown(id="article-body")

    def show(self, item: Item | None, now: float, lang: str = "en", note: str = "",
             story: tuple[str, str] = ("", "")) -> None:
        """The item, or when there is none a note (a folded group) or a placeholder; `story`: header_text's
        mark and also."""
        self.item, self._note = item, story
        head = self.query_one("#article-head", Static)
        head.update(header_text(item, now, lang, *story) if item else
                    Text(note or tr(lang, "No item selected."), style="dim"))
        self._age = ago_long(item.published, now, lang) if item else ""
        self.query_one("#article-body", Markdown).update("")
        self.scroll_home(animate=False)

    def restory(self, story: tuple[str, str], now: float, lang: str = "en") -> None:
        """The shown item's mark and carriers as its story has them now (a carrier joined, a version came);
        the body and scroll stay."""
        if self.item is not None and story != self._note:
            self._note = story
            self.query_one("#article-head", Static).update(header_text(self.item, now, lang, *story))

    def retime(self, now: float, lang: str = "en") -> None:
        """"3 minutes ago" moves on while the article is open; the body and scroll stay."""
        if self.item is None:
            return
        age = ago_long(self.item.published, now, lang)
        if age != self._age:
            self._age = age
            self.query_one("#article-head", Static).update(header_text(self.item, now, lang, *self._note))

    async def show_body(self, markdown: str) -> None:
        await self.query_one("#article-body", Markdown).update(markdown)
