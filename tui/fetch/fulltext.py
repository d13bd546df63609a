"""Fetching the article behind an item's link: with the feeds' caps, politely, and once.

A page gets what a feed gets: the download cap (raw and decompressed, capped.read_body), the
per-read timeout and a deadline for the whole answer, the redirect limit. At most a few requests
go to one host in any minute (tui.core.fulltext.HostBudget), and only a few pages at once. What a
fetch found is kept in the cache (Store.save_full_text), a failure that will not mend too (not
HTML, gone, too large), so no page is fetched twice; a failure that may mend (a timeout, a server
error) is not kept, and the next ask tries again; the background mode tries again by itself, a few
times, further apart each time (RETRIES), within the site's budget. Extraction runs in a thread, and
so does folding the item again with its page's text (tui/fetch/folding.py), when it is given a Folding.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import httpx

from tui.core.fulltext import CONCURRENCY, PER_HOST_PER_MINUTE, FullText, HostBudget, fetchable, host_of
from tui.core.items import Item, clean_text
from tui.core.stories import StoryLink
from tui.fetch import capped
from tui.fetch.capped import MAX_REDIRECTS, FetchError
from tui.fetch.poller import DEADLINE_FACTOR
from tui.fetch.sources import MAX_BYTES
from tui.store import Store

if TYPE_CHECKING:
    from tui.fetch.folding import Folding

HTML_TYPES = ("text/html", "application/xhtml+xml")
ACCEPT = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1"
LASTING = (401, 403, 404, 410, 451)  # answers that will not mend by asking again soon
PENDING_WINDOW = 500  # newest items looked through for full text still to fetch
RETRIES = (60.0, 300.0, 900.0)  # seconds before each new try of a page that timed out or failed passingly
_META_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_.:-]+)""", re.I)

OnText = Callable[[Item, FullText], None]
OnFold = Callable[[dict[str, StoryLink]], None]


class PageFetcher:
    def __init__(
        self,
        store: Store,
        *,
        timeout: float = 15.0,
        max_bytes: int = MAX_BYTES,
        per_host: int = PER_HOST_PER_MINUTE,
        concurrency: int = CONCURRENCY,
        clock: Callable[[], float] = time.time,
        folding: Folding | None = None,
        on_fold: OnFold | None = None,
        retries: tuple[float, ...] = RETRIES,
    ) -> None:
        self.store = store
        self.folding = folding  # None: a fetched text leaves its item's story as it was
        self.on_fold = on_fold  # told of an item that joined a story with its page's text
        self.retries = retries
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.clock = clock
        self.budget = HostBudget(per_host)
        self._slots = asyncio.Semaphore(concurrency)

    async def _fetch_new(self, item: Item, client: httpx.AsyncClient, wait: bool) -> tuple[FullText, bool] | None:
        """The page of an item the cache has no text for, fetched, extracted and kept, and whether the outcome
        lasts; None when `wait` is false and its host has had its requests for this minute (left for later).

        Its first step books the host's budget, with no await before it: pages are asked for in the
        order these calls start (newest first), whatever order the cache answered in."""
        host = host_of(item.link)
        while (delay := self.budget.take(host, time.monotonic())) > 0:
            if not wait:
                return None
            await asyncio.sleep(delay)
        async with self._slots:
            text, lasting = await self._get(clean_text(item.link), client)
        if lasting:
            try:
                await asyncio.to_thread(self.store.save_full_text, item.id, text)
            except OSError as exc:
                reason = getattr(exc, "strerror", None) or str(exc)
                text = FullText(text.html, text.url, text.fetched_at, f"{text.note} (not kept: {reason})".strip())
            else:
                await self._refold(item, text)
        return text, lasting

    async def _refold(self, item: Item, text: FullText) -> None:
        if self.folding is not None and text.ok:
            moved = await asyncio.to_thread(self.folding.refold, item, text)
            if moved and self.on_fold is not None:
                self.on_fold(moved)

    async def fetch_many(
        self, items: Iterable[Item], on_text: OnText | None = None, *, wait: bool = True
    ) -> tuple[list[tuple[Item, FullText]], list[Item]]:
        """Each item's full text, as kept in the cache or else fetched, a few at a time; and the items left
        for later (only when not `wait`). Items without a web link are passed over."""
        done: list[tuple[Item, FullText]] = []
        left: list[Item] = []
        wanted = [item for item in items if fetchable(item)]
        kept = await asyncio.to_thread(lambda: {item.id: self.store.full_text(item.id) for item in wanted})

        async def one(item: Item, client: httpx.AsyncClient) -> None:
            text = kept[item.id]
            if text is None:
                found = await self._fetch_new(item, client, wait)
                if found is None:
                    left.append(item)
                    return
                text = found[0]
            done.append((item, text))
            if on_text is not None:
                on_text(item, text)

        async with capped.client(self.timeout) as client:
            await asyncio.gather(*(one(item, client) for item in wanted))
        return done, left

    async def serve(self, queue: asyncio.Queue[Item], on_text: OnText) -> None:
        """Fetch each item put on `queue`, politely, until cancelled (the desk's background mode); a page that
        failed in a way that may mend is tried again after each of `retries`, and only its last outcome told."""
        tasks: set[asyncio.Task[None]] = set()

        async def one(item: Item, client: httpx.AsyncClient) -> None:
            for delay in (*self.retries, None):
                found = await self._fetch_new(item, client, wait=True)
                assert found is not None  # waiting, it always has an answer
                text, lasting = found
                if lasting or delay is None:
                    break
                await asyncio.sleep(delay)
            on_text(item, text)

        async with capped.client(self.timeout) as client:
            while True:
                item = await queue.get()
                kept = await asyncio.to_thread(self.store.full_text, item.id) if fetchable(item) else None
                if kept is not None:
                    on_text(item, kept)
                elif fetchable(item):
                    task = asyncio.create_task(one(item, client))
                    tasks.add(task)
                    task.add_done_callback(tasks.discard)

    async def _get(self, url: str, client: httpx.AsyncClient) -> tuple[FullText, bool]:
        """The page's full text, and whether the outcome lasts (and so is kept)."""
        now = self.clock()

        def failed(reason: str, lasting: bool, where: str = url) -> tuple[FullText, bool]:
            return FullText("", where, now, f"{reason}: the teaser stays"), lasting

        try:
            async with asyncio.timeout(self.timeout * DEADLINE_FACTOR):
                async with client.stream("GET", url, headers={"Accept": ACCEPT}) as response:
                    where = clean_text(str(response.url))
                    if response.status_code >= 400:
                        return failed(f"HTTP {response.status_code}", response.status_code in LASTING, where)
                    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
                    if kind and kind not in HTML_TYPES:
                        return failed(f"Not an article page ({clean_text(kind)[:60]})", True, where)
                    content = await capped.read_body(response, self.max_bytes, "page")
                    charset = response.charset_encoding
        except FetchError as exc:
            return failed(str(exc), True)
        except TimeoutError:
            return failed(f"no complete answer within {self.timeout * DEADLINE_FACTOR:g} s", False)
        except httpx.TimeoutException:
            return failed("timed out", False)
        except httpx.TooManyRedirects:
            return failed(f"more than {MAX_REDIRECTS} redirects", True)
        except httpx.HTTPError as exc:
            return failed(f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__, False)
        except OSError as exc:
            return failed(exc.strerror or str(exc), False)
        page = _decode(content, charset)
        extracted = await asyncio.to_thread(_extract, page, where)
        if not extracted[0]:
            return failed("No article text found on the page", True, where)
        return FullText(extracted[0], where, now, " ".join(extracted[1])), True


def _extract(page: str, url: str) -> tuple[str, tuple[str, ...]]:
    from tui.fetch.extract import extract_page  # trafilatura loads only where pages are extracted

    found = extract_page(page, url)
    return found.html, found.notes


def _decode(content: bytes, charset: str | None) -> str:
    """The page's text: by its Content-Type's charset, else its <meta> charset, else UTF-8; never failing."""
    if not charset:
        found = _META_CHARSET.search(content[:4096])
        charset = found.group(1).decode("ascii") if found else "utf-8"
    try:
        return content.decode(charset, errors="replace")
    except LookupError:
        return content.decode("utf-8", errors="replace")


def pending(store: Store, feed_urls: Iterable[str]) -> list[Item]:
    """The newest items of these feeds whose page was never fetched, newest first."""
    urls = set(feed_urls)
    items = [i for i in store.newest(PENDING_WINDOW) if i.feed_url in urls and fetchable(i)]
    done = store.with_full_text(i.id for i in items)
    return [i for i in items if i.id not in done]
