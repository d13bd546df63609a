"""`wiredesk status`: the one line a tmux status bar shows, and a damaged cache on the way."""

from __future__ import annotations

import pytest

from tests.helpers.cli import ENTRIES, NOW, run
from tests.helpers.feeds import Entry, rss


def test_status(wire, ids):
    result = run("status", data_dir=wire)
    assert (result.returncode, result.stdout) == (0, f"wire {len(ENTRIES)} unread\n")
    run("read", ids[ENTRIES[0].guid], ids[ENTRIES[1].guid], data_dir=wire)
    assert run("status", data_dir=wire).stdout == f"wire {len(ENTRIES) - 2} unread\n"


def test_status_counts_down_only_feeds_that_are_configured_and_still_failing(feed_server, data_dir, tmp_path):
    for path in ("/kept.xml", "/dropped.xml", "/back.xml"):
        feed_server.set_status(path, 500)
    urls = {path: feed_server.url(path) for path in ("/kept.xml", "/dropped.xml", "/back.xml")}
    run("fetch", *[arg for url in urls.values() for arg in ("--feed", url)], data_dir=data_dir)
    assert run("status", data_dir=data_dir).stdout == "wire 0 unread · 3 feeds down\n"
    feed_server.set("/back.xml", rss(ENTRIES[:1]))
    assert run("fetch", "--feed", urls["/back.xml"], data_dir=data_dir).returncode == 0
    assert run("status", data_dir=data_dir).stdout == "wire 1 unread · 2 feeds down\n", "back up: not down"
    config = tmp_path / "config.toml"
    config.write_text("".join(f'[[feeds]]\nurl = "{urls[p]}"\n' for p in ("/kept.xml", "/back.xml")))
    status = run("--config", str(config), "status", data_dir=data_dir)
    assert status.stdout == "wire 1 unread · 1 feed down\n", "a feed no longer in the config is not down"


def test_status_on_empty_cache(data_dir, tmp_path):
    empty = tmp_path / "empty.xml"
    empty.write_bytes(rss([]))
    assert run("fetch", "--feed", str(empty), data_dir=data_dir).returncode == 0  # a cache, with no items
    assert run("status", data_dir=data_dir).stdout == "wire 0 unread\n"


@pytest.mark.parametrize("command", [["status"], ["list"], ["read", "0123456789abcdef"],
                                     ["unread", "0123456789abcdef"]])
@pytest.mark.parametrize("where", ["missing", "empty"])
def test_a_data_dir_without_a_cache_is_an_error_and_is_not_created(tmp_path, command, where):
    typo = tmp_path / "wirdesk-data"
    if where == "empty":
        typo.mkdir()
    result = run(*command, "--data-dir", str(typo))
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (f"wiredesk: {typo}: no wiredesk cache here "
                             "(a mistyped --data-dir? `wiredesk fetch` fills one)\n")
    if where == "missing":
        assert not typo.exists(), "a mistyped data dir is not created"
    else:
        assert list(typo.iterdir()) == [], "nothing is written into it"


def test_a_damaged_cache_file_is_moved_aside_with_a_clear_line(feed_server, data_dir):
    feed_server.set("/wire.xml", rss([Entry(title="One", guid="g1", date=NOW - 60)]))
    assert run("fetch", "--feed", feed_server.url("/wire.xml"), data_dir=data_dir).returncode == 0
    (data_dir / "state.json").write_bytes(b'{"read": {"g1": ')  # cut off mid-write by hand
    result = run("status", data_dir=data_dir)
    assert result.returncode == 0
    assert result.stdout == "wire 1 unread\n"
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("wiredesk: a damaged cache file was moved aside as ")
    assert list(data_dir.glob("state.json.corrupt-*"))
