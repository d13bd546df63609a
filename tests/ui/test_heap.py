"""The desk's heap set up for a long run (tui/ui/heap.py); bench/soak.py measures what it is for."""

from __future__ import annotations

import platform
from pathlib import Path

import pytest

from tui.ui import heap


def test_glibcs_heap_takes_the_desks_settings():
    if platform.libc_ver()[0] != "glibc":
        pytest.skip("mallopt is glibc's")
    assert heap.tune()
    assert heap.tune(), "a second desk in the same process (the tests) sets the same again"


def _rss_mb() -> float:
    status = Path("/proc/self/status").read_text()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024


def test_trimming_gives_the_pages_freed_between_kept_blocks_back():
    if platform.libc_ver()[0] != "glibc":
        pytest.skip("malloc_trim is glibc's")
    heap.tune()
    blocks = [bytes(100_000) for _ in range(600)]  # 60 MB from the heap itself: under the mmap threshold
    kept = blocks[9::10]  # every tenth stays, the last among them: free() alone gives back only the top
    del blocks
    before = _rss_mb()
    assert heap.trim()
    assert before - _rss_mb() > 30, "the 54 MB freed between the kept blocks stayed in the process"
    assert len(kept) == 60
