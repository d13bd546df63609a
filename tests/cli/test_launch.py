"""Launching: `--version`, and the demo wire, replayed into a fresh cache of its own each run."""

from __future__ import annotations

import asyncio
import time
from importlib.metadata import version

from tests.helpers.cli import run
from tui.fetch.poller import Poller
from tui.options import parse_args


def test_version_is_the_installed_packages():
    result = run("--version")
    assert (result.returncode, result.stdout, result.stderr) == (0, f"wiredesk {version('wiredesk')}\n", "")


def test_the_demo_replays_into_a_fresh_cache_each_run(tmp_path, monkeypatch):
    """Two runs of the demo each start empty, so the held-back items arrive live both times."""
    from tui import cli
    from tui.fetch.demo import RELEASES, demo_sources

    monkeypatch.delenv("WIREDESK_DATA_DIR")
    args = parse_args([])
    default = cli._open_store(args)
    seen = []
    for _ in range(2):
        sources = demo_sources(time.time())
        with cli._demo_store(args, sources, default) as store:
            assert store.dir != default.dir
            assert store.items() == [], "nothing of an earlier run is there"
            results = asyncio.run(Poller(store, sources).poll_all())
            assert all(r.ok for r in results)
            seen.append(store.dir)
            held = len(RELEASES)
            assert len(store.items()) == sum(len(r.items) for r in results) > held
        assert not store.dir.exists(), "the demo cache goes with the run"
    assert seen[0] != seen[1]
    assert default.items() == [], "the user's own cache never gets the demo"


def test_a_named_data_dir_keeps_the_demo(tmp_path):
    from tui import cli
    from tui.fetch.demo import demo_sources

    args = parse_args(["--data-dir", str(tmp_path / "d")])
    store = cli._open_store(args)
    with cli._demo_store(args, demo_sources(time.time()), store) as used:
        assert used is store
