"""The id index: ids/0.json .. ids/f.json, item id -> its day, split by a hash of the id.

A lookup by id (upsert, mark read, open a body) reads a sixteenth of the ids and never the
items. An entry is {"day": DAY}, or {"day": DAY, "gone": WHEN} for a pruned item (a tombstone,
so that a feed still carrying it does not bring it back). A shard found missing or damaged is
rebuilt from the day files."""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from tui.store.files import Docs, Files
from tui.store.interface import StoreError
from tui.store.lock import Locks

ID_SHARDS = 16
# Tombstones carried over from the format whose ids were bare GUIDs (upgrade.py): their feed is
# unknown, so they are keyed by this prefix and the GUID, and expire like any other.
LEGACY = "legacy:"


def shard_of(item_id: str) -> int:
    # A carried tombstone stays in its bare id's shard, so that the upgrade rewrites each shard on
    # its own: a kill between two shards' writes cannot lose a tombstone on its way from one to the other.
    return zlib.crc32(item_id.removeprefix(LEGACY).encode()) % ID_SHARDS


class IdMap:
    """The loaded id shards, used as one mapping; remembers which shards changed."""

    def __init__(self, tables: dict[int, Docs]) -> None:
        self.tables = tables
        self.dirty: set[int] = set()

    def __contains__(self, item_id: str) -> bool:
        return item_id in self.tables[shard_of(item_id)]

    def __getitem__(self, item_id: str) -> dict[str, Any]:
        return self.tables[shard_of(item_id)][item_id]

    def get(self, item_id: str) -> dict[str, Any] | None:
        return self.tables[shard_of(item_id)].get(item_id)

    def __setitem__(self, item_id: str, entry: dict[str, Any]) -> None:
        shard = shard_of(item_id)
        self.tables[shard][item_id] = entry
        self.dirty.add(shard)

    def __delitem__(self, item_id: str) -> None:
        shard = shard_of(item_id)
        del self.tables[shard][item_id]
        self.dirty.add(shard)

    def items(self) -> Iterator[tuple[str, dict[str, Any]]]:
        for table in self.tables.values():
            yield from table.items()

    def pruned_before_upgrade(self, item_id: str, local: str) -> dict[str, Any] | None:
        """The tombstone an item pruned while ids were bare GUIDs left, now kept under its scoped id
        too; None when it has none. The shard of LEGACY + `local` must be loaded."""
        old = self.get(LEGACY + local)
        if old is None or "gone" not in old:
            return None
        self[item_id] = entry = {"day": old["day"], "gone": old["gone"]}
        return entry


class IdIndex:
    def __init__(self, files: Files, locks: Locks) -> None:
        self._files = files
        self._locks = locks
        # Id shards rebuilt from the day files but not saved (a read-only or full cache, or a shard
        # with no ids): shard -> (the items folder's mtime then, the table), so that this store
        # rebuilds each once, not on every lookup.
        self._recovered: dict[int, tuple[int, Docs]] = {}

    def _path(self, shard: int) -> Path:
        return self._files.root / "ids" / f"{shard:x}.json"

    def load(self, wanted: Iterable[str] | None = None) -> IdMap:
        """The id shards holding `wanted` (all of them when None).

        The normal path reads just those shard files. A shard that is missing or was found
        damaged (and moved aside) is rebuilt from the day files; see `_recover`."""
        return self.shards(range(ID_SHARDS) if wanted is None else {shard_of(i) for i in wanted})

    def each(self) -> Iterator[IdMap]:
        """Every shard, one at a time: a pass over all ids never holds them all (15 MB for 50k)."""
        for shard in range(ID_SHARDS):
            yield self.shards({shard})

    def shards(self, shards: Iterable[int]) -> IdMap:
        """These shards, as `load` reads them."""
        found = {n: self._shard_file(n) for n in shards}
        lost = {n for n, table in found.items() if table is None}
        recovered = self._recover(lost) if lost else {}
        return IdMap({n: recovered[n] if table is None else table for n, table in found.items()})

    def cached_entry(self, item_id: str) -> dict[str, Any] | None:
        """An id's entry, its shard kept decoded while unchanged (the article pane opens one body after another)."""
        shard = shard_of(item_id)
        table = self._files.cached(self._path(shard), lambda: self.load([item_id]).tables[shard])
        return table.get(item_id)

    def save(self, ids: IdMap) -> None:
        """Write the shards that changed. Only under the write lock."""
        for n in sorted(ids.dirty):
            self._files.put(self._path(n), "ids", ids.tables[n])
        ids.dirty.clear()

    def _shard_file(self, shard: int) -> Docs | None:
        """One id shard as stored, or None when its file is missing, empty or damaged (then moved aside)."""
        tables = self._files.storage(self._path(shard)).read()
        return None if tables is None else tables.get("ids", {})

    def _recover(self, lost: set[int]) -> dict[int, Docs]:
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
        items_dir = self._files.root / "items"
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
        saved: set[int]
        if self._locks.held():  # in ingest or prune: the lock is ours already
            rebuilt, saved = self._rebuild(todo)
        else:
            # A reader looks first, without the lock: the unused shards of a small cache are
            # the usual find, and a reader must not take the write lock for those.
            rebuilt, saved = self._scan(todo), set()
            if any(rebuilt.values()):
                try:
                    with self._locks.writing():
                        rebuilt, saved = self._rebuild(todo)
                except StoreError:  # read-only or full: keep the rebuild in memory, write nothing
                    pass
        for n, table in rebuilt.items():
            if n in saved:
                self._recovered.pop(n, None)
            else:
                self._recovered[n] = (stamp, table)
        return tables | rebuilt

    def _rebuild(self, lost: set[int]) -> tuple[dict[int, Docs], set[int]]:
        """Under the write lock: read the shards again (another process may have rebuilt them
        while this one waited for the lock), rebuild those still lost from the day files as they
        are now, and save those with ids.

        Returns the tables and which shards are on disk now."""
        found = {n: self._shard_file(n) for n in lost}
        saved = {n for n, table in found.items() if table is not None}
        scanned = self._scan(lost - saved)
        for n, table in scanned.items():
            if table:
                self._files.storage(self._path(n)).write({"ids": table})
                saved.add(n)
        return {n: scanned[n] if table is None else table for n, table in found.items()}, saved

    def _scan(self, shards: set[int]) -> dict[int, Docs]:
        """The entries of these id shards, from the rows of every day file."""
        found: dict[int, Docs] = {n: {} for n in shards}
        for path in sorted((self._files.root / "items").glob("*.json")):
            for item_id in self._files.table(path, "items"):
                table = found.get(shard_of(item_id))
                if table is not None:
                    # The file a row lives in is its day: that is where item() looks it up.
                    table.setdefault(item_id, {"day": path.stem})
        return found
