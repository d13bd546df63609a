"""The desk's heap: glibc's malloc set up for a process that runs for days.

Measured with glibc's defaults (bench/soak.py): a desk polling 50 feeds that change every minute grew from
136 MB to 301 MB in 25 minutes, while tracemalloc saw only a few MB more Python objects. The growth is
malloc's: every worker thread gets an arena of its own, and once a large block has been freed glibc raises
its mmap threshold, so the megabytes of day files each poll reads and writes are carved from those arenas,
which fragment and are seldom given back. A fixed threshold keeps large blocks in mmap, returned when freed,
and two arenas bound the rest; the 50k-item desk's peak falls by some 8 MB as well (bench/newsboat.py).
What is freed between the blocks a desk keeps is given back once a minute (`trim`, from a worker).
"""

from __future__ import annotations

import ctypes

M_MMAP_THRESHOLD = -3  # glibc's mallopt parameters (malloc.h)
M_ARENA_MAX = -8
MMAP_THRESHOLD = 128 * 1024  # glibc's own starting value, kept fixed
ARENAS = 2


def tune() -> bool:
    """Set the heap up; False where the C library is not glibc (it has no mallopt, or ignores it)."""
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):
        return False
    mallopt.argtypes, mallopt.restype = [ctypes.c_int, ctypes.c_int], ctypes.c_int
    return bool(mallopt(M_ARENA_MAX, ARENAS)) and bool(mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD))


def trim() -> bool:
    """Give the heap's free pages back to the system. glibc returns only the top of an arena by itself;
    the pages freed between what a desk keeps (each poll's parsed feeds, its day files read and written)
    stay in its RSS until asked for. False where the C library has no malloc_trim."""
    try:
        malloc_trim = ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError):
        return False
    malloc_trim.argtypes, malloc_trim.restype = [ctypes.c_size_t], ctypes.c_int
    return bool(malloc_trim(0))
