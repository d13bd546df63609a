"""Hostile text in feeds: titles that carry terminal escapes or Rich markup, and bodies that are
deep, huge or full of things that are never text."""

from __future__ import annotations

import re
from collections.abc import Mapping
from xml.sax.saxutils import escape

from tests.helpers.feeds import Entry, rfc822, rss
from tests.helpers.hostile_feeds import raw_item, raw_rss

# Every C0 control but tab and newline, DEL, and every C1 control.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# In a single-line field (title, id, link, feed name, error) tab and newline are junk too.
CONTROL_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f]")

MARKUP_TITLE = "[bold red]BREAKING[/] Markup is literal"
CLICK_TITLE = "[@click=app.quit]x[/] Click me"
LINK_TITLE = "[link=https://e.test/]link[/link] [reverse]rev[/]"
MARKUP_FEED_TITLE = "[blink]Hostile[/blink] wire"

TRUNCATION_NOTE = "Article cut"
BODY_START = "BODY-START"


# Hostile strings

# Only characters XML 1.0 allows: C1 controls and DEL are legal, so the strict parser reads them.
STRICT_CONTROL_TITLES = [
    "\x9b31mEight-bit CSI red",
    "\x9d0;pwned\x9c OSC by C1",
    "Next\x85line and \x7f delete",
    "&#x9b;31mCSI by reference",
    "&#155;1mCSI by decimal reference",
    "Tab\tand\nnewline in a title",
]
# feedparser reads C1 characters as windows-1252 would (0x9B '›', 0x9C 'œ'); the 0x9D left
# opens an OSC that nothing ends, so it goes alone, and the rest of its title stays as text.
STRICT_VISIBLE = ["Eight-bit CSI red", "line and delete", "31mCSI by reference",
                  "Tab and newline in a title", "OSC by C1"]
# Raw ESC, BEL and NUL are not XML: the document goes to feedparser's loose parser.
LOOSE_CONTROL_TITLES = [
    "\x1b]0;pwned\x07Title with an OSC",
    "&#x1b;[31mRed by reference",
    "&#27;[2JClear by reference",
    "\x1b[2J\x1b[HCleared screen",
    "Bell\x07 and NUL\x00 and BS\x08",
    "\x1bPdcs payload\x1b\\ after DCS",
]
LOOSE_VISIBLE = ["Title with an OSC", "Red by reference", "Clear by reference", "Cleared screen", "after DCS"]


def control_feed(now: float, *, loose: bool) -> bytes:
    titles = LOOSE_CONTROL_TITLES if loose else STRICT_CONTROL_TITLES
    tag = "loose" if loose else "strict"
    nasty = titles[0]
    items = [
        raw_item(title=t, guid=f"urn:ctl-{tag}:{n}{nasty if n == 0 else ''}",
                 link=f"https://hostile.test/{tag}/{n}{nasty if n == 1 else ''}", date=rfc822(now - 60 * (n + 1)),
                 description=escape(f"<p>KYIV (ANP) - {t} body {n}.</p><p>{nasty}</p>"))
        for n, t in enumerate(titles)
    ]
    return raw_rss(items, title=f"Control {tag} {nasty}").encode()


def markup_feed(now: float) -> bytes:
    return rss([
        Entry(MARKUP_TITLE, guid="urn:markup:bold", date=now - 60, body="<p>[bold]Body markup[/bold] stays too.</p>"),
        Entry(CLICK_TITLE, guid="urn:markup:click", date=now - 120, body="<p>[@click=app.quit]Body click[/]</p>"),
        Entry(LINK_TITLE, guid="urn:markup:link", date=now - 180),
        Entry("An ordinary neighbour", guid="urn:markup:plain", date=now - 240),
    ], title=MARKUP_FEED_TITLE)


# Bodies

DEEP = 5000


def deep_bodies() -> dict[str, str]:
    """5,000-deep nesting of block, inline and table elements (not lists; see deep_list_body)."""
    return {
        "div": "<div>" * DEEP + "deep div text" + "</div>" * DEEP,
        "blockquote": "<blockquote>" * DEEP + "deep quote text" + "</blockquote>" * DEEP,
        "inline": "<b><i>" * (DEEP // 2) + "deep inline text" + "</i></b>" * (DEEP // 2),
        "table": "<table><tr><td>" * (DEEP // 2) + "deep cell" + "</td></tr></table>" * (DEEP // 2),
        "unclosed": "<div><span><p>" * DEEP + "never closed",
    }


def deep_list_body() -> str:
    return "<ul><li>" * DEEP + "deep list text" + "</li></ul>" * DEEP


def huge_paragraph(size: int = 2 * 1024 * 1024) -> str:
    word = "wire "
    return "<p>" + word * (size // len(word)) + "</p>"


def many_blocks_bodies(count: int = 10_000) -> dict[str, str]:
    """Small blocks by the thousand: cheap as HTML, a widget each in the article pane."""
    return {
        "paragraphs": "<p>x</p>" * count,
        "list-items": "<ul>" + "<li>x" * count + "</ul>",
    }


def active_content_body() -> str:
    return (
        "<p>KYIV (ANP) - The visible lead.</p>"
        "<script>document.title='SCRIPT-PAYLOAD'</script>"
        "<style>body{display:none} /* STYLE-PAYLOAD */</style>"
        "<iframe src='https://evil.test/'>IFRAME-PAYLOAD</iframe>"
        "<form action='https://evil.test/'><input name=x value='FORM-PAYLOAD'><button>FORM-PAYLOAD</button></form>"
        "<SCRIPT type=text/javascript>alert('SCRIPT-PAYLOAD')</SCRIPT >"
        "<noscript>NOSCRIPT-PAYLOAD</noscript>"
        "<p>The visible end.</p>"
    )


ACTIVE_PAYLOADS = ["SCRIPT-PAYLOAD", "STYLE-PAYLOAD", "IFRAME-PAYLOAD", "FORM-PAYLOAD", "NOSCRIPT-PAYLOAD"]


def escape_ref_body() -> str:
    """Character references that decode to ESC/BEL only when the HTML is rendered: without the
    final ';' (HTML allows that) and one hidden inside another."""
    return ("<p>" + BODY_START + " &#27[31mRED&#27[0m plain &#x1b]0;pwned&#7 then "
            "&#x1&#x1b;b;[5mBLINK&#x1&#x1b;b;[0m end</p>")


def body_items() -> dict[str, str]:
    """Every hostile body of the corpus by name; the bodies feed serves them as `urn:body:NAME`."""
    return {
        "active": active_content_body(),
        **{f"deep-{k}": v for k, v in deep_bodies().items()},
        "huge-paragraph": huge_paragraph(),
        **{f"many-{k}": v for k, v in many_blocks_bodies().items()},
        "escape-refs": escape_ref_body(),
    }


def bodies_feed(now: float, bodies: Mapping[str, str], title: str = "Bodies wire") -> bytes:
    """One item per body, newest first in the order given; every body starts with BODY-START."""
    return rss([Entry(f"Body: {name}", guid=f"urn:body:{name}", date=now - 60 * (n + 1),
                      body=(f"<p>{BODY_START}</p>" + html) if not html.startswith("<p>" + BODY_START) else html)
                for n, (name, html) in enumerate(bodies.items())], title=title)


def huge_title_feed(now: float, size: int = 4 * 1024 * 1024) -> bytes:
    return rss([
        Entry("A normal headline", guid="urn:title:normal", date=now - 60, body=f"<p>{BODY_START}</p>"),
        Entry("huge " * (size // 5), guid="urn:title:huge", date=now - 120, body=f"<p>{BODY_START}</p>"),
        Entry("Another headline", guid="urn:title:after", date=now - 180, body=f"<p>{BODY_START}</p>"),
    ], title="Huge title wire")
