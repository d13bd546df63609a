"""The real `wiredesk` command line run as a subprocess (`python -m tui ...`), and the small wire its tests read."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import tomllib
from pathlib import Path

from tests.helpers import ROOT
from tests.helpers.feeds import Entry

NOW = float(int(time.time()) // 60 * 60)

# Each entry, and the dateline the CLI should report for it (read off the body, or None).
WIRE = [
    (Entry("Evacuation widens", guid="urn:cli:1", link="https://wire.test/1", date=NOW - 600,
           body="<p>KYIV (ANP/RTR) - Buses left the border town overnight.</p>"), (["KYIV"], ["ANP", "RTR"])),
    (Entry("Markets steady", guid="urn:cli:2", link="https://wire.test/2", date=NOW - 60,
           body="<p>Stocks were little changed on Tuesday.</p>"), None),
    (Entry("Talks resume", guid="urn:cli:3", link="https://wire.test/3", date=NOW - 3 * 3600,
           body="<p>BOGOTÁ/CARACAS (AFP) - Delegations met again.</p>"), (["BOGOTÁ", "CARACAS"], ["AFP"])),
    (Entry("Storm warning", guid="urn:cli:4", link="https://wire.test/4", date=NOW - 2 * 86400,
           body="<p>LONDON (Reuters) - Forecasters warned of gales.</p>"), (["LONDON"], ["Reuters"])),
]
ENTRIES = [entry for entry, _ in WIRE]
NEWEST_FIRST = sorted(ENTRIES, key=lambda e: e.date, reverse=True)
FEED_TITLE = "CLI wire"


def run(*args: str, data_dir: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """`python -m tui ARGS` with the (already isolated) environment, and this data dir if given."""
    env = dict(os.environ)
    if data_dir is not None:
        env["WIREDESK_DATA_DIR"] = str(data_dir)
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=timeout
    )


def records(result: subprocess.CompletedProcess) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def config_file(tmp_path: Path, text: str) -> str:
    """tmp_path/config.toml holding `text`; its path, as an argument."""
    path = tmp_path / "config.toml"
    path.write_text(text)
    return str(path)


# The feed list of a config file (`feeds` and `opml` commands)


def wiredesk(config, *args, check=True):
    """`python -m tui ARGS` on this config file; unless check=False, it must exit 0."""
    env = {**os.environ, "WIREDESK_CONFIG": str(config)}
    done = subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, env=env, timeout=30)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def configured(config) -> dict[str, dict]:
    return {f["url"]: f for f in tomllib.loads(config.read_text())["feeds"]}


def opml_file(tmp_path, outlines: str, name: str = "in.opml"):
    """An OPML 2.0 file in tmp_path around these outlines."""
    path = tmp_path / name
    path.write_text(f'<?xml version="1.0"?>\n<opml version="2.0">\n<head/>\n<body>\n{outlines}\n</body>\n</opml>\n')
    return path

