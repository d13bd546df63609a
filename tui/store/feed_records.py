"""Feed records: feeds.json, table "feeds": feed URL -> its validators and health (a FeedRecord).

Records are merged key by key, so keys a newer version wrote and this one does not know stay."""

from __future__ import annotations

from collections.abc import Mapping

from tui.core.feeds import FeedMeta, FeedRecord
from tui.store.files import Files
from tui.store.lock import Locks


class FeedRecords:
    def __init__(self, files: Files, locks: Locks) -> None:
        self._files = files
        self._locks = locks
        self._path = files.root / "feeds.json"

    def get(self, url: str) -> FeedMeta:
        return FeedMeta.from_record(self._files.table(self._path, "feeds").get(url, {}))

    def all(self) -> dict[str, FeedMeta]:
        return {url: FeedMeta.from_record(record) for url, record in self._files.table(self._path, "feeds").items()}

    def save(self, metas: Mapping[str, FeedRecord]) -> None:
        with self._locks.writing():
            self.merge(metas)

    def merge(self, metas: Mapping[str, FeedRecord]) -> None:
        """Only under the write lock."""
        feeds = self._files.table(self._path, "feeds")
        for url, meta in metas.items():
            feeds[url] = {**feeds.get(url, {}), **meta}
        self._files.put(self._path, "feeds", feeds)
