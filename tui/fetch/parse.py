"""Feed bytes to items, with feedparser. Runs in a worker thread, never on the event loop."""

from __future__ import annotations

import calendar
import codecs

import feedparser

from tui.core import dateline, urgency
from tui.core.items import Item, ParsedFeed, clean_text, html_to_text, local_id, scoped_id

SUMMARY_CHARS = 280
TITLE_CHARS = 1000  # a title is a line; a 4 MB one must not freeze the article header


def _entry_html(entry) -> str:
    for content in entry.get("content") or ():
        if content.get("value"):
            return content["value"]
    return entry.get("summary") or entry.get("description") or ""


def _feed_urgency(entry) -> str:
    """An IPTC/ninjs urgency element (feedparser names it `urgency` or `PREFIX_urgency`) or a category."""
    values = [value for key, value in entry.items() if key == "urgency" or key.endswith("_urgency")]
    terms = [clean_text(tag.get(key)) for tag in entry.get("tags") or () for key in ("term", "label")
             if tag.get(key)]
    return urgency.from_feed(values, terms)


# Before this no feed existed: 1900-01-01 or 0001-01-01 is a placeholder, not a date,
# and taken as one it would be pruned in the fetch that brought it.
EARLIEST = float(calendar.timegm((1990, 1, 1, 0, 0, 0)))


def _entry_time(entry) -> float | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        parsed = entry.get(key)
        if parsed:
            try:
                stamp = float(calendar.timegm(parsed))
            except (ValueError, OverflowError):
                continue  # a zero date ('0000-00-00') is year -1: no date at all
            if stamp >= EARLIEST:
                return stamp
    return None


def _charset_headers(content: bytes, charset: str | None) -> dict | None:
    """The server's charset for feedparser, where it is the one to believe.

    Bytes that are valid UTF-8 are UTF-8 whatever a server says (a default latin-1
    header on a UTF-8 feed is the common lie); otherwise the header, if it decodes
    them, beats the XML declaration, as RFC 3023 has it."""
    if not charset:
        return None
    try:
        if codecs.lookup(charset).name == "iso8859-1":
            charset = "windows-1252"  # as browsers read it: the curly quotes are text, not C1 codes
        content.decode("utf-8")
    except LookupError:
        return None
    except UnicodeDecodeError:
        try:
            content.decode(charset)
        except (UnicodeDecodeError, LookupError):
            return None  # the header lies too: feedparser sniffs the declaration and the bytes
        return {"content-type": f"application/xml; charset={charset}"}
    return None


def parse_feed(
    content: bytes, url: str, fetched_at: float, name: str | None = None, charset: str | None = None
) -> ParsedFeed:
    """`charset`: what the server's Content-Type named, if anything."""
    # Sanitizing and URI resolution are most of feedparser's cost; the body
    # shown is made safe when it is rendered (see tui.core.bodies).
    parsed = feedparser.parse(content, sanitize_html=False, resolve_relative_uris=False,
                              response_headers=_charset_headers(content, charset))
    feed_title = clean_text(name or parsed.feed.get("title") or url)[:TITLE_CHARS]
    result = ParsedFeed(title=feed_title)
    if not parsed.entries and (parsed.get("bozo") or not parsed.get("version")):
        # A login page, an empty body or junk: no entries and no feed format recognised.
        exc = parsed.get("bozo_exception")
        result.error = f"not a feed ({clean_text(str(exc)) if exc else 'no RSS or Atom found'})"
        return result
    kept: dict[str, Item] = {}
    for entry in parsed.entries:
        body = clean_text(_entry_html(entry), multiline=True)
        given_title = clean_text(entry.get("title"))[:TITLE_CHARS]
        title = given_title or "(untitled)"
        link = clean_text(entry.get("link"))
        published = _entry_time(entry)
        date = entry.get("published") or entry.get("updated")
        local = clean_text(local_id(entry.get("id"), link, given_title, date, body))
        iid = scoped_id(url, local)  # `url` is the feed as configured: a moved feed keeps its ids
        # A date from the future is clamped to the time it was fetched and, like a
        # missing one, is not a real date: the store keeps the first fetch's time.
        stamp = min(published, fetched_at) if published is not None else fetched_at
        kept_copy = kept.get(iid)
        if kept_copy is not None and kept_copy.published >= stamp:
            continue  # one GUID twice: the newest copy stands, in whatever order the feed lists them
        text = html_to_text(body[:2000])
        found = dateline.find(text, title)
        kept[iid] = Item(
            id=iid,
            feed=feed_title,
            feed_url=url,
            title=title,
            link=link,
            published=stamp,
            dated=published is not None and published <= fetched_at,
            seen=fetched_at,
            summary=" ".join(text[: SUMMARY_CHARS * 3].split())[:SUMMARY_CHARS],
            places=found.places if found else (),
            agencies=found.agencies if found else (),
            feed_urgency=_feed_urgency(entry),
        )
        result.bodies[iid] = body
        result.guids[iid] = local
    result.items = list(kept.values())
    return result

