"""The cache's format (format.json), and the upgrade of a cache whose ids were bare GUIDs.

Format 1 (no format.json) keyed items, bodies, id shards and marks by an item's own id in its
feed (its GUID, else its link, else a hash), so two feeds sharing a GUID overwrote each other.
Format 2 keys them by `scoped_id(feed URL, own id)`, and each row keeps the own id as "guid".

The first open that can write upgrades the cache, under the write lock: every file is rewritten
through `Translation.tables`, day files first, then the id shards, then state.json (all the marks
in one write), and format.json last. Each write is atomic and translating a file twice changes
nothing, so a kill at any point leaves a cache that the next open upgrades from where it stood,
and no mark is ever half renamed. An open that cannot write reads the old cache through the same
translation, in memory, and writes nothing."""

from __future__ import annotations

from pathlib import Path

from tui.core.items import scoped_id
from tui.store.files import SUBDIRS, Docs, Files, Tables
from tui.store.ids import ID_SHARDS, LEGACY, shard_of
from tui.store.interface import StoreError
from tui.store.lock import Locks

FORMAT = 2
MARKS = ("read", "starred", "alerts")  # the tables of state.json keyed by item id


def current(files: Files) -> bool:
    """Whether the cache says it is in this format (or a newer one)."""
    version: int = files.table(files.root / "format.json", "format").get("cache", {}).get("version", 0)
    return version >= FORMAT


def open_format(files: Files, locks: Locks) -> None:
    """At open: upgrade a cache in an older format, or, when that cannot be written, read it
    translated and refuse writes (`read_only` says why); the next open that can write upgrades it."""
    if current(files) or not _has_data(files.root):
        return  # a new cache is stamped by its first write (first_write)
    try:
        with locks.writing():
            if not current(files):  # another process may have upgraded it while this one waited
                upgrade(files)
    except StoreError as exc:
        files.translate = Translation(files).tables
        locks.read_only = f"the cache needs an upgrade it cannot be given: {exc.strerror or exc}"


def first_write(files: Files) -> None:
    """Before a process's first write, under the write lock: sweep a killed writer's temp files,
    and stamp a cache that holds nothing yet with this format."""
    files.sweep_temp_files()
    if not current(files) and not _has_data(files.root):
        _stamp(files)


def upgrade(files: Files) -> None:
    """Rewrite every file in this format, format.json last. Only under the write lock."""
    translation = Translation(files)
    root = files.root
    paths = [
        *sorted((root / "bodies").glob("*.json")),
        *sorted((root / "items").glob("*.json")),
        *(root / "ids" / f"{n:x}.json" for n in range(ID_SHARDS)),
        root / "state.json",
    ]
    for path in paths:
        tables = translation.tables(path, files.raw(path))
        # An id shard left with no ids is written too, so that no stale entry stays in its file.
        if tables is not None and (any(tables.values()) or path.exists()):
            files.storage(path).write(tables)
    _stamp(files)


class Translation:
    """Any cache file's tables as this format has them, whether stored in the old format, the new,
    or (after a kill mid-upgrade) a mix: built from one scan of the day files and id shards as stored."""

    def __init__(self, files: Files) -> None:
        self._root = files.root
        self._renamed: dict[str, str] = {}  # own id -> scoped id, for bodies and marks
        self._shards: dict[int, Docs] = {n: {} for n in range(ID_SHARDS)}
        for path in sorted((self._root / "items").glob("*.json")):
            for key, row in _rows((files.raw(path) or {}).get("items", {})).items():
                self._renamed[row["guid"]] = key
                # The file a row lives in is its day, as when a lost id shard is rebuilt (ids.py).
                self._shards[shard_of(key)].setdefault(key, {"day": path.stem})
        for n in range(ID_SHARDS):
            for key, entry in (files.raw(self._root / "ids" / f"{n:x}.json") or {}).get("ids", {}).items():
                if "gone" in entry:
                    # A pruned item's feed is unknown: its tombstone is kept by its own id, in the
                    # same shard (ids.shard_of), and ingest looks it up there.
                    legacy = key if key.startswith(LEGACY) else LEGACY + key
                    self._shards[shard_of(legacy)].setdefault(legacy, entry)

    def tables(self, path: Path, tables: Tables | None) -> Tables | None:
        if path.parent == self._root / "ids":
            # Rebuilt: live ids from the rows (they move shard), tombstones from this same shard.
            return {"ids": self._shards[int(path.stem, 16)]}
        if tables is None:
            return None
        if path.parent == self._root / "items":
            return {**tables, "items": _rows(tables.get("items", {}))}
        if path.parent == self._root / "bodies":
            return {**tables, "bodies": self._rekey(tables.get("bodies", {}))}
        if path == self._root / "state.json":
            return {**tables, **{name: self._rekey(tables[name]) for name in MARKS if name in tables}}
        return tables

    def _rekey(self, docs: Docs) -> Docs:
        # An id no row knows (a mark outliving its item) keeps its key: nothing is dropped.
        return {self._renamed.get(key, key): doc for key, doc in docs.items()}


def _rows(rows: Docs) -> Docs:
    """A day file's rows under their scoped ids; a row that has its "guid" is upgraded already."""
    upgraded: Docs = {}
    for key, row in rows.items():
        if "guid" in row:
            upgraded[key] = row
        else:
            new = scoped_id(row.get("feed_url", ""), key)
            upgraded[new] = {**row, "id": new, "guid": key}
    return upgraded


def holds_cache(root: Path) -> bool:
    """Whether `root` holds a cache at all (stamped, or with data): read without creating anything."""
    return (root / "format.json").exists() or _has_data(root)


def _has_data(root: Path) -> bool:
    return (root / "state.json").exists() or any(next((root / sub).glob("*.json"), None) for sub in SUBDIRS)


def _stamp(files: Files) -> None:
    files.storage(files.root / "format.json").write({"format": {"cache": {"version": FORMAT}}})
