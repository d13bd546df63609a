"""Fetching feeds: httpx with timeouts and a size cap; parsing and storing off the event loop.

The poller never touches widgets. It hands each PollResult to a callback,
which in the app posts a message.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from tui.model import Item, ParsedFeed
from tui.parse import parse_feed
from tui.sources import FeedSource, SourceError, local_path
from tui.store import Store

MAX_BYTES = 10 * 1024 * 1024
USER_AGENT = "wiredesk/0.1 (+terminal news desk)"


@dataclass
class PollResult:
    source: FeedSource
    title: str = ""
    new_ids: list[str] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)
    error: str | None = None
    not_modified: bool = False

    @property
    def ok(self) -> bool:
        return self.error is None

    def line(self) -> str:
        if self.error:
            return f"{self.source.url}: error: {self.error}"
        if self.not_modified:
            return f"{self.source.url}: ok, not modified"
        return f"{self.source.url}: ok, {len(self.new_ids)} new ({len(self.items)} items)"


@dataclass
class _Fetched:
    """A feed fetched and parsed, waiting to be stored."""

    source: FeedSource
    parsed: ParsedFeed
    meta: dict


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
    ) -> None:
        self.store = store
        self.sources = sources
        self.timeout = timeout
        self.clock = clock
        self.parse_pool = parse_pool  # None: the default thread pool
        self._slots = asyncio.Semaphore(concurrency)
        self._wake = asyncio.Event()

    def client(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=True,
            max_redirects=5,
            headers={"User-Agent": USER_AGENT},
        )

    async def poll_all(self) -> list[PollResult]:
        """Every source once, stored in one batch: one write per cache file, not one per feed."""
        async with self.client() as client:
            outcomes = await asyncio.gather(*(self._fetch(s, client) for s in self.sources))
        fetched = [o for o in outcomes if isinstance(o, _Fetched)]
        stored = iter(await asyncio.to_thread(self._store, fetched))
        return [next(stored) if isinstance(o, _Fetched) else o for o in outcomes]

    async def run(self, on_result: Callable[[PollResult], None]) -> None:
        """Poll every source on its own interval until cancelled."""
        async with self.client() as client:
            await asyncio.gather(*(self._loop(s, client, on_result) for s in self.sources))

    def poll_now(self) -> None:
        wake, self._wake = self._wake, asyncio.Event()
        wake.set()

    async def _loop(self, source: FeedSource, client, on_result) -> None:
        while True:
            wake = self._wake
            on_result(await self.poll(source, client))
            try:
                await asyncio.wait_for(wake.wait(), timeout=source.interval)
            except TimeoutError:
                pass

    async def poll(self, source: FeedSource, client: httpx.AsyncClient) -> PollResult:
        outcome = await self._fetch(source, client)
        if isinstance(outcome, PollResult):
            return outcome
        return (await asyncio.to_thread(self._store, [outcome]))[0]

    async def _fetch(self, source: FeedSource, client: httpx.AsyncClient) -> PollResult | _Fetched:
        """Fetch and parse; a PollResult when there is nothing to store (error, not modified)."""
        async with self._slots:
            try:
                return await self._fetch_and_parse(source, client)
            except SourceError as exc:
                return PollResult(source, error=str(exc))
            except httpx.TimeoutException:
                return PollResult(source, error="timed out")
            except httpx.HTTPError as exc:
                return PollResult(source, error=f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__)
            except OSError as exc:
                return PollResult(source, error=exc.strerror or str(exc))

    async def _fetch_and_parse(self, source: FeedSource, client: httpx.AsyncClient) -> PollResult | _Fetched:
        meta = await asyncio.to_thread(self.store.feed_meta, source.url)
        fetched_at = self.clock()
        path = local_path(source.url)
        validators: dict = {}
        if path is None:
            status, content, validators = await self._get(client, source.url, meta)
            if status == 304:
                return PollResult(source, title=meta.get("title", ""), not_modified=True)
        else:
            content = await asyncio.to_thread(_read_capped, path)
        digest = hashlib.sha1(content).hexdigest()
        # A server without validators still costs no parsing when nothing changed.
        if source.replay is None and digest == meta.get("hash"):
            return PollResult(source, title=meta.get("title", ""), not_modified=True)
        loop = asyncio.get_running_loop()
        parsed = await loop.run_in_executor(self.parse_pool, parse_feed, content, source.url, fetched_at, source.name)
        if parsed.error:
            return PollResult(source, error=parsed.error)
        if source.replay is not None:
            parsed = source.replay.apply(parsed, fetched_at)
        meta = {**validators, "hash": digest, "title": parsed.title, "last_ok": fetched_at}
        return _Fetched(source, parsed, meta)

    async def _get(self, client: httpx.AsyncClient, url: str, meta: dict) -> tuple[int, bytes, dict]:
        headers = {}
        if meta.get("etag"):
            headers["If-None-Match"] = meta["etag"]
        if meta.get("last_modified"):
            headers["If-Modified-Since"] = meta["last_modified"]
        async with client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return 304, b"", {}
            if response.status_code >= 400:
                raise SourceError(f"HTTP {response.status_code}")
            chunks, size = [], 0
            async for chunk in response.aiter_bytes():
                size += len(chunk)
                if size > MAX_BYTES:
                    raise SourceError(f"feed larger than {MAX_BYTES // (1024 * 1024)} MB")
                chunks.append(chunk)
            validators = {
                "etag": response.headers.get("ETag"),
                "last_modified": response.headers.get("Last-Modified"),
            }
            return response.status_code, b"".join(chunks), validators

    def _store(self, fetched: list[_Fetched]) -> list[PollResult]:
        if not fetched:
            return []
        stored = self.store.ingest_many([f.parsed for f in fetched], {f.source.url: f.meta for f in fetched})
        return [
            PollResult(f.source, title=f.parsed.title, new_ids=new_ids, items=items)
            for f, (new_ids, items) in zip(fetched, stored)
        ]


def _read_capped(path: Path) -> bytes:
    with open(path, "rb") as handle:
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise SourceError(f"feed larger than {MAX_BYTES // (1024 * 1024)} MB")
    return data
