"""What every fetch shares, feeds and article pages alike: the client (timeouts, redirect limit, the
codings we accept) and reading a body within the size cap, before and after decompression."""

from __future__ import annotations

import asyncio

import httpx

from tui.fetch import decompress

MAX_REDIRECTS = 5
USER_AGENT = "wiredesk/0.1 (+terminal news desk)"


class FetchError(Exception):
    """A fetch that failed; `retry_after` is the server's Retry-After, in seconds."""

    def __init__(self, message: str, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


def client(timeout: float) -> httpx.AsyncClient:
    return httpx.AsyncClient(
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        headers={"User-Agent": USER_AGENT, "Accept-Encoding": decompress.ACCEPTED},
    )


async def read_body(response: httpx.Response, max_bytes: int, what: str = "feed") -> bytes:
    """The body of a streamed response, decoded; FetchError once it, or any coding's layer, passes `max_bytes`."""
    applied = decompress.codings(response.headers.get("Content-Encoding", ""))
    chunks, size = [], 0
    async for chunk in response.aiter_raw():
        size += len(chunk)
        if size > max_bytes:
            raise FetchError(f"{what} larger than {size_text(max_bytes)}")
        chunks.append(chunk)
    content = b"".join(chunks)
    if applied:
        try:
            content = await asyncio.to_thread(decompress.decode, content, applied, max_bytes)
        except OverflowError:
            raise FetchError(f"{what} larger than {size_text(max_bytes)}") from None
        except decompress.ContentError as exc:
            raise FetchError(str(exc)) from None
    return content


def size_text(n: int) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else f"{n:,} bytes"
