"""Changes made outside the running desk: marks written by another process, feeds added to the config.

`wiredesk read ID` in a shell, or a second process on the same cache, writes the marks while the desk
runs. Each second the desk compares the marks' stamp (one stat, no read) with the one it last read;
only when it differs does a worker read the marks and post them (MarksRead, in tui/ui/messages.py).
"""

from __future__ import annotations

from collections.abc import Callable


class MarksWatch:
    """Whether the marks on disk changed since the desk last read them; at most one read under way."""

    def __init__(self, stamp: Callable[[], tuple[int, ...]]) -> None:
        self._stamp = stamp
        self.seen: tuple[int, ...] | None = None  # the stamp of the marks the desk holds
        self.watching = False  # not before the cache's own read of the marks has landed
        self.reading = False
        self.reads = 0  # reads started, so a test can tell an idle desk reads nothing

    def loading(self) -> None:
        """The desk reads the marks with the cache now: what changes from here on is read again."""
        self.seen = self._stamp()

    def start(self) -> None:
        """The cache's marks are in the desk: from now on, changes are read."""
        self.watching = True

    def due(self) -> tuple[int, ...] | None:
        """The new stamp when the marks must be read again; None while nothing changed."""
        if not self.watching or self.reading:
            return None
        stamp = self._stamp()
        if stamp == self.seen:
            return None
        self.reading = True
        self.reads += 1
        return stamp

    def done(self, stamp: tuple[int, ...]) -> None:
        """The marks as of `stamp` are read; a change made during the read differs from it, and is read next."""
        self.seen, self.reading = stamp, False
