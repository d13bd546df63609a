"""Fixtures shared by every test module; helpers that are not fixtures live in tests/helpers/."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.feeds import FeedServer
from tests.helpers.live import TimedServer


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test touches the real user dirs: data, config and XDG dirs all point into a tmp dir."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("WIREDESK_DATA_DIR", str(home / "wiredesk-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("WIREDESK_CONFIG", raising=False)
    return home


@pytest.fixture(scope="session")
def gazetteer_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache dir holding the kept gazetteer copy (tui/fetch/gazetteer_file.py), as a desk that has run before has
    one: for desks whose timing a test measures, which would otherwise build the tables at each first start."""
    cache = tmp_path_factory.mktemp("gazetteer-cache")
    subprocess.run([sys.executable, "-c", "from tui.fetch import gazetteer_file; gazetteer_file.load()"],
                   env={**os.environ, "XDG_CACHE_HOME": str(cache)}, check=True, timeout=120)
    assert list(cache.glob("wiredesk/gazetteer-*.marshal")), "the kept copy was not written"
    return cache


@pytest.fixture
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC: absolute times (article header, clock) in snapshots don't follow the machine."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A fresh, empty directory for a Store."""
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A started loopback FeedServer, stopped after the test."""
    server = FeedServer().start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def server() -> Iterator[TimedServer]:
    """A started loopback TimedServer (a FeedServer that notes when each request came), stopped after the test."""
    srv = TimedServer().start()
    try:
        yield srv
    finally:
        srv.stop()
