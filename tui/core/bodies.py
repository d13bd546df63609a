"""Feed HTML to the Markdown the article pane renders, bounded in size and time."""

from __future__ import annotations

import re

import html2text
from html2text.utils import escape_md_section

from tui.core.items import HIDDEN_ELEMENTS, clean_text

MAX_HTML = 400_000  # characters of HTML converted; past that the body is cut with a note
MAX_DEPTH = 24  # nesting of blocks kept; html2text indents each level, so its output grows with depth²
_NESTING = re.compile(r"<(/?)(ul|ol|blockquote|div|table|dl|li)\b[^>]*>", re.I)
_SPACE_RUN = re.compile(r"[ \t]{64,}")
# Textual's Markdown builds a widget per block on the event loop: about 3 ms a paragraph
# and 13 ms a list item here, so 10,000 tiny paragraphs froze the desk for a minute.
# A long real article has under a hundred blocks.
MAX_BLOCKS = 150
LIST_ITEM_COST = 4
_LIST_ITEM = re.compile(r"\s*(?:[*+-]|\d+\.)\s")
CUT_NOTE = "\n\n*[Article cut: it is longer than wiredesk shows.]*"
# Characters of the feed's text that Markdown would act on, beyond the backslashes and
# line starts html2text escapes: emphasis, code, links, headings, inline HTML,
# strikethrough, tables, character references. Parentheses are safe once [ ] are escaped,
# and escaping them would put a backslash into a URL the article pane links.
_MARKDOWN_CHARS = re.compile(r"(\\(?=[<>~|&])|[`*_{}\[\]#!<>~|&])")


class _LiteralText(html2text.HTML2Text):
    """The feed's words stay words: ``*x*``, ``# x`` or ``&lt;b&gt;`` in its text never format."""

    def handle_data(self, data: str, entity_char: bool = False) -> None:
        if data and not self.code and not self.pre:
            # Characters from references (&#42;, &lt;) come in as entity_char, which
            # html2text would not escape at all; everything is escaped here, once.
            data = _MARKDOWN_CHARS.sub(r"\\\1", escape_md_section(data))
            entity_char = True
        super().handle_data(data, entity_char)


def _flatten(html: str) -> str:
    """Drop the block tags nested deeper than MAX_DEPTH; their text stays."""
    depth = 0

    def keep(match: re.Match[str]) -> str:
        nonlocal depth
        if match.group(2).lower() == "li":  # items don't nest by themselves, and are often left open
            return match.group(0) if depth <= MAX_DEPTH else ""
        if match.group(1):
            depth = max(depth - 1, 0)
            return match.group(0) if depth < MAX_DEPTH else ""
        depth += 1
        return match.group(0) if depth <= MAX_DEPTH else ""

    return _NESTING.sub(keep, html)


def to_markdown(html: str) -> str:
    truncated = len(html) > MAX_HTML
    html = _flatten(HIDDEN_ELEMENTS.sub("", html[:MAX_HTML]))
    converter = _LiteralText()
    converter.body_width = 0
    converter.ignore_images = True
    converter.unicode_snob = True
    text = _SPACE_RUN.sub(" ", converter.handle(html).strip())
    if len(text) > MAX_HTML:
        text, truncated = text[:MAX_HTML], True
    text, cut = _within_blocks(text)
    if truncated or cut:
        text += CUT_NOTE
    # html2text decodes references such as "&#27[31m" (no ';') into real control characters.
    return clean_text(text, multiline=True)


def _within_blocks(text: str) -> tuple[str, bool]:
    """The Markdown up to MAX_BLOCKS blocks' worth of widgets, and whether any was cut."""
    spent = 0
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if line.strip():
            spent += LIST_ITEM_COST if _LIST_ITEM.match(line) else 1
            if spent > MAX_BLOCKS:
                return "\n".join(lines[:n]).rstrip(), True
    return text, False
