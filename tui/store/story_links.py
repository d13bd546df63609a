"""Story membership: stories.json, so that a desk starting up reads which story each item is in, never refolds.

Its table "links": item id -> {"story": the story's id, "supersedes": the id this item replaces, or null}.
Written by the folding at ingest (tui/fetch/folding.py); the links of pruned items go with them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from tui.core.stories import StoryLink
from tui.store.files import Files
from tui.store.lock import Locks


class StoryLinks:
    def __init__(self, files: Files, locks: Locks) -> None:
        self._files = files
        self._locks = locks
        self._path = files.root / "stories.json"

    def get(self, ids: Iterable[str] | None = None) -> dict[str, StoryLink]:
        table = self._files.table(self._path, "links")
        wanted = table if ids is None else {i: table[i] for i in ids if i in table}
        return {i: StoryLink(doc["story"], doc.get("supersedes")) for i, doc in wanted.items()}

    def save(self, links: Mapping[str, StoryLink]) -> None:
        if not links:
            return
        with self._locks.writing():
            table = self._files.table(self._path, "links")
            table.update({i: {"story": link.story, "supersedes": link.supersedes} for i, link in links.items()})
            self._files.put(self._path, "links", table)

    def forget(self, gone: Iterable[str]) -> None:
        """Drop the links of pruned items. Only under the write lock."""
        table = self._files.table(self._path, "links")
        dropped = [i for i in gone if table.pop(i, None) is not None]
        if dropped:
            self._files.put(self._path, "links", table)
