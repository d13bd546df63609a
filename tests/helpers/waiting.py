"""Waiting in tests: try a predicate until it holds, or fail naming what never came.

One helper in two forms with one signature: `wait_until` sleeps between tries (plain tests, tmux, other
processes); `until` awaits, and with a Pilot it pauses the app instead, so the desk's messages land meanwhile.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from textual.pilot import Pilot

T = TypeVar("T")

INTERVAL = 0.02  # seconds between tries; pass more where one try is costly (a tmux capture, a child process)


def _expired(deadline: float, timeout: float, what: str) -> None:
    if time.monotonic() > deadline:
        raise AssertionError(f"{what} not reached within {timeout} s")


def wait_until(predicate: Callable[[], T], timeout: float = 5.0, what: str = "the condition", *,
               interval: float = INTERVAL) -> T:
    """Call `predicate` until it returns a true value, and return that value."""
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        _expired(deadline, timeout, what)
        time.sleep(interval)
    return value


async def until(predicate: Callable[[], T], timeout: float = 5.0, what: str = "the condition", *,
                pilot: Pilot[Any] | None = None, interval: float = INTERVAL) -> T:
    """`wait_until` for async tests: with `pilot`, the app runs (pilot.pause) between tries."""
    deadline = time.monotonic() + timeout
    while not (value := predicate()):
        _expired(deadline, timeout, what)
        await (asyncio.sleep(interval) if pilot is None else pilot.pause(interval))
    return value
