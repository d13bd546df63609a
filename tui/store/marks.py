"""Marks and settings: state.json, apart from the items, so that marking an item read rewrites only this file.

Its tables: "read", "starred" and "alerts" (item id -> when, and for an alert its watch word),
and "settings" (one document, "desk": the choices the desk remembers)."""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from tui.store.files import Docs, Files
from tui.store.lock import Locks

if TYPE_CHECKING:
    from tui.store.interface import Store


class Marks:
    def __init__(self, files: Files, locks: Locks, settings_from: Store | None) -> None:
        """`settings_from`: a store whose remembered choices these use (the demo's throwaway
        cache remembers theme and grouping in the user's own)."""
        self._files = files
        self._locks = locks
        self._path = files.root / "state.json"
        self._settings_home = settings_from

    def table(self, name: str) -> Docs:
        return self._files.table(self._path, name)

    def put(self, name: str, docs: Docs) -> None:
        self._files.put(self._path, name, docs)

    def ids(self, name: str) -> set[str]:
        return set(self.table(name))

    def stamp(self) -> tuple[int, ...]:
        try:
            found = self._path.stat()
        except FileNotFoundError:
            return ()
        # Every write replaces the file (atomic_write), so the inode changes even within one mtime tick.
        return found.st_ino, found.st_mtime_ns, found.st_size

    def set_read(self, ids: Iterable[str], read: bool) -> list[str]:
        ids = list(dict.fromkeys(ids))  # the same id twice is one change
        with self._locks.writing():
            marks = self.table("read")
            if read:
                changed = [i for i in ids if i not in marks]
                marks.update({i: {"at": time.time()} for i in changed})
            else:
                changed = [i for i in ids if i in marks]
                for i in changed:
                    del marks[i]
            if changed:
                self.put("read", marks)
        return changed

    def set_starred(self, item_id: str, starred: bool) -> None:
        with self._locks.writing():
            table = self.table("starred")
            if starred:
                table[item_id] = {"at": time.time()}
            else:
                table.pop(item_id, None)
            self.put("starred", table)

    def add_alerts(self, alerts: Mapping[str, str], now: float) -> None:
        with self._locks.writing():
            table = self.table("alerts")
            table.update({i: {"word": word, "at": now} for i, word in alerts.items()})
            self.put("alerts", table)

    def forget(self, gone: Iterable[str], read: Docs) -> None:
        """Drop the marks and alerts of pruned items; `read` is the read table as loaded. Only under the write lock."""
        alerts = self.table("alerts")
        for iid in gone:
            read.pop(iid, None)
            alerts.pop(iid, None)
        self.put("read", read)
        self.put("alerts", alerts)

    def settings(self) -> dict[str, str]:
        if self._settings_home is not None:
            return self._settings_home.settings()
        desk: dict[str, str] = self.table("settings").get("desk", {})
        return desk

    def save_settings(self, values: Mapping[str, str]) -> None:
        if self._settings_home is not None:
            self._settings_home.save_settings(**values)
            return
        with self._locks.writing():
            table = self.table("settings")
            table["desk"] = {**table.get("desk", {}), **values}
            self.put("settings", table)
