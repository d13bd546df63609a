"""Where the data lives: `--data-dir` before or after the command, WIREDESK_DATA_DIR, and a bad one."""

from __future__ import annotations

import pytest

from tests.helpers.cli import ENTRIES, records, run
from tests.helpers.feeds import rss
from tests.helpers.ids import entry_ids


@pytest.mark.parametrize("where", ["before", "after"])
def test_data_dir_option_before_and_after_subcommand(tmp_path, where):
    feed = tmp_path / "wire.xml"
    feed.write_bytes(rss(ENTRIES))
    chosen = tmp_path / "chosen"
    env_dir = tmp_path / "from-env"  # WIREDESK_DATA_DIR: the option must win over it
    option = ["--data-dir", str(chosen)]
    args = [*option, "fetch", "--feed", str(feed)] if where == "before" else ["fetch", "--feed", str(feed), *option]
    result = run(*args, data_dir=env_dir)
    assert result.returncode == 0, result.stderr
    assert not env_dir.exists()
    listed = run("list", "--json", *option) if where == "after" else run(*option, "list", "--json")
    assert {r["id"] for r in records(listed)} == set(entry_ids(ENTRIES, str(feed)))
    status = run(*option, "status") if where == "before" else run("status", *option)
    assert status.stdout == f"wire {len(ENTRIES)} unread\n"


def test_data_dir_from_environment(tmp_path):
    feed = tmp_path / "wire.xml"
    feed.write_bytes(rss(ENTRIES))
    env_dir = tmp_path / "from-env"
    assert run("fetch", "--feed", str(feed), data_dir=env_dir).returncode == 0
    assert run("status", data_dir=env_dir).stdout == f"wire {len(ENTRIES)} unread\n"


@pytest.mark.parametrize("below", ["", "sub"])
def test_unusable_data_dir_is_bad_input_one_line_exit_2(tmp_path, below):
    not_a_dir = tmp_path / "a-file"
    not_a_dir.write_text("x")
    chosen = not_a_dir / below if below else not_a_dir
    result = run("status", "--data-dir", str(chosen))
    assert result.returncode == 2
    assert result.stderr == f"wiredesk: {chosen}: Not a directory\n"
