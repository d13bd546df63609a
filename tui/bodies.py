"""Feed HTML to the Markdown the article pane renders, bounded in size."""

from __future__ import annotations

import html2text

from tui.model import HIDDEN_ELEMENTS

MAX_HTML = 400_000  # characters of HTML converted; past that the body is cut with a note


def to_markdown(html: str) -> str:
    truncated = len(html) > MAX_HTML
    html = HIDDEN_ELEMENTS.sub("", html[:MAX_HTML])
    converter = html2text.HTML2Text()
    converter.body_width = 0
    converter.ignore_images = True
    converter.unicode_snob = True
    text = converter.handle(html).strip()
    if truncated:
        text += "\n\n*[Article cut: it is longer than wiredesk shows.]*"
    return text
