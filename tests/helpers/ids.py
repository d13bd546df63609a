"""Item ids as the cache gives them, and caches written in the format before ids were scoped.

An item's id is its own id in its feed (GUID, else link) scoped to the feed's configured URL:
`entry_id(entry, url)` is the one honest way for a test to know it. `write_format1` writes the
files of a cache as wiredesk kept them before (no format.json, every file keyed by the bare
GUID), for the upgrade tests: the bytes on disk, not whatever today's code would write."""

from __future__ import annotations

import hashlib
import zlib
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

import orjson

from tests.helpers.feeds import Entry, rss
from tui.core.items import local_id, scoped_id
from tui.fetch.parse import parse_feed


def entry_id(entry: Entry, feed_url: str) -> str:
    """The cache's id for `entry` as carried by the feed configured as `feed_url`."""
    assert entry.guid or entry.link, "an item known only by a hash: compute its local_id from the feed's date text"
    return scoped_id(feed_url, local_id(entry.guid, entry.link, entry.title or "", None))


def entry_ids(entries: Iterable[Entry], feed_url: str) -> list[str]:
    return [entry_id(entry, feed_url) for entry in entries]


def ids_of(feed_url: str, *guids: str) -> list[str]:
    """The cache's ids for the items with these GUIDs in the feed configured as `feed_url`."""
    return [scoped_id(feed_url, guid) for guid in guids]


def write_format1(
    data_dir: Path,
    feeds: Mapping[str, list[Entry]],
    fetched_at: float,
    *,
    read: Iterable[str] = (),
    starred: Iterable[str] = (),
    alerts: Mapping[str, str] | None = None,
    pruned: Mapping[str, tuple[str, float]] | None = None,
) -> None:
    """A cache in format 1 holding `feeds` (URL -> entries); marks and `pruned` (GUID -> (day, when)
    its tombstone says) are given by GUID. As the old store did, a later feed's item replaced an
    earlier one's of the same GUID."""
    rows: dict[str, dict] = {}
    bodies: dict[str, str] = {}
    for url, entries in feeds.items():
        parsed = parse_feed(rss(entries), url, fetched_at)
        for item in parsed.items:
            guid = parsed.guids[item.id]
            row = item.to_row()
            body = parsed.bodies[item.id]
            row["id"], row["day"] = guid, _day(item.published)
            row["body_hash"] = hashlib.blake2b(body.encode(), digest_size=8).hexdigest()
            old_day = rows.pop(guid, {}).get("day")
            if old_day:  # the old store kept an id on the day it first had
                row["day"] = old_day
            rows[guid], bodies[guid] = row, body
    for kind in ("items", "bodies", "ids"):
        (data_dir / kind).mkdir(parents=True, exist_ok=True)
    by_day: dict[str, dict[str, dict]] = {}
    for guid, row in rows.items():
        by_day.setdefault(row["day"], {})[guid] = row
    shards: dict[int, dict[str, dict]] = {}
    for day, day_rows in by_day.items():
        _write(data_dir / "items" / f"{day}.json", {"items": day_rows})
        _write(data_dir / "bodies" / f"{day}.json", {"bodies": {g: {"html": bodies[g]} for g in day_rows}})
        for guid in day_rows:
            shards.setdefault(zlib.crc32(guid.encode()) % 16, {})[guid] = {"day": day}
    for guid, (day, when) in (pruned or {}).items():
        shards.setdefault(zlib.crc32(guid.encode()) % 16, {})[guid] = {"day": day, "gone": when}
    for shard, docs in shards.items():
        _write(data_dir / "ids" / f"{shard:x}.json", {"ids": docs})
    state = {
        "read": {g: {"at": fetched_at} for g in read},
        "starred": {g: {"at": fetched_at} for g in starred},
        "alerts": {g: {"word": word, "at": fetched_at} for g, word in (alerts or {}).items()},
        "settings": {"desk": {"theme": "paper"}},
    }
    _write(data_dir / "state.json", state)


def _day(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")


def _write(path: Path, tables: dict) -> None:
    path.write_bytes(orjson.dumps(tables))
