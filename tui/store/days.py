"""The day files: items/YYYY-MM-DD.json (what the list needs), bodies/YYYY-MM-DD.json (item HTML) and
fulltext/YYYY-MM-DD.json (the articles fetched behind the items' links, tui.core.fulltext.FullText records).

An item's day is the UTC day it was first published; it never moves, so a poll rewrites only
the day files its items live in (usually today's)."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from tui.core.items import Item, html_to_text
from tui.store.files import Docs, Files


def day_of(epoch: float) -> str:
    return _day_name(int(epoch // 86400))


@lru_cache(maxsize=4096)
def _day_name(day_number: int) -> str:
    return datetime.fromtimestamp(day_number * 86400, UTC).strftime("%Y-%m-%d")


class DayFiles:
    def __init__(self, files: Files) -> None:
        self._files = files

    def path(self, kind: str, day: str) -> Path:
        return self._files.root / kind / f"{day}.json"

    def days(self) -> list[str]:
        """Days with items, newest first."""
        return sorted((p.stem for p in (self._files.root / "items").glob("*.json")), reverse=True)

    def rows(self, day: str) -> Docs:
        return self._files.table(self.path("items", day), "items")

    def body(self, day: str, item_id: str) -> str:
        # Read afresh each time (some 6 ms for a day of 1,700 bodies, in a worker): a day's bodies kept
        # decoded are 4 MB, and a reader going through a week would hold eight of them.
        body: str = self._files.table(self.path("bodies", day), "bodies").get(item_id, {}).get("html", "")
        return body

    def full_text(self, day: str, item_id: str) -> dict[str, Any] | None:
        return self._files.table(self.path("fulltext", day), "fulltext").get(item_id)

    def full_text_ids(self, day: str) -> set[str]:
        return set(self._files.table(self.path("fulltext", day), "fulltext"))

    def save_full_text(self, day: str, item_id: str, record: dict[str, Any]) -> None:
        """Only under the write lock."""
        path = self.path("fulltext", day)
        texts = self._files.table(path, "fulltext")
        texts[item_id] = record
        self._files.put(path, "fulltext", texts)

    def search(self, words: list[str], cancelled: Callable[[], bool], titles: Mapping[str, str]) -> set[str]:
        """Ids whose article text holds every one of `words` (casefolded), newest day first, until cancelled.

        The text, not the HTML: a word in a tag or a link's address is no match. Day by day and
        uncached, so a search over a large cache never holds every body at once."""
        found: set[str] = set()
        # A fetched full text is searched beside the feed's body (the same day's file of each kind).
        paths = [p for kind in ("bodies", "fulltext") for p in (self._files.root / kind).glob("*.json")]
        for path in sorted(paths, key=lambda p: (p.stem, p.parent.name), reverse=True):
            if cancelled():
                break
            for item_id, body in self._files.table(path, path.parent.name).items():
                title = titles.get(item_id, "")
                missing = [word for word in words if word not in title]
                page = html.unescape(body.get("html", "")).casefold()
                # The page holds all the text, so most bodies are ruled out before the costly strip
                # (0.5 s instead of 1.7 s for 50k bodies); only a word split by a tag, a drop
                # capital say, slips through.
                if all(word in page for word in missing):
                    text = html_to_text(body["html"]).casefold()
                    if all(word in text for word in missing):
                        found.add(item_id)
        return found

    def upsert(self, day: str, entries: list[tuple[Item, str, str]], stored: dict[str, Item], new: set[str]) -> None:
        """Upsert one day's items (each with its HTML and its local id), writing each file only if it changed.

        Fills `stored` with every item as stored, and `new` with the ids this day file lacked."""
        index_path, bodies_path = self.path("items", day), self.path("bodies", day)
        # Read once and written back whole: a poll's day files are megabytes, and each parse of them
        # is a transient the heap keeps (bench/soak.py).
        index_tables = self._files.tables(index_path)
        rows = index_tables.get("items", {})
        # A bodies file moved aside as damaged is refilled from the items feeds still carry.
        refill = bool(rows) and not bodies_path.exists()
        fresh_bodies: dict[str, str] = {}
        changed = False
        for item, body, guid in entries:
            row = item.to_row()
            row["day"] = day
            row["guid"] = guid  # on disk only: the id is scoped, the feed's own id stays known
            row["body_hash"] = hashlib.blake2b(body.encode(), digest_size=8).hexdigest()
            old = rows.get(item.id)
            if old is None:
                new.add(item.id)
            else:
                # First sight stands: an undated item keeps the time it was first seen.
                row["seen"] = item.seen = old["seen"]
                if not item.dated:
                    row["published"] = item.published = old["published"]
            if row != old:
                rows[item.id] = row
                changed = True
            if refill or old is None or old.get("body_hash") != row["body_hash"]:
                fresh_bodies[item.id] = body
            item.day = day  # the incoming record, now equal to its row: no second Item built
            stored[item.id] = item
        if fresh_bodies:
            bodies_tables = self._files.tables(bodies_path)
            bodies = bodies_tables.get("bodies", {})
            bodies.update({iid: {"html": page} for iid, page in fresh_bodies.items()})
            self._files.put(bodies_path, "bodies", bodies, bodies_tables)
        if changed:
            self._files.put(index_path, "items", rows, index_tables)

    def drop(self, doomed: Iterable[str], rows_by_day: Mapping[str, Docs]) -> None:
        """Remove these items (and their bodies) from the given days; a day left empty loses its files."""
        gone = set(doomed)
        for day, rows in rows_by_day.items():
            kept = {i: r for i, r in rows.items() if i not in gone}
            bodies_path, texts_path = self.path("bodies", day), self.path("fulltext", day)
            bodies = {i: b for i, b in self._files.table(bodies_path, "bodies").items() if i not in gone}
            texts = self._files.table(texts_path, "fulltext")
            if kept:
                self._files.put(self.path("items", day), "items", kept)
                self._files.put(bodies_path, "bodies", bodies)
                if gone.intersection(texts):
                    self._files.put(texts_path, "fulltext", {i: t for i, t in texts.items() if i not in gone})
            else:
                for kind in ("items", "bodies", "fulltext"):
                    self.path(kind, day).unlink(missing_ok=True)
