"""Full text in the desk: `t` fetches the current item's page, and feeds with `full_text = true` have each
new item's page fetched in the background. Fetching is async on the event loop (httpx), extraction and
the cache in threads (tui/fetch/fulltext.py); the results reach the screen as FullTextFetched messages, and
an item that its page's text folds into a story as StoriesJoined."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from tui.core.feeds import PollResult
from tui.core.fulltext import Asked, FullText, host_of
from tui.core.i18n import tr
from tui.core.items import Item
from tui.core.stories import StoryLink
from tui.ui.messages import FullTextFetched, StoriesJoined

if TYPE_CHECKING:
    from tui.fetch.fulltext import PageFetcher
    from tui.ui.app import WireDesk


class FullTexts:
    """The desk's page fetching: one PageFetcher, so `t` and the background share each site's budget."""

    def __init__(self, app: WireDesk, per_host: int) -> None:
        self.app = app
        self.asked = Asked()
        self._per_host = per_host
        self._fetcher: PageFetcher | None = None
        self._queue: asyncio.Queue[Item] | None = None  # the background mode's, once a full_text feed answers
        self._queued: set[str] = set()  # on the queue or being fetched: never twice at once
        self._looked: set[str] = set()  # full_text feeds whose cached items were looked through this session

    @property
    def fetcher(self) -> PageFetcher:
        """Made on first use: a desk that fetches no page never loads httpx for it."""
        if self._fetcher is None:
            from tui.fetch.fulltext import PageFetcher

            app = self.app
            self._fetcher = PageFetcher(app.store, max_bytes=app.max_bytes, per_host=self._per_host, clock=app.clock,
                                        folding=app.folding, on_fold=self._joined)
        return self._fetcher

    def ask(self, item: Item) -> None:
        """`t`: fetch the item's page now, with a note that it started."""
        why = self.asked.start(item)
        lang = self.app.lang
        if why is not None:
            self.app.notify(tr(lang, why), timeout=3)
            return
        self.app.notify(f"{tr(lang, 'Fetching the full text from')} {host_of(item.link)}…", timeout=3, markup=False)
        self.app.run_worker(self._fetch(item), group="fulltext", exit_on_error=False)

    async def _fetch(self, item: Item) -> None:
        try:
            done, _ = await self.fetcher.fetch_many([item])
        finally:
            self.asked.done(item.id)
        for fetched, text in done:
            self._post(fetched, text, asked=True)

    def background(self, result: PollResult) -> None:
        """A `full_text` feed answered: the pages of its items still without text (new ones, and those a
        site's budget or a passing failure left before), fetched politely in the background."""
        url = result.source.url
        # The cache is looked through on a feed's first answer, and after that when it brings news.
        if result.source.full_text and result.ok and (result.new_ids or url not in self._looked):
            self._looked.add(url)
            self.app.run_worker(lambda: self._find(url), thread=True, group="fulltext-pending", exit_on_error=False)

    def _find(self, feed_url: str) -> None:
        """In a thread: the cache says which items still lack their page."""
        from tui.fetch.fulltext import pending

        items = pending(self.app.store, [feed_url])
        self.app.call_from_thread(self._enqueue, items)

    def _enqueue(self, items: list[Item]) -> None:
        if self._queue is None:
            self._queue = asyncio.Queue()
            self.app.run_worker(self.fetcher.serve(self._queue, self._post), group="fulltext-background",
                                exit_on_error=False)
        for item in items:  # newest first
            if item.id not in self._queued:
                self._queued.add(item.id)
                self._queue.put_nowait(item)

    def _post(self, item: Item, text: FullText, asked: bool = False) -> None:
        self._queued.discard(item.id)  # a failure left after the fetcher's tries: again when the feed brings news
        self.app.desk_screen.post_message(FullTextFetched(item, text, asked))

    def _joined(self, links: dict[str, StoryLink]) -> None:
        self.app.desk_screen.post_message(StoriesJoined(links))
