"""Folding at ingest: each new item joins a story or starts one, in the thread that stored it, and the links
are saved beside the items so that no start-up refolds the cache.

One `Folding` per desk (or per `wiredesk fetch`): it takes back the stored links of the last `WINDOW` of items,
so that new items can join stories begun before a restart, and folds the items the cache holds no link for
(an older cache) in the same pass. A backlog older than FOLD_BACK before the newest item stays unfolded, each
item its own row: folding costs a few tenths of a millisecond an item, and a first fetch of a month of feeds
is tens of thousands. A lock keeps two feeds stored at once from folding at once.

A one-shot fetch hands the Folding its parse processes: its one fold then runs in one of them while the main
process stores (`expect`, called before storing), since a fetch throws its folding state away. The fold there
is the one the main process would do (the same items, in the same order); if the store takes other items as new
than the ones foreseen, the main process folds them itself.

An item whose page arrives later (full text) is folded again with the page's lead, if it is still alone: a
teaser that only its article shows to be another agency's story joins that story then."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterable
from concurrent.futures import Executor, Future

from tui.core.fulltext import FullText, with_page
from tui.core.items import Item, ParsedFeed
from tui.core.stories import WINDOW, Stories, StoryLink
from tui.fetch import gazetteer_file
from tui.store import Store, StoreError

FOLD_BACK = 2 * 86400.0  # items older than this before the newest are left unfolded: a first fetch's backlog


class Folding:
    def __init__(self, store: Store, pool: Executor | None = None) -> None:
        self._store = store
        self._pool = pool  # a one-shot fetch's parse processes: its first fold runs in one of them
        self._ahead: tuple[list[tuple], Future[dict[str, StoryLink]]] | None = None  # `expect`'s fold
        self._stories: Stories | None = None  # built on first use, in a worker thread
        self._lock = threading.Lock()
        self._newest = 0.0

    def warm_up(self) -> None:
        """Have the gazetteer now, beside the first fetch, so that the first poll's storing does not wait
        for it (a few tenths of a second). Only a desk that polls folds: one that does not never pays for it
        (about 10 MB kept, and 60-90 MB while its data loads when no copy is kept)."""
        if self._pool is not None:  # the fold runs in a parse process: one reads (or builds) the tables there
            self._pool.submit(gazetteer_file.load)
            return
        threading.Thread(target=gazetteer_file.load, name="gazetteer", daemon=True).start()

    def expect(self, feeds: list[ParsedFeed]) -> None:
        """Before the store takes `feeds`: with a pool, start the first fold of what they bring in it, beside
        the storing (the main process's own work, once parsing is done)."""
        if self._pool is None or self._stories is not None or self._ahead is not None:
            return
        parsed = {item.id: item for feed in feeds for item in feed.items}
        # Only the newest items fold (FOLD_BACK): ask the store which of those it lacks.
        band = _band(list(parsed.values()))
        known = self._store.known(item.id for item in band)
        new = _band([item for item in band if item.id not in known])
        stored = self._last_days()
        if any(_changed(item, parsed.get(item.id)) for item in stored):
            return  # the storing changes an item the fold takes back: fold after it, in `fold`
        recent = _recent([*stored, *new])
        links = self._store.story_links(item.id for item in recent)
        self._ahead = (_foreseen(new), self._pool.submit(_first_fold, recent, links, new))

    def fold(self, items: list[Item]) -> dict[str, StoryLink]:
        """Fold new items, oldest first, save their links and return them (item id -> link)."""
        with self._lock:
            self._newest = max([self._newest, *(item.published for item in items)])
            links = self._ahead_of(items)
            if links is None:
                links = self._start()  # on the first call, items stored without a link (these among them)
                stories = self._stories
                assert stories is not None
                links.update(_fold(stories, _fresh(stories, items, self._newest)))
            with contextlib.suppress(StoreError):  # the items are stored: the next start folds them again
                self._store.save_story_links(links)
            return {**self._folded_before(items, links), **{i.id: links[i.id] for i in items if i.id in links}}

    def _folded_before(self, items: list[Item], links: dict[str, StoryLink]) -> dict[str, StoryLink]:
        """The saved links of those of `items` that another feed's first fold took back: a desk's feeds store
        at once, and the first fold folds every item stored without a link, so these come to it already folded.
        Their feed's poll must still bring them to the desk (it would show each as a story of its own)."""
        stories = self._stories
        missed = [i.id for i in items if i.id not in links and stories is not None and stories.story_of(i.id)]
        if not missed:
            return {}
        with contextlib.suppress(StoreError):
            return self._store.story_links(missed)
        return {}

    def _ahead_of(self, items: list[Item]) -> dict[str, StoryLink] | None:
        """The links `expect`'s fold made, if it folded these items; None when there is none to take."""
        ahead, self._ahead = self._ahead, None
        if ahead is None or self._stories is not None or ahead[0] != _foreseen(_band(items)):
            return None
        try:
            return ahead[1].result()
        except Exception:  # noqa: BLE001 - a broken process pool: fold here instead
            return None

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
        gazetteer_file.load()
        stories = self._stories = Stories()
        recent = _recent(self._last_days())
        return _take_back(stories, recent, self._store.story_links(item.id for item in recent))

    def _last_days(self) -> list[Item]:
        """The stored items of the newest three days: days are UTC files, and these hold the last WINDOW."""
        return self._store.items(self._store.days()[:3])


def _recent(items: Iterable[Item]) -> list[Item]:
    """The items within WINDOW of the newest, oldest first."""
    recent = sorted(items, key=lambda item: (item.published, item.id))
    if recent:
        cutoff = recent[-1].published - WINDOW
        recent = [item for item in recent if item.published >= cutoff]
    return recent


def _take_back(stories: Stories, recent: list[Item], stored: dict[str, StoryLink]) -> dict[str, StoryLink]:
    unlinked = []
    for item in recent:
        link = stored.get(item.id)
        if link is None:
            unlinked.append(item)
        else:
            stories.restore(item, link)
    return _fold(stories, unlinked)


def _fresh(stories: Stories, items: list[Item], newest: float) -> list[Item]:
    """The new items to fold: not folded yet, and not in the backlog older than FOLD_BACK."""
    return [item for item in items if stories.story_of(item.id) is None and item.published >= newest - FOLD_BACK]


def _fold(stories: Stories, items: list[Item]) -> dict[str, StoryLink]:
    links = {}
    for item in sorted(items, key=lambda item: (item.published, item.id)):
        assignment = stories.add(item)
        links[item.id] = StoryLink(assignment.story, assignment.supersedes)
    return links


def _band(items: list[Item]) -> list[Item]:
    """The items within FOLD_BACK of the newest: all that a first fold reads of a fetch's new items."""
    newest = max((item.published for item in items), default=0.0)
    return [item for item in items if item.published >= newest - FOLD_BACK]


def _reads(item: Item, published: float) -> tuple:
    """What folding reads of an item."""
    return item.id, published, item.feed, item.title, item.summary, item.places, item.agencies


def _foreseen(items: list[Item]) -> list[tuple]:
    """What folding reads of these items, in a fixed order: two lists alike fold alike."""
    return sorted({_reads(item, item.published) for item in items})


def _changed(stored: Item, carried: Item | None) -> bool:
    """Whether storing `carried` changes what folding reads of the `stored` item (an undated item keeps its time)."""
    if carried is None:
        return False
    return _reads(carried, carried.published if carried.dated else stored.published) != _reads(stored, stored.published)


def _first_fold(recent: list[Item], links: dict[str, StoryLink], new: list[Item]) -> dict[str, StoryLink]:
    """A first fold in a process of its own: `recent` is the last WINDOW's items once `new` (the newest of a
    fetch's new items, `_band`) is stored too, `links` their stored links. Folding.fold's first call, step by step."""
    gazetteer_file.load()
    stories = Stories()
    folded = _take_back(stories, recent, links)
    newest = max((item.published for item in new), default=0.0)
    folded.update(_fold(stories, _fresh(stories, new, newest)))
    return folded
