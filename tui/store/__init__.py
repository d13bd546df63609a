"""The cache behind one interface (interface.py); today's backend keeps TinyDB files in the data directory."""

from __future__ import annotations

from pathlib import Path

from tui.store.files import atomic_write
from tui.store.interface import StatusCounts, Store, StoreError
from tui.store.retention import Retention
from tui.store.tinydb_store import TinyDBStore
from tui.store.upgrade import holds_cache

__all__ = ["Retention", "StatusCounts", "Store", "StoreError", "atomic_write", "holds_cache", "open_store"]


def open_store(data_dir: Path | str, *, settings_from: Store | None = None) -> Store:
    """The cache in `data_dir`: the TinyDB backend.

    `settings_from`: a store whose remembered choices (theme, grouping) this one uses; the
    demo's throwaway cache remembers them in the user's own."""
    return TinyDBStore(data_dir, settings_from=settings_from)
