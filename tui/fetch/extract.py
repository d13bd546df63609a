"""An article page to the text of its article: cleaned, bounded, and extracted by trafilatura.

Pages are hostile like feeds. Before trafilatura sees one, escape sequences and control
characters go (`clean_text`), a huge page is cut, a page nested deeper than any article is cut
where it gets too deep, and lxml drops what is never article text: scripts, styles, frames,
forms, embedded objects, AMP furniture, and blocks whose class or id names them as ads, share
buttons, cookie banners, comments, "read also" boxes or paywall prompts. trafilatura then finds
the article; its HTML keeps paragraphs, subheads, lists, quotes and tables, and every attribute
is stripped from it, so no event handler or link scheme survives into the cache.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura
from lxml import etree
from lxml import html as lxml_html

from tui.core.fulltext import NOTE_DEEP, NOTE_HUGE, NOTE_PAYWALL
from tui.core.items import clean_text

MAX_PAGE_CHARS = 2_000_000  # of HTML given to the extractor; a real article page is well under 1 MB
MAX_NESTING = 180  # open elements at once; article pages stay under 60, libxml2 gives up past 255
DROP_TAGS = (
    "script", "style", "iframe", "frame", "frameset", "form", "noscript", "object", "embed", "template",
    "svg", "canvas", "button", "input", "select", "textarea", "nav", "footer", "dialog",
    "amp-ad", "amp-sidebar", "amp-consent", "amp-social-share", "amp-analytics", "amp-sticky-ad",
)
# Class or id words of page furniture, matched whole between - and _ (so "shared" or "header" are not).
FURNITURE = frozenset({
    "ad", "ads", "advert", "advertisement", "adslot", "sponsor", "sponsored", "promo", "share", "sharing",
    "social", "cookie", "cookies", "consent", "gdpr", "newsletter", "paywall", "regwall", "subscribe",
    "related", "relatedposts", "comments", "comment", "respond", "reactions", "sidebar", "breadcrumb",
    "breadcrumbs", "popup", "modal", "outbrain", "taboola", "trending", "mostread", "recommended",
})
_PAYWALL_MARK = re.compile(
    r"""isAccessibleForFree["']?\s*:\s*["']?false|class=["'][^"']*\b(?:paywall|paywalled|regwall)""", re.I
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9:-]*)[^>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "p", "li", "td", "th", "tr", "option", "dt", "dd"})  # void, or often left open
_WORDS = re.compile(r"[-_\s]+")
_ATTRIBUTES = re.compile(r"<([a-zA-Z][a-zA-Z0-9]*)\s[^>]*>")


@dataclass(frozen=True)
class Extracted:
    """The article as HTML (no attributes, no scripts), and one-line notes on what was cut or missing."""

    html: str
    notes: tuple[str, ...] = ()


def extract_page(page: str, url: str = "") -> Extracted:
    notes: list[str] = []
    if len(page) > MAX_PAGE_CHARS:
        page = page[:MAX_PAGE_CHARS]
        notes.append(NOTE_HUGE)
    page = clean_text(page, multiline=True)
    page, deep = cut_deep(page, MAX_NESTING)
    if deep:
        notes.append(NOTE_DEEP)
    paywalled = bool(_PAYWALL_MARK.search(page))
    tree = _clean_tree(page)
    found = ""
    if tree is not None:
        found = trafilatura.extract(
            tree, url=url or None, output_format="html", include_tables=True, include_comments=False,
            include_formatting=True, include_links=False, include_images=False,
        ) or ""
    article = _ATTRIBUTES.sub(r"<\1>", _body_of(found))
    if paywalled:
        notes.append(NOTE_PAYWALL)
    return Extracted(article, tuple(notes))


def cut_deep(page: str, limit: int) -> tuple[str, bool]:
    """The page up to where more than `limit` elements are open at once, and whether it was cut.

    A rough count (void and often-unclosed tags are not counted), but enough to stop a page
    that nests thousands deep before a parser or an extractor recurses through it."""
    depth = 0
    for match in _TAG.finditer(page):
        closing, name, selfclosing = match.groups()
        if selfclosing or name.lower() in _VOID:
            continue
        if closing:
            depth = max(depth - 1, 0)
        else:
            depth += 1
            if depth > limit:
                return page[: match.start()], True
    return page, False


def _clean_tree(page: str) -> etree._Element | None:
    try:
        tree = lxml_html.document_fromstring(page)
    except (etree.ParserError, ValueError):
        return None
    doomed = [el for el in tree.iter() if _furniture(el)]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()
    for el in tree.iter():
        for name in [n for n in el.attrib if n.lower().startswith("on")]:
            del el.attrib[name]  # event handlers, whatever the extractor does with attributes
    return tree


def _furniture(el: etree._Element) -> bool:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag.lower() in DROP_TAGS or not tag:  # comments and processing instructions too
        return el.getparent() is not None
    if tag.lower() in ("html", "body", "main", "article"):
        return False
    words = _WORDS.split(f"{el.get('class', '')} {el.get('id', '')}".lower())
    return any(word in FURNITURE for word in words)


def _body_of(found: str) -> str:
    """trafilatura's document without its <html><body> wrapper."""
    start, end = found.find("<body>"), found.rfind("</body>")
    if start < 0 or end < 0:
        return found.strip()
    return found[start + len("<body>") : end].strip()

