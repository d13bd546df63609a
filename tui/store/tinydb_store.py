"""The cache: TinyDB files in the data directory, written atomically.

Layout (each file a TinyDB database whose document ids are our item ids):
- items/YYYY-MM-DD.json  table "items": what the list needs, one file per day
- bodies/YYYY-MM-DD.json table "bodies": item HTML, one file per day
- ids/0.json .. ids/f.json  table "ids": item id -> its day, split by a hash of
                         the id, so a lookup by id (upsert, mark read, open a body)
                         reads a sixteenth of the ids and never the items
- state.json             table "read": read marks, apart from the items, so that
                         marking an item read rewrites only this file
- feeds.json             table "feeds": validators and health per feed URL

An item's day is the UTC day it was first published; it never moves, so a poll
rewrites only the day files its items live in (usually today's).

Writers take a lock file and read-modify-write, so the TUI and a headless
command (`wiredesk read ID`) never overwrite each other's marks.
"""

from __future__ import annotations

import errno
import fcntl
import hashlib
import html
import os
import re
import threading
import time
import zlib
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from tui.core.feeds import feed_down
from tui.core.items import Item, ParsedFeed, html_to_text

DECODED_FILES = 8  # cache files kept decoded for the article pane


class StoreError(OSError):
    """A cache problem worth one clear line to the user.

    An OSError, so that code already guarding disk I/O guards the cache too; `strerror`
    holds the system's reason alone ("No space left on device") when there is one."""

    def __init__(self, message: str, cause: OSError | None = None) -> None:
        super().__init__(message)
        if cause is not None:
            self.errno, self.strerror = cause.errno, cause.strerror

    def __str__(self) -> str:
        return self.args[0]


# Errors that mean this process may never write here, as opposed to a disk that is full now.
READ_ONLY_ERRORS = {errno.EROFS, errno.EACCES, errno.EPERM}
FULL_ERRORS = {errno.ENOSPC, errno.EDQUOT}

# atomic_write's temp files: only these are ever swept as leftovers of a killed writer.
_TEMP_NAME = re.compile(r"\..+\.json\.\d+\.\d+\.tmp")


def atomic_write(path: Path, data: bytes) -> None:
    """Temp file, fsync, rename, fsync the directory: a kill leaves old or new, never half."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    handle = open(tmp, "wb")
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        # A full disk fails mid-write: the partial temp file must not stay to fill it further.
        tmp.unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class AtomicJSONStorage(Storage):
    """TinyDB storage: orjson, whole-file atomic writes, corrupt files moved aside."""

    def __init__(self, path: str | Path, on_corrupt: Callable[[Path], None] | None = None) -> None:
        self.path = Path(path)
        self.on_corrupt = on_corrupt

    def read(self) -> dict | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not data:
            return None
        try:
            tables = orjson.loads(data)
        except orjson.JSONDecodeError:
            tables = None
        if _is_database(tables):
            return tables
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            os.replace(self.path, aside)
        except OSError:
            # Another reader moved it first, or the cache is read-only: either way it is not
            # data, and the first writable open moves it aside and says so.
            return None
        if self.on_corrupt:
            self.on_corrupt(aside)
        return None

    def write(self, data: dict) -> None:
        atomic_write(self.path, orjson.dumps(data))

    def close(self) -> None:
        pass


def _is_database(tables) -> bool:
    """TinyDB's shape: tables of documents, each a JSON object. Valid JSON of any other shape is as bad as a torn file."""
    return isinstance(tables, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in tables.values()
    )


class _StrIdTable(Table):
    # Our ids are GUIDs and links, so document ids are strings.
    document_id_class = str


class _Database(TinyDB):
    table_class = _StrIdTable


ID_SHARDS = 16


def _shard(item_id: str) -> int:
    return zlib.crc32(item_id.encode()) % ID_SHARDS


class _IdMap:
    """The loaded id shards, used as one mapping; remembers which shards changed."""

    def __init__(self, tables: dict[int, dict[str, dict]]) -> None:
        self.tables = tables
        self.dirty: set[int] = set()

    def __contains__(self, item_id: str) -> bool:
        return item_id in self.tables[_shard(item_id)]

    def __getitem__(self, item_id: str) -> dict:
        return self.tables[_shard(item_id)][item_id]

    def get(self, item_id: str, default=None):
        return self.tables[_shard(item_id)].get(item_id, default)

    def __setitem__(self, item_id: str, entry: dict) -> None:
        shard = _shard(item_id)
        self.tables[shard][item_id] = entry
        self.dirty.add(shard)

    def __delitem__(self, item_id: str) -> None:
        shard = _shard(item_id)
        del self.tables[shard][item_id]
        self.dirty.add(shard)

    def items(self) -> Iterator[tuple[str, dict]]:
        for table in self.tables.values():
            yield from table.items()


@dataclass(frozen=True)
class Retention:
    days: float = 30.0  # read items older than this are pruned (starred ones never)
    unread_days: float = 90.0  # unread items are kept longer
    max_items: int | None = None  # past this, the oldest go, read ones first


def _day(epoch: float) -> str:
    return _day_name(int(epoch // 86400))


@lru_cache(maxsize=4096)
def _day_name(day_number: int) -> str:
    return datetime.fromtimestamp(day_number * 86400, UTC).strftime("%Y-%m-%d")


class Store:
    def __init__(self, data_dir: Path | str, *, settings_from: Store | None = None) -> None:
        """`settings_from`: a store whose remembered choices this one uses (the demo's
        throwaway cache remembers theme and grouping in the user's own)."""
        self.dir = Path(data_dir)
        self._settings_home = settings_from
        try:
            for sub in ("items", "bodies", "ids"):
                (self.dir / sub).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            # A read-only cache that was never written still opens (empty) for status and list.
            if not self.dir.is_dir():
                raise StoreError(f"cannot create data directory {self.dir}: {exc.strerror}", exc) from None
        self.moved_aside: list[Path] = []  # corrupt files moved aside, for the caller to report
        # Why this desk may not write (the cache is read-only), or None; set by claim_desk.
        self.read_only: str | None = None
        self._swept = False
        self._state = self._open(self.dir / "state.json")
        self._feeds = self._open(self.dir / "feeds.json")
        self._decoded: dict[Path, tuple[int, dict]] = {}
        self._thread_lock = threading.Lock()
        self._writer: int | None = None  # the thread inside _writing, so a repair there needs no second lock
        # Id shards rebuilt from the day files but not saved (a read-only or full cache, or a shard
        # with no ids): shard -> (the items folder's mtime then, the table), so that this store
        # rebuilds each once, not on every lookup.
        self._recovered: dict[int, tuple[int, dict[str, dict]]] = {}

    def _open(self, path: Path) -> TinyDB:
        return _Database(path, storage=AtomicJSONStorage, on_corrupt=self.moved_aside.append)

    def _id_file(self, shard: int) -> TinyDB:
        return self._open(self.dir / "ids" / f"{shard:x}.json")

    def _load_ids(self, wanted: Iterable[str] | None = None) -> _IdMap:
        """The id shards holding `wanted` (all of them when None).

        The normal path reads just those shard files. A shard that is missing or was found
        damaged (and moved aside) is rebuilt from the day files; see `_recover_shards`."""
        shards = range(ID_SHARDS) if wanted is None else {_shard(i) for i in wanted}
        tables = {n: self._shard_file(n) for n in shards}
        if lost := {n for n, table in tables.items() if table is None}:
            tables.update(self._recover_shards(lost))
        return _IdMap(tables)

    def _shard_file(self, shard: int) -> dict[str, dict] | None:
        """One id shard as stored, or None when its file is missing, empty or damaged (then moved aside)."""
        tables = self._id_file(shard).storage.read()
        return None if tables is None else tables.get("ids", {})

    def _recover_shards(self, lost: set[int]) -> dict[int, dict[str, dict]]:
        """Id shards rebuilt from the day files, for shards whose file is missing or was damaged.

        Without this, a damaged shard leaves its items listed (the list reads day files) but
        unreachable by id: `read ID` and `export ID` say "no such item", status undercounts and
        the article pane is empty. Every row of items/DAY.json is an item whose day is DAY, so
        the shard is rebuilt whole, except for tombstones: the "gone" entries of pruned items
        have no row left in any day file and cannot be recovered, so a feed still carrying a
        pruned item brings it back once. That is the price of the damage, not of this repair.

        A rebuilt shard is saved once, under the write lock, atomically. One this process cannot
        save (a read-only or full cache), or that has no ids (a small cache leaves some shards
        unused, and those have no file), is kept in memory instead, until a day file changes, so
        that it is rebuilt once per process, not on every lookup."""
        items_dir = self.dir / "items"
        try:
            stamp = items_dir.stat().st_mtime_ns  # adding or replacing a day file changes it
        except OSError:
            return {n: {} for n in lost}
        tables = {n: hit[1] for n in lost if (hit := self._recovered.get(n)) and hit[0] == stamp}
        todo = lost - tables.keys()
        if not todo:
            return tables
        if next(items_dir.glob("*.json"), None) is None:  # no items at all: nothing to recover
            return tables | {n: {} for n in todo}
        if self._writer == threading.get_ident():  # in ingest or prune: the lock is ours already
            rebuilt, saved = self._rebuild_shards(todo)
        else:
            # A reader looks first, without the lock: the unused shards of a small cache are
            # the usual find, and a reader must not take the write lock for those.
            rebuilt, saved = self._scan_ids(todo), set()
            if any(rebuilt.values()):
                try:
                    with self._writing():
                        rebuilt, saved = self._rebuild_shards(todo)
                except StoreError:  # read-only or full: keep the rebuild in memory, write nothing
                    pass
        for n, table in rebuilt.items():
            if n in saved:
                self._recovered.pop(n, None)
            else:
                self._recovered[n] = (stamp, table)
        return tables | rebuilt

    def _rebuild_shards(self, lost: set[int]) -> tuple[dict[int, dict[str, dict]], set[int]]:
        """Under the write lock: read the shards again (another process may have rebuilt them
        while this one waited for the lock), rebuild those still lost from the day files as they
        are now, and save those with ids.

        Returns the tables and which shards are on disk now."""
        tables = {n: self._shard_file(n) for n in lost}
        saved = {n for n, table in tables.items() if table is not None}
        for n, table in self._scan_ids(lost - saved).items():
            if table:
                self._id_file(n).storage.write({"ids": table})
                saved.add(n)
            tables[n] = table
        return tables, saved

    def _scan_ids(self, shards: set[int]) -> dict[int, dict[str, dict]]:
        """The entries of these id shards, from the rows of every day file."""
        found: dict[int, dict[str, dict]] = {n: {} for n in shards}
        for path in sorted((self.dir / "items").glob("*.json")):
            for item_id in self._table(self._open(path), "items"):
                table = found.get(_shard(item_id))
                if table is not None:
                    # The file a row lives in is its day: that is where item() looks it up.
                    table.setdefault(item_id, {"day": path.stem})
        return found

    def _save_ids(self, ids: _IdMap) -> None:
        for n in sorted(ids.dirty):
            self._put(self._id_file(n), "ids", ids.tables[n])
        ids.dirty.clear()

    def _day_file(self, kind: str, day: str) -> TinyDB:
        return self._open(self.dir / kind / f"{day}.json")

    def claim_desk(self) -> None:
        """Only one desk per data directory: it holds this lock until it exits.

        On a cache this process may not write, the desk opens read-only instead (see
        `read_only`): it can show the cache, and as it never writes it needs no lock."""
        try:
            lock = open(self.dir / ".desk.lock", "a+")
        except OSError as exc:
            if exc.errno in READ_ONLY_ERRORS | FULL_ERRORS:
                # A disk too full for even an empty file: show the cache, write nothing.
                self.read_only = exc.strerror
                return
            raise StoreError(f"{self.dir}: cannot write .desk.lock: {exc.strerror}", exc) from None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "?"
            lock.close()
            raise StoreError(f"another wiredesk (pid {holder}) is already running on {self.dir}") from None
        try:
            # Unbuffered, so a full disk fails here and not again when the file closes.
            os.ftruncate(lock.fileno(), 0)
            os.write(lock.fileno(), str(os.getpid()).encode())
        except OSError as exc:
            if exc.errno not in FULL_ERRORS:
                lock.close()
                raise StoreError(f"{self.dir}: cannot write .desk.lock: {exc.strerror}", exc) from None
            # The pid only names this desk to a second one; the lock holds without it, and the
            # desk runs on a full disk, saying what it could not save until there is room.
        self._desk_lock = lock

    def days(self) -> list[str]:
        """Days with items, newest first."""
        return sorted((p.stem for p in (self.dir / "items").glob("*.json")), reverse=True)

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """Hold the write lock; any OS failure inside becomes one StoreError naming the cache."""
        with self._thread_lock:
            try:
                if self.read_only:
                    raise OSError(errno.EROFS, self.read_only)
                lock = open(self.dir / ".lock", "a")
            except OSError as exc:
                raise self._write_error(exc) from exc
            with lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    self._writer = threading.get_ident()
                    if not self._swept:
                        self._sweep_temp_files()
                        self._swept = True
                    yield
                except StoreError:
                    raise
                except OSError as exc:
                    raise self._write_error(exc) from exc
                finally:
                    self._writer = None

    def _write_error(self, exc: OSError) -> StoreError:
        return StoreError(f"{self.dir}: cannot write the cache: {exc.strerror or exc}", exc)

    def check_writable(self) -> None:
        """Raise StoreError now if the cache cannot be written, before any slow work."""
        with self._writing():
            pass

    def _sweep_temp_files(self) -> None:
        """Remove temp files a killed writer left. Safe only under the write lock: every
        writer holds it while its temp file exists, so any temp file seen now is an orphan."""
        for folder in (self.dir, self.dir / "items", self.dir / "bodies", self.dir / "ids"):
            for path in folder.glob(".*.tmp"):
                if _TEMP_NAME.fullmatch(path.name):
                    path.unlink(missing_ok=True)

    @staticmethod
    def _table(db: TinyDB, name: str) -> dict[str, dict]:
        return (db.storage.read() or {}).get(name, {})

    @staticmethod
    def _put(db: TinyDB, name: str, table: dict[str, dict]) -> None:
        tables = db.storage.read() or {}
        tables[name] = table
        db.storage.write(tables)

    # Reading

    def items(self, days: Iterable[str] | None = None) -> list[Item]:
        """Every cached item, or those of the given days."""
        return [Item.from_row(row) for day in (self.days() if days is None else days)
                for row in self._day_rows(day).values()]

    def newest(self, limit: int | None = None, *, unread_only: bool = False) -> list[Item]:
        """Newest first, reading day files only until `limit` items are found."""
        read = self.read_ids() if unread_only else set()
        rows: list[dict] = []
        for day in self.days():
            rows.extend(r for r in self._day_rows(day).values() if r["id"] not in read)
            if limit is not None and len(rows) >= limit:
                break
        rows.sort(key=lambda r: (r["published"], r["id"]), reverse=True)
        return [Item.from_row(r) for r in rows[:limit]]

    def read_ids(self) -> set[str]:
        return set(self._table(self._state, "read"))

    def alert_ids(self) -> set[str]:
        return set(self._table(self._state, "alerts"))

    def starred_ids(self) -> set[str]:
        return set(self._table(self._state, "starred"))

    def set_starred(self, item_id: str, starred: bool) -> None:
        """Starred items are never pruned."""
        with self._writing():
            table = self._table(self._state, "starred")
            if starred:
                table[item_id] = {"at": time.time()}
            else:
                table.pop(item_id, None)
            self._put(self._state, "starred", table)

    def status(self, feeds: Iterable[str] | None = None) -> dict[str, int]:
        """The counts `wiredesk status` shows; reads only the small files.

        `feeds`: the feed URLs that count as down when their last poll failed (the configured
        ones), so a feed no longer polled, whose last error stays in feeds.json, is not down
        forever. None counts every feed feeds.json knows."""
        read = self.read_ids()
        live = {i for i, entry in self._load_ids().items() if "gone" not in entry}
        metas = self.feeds_meta()
        if feeds is not None:
            metas = {url: metas[url] for url in set(feeds) if url in metas}
        return {
            "unread": len(live - read),
            "alerts": len((self.alert_ids() & live) - read),
            "down": sum(1 for meta in metas.values() if feed_down(meta)),
        }

    def known(self, ids: Iterable[str]) -> set[str]:
        """Which of these ids are cached."""
        ids = list(ids)
        table = self._load_ids(ids)
        return {i for i in ids if i in table and "gone" not in table[i]}

    def item(self, item_id: str) -> Item | None:
        """One item by id, reading only its id shard and its day file."""
        entry = self._load_ids([item_id]).get(item_id)
        if entry is None or "gone" in entry:
            return None
        row = self._day_rows(entry["day"]).get(item_id)
        return Item.from_row(row) if row else None

    def body(self, item_id: str) -> str:
        shard = _shard(item_id)
        ids = self._cached(self.dir / "ids" / f"{shard:x}.json", lambda: self._load_ids([item_id]).tables[shard])
        entry = ids.get(item_id)
        if entry is None or "gone" in entry:
            return ""
        bodies_db = self._day_file("bodies", entry["day"])
        bodies = self._cached(bodies_db.storage.path, lambda: self._table(bodies_db, "bodies"))
        return bodies.get(item_id, {}).get("html", "")

    def search_bodies(self, words: list[str], cancelled: Callable[[], bool] = lambda: False) -> set[str]:
        """Ids whose article text holds every one of `words` (casefolded), newest day first, until cancelled.

        The text, not the HTML: a word in a tag or a link's address is no match. Day by day and
        uncached, so a search over a large cache never holds every body at once."""
        found: set[str] = set()
        for path in sorted((self.dir / "bodies").glob("*.json"), reverse=True):
            if cancelled():
                break
            for item_id, body in self._table(self._open(path), "bodies").items():
                page = html.unescape(body.get("html", "")).casefold()
                # The page holds all the text, so most bodies are ruled out before the costly strip
                # (0.5 s instead of 1.7 s for 50k bodies); only a word split by a tag, a drop
                # capital say, slips through.
                if all(word in page for word in words):
                    text = html_to_text(body["html"]).casefold()
                    if all(word in text for word in words):
                        found.add(item_id)
        return found

    def _day_rows(self, day: str) -> dict[str, dict]:
        return self._table(self._day_file("items", day), "items")

    def _cached(self, path: Path, load: Callable[[], dict[str, dict]]) -> dict[str, dict]:
        """A table kept decoded while its file is unchanged: opening article after article stays cheap.

        `load` reads the table; a missing file is loaded each time (for an id shard, that is
        where it is rebuilt) and not kept."""
        try:
            mtime = path.stat().st_mtime_ns
        except FileNotFoundError:
            return load()
        hit = self._decoded.get(path)
        if hit and hit[0] == mtime:
            return hit[1]
        table = load()
        if len(self._decoded) >= DECODED_FILES:
            self._decoded.pop(next(iter(self._decoded)))
        self._decoded[path] = (mtime, table)
        return table

    def feed_meta(self, url: str) -> dict:
        return dict(self._table(self._feeds, "feeds").get(url, {}))

    def feeds_meta(self) -> dict[str, dict]:
        return self._table(self._feeds, "feeds")

    # Writing

    def ingest(self, parsed: ParsedFeed) -> tuple[list[str], list[Item]]:
        """Upsert one feed's items; returns the ids new to the cache, and every item as stored."""
        return self.ingest_many([parsed])[0]

    def ingest_many(
        self, feeds: list[ParsedFeed], metas: dict[str, dict] | None = None
    ) -> list[tuple[list[str], list[Item]]]:
        """Upsert several feeds in one write per touched file; `metas` updates feeds.json alongside.

        Returns, per feed, the ids new to the cache and every item as stored.
        """
        with self._writing():
            ids = self._load_ids(item.id for parsed in feeds for item in parsed.items)
            incoming: dict[str, list[tuple[Item, str]]] = {}  # day -> items with their HTML
            days: dict[str, str] = {}  # so an id seen twice in a batch lands in one file
            unknown: set[str] = set()
            for parsed in feeds:
                for item in parsed.items:
                    day = days.get(item.id)
                    if day is None:
                        entry = ids.get(item.id)
                        if entry is not None and "gone" in entry:
                            continue  # pruned; a feed still carrying it must not bring it back
                        if entry is None:
                            unknown.add(item.id)
                        day = days[item.id] = entry["day"] if entry is not None else _day(item.published)
                    incoming.setdefault(day, []).append((item, parsed.bodies.get(item.id, "")))
            # The id file is written first: a kill after it leaves ids whose rows are
            # missing, which the next poll stores as new, never rows no id points to.
            for iid in unknown:
                ids[iid] = {"day": days[iid]}
            self._save_ids(ids)
            stored: dict[str, Item] = {}
            new: set[str] = set()
            for day, entries in incoming.items():
                self._upsert_day(day, entries, stored, new)
            if metas:
                self._merge_feed_meta(metas)
        results, handed_out = [], set()
        for parsed in feeds:
            # An id new to the cache is new once, even if two feeds of the batch carry it.
            fresh = [i.id for i in parsed.items if i.id in new and i.id not in handed_out]
            handed_out.update(fresh)
            results.append((list(dict.fromkeys(fresh)), [stored[i.id] for i in parsed.items if i.id in stored]))
        return results

    def _upsert_day(self, day: str, entries: list[tuple[Item, str]], stored: dict, new: set) -> None:
        index_db = self._day_file("items", day)
        rows = self._table(index_db, "items")
        bodies_db = self._day_file("bodies", day)
        # A bodies file moved aside as damaged is refilled from the items feeds still carry.
        refill = bool(rows) and not bodies_db.storage.path.exists()
        fresh_bodies: dict[str, str] = {}
        changed = False
        for item, body in entries:
            row = item.to_row()
            row["day"] = day
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
            bodies = self._table(bodies_db, "bodies")
            bodies.update({iid: {"html": html} for iid, html in fresh_bodies.items()})
            self._put(bodies_db, "bodies", bodies)
        if changed:
            self._put(index_db, "items", rows)

    def set_read(self, ids: Iterable[str], read: bool = True) -> list[str]:
        """Mark ids read or unread; returns the ids whose mark changed."""
        ids = list(dict.fromkeys(ids))  # the same id twice is one change
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

    def settings(self) -> dict:
        """Choices the desk remembers between runs (theme, grouping)."""
        if self._settings_home is not None:
            return self._settings_home.settings()
        return self._table(self._state, "settings").get("desk", {})

    def save_settings(self, **values) -> None:
        if self._settings_home is not None:
            self._settings_home.save_settings(**values)
            return
        with self._writing():
            table = self._table(self._state, "settings")
            table["desk"] = {**table.get("desk", {}), **values}
            self._put(self._state, "settings", table)

    def add_alerts(self, alerts: dict[str, str], now: float) -> None:
        """Remember alerted items (id -> watch word), for the list and the status line."""
        with self._writing():
            table = self._table(self._state, "alerts")
            table.update({i: {"word": word, "at": now} for i, word in alerts.items()})
            self._put(self._state, "alerts", table)

    def prune(self, retention: Retention, now: float) -> list[str]:
        """Drop old items: read ones after `days`, unread ones after `unread_days`, then
        the oldest beyond `max_items`, read ones first. Returns the ids removed."""
        if self.read_only:
            return []  # a desk on a read-only cache shows it whole; failing hourly would only nag
        day_seconds = 86400
        with self._writing():
            ids = self._load_ids()
            marks = self._table(self._state, "read")
            starred = self._table(self._state, "starred")
            read_cut = _day(now - retention.days * day_seconds)
            rows_by_day: dict[str, dict[str, dict]] = {}
            doomed: set[str] = set()

            def rows_of(day: str) -> dict[str, dict]:
                if day not in rows_by_day:
                    rows_by_day[day] = self._day_rows(day)
                return rows_by_day[day]

            oldest_first = sorted(self.days())
            for day in oldest_first:
                if day > read_cut:
                    break
                for iid, row in rows_of(day).items():
                    unread_limit = row["published"] < now - retention.unread_days * day_seconds
                    read_limit = row["published"] < now - retention.days * day_seconds
                    if iid not in starred and (unread_limit or (read_limit and iid in marks)):
                        doomed.add(iid)
            live = sum(1 for _, entry in ids.items() if "gone" not in entry)
            excess = live - len(doomed) - retention.max_items if retention.max_items is not None else 0
            for read_pass in (True, False):
                for day in oldest_first:
                    if excess <= 0:
                        break
                    for iid in sorted(rows_of(day), key=lambda i: rows_of(day)[i]["published"]):
                        if excess <= 0:
                            break
                        if iid not in doomed and iid not in starred and (iid in marks) == read_pass:
                            doomed.add(iid)
                            excess -= 1
            # Tombstones outlive any feed that still carried their item, then go too.
            expired = [i for i, e in ids.items() if e.get("gone", now) < now - 2 * retention.unread_days * day_seconds]
            for iid in expired:
                del ids[iid]
            if doomed or expired:
                self._drop(doomed, {d: r for d, r in rows_by_day.items() if doomed.intersection(r)}, ids, marks, now)
        return sorted(doomed)

    def _drop(self, doomed: set[str], rows_by_day: dict, ids: dict, marks: dict, now: float) -> None:
        for day, rows in rows_by_day.items():
            kept = {i: r for i, r in rows.items() if i not in doomed}
            bodies_db = self._day_file("bodies", day)
            bodies = {i: b for i, b in self._table(bodies_db, "bodies").items() if i not in doomed}
            if kept:
                self._put(self._day_file("items", day), "items", kept)
                self._put(bodies_db, "bodies", bodies)
            else:
                for kind in ("items", "bodies"):
                    (self.dir / kind / f"{day}.json").unlink(missing_ok=True)
        alerts = self._table(self._state, "alerts")
        for iid in doomed:
            ids[iid] = {"day": ids[iid]["day"], "gone": now}
            marks.pop(iid, None)
            alerts.pop(iid, None)
        self._save_ids(ids)
        self._put(self._state, "read", marks)
        self._put(self._state, "alerts", alerts)

    def save_feed_meta(self, metas: dict[str, dict]) -> None:
        """Merge into each URL's record in feeds.json."""
        with self._writing():
            self._merge_feed_meta(metas)

    def _merge_feed_meta(self, metas: dict[str, dict]) -> None:
        feeds = self._table(self._feeds, "feeds")
        for url, meta in metas.items():
            feeds[url] = {**feeds.get(url, {}), **meta}
        self._put(self._feeds, "feeds", feeds)
