"""The desk's heap set up for a long run (tui/ui/heap.py); bench/soak.py measures what it is for."""

from __future__ import annotations

import platform

import pytest

from tui.ui import heap


def test_glibcs_heap_takes_the_desks_settings():
    if platform.libc_ver()[0] != "glibc":
        pytest.skip("mallopt is glibc's")
    assert heap.tune()
    assert heap.tune(), "a second desk in the same process (the tests) sets the same again"
