"""The cache: TinyDB files in the data directory, written atomically.

Layout (each file a TinyDB database whose document ids are our item ids):
- index.json            table "items": what the list needs of every item
- ids.json              table "ids": item id -> day, small, so that a lookup by
                        id (mark read, open a body) never parses the index
- bodies/YYYY-MM-DD.json table "bodies": item HTML, one file per day
- state.json            table "read": read marks, apart from the items, so
                        that marking an item read rewrites only this file
- feeds.json            table "feeds": validators and health per feed URL

Writers take a lock file and read-modify-write, so the TUI and a headless
command (`wiredesk read ID`) never overwrite each other's marks.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from tui.model import Item, ParsedFeed

DECODED_FILES = 8  # cache files kept decoded for the article pane


class StoreError(Exception):
    """A cache problem worth one clear line to the user."""


def atomic_write(path: Path, data: bytes) -> None:
    """Temp file, fsync, rename, fsync the directory: a kill leaves old or new, never half."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class AtomicJSONStorage(Storage):
    """TinyDB storage: orjson, whole-file atomic writes, corrupt files moved aside."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.moved_aside: Path | None = None

    def read(self) -> dict | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not data:
            return None
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
            self.moved_aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
            os.replace(self.path, self.moved_aside)
            return None

    def write(self, data: dict) -> None:
        atomic_write(self.path, orjson.dumps(data))

    def close(self) -> None:
        pass


class _StrIdTable(Table):
    # Our ids are GUIDs and links, so document ids are strings.
    document_id_class = str


class _Database(TinyDB):
    table_class = _StrIdTable


def _day(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%d")


class Store:
    def __init__(self, data_dir: Path | str) -> None:
        self.dir = Path(data_dir)
        try:
            (self.dir / "bodies").mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create data directory {self.dir}: {exc.strerror}") from None
        self._index = self._open(self.dir / "index.json")
        self._ids = self._open(self.dir / "ids.json")
        self._state = self._open(self.dir / "state.json")
        self._feeds = self._open(self.dir / "feeds.json")
        self._decoded: dict[Path, tuple[int, dict]] = {}
        self._thread_lock = threading.Lock()

    @staticmethod
    def _open(path: Path) -> TinyDB:
        return _Database(path, storage=AtomicJSONStorage)

    @property
    def moved_aside(self) -> list[Path]:
        return [p for db in (self._index, self._ids, self._state, self._feeds) if (p := db.storage.moved_aside)]

    @contextmanager
    def _writing(self) -> Iterator[None]:
        with self._thread_lock, open(self.dir / ".lock", "a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            yield

    @staticmethod
    def _table(db: TinyDB, name: str) -> dict[str, dict]:
        return (db.storage.read() or {}).get(name, {})

    @staticmethod
    def _put(db: TinyDB, name: str, table: dict[str, dict]) -> None:
        tables = db.storage.read() or {}
        tables[name] = table
        db.storage.write(tables)

    # Reading

    def items(self) -> list[Item]:
        return [Item.from_row(row) for row in self._table(self._index, "items").values()]

    def read_ids(self) -> set[str]:
        return set(self._table(self._state, "read"))

    def known(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids are cached; reads the small id file, not the index."""
        table = self._table(self._ids, "ids")
        return {i for i in ids if i in table}

    def body(self, item_id: str) -> str:
        entry = self._cached(self._ids, "ids").get(item_id)
        if entry is None:
            return ""
        return self._day_bodies(entry["day"]).get(item_id, {}).get("html", "")

    def _day_bodies(self, day: str) -> dict[str, dict]:
        return self._cached(self._open(self.dir / "bodies" / f"{day}.json"), "bodies")

    def _cached(self, db: TinyDB, name: str) -> dict[str, dict]:
        """A table kept decoded while its file is unchanged: opening article after article stays cheap."""
        path = db.storage.path
        try:
            mtime = path.stat().st_mtime_ns
        except FileNotFoundError:
            return {}
        hit = self._decoded.get(path)
        if hit and hit[0] == mtime:
            return hit[1]
        table = self._table(db, name)
        if len(self._decoded) >= DECODED_FILES:
            self._decoded.pop(next(iter(self._decoded)))
        self._decoded[path] = (mtime, table)
        return table

    def feed_meta(self, url: str) -> dict:
        return dict(self._table(self._feeds, "feeds").get(url, {}))

    # Writing

    def ingest(self, parsed: ParsedFeed) -> tuple[list[str], list[Item]]:
        """Upsert one feed's items; returns the ids new to the cache, and every item as stored."""
        return self.ingest_many([parsed])[0]

    def ingest_many(
        self, feeds: list[ParsedFeed], metas: dict[str, dict] | None = None
    ) -> list[tuple[list[str], list[Item]]]:
        """Upsert several feeds in one write per file; `metas` updates feeds.json alongside."""
        results = []
        with self._writing():
            index = self._table(self._index, "items")
            ids = self._table(self._ids, "ids")
            bodies: dict[str, dict[str, str]] = {}  # day -> id -> HTML, only new or changed
            changed = False
            for parsed in feeds:
                new: list[str] = []
                stored: list[Item] = []
                for item in parsed.items:
                    body = parsed.bodies.get(item.id, "")
                    row = item.to_row()
                    row["body_hash"] = hashlib.blake2b(body.encode(), digest_size=8).hexdigest()
                    old = index.get(item.id)
                    if old is None:
                        new.append(item.id)
                        row["day"] = _day(item.published)
                        ids[item.id] = {"day": row["day"]}
                    else:
                        # First sight stands: an undated item keeps the time it was first seen.
                        row["seen"] = old["seen"]
                        row["day"] = old["day"]
                        if not item.dated:
                            row["published"] = old["published"]
                    if row != old:
                        index[item.id] = row
                        changed = True
                        if old is None or old.get("body_hash") != row["body_hash"]:
                            bodies.setdefault(row["day"], {})[item.id] = body
                    stored.append(Item.from_row(row))
                results.append((new, stored))
            for day, fresh in bodies.items():
                self._write_bodies(day, fresh)
            if changed:
                self._put(self._ids, "ids", ids)
                self._put(self._index, "items", index)
            if metas:
                self._merge_feed_meta(metas)
        return results

    def _write_bodies(self, day: str, fresh: dict[str, str]) -> None:
        db = self._open(self.dir / "bodies" / f"{day}.json")
        table = self._table(db, "bodies")
        table.update({iid: {"html": html} for iid, html in fresh.items()})
        self._put(db, "bodies", table)

    def set_read(self, ids: Iterable[str], read: bool = True) -> list[str]:
        """Mark ids read or unread; returns the ids whose mark changed."""
        with self._writing():
            marks = self._table(self._state, "read")
            if read:
                changed = [i for i in ids if i not in marks]
                marks.update({i: {"at": time.time()} for i in changed})
            else:
                changed = [i for i in ids if i in marks]
                for i in changed:
                    del marks[i]
            if changed:
                self._put(self._state, "read", marks)
        return changed

    def save_feed_meta(self, url: str, meta: dict) -> None:
        with self._writing():
            self._merge_feed_meta({url: meta})

    def _merge_feed_meta(self, metas: dict[str, dict]) -> None:
        feeds = self._table(self._feeds, "feeds")
        for url, meta in metas.items():
            feeds[url] = {**feeds.get(url, {}), **meta}
        self._put(self._feeds, "feeds", feeds)
