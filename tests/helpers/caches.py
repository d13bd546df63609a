"""A cache on disk for the store tests: the backends the contract runs on, stories to store, the files the
cache keeps, the command line run on it, and the check that it still loads whole."""

from __future__ import annotations

import importlib
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import orjson

from tests.helpers import ROOT
from tests.helpers.feeds import Entry, rss
from tests.helpers.stories import yesterdays_stories
from tui.core.items import ParsedFeed
from tui.fetch.parse import parse_feed
from tui.store import Store, open_store

# name -> "module:callable"; the callable takes the data directory (and open_store's options)
# and returns a Store. Named by import path, so that a child process can open the same backend.
BACKENDS = {"tinydb": "tui.store.tinydb_store:TinyDBStore"}

URL = "https://wire.test/feed.xml"


def backend_factory(spec: str) -> Callable[..., Store]:
    module, name = spec.split(":")
    factory: Callable[..., Store] = getattr(importlib.import_module(module), name)
    return factory


def feed_of(entries: list[Entry], fetched_at: float | None = None) -> ParsedFeed:
    """The entries as a poll of URL hands them to the store, fetched at `fetched_at` (else now)."""
    return parse_feed(rss(entries), URL, time.time() if fetched_at is None else fetched_at)


def fault_stories(n: int, prefix: str = "urn:fault:") -> list[Entry]:
    return yesterdays_stories(time.time(), n, prefix)


def json_files(data_dir: Path) -> list[Path]:
    """Every cache file (not temp files, not files moved aside), wherever the layout puts it."""
    return sorted(p for p in data_dir.rglob("*.json") if not p.name.startswith("."))


def snapshot(paths) -> dict[Path, tuple[int, bytes]]:
    return {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in paths}


def temp_files(data_dir: Path) -> list[Path]:
    return sorted(data_dir.rglob(".*.tmp"))


def cli(*args: str, data_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, cwd=ROOT, timeout=60,
    )


def loads_whole(data_dir: Path, where: str) -> Store:
    """The cache loads, every file is a TinyDB database, and nothing had to be moved aside."""
    for path in data_dir.rglob("*.json"):
        if not path.name.startswith("."):
            tables = orjson.loads(path.read_bytes())
            assert isinstance(tables, dict) and tables, f"{path.name} ({where})"
    store = open_store(data_dir)
    store.items(), store.read_ids(), store.status()
    assert store.moved_aside == [], where
    assert not [p for p in data_dir.rglob("*") if ".corrupt-" in p.name], where
    return store
