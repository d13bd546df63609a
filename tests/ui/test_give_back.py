"""A second SIGTERM gives the terminal back through Textual's writer thread (tests/e2e/test_lifecycle.py), unless
the signal stopped the main thread inside a queue's put, where it may hold the writer's queue: writing through it
then would wait for ever on the lock the stopped thread holds, so only the terminal's modes are restored."""

from __future__ import annotations

import sys
from queue import Queue

from tui.ui.lifecycle import _putting


def test_a_signal_that_stopped_the_main_thread_inside_a_queues_put_is_told_apart():
    stopped = []

    class Watched(Queue):
        def _put(self, item) -> None:  # runs inside Queue.put, the queue's lock held: where a signal may land
            stopped.append(sys._getframe())
            super()._put(item)

    Watched().put("a frame for the writer")
    assert _putting(stopped[0])
    assert not _putting(sys._getframe()) and not _putting(None)
