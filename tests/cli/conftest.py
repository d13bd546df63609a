"""Fixtures of the command-line tests: a small wire, fetched once by the real CLI."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.helpers.cli import ENTRIES, FEED_TITLE, run
from tests.helpers.feeds import rss
from tests.helpers.ids import entry_id


@pytest.fixture(scope="session")
def fetched(tmp_path_factory) -> Path:
    """A data dir holding WIRE, fetched once by the CLI from a feed file; tests copy it."""
    home = tmp_path_factory.mktemp("cli-home")
    feed = home / "wire.xml"
    feed.write_bytes(rss(ENTRIES, title=FEED_TITLE))
    data = home / "data"
    with pytest.MonkeyPatch.context() as mp:  # the autouse isolation is not active in session scope
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            mp.setenv(name, str(home / name.lower()))
        mp.delenv("WIREDESK_CONFIG", raising=False)
        result = run("fetch", "--feed", str(feed), data_dir=data)
    assert result.returncode == 0, result.stderr
    return data


@pytest.fixture(scope="session")
def ids(fetched) -> dict[str, str]:
    """The cache's id of each entry of WIRE, by its GUID: scoped to the feed file `fetched` read."""
    return {entry.guid: entry_id(entry, str(fetched.parent / "wire.xml")) for entry in ENTRIES}


@pytest.fixture
def wire(fetched, tmp_path) -> Path:
    """A private copy of the fetched data dir."""
    import shutil

    copy = tmp_path / "wire-data"
    shutil.copytree(fetched, copy)
    return copy
