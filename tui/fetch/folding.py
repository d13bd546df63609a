"""Folding at ingest: each new item joins a story or starts one, in the thread that stored it, and the links
are saved beside the items so that no start-up refolds the cache.

One `Folding` per desk (or per `wiredesk fetch`): it takes back the stored links of the last `WINDOW` of items,
so that new items can join stories begun before a restart, and folds the items the cache holds no link for
(an older cache) in the same pass. A backlog older than FOLD_BACK before the newest item stays unfolded, each
item its own row: folding costs a few tenths of a millisecond an item, and a first fetch of a month of feeds
is tens of thousands. A lock keeps two feeds stored at once from folding at once.

An item whose page arrives later (full text) is folded again with the page's lead, if it is still alone: a
teaser that only its article shows to be another agency's story joins that story then."""

from __future__ import annotations

import contextlib
import threading

from tui.core import gazetteer
from tui.core.fulltext import FullText, with_page
from tui.core.items import Item
from tui.core.stories import WINDOW, Stories, StoryLink
from tui.store import Store, StoreError

FOLD_BACK = 2 * 86400.0  # items older than this before the newest are left unfolded: a first fetch's backlog


class Folding:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._stories: Stories | None = None  # built on first use, in a worker thread
        self._lock = threading.Lock()
        self._newest = 0.0

    def warm_up(self) -> None:
        """Build the gazetteer now, beside the first fetch, so that the first poll's storing does not wait
        for it (a few tenths of a second). Only a desk that polls folds: one that does not never pays for it
        (about 10 MB kept, and 60-90 MB while its data loads)."""
        threading.Thread(target=gazetteer.load, name="gazetteer", daemon=True).start()

    def fold(self, items: list[Item]) -> dict[str, StoryLink]:
        """Fold new items, oldest first, save their links and return them (item id -> link)."""
        with self._lock:
            links = self._start()  # on the first call, items stored without a link (these among them)
            stories = self._stories
            assert stories is not None
            self._newest = max([self._newest, *(item.published for item in items)])
            fresh = [item for item in items
                     if stories.story_of(item.id) is None and item.published >= self._newest - FOLD_BACK]
            links.update(self._fold(stories, fresh))
            with contextlib.suppress(StoreError):  # the items are stored: the next start folds them again
                self._store.save_story_links(links)
            return {item.id: links[item.id] for item in items if item.id in links}

    def refold(self, item: Item, text: FullText) -> dict[str, StoryLink]:
        """Fold a lone item again with its page's text; its new link (item id -> link) if it now joins a story,
        saved, else nothing. An item others joined, or one out of the window, stays where it is."""
        if not text.ok:
            return {}
        with self._lock:
            links = self._start()
            stories = self._stories
            assert stories is not None
            moved = {}
            if stories.take_out(item.id):
                assignment = stories.add(with_page(item, text))
                if assignment.story != item.id:
                    moved[item.id] = StoryLink(assignment.story, assignment.supersedes)
            return self._save(links, moved)

    def _save(self, links: dict[str, StoryLink], moved: dict[str, StoryLink]) -> dict[str, StoryLink]:
        """Save the links of a first start's unlinked items and of a moved item; return the moved one's."""
        if links or moved:
            with contextlib.suppress(StoreError):
                self._store.save_story_links({**links, **moved})
        return moved

    def _start(self) -> dict[str, StoryLink]:
        """Take back the last WINDOW's stored links; fold and return the links of those stored without one."""
        if self._stories is not None:
            return {}
        stories = self._stories = Stories()
        # Days are UTC files: the newest three hold every item of the last WINDOW.
        recent = sorted(self._store.items(self._store.days()[:3]), key=lambda item: (item.published, item.id))
        if recent:
            cutoff = recent[-1].published - WINDOW
            recent = [item for item in recent if item.published >= cutoff]
        stored = self._store.story_links(item.id for item in recent)
        unlinked = []
        for item in recent:
            link = stored.get(item.id)
            if link is None:
                unlinked.append(item)
            else:
                stories.restore(item, link)
        return self._fold(stories, unlinked)

    @staticmethod
    def _fold(stories: Stories, items: list[Item]) -> dict[str, StoryLink]:
        links = {}
        for item in sorted(items, key=lambda item: (item.published, item.id)):
            assignment = stories.add(item)
            links[item.id] = StoryLink(assignment.story, assignment.supersedes)
        return links
