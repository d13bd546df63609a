"""The cache behind one interface; today's backend keeps TinyDB files in the data directory."""

from tui.store.tinydb_store import Retention, Store, StoreError, atomic_write

__all__ = ["Retention", "Store", "StoreError", "atomic_write"]
