"""The desk's own marks on their way to the cache, so that marks read back from it do not undo them.

The desk marks an item and a worker saves the mark; meanwhile another process (`wiredesk read ID`)
may write the marks too, and the desk reads them back. A read that began before the desk's save was
known to be on disk may lack that save: for those ids the desk's own mark stands. Each change is
numbered; a save reports its number when it is on disk, and a read carries the numbers saved when it
began.
"""

from __future__ import annotations

from collections.abc import Iterable


class Unsaved:
    """Read and star marks the desk made, each with the number of the change that made it."""

    def __init__(self) -> None:
        self.number = 0  # the newest change's
        self.read: dict[str, tuple[bool, int]] = {}  # id -> (read, change)
        self.starred: dict[str, tuple[bool, int]] = {}  # id -> (starred, change)
        self._saved: set[int] = set()  # changes known to be on disk, while some id still names them

    def note(self, table: dict[str, tuple[bool, int]], ids: Iterable[str], value: bool) -> int:
        """A change the desk made; its number, for the save to report."""
        self.number += 1
        table.update((item_id, (value, self.number)) for item_id in ids)
        return self.number

    def saved(self, number: int) -> None:
        self._saved.add(number)

    def on_disk(self) -> frozenset[int]:
        """The changes a read of the cache starting now will find."""
        return frozenset(self._saved)

    def settle(self, on_disk: frozenset[int]) -> tuple[dict[str, bool], dict[str, bool]]:
        """After a read that began when `on_disk` was saved: forget the changes it found, and
        return the marks that stand over it (read, starred: id -> value)."""
        standing = []
        for table in (self.read, self.starred):
            for item_id in [i for i, (_, number) in table.items() if number in on_disk]:
                del table[item_id]
            standing.append({item_id: value for item_id, (value, _) in table.items()})
        self._saved &= {number for table in (self.read, self.starred) for _, number in table.values()}
        return standing[0], standing[1]
