"""An item as a Markdown document, for `e` in the desk and `wiredesk export`."""

from __future__ import annotations

import re

from tui.core.bodies import to_markdown
from tui.core.fulltext import FullText, full_text_markdown
from tui.core.items import Item
from tui.core.timefmt import iso


def item_markdown(item: Item, html: str, full_text: FullText | None = None) -> str:
    """The item with its body, or the article fetched behind its link when there is one."""
    dateline = "/".join(item.places)
    if item.agencies:
        dateline += f" ({'/'.join(item.agencies)})"
    lines = [f"# {item.title}", ""]
    if dateline:
        lines.append(f"**{dateline.strip()}**  ")
    lines.append(f"{iso(item.published)} · {item.feed}  ")
    if item.link:
        lines.append(f"<{item.link}>")
    body = full_text_markdown(full_text) if full_text is not None and full_text.ok else to_markdown(html)
    lines += ["", body, ""]
    return "\n".join(lines)


def export_name(item: Item) -> str:
    slug = re.sub(r"[^\w]+", "-", item.title.casefold()).strip("-")[:60] or "item"
    return f"wiredesk-{slug}.md"
