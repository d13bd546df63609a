"""A live desk and poller for tests: a feed server that notes request times, and the run/quit harness."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable
from itertools import pairwise

from tests.helpers.feeds import FeedServer
from tests.helpers.waiting import until
from tui.core.feeds import PollResult
from tui.fetch.poller import Poller
from tui.ui.app import WireDesk

POLL_INTERVAL = 0.3  # seconds between polls of the live desks in tests: arrivals land within a few tenths


class TimedServer(FeedServer):
    """A FeedServer that also records when each request arrived (monotonic clock)."""

    def __init__(self) -> None:
        super().__init__()
        self.arrivals: list[tuple[str, float]] = []

    def _handle(self, handler) -> None:
        path = handler.path.split("?", 1)[0]
        with self._lock:
            self.arrivals.append((path, time.monotonic()))
        super()._handle(handler)

    def arrived(self, path: str) -> list[float]:
        with self._lock:
            return [t for p, t in self.arrivals if p == path]

    def redirect(self, path: str, to: str, status: int = 301) -> None:
        self.set(path, f"moved to {to}\n".encode(), status=status, content_type="text/plain",
                 headers={"Location": self.url(to)})


def gaps(times: list[float]) -> list[float]:
    return [b - a for a, b in pairwise(times)]


@contextlib.asynccontextmanager
async def live_desk(app: WireDesk, size: tuple[int, int] = (100, 30)):
    """app.run_test, but the app is quit the way a user quits it before the harness tears it down.

    Leaving run_test prunes the screens while the app's message loop still runs, so a poll
    result or the status bar's 1 s timer landing in that moment queries a widget that is gone
    (NoMatches). The real quit path (App.exit) ends the message loop, and with it the timers and
    the poll worker, first; doing the same here keeps these fast-polling tests free of that race.
    """
    async with app.run_test(size=size) as pilot:
        try:
            yield pilot
        finally:
            if app.is_running:
                app.exit()
                with contextlib.suppress(AssertionError):  # still running: run_test tears it down
                    await until(lambda: not app.is_running, 5, "the desk's exit", interval=0.01)


@contextlib.asynccontextmanager
async def running(poller: Poller, on_result: Callable[[PollResult], None]):
    task = asyncio.create_task(poller.run(on_result))
    try:
        yield task
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
