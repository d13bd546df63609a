"""Fetching feeds: httpx with timeouts and a size cap; parsing and storing off the event loop.

The poller never touches widgets. It hands each PollResult to a callback,
which in the app posts a message. Each feed keeps its own schedule: its
interval with jitter, exponential backoff after failures, and whatever a
server asks for with Retry-After.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import random
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx

from tui.core.feeds import FeedMeta, FeedRecord, FeedSource, PollResult, feed_down
from tui.core.items import ParsedFeed
from tui.fetch import capped
from tui.fetch.capped import MAX_REDIRECTS, FetchError, size_text
from tui.fetch.folding import Folding
from tui.fetch.parse import parse_feed
from tui.fetch.sources import MAX_BYTES, SourceError, local_path
from tui.store import Store

BACKOFF_CAP = 3600.0  # seconds: a failing feed is still tried at least hourly
RETRY_AFTER_CAP = 6 * 3600.0  # a server asking for longer is not believed
JITTER = 0.1  # each wait is the interval +/- 10%, so feeds drift apart
DEADLINE_FACTOR = 2  # a whole fetch may take twice the per-read timeout
FIRST_POLL_SPREAD = 5.0  # seconds over which the first polls of many feeds are spread


@dataclass
class _Fetched:
    """A feed fetched and parsed, waiting to be stored."""

    result: PollResult
    parsed: ParsedFeed
    record: FeedRecord


def retry_after_seconds(value: str | None, now: float) -> float | None:
    """Retry-After as seconds from now: either a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        seconds = float(value)
    else:
        try:
            seconds = parsedate_to_datetime(value).timestamp() - now
        except (TypeError, ValueError):
            return None
    return min(max(seconds, 0.0), RETRY_AFTER_CAP)


def next_delay(interval: float, failures: int, retry_after: float | None, rand: random.Random) -> float:
    """Seconds until a feed's next poll."""
    delay = interval
    if failures:
        delay = max(interval, min(interval * 2 ** min(failures, 32), BACKOFF_CAP))
    if retry_after is not None:
        delay = max(delay, retry_after)
        return delay  # the server named a time: no jitter before it
    return delay * rand.uniform(1 - JITTER, 1 + JITTER)


class Poller:
    def __init__(
        self,
        store: Store,
        sources: list[FeedSource],
        *,
        timeout: float = 15.0,
        concurrency: int = 8,
        clock: Callable[[], float] = time.time,
        parse_pool: Executor | None = None,
        rand: random.Random | None = None,
        max_bytes: int = MAX_BYTES,
        folding: Folding | None = None,
        warm_at_start: bool = True,
    ) -> None:
        self.store = store
        self.sources = sources
        self.timeout = timeout
        self.clock = clock
        self.parse_pool = parse_pool  # None: the default thread pool
        self.rand = rand or random.Random()
        self.max_bytes = max_bytes  # per feed, after decompression too
        self.folding = folding  # None: items are stored unfolded (tests of fetching alone)
        # A desk builds the gazetteer at once: built beside its first parse, it holds the GIL long enough to
        # make the next poll late. A one-shot fetch builds it once a feed brings something to parse, so a
        # fetch whose feeds are all unchanged never pays for it.
        self._warm = folding is None or warm_at_start
        if folding is not None and warm_at_start:
            folding.warm_up()
        self._slots = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()
        self._loops: dict[str, tuple[FeedSource, asyncio.Task[None]]] = {}  # url -> its polling loop, in run()
        self._start: Callable[[FeedSource], None] | None = None  # starts one more loop, while run() runs

    def client(self) -> httpx.AsyncClient:
        return capped.client(self.timeout)

    async def poll_all(self) -> list[PollResult]:
        """Every source once, stored in one batch: one write per cache file, not one per feed."""
        async with self.client() as client:
            outcomes = await asyncio.gather(*(self._fetch(s, client) for s in self.sources))
        fetched = [o for o in outcomes if isinstance(o, _Fetched)]
        await self._save(fetched)
        results = [o.result if isinstance(o, _Fetched) else o for o in outcomes]
        await self._save_health({r.source.url: r for r in results if not r.ok}, {})
        return results

    async def run(self, on_result: Callable[[PollResult], None]) -> None:
        """Poll every source on its own schedule until cancelled; set_sources changes them meanwhile."""
        async with self.client() as client, asyncio.TaskGroup() as loops:

            def start(source: FeedSource, spread: bool = False) -> None:
                task = loops.create_task(self._loop(source, client, on_result, spread=spread))
                self._loops[source.url] = (source, task)

            for source in self.sources:
                start(source, spread=True)
            self._start = start
            try:
                await asyncio.Event().wait()  # the loops run until this is cancelled
            finally:
                self._start = None
                self._loops.clear()

    def set_sources(self, sources: list[FeedSource]) -> None:
        """A new feed list: an added feed (or one whose settings changed) is polled at once, a removed one no more."""
        self.sources = sources
        wanted = {source.url: source for source in sources}
        for url, (source, task) in list(self._loops.items()):
            if wanted.get(url) != source:
                task.cancel()
                del self._loops[url]
        if self._start is not None:
            for source in sources:
                if source.url not in self._loops:
                    self._start(source)

    def poll_now(self) -> None:
        wake, self._wake = self._wake, asyncio.Event()
        wake.set()

    async def _loop(self, source: FeedSource, client, on_result, *, spread: bool = True) -> None:
        """`spread`: the first poll waits a moment, so many feeds starting at once do not all fetch at once."""
        if spread and len(self.sources) > 1 and source.replay is None:
            wait = self.rand.uniform(0, min(FIRST_POLL_SPREAD, source.interval / 2))
            with contextlib.suppress(TimeoutError):  # `r` in the first seconds polls at once, like any other wait
                await asyncio.wait_for(self._wake.wait(), timeout=wait)
        failures = 0
        while True:
            wake = self._wake
            result = await self.poll(source, client)
            # Backoff spares a failing server; a full disk is not the server's doing.
            failures = failures + 1 if result.error and not result.unsaved else 0
            delay = next_delay(source.interval, failures, result.retry_after, self.rand)
            result.next_poll = self.clock() + delay
            if result.error:
                await self._save_health({source.url: result}, {source.url: failures})
            on_result(result)
            del result  # the wait is most of a feed's life: it must not keep the poll's items alive
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wake.wait(), timeout=delay)

    async def poll(self, source: FeedSource, client: httpx.AsyncClient) -> PollResult:
        outcome = await self._fetch(source, client)
        if isinstance(outcome, PollResult):
            return outcome
        await self._save([outcome])
        return outcome.result

    async def _save(self, fetched: list[_Fetched]) -> None:
        """Store fetched feeds; a failure becomes each feed's error, and the next poll tries again."""
        try:
            await asyncio.to_thread(self._store, fetched)
        except Exception as exc:  # noqa: BLE001 - the polling loop must outlive any cache failure
            for f in fetched:
                _unsaved(f.result, exc)

    async def _save_health(self, failed: dict[str, PollResult], failures: dict[str, int]) -> None:
        # The results carry their errors to the desk; the cache learns them once it can be written.
        with contextlib.suppress(OSError):
            await asyncio.to_thread(self._record_health, failed, failures)

    async def _fetch(self, source: FeedSource, client: httpx.AsyncClient) -> PollResult | _Fetched:
        """Fetch and parse; a PollResult when there is nothing to store (error, not modified)."""
        async with self._slots:
            checked_at = self.clock()
            try:
                outcome = await self._fetch_and_parse(source, client, checked_at)
            except FetchError as exc:
                outcome = PollResult(source, error=str(exc), retry_after=exc.retry_after)
            except SourceError as exc:
                outcome = PollResult(source, error=str(exc))
            except httpx.TimeoutException:
                outcome = PollResult(source, error="timed out")
            except httpx.TooManyRedirects:
                outcome = PollResult(source, error=f"more than {MAX_REDIRECTS} redirects")
            except httpx.HTTPError as exc:
                outcome = PollResult(source, error=f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
            except OSError as exc:
                outcome = PollResult(source, error=exc.strerror or str(exc))
            except Exception as exc:  # noqa: BLE001 - one odd feed must never stop the polling loop
                outcome = PollResult(source, error=f"{type(exc).__name__}: {exc}")
            (outcome.result if isinstance(outcome, _Fetched) else outcome).checked_at = checked_at
            return outcome

    async def _fetch_and_parse(self, source: FeedSource, client, checked_at: float) -> PollResult | _Fetched:
        meta = await asyncio.to_thread(self.store.feed_meta, source.url)
        path = local_path(source.url)
        result = PollResult(source, title=meta.title)
        if path is None:
            try:
                # httpx times out each read; this bounds a server that trickles bytes forever.
                async with asyncio.timeout(self.timeout * DEADLINE_FACTOR):
                    content, headers, charset = await self._get(client, source.url, meta, result)
            except TimeoutError:
                raise FetchError(f"no complete answer within {self.timeout * DEADLINE_FACTOR:g} s") from None
            if content is None:
                result.not_modified = True
                return await self._recovered(result, meta)
        else:
            content, headers, charset = await asyncio.to_thread(_read_capped, path, self.max_bytes), {}, None
        digest = hashlib.sha1(content).hexdigest()
        # A server without validators still costs no parsing when nothing changed.
        if digest == meta.hash and (source.replay is None or source.replay.settled(source.url)):
            result.not_modified = True
            return await self._recovered(result, meta)
        if not self._warm and self.folding is not None:
            self._warm = True
            self.folding.warm_up()
        loop = asyncio.get_running_loop()
        parsed = await loop.run_in_executor(
            self.parse_pool, parse_feed, content, source.url, checked_at, source.name, charset
        )
        if parsed.error:
            result.error = parsed.error
            return result
        if source.replay is not None:
            parsed = source.replay.apply(parsed, checked_at)
        result.title = parsed.title
        record: FeedRecord = {
            **headers,
            "hash": digest,
            "title": parsed.title,
            "last_ok": checked_at,  # newer than any recorded error: the feed is up, its last error kept
            "failures": 0,
            "moved_to": result.moved_to,
        }
        return _Fetched(result, parsed, record)

    async def _recovered(self, result: PollResult, meta: FeedMeta) -> PollResult:
        """A not-modified answer ends a failure (its error is kept, as the last one) and records a move."""
        changes: FeedRecord = {}
        if feed_down(meta):
            changes = {"failures": 0, "last_ok": result.checked_at or self.clock()}
        if result.moved_to != meta.moved_to:
            changes["moved_to"] = result.moved_to  # a move is news even when the content is not
        if changes:
            try:
                await asyncio.to_thread(self.store.save_feed_meta, {result.source.url: changes})
            except OSError as exc:
                _unsaved(result, exc)
        return result

    async def _get(self, client: httpx.AsyncClient, url: str, meta: FeedMeta, result: PollResult):
        """The body, its validators and the charset its Content-Type names; None for 304 Not Modified."""
        headers = {}
        if meta.etag:
            headers["If-None-Match"] = meta.etag
        if meta.last_modified:
            headers["If-Modified-Since"] = meta.last_modified
        async with client.stream("GET", url, headers=headers) as response:
            if any(r.status_code in (301, 308) for r in response.history):
                result.moved_to = str(response.url)
            validators = {
                "etag": response.headers.get("ETag"),
                "last_modified": response.headers.get("Last-Modified"),
            }
            result.validators = bool(validators["etag"] or validators["last_modified"] or headers)
            if response.status_code == 304:
                return None, {}, None
            if response.status_code >= 400:
                retry = None
                if response.status_code in (429, 503):
                    retry = retry_after_seconds(response.headers.get("Retry-After"), self.clock())
                raise FetchError(f"HTTP {response.status_code}", retry_after=retry)
            content = await capped.read_body(response, self.max_bytes)
        return content, validators, response.charset_encoding

    def _store(self, fetched: list[_Fetched]) -> None:
        if not fetched:
            return
        metas: dict[str, FeedRecord] = {
            f.result.source.url: {**f.record, "validators": f.result.validators} for f in fetched
        }
        if self.folding is not None:  # a one-shot fetch folds in a parse process while this stores
            self.folding.expect([f.parsed for f in fetched])
        stored = self.store.ingest_many([f.parsed for f in fetched], metas)
        for f, (new_ids, items) in zip(fetched, stored, strict=True):
            f.result.new_ids, f.result.items = new_ids, items
        if self.folding is not None:
            new = {i for f in fetched for i in f.result.new_ids}
            links = self.folding.fold([i for f in fetched for i in f.result.items if i.id in new])
            for f in fetched:
                f.result.stories = {i: links[i] for i in f.result.new_ids if i in links}

    def _record_health(self, failed: dict[str, PollResult], failures: dict[str, int]) -> None:
        metas: dict[str, FeedRecord] = {}
        for url, result in failed.items():
            metas[url] = {"last_error": result.error, "error_at": result.checked_at}
            if url in failures:
                metas[url]["failures"] = failures[url]
        if metas:
            self.store.save_feed_meta(metas)


def _unsaved(result: PollResult, exc: Exception) -> None:
    reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
    result.error = f"could not save: {reason}"
    result.unsaved = True


def _read_capped(path: Path, limit: int) -> bytes:
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FetchError(f"feed larger than {size_text(limit)}")
    return data

