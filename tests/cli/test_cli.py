"""The headless `wiredesk` commands, run as real subprocesses (`python -m tui ...`)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.helpers.feeds import Entry, FeedServer, rss
from tui import config as configuration
from tui.fetch.poller import Poller

ROOT = Path(__file__).resolve().parents[2]
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


@pytest.fixture(scope="module")
def fetched(tmp_path_factory) -> Path:
    """A data dir holding WIRE, fetched once by the CLI from a feed file; tests copy it."""
    home = tmp_path_factory.mktemp("cli-home")
    feed = home / "wire.xml"
    feed.write_bytes(rss(ENTRIES, title=FEED_TITLE))
    data = home / "data"
    with pytest.MonkeyPatch.context() as mp:  # the autouse isolation is not active in module scope
        for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
            mp.setenv(name, str(home / name.lower()))
        mp.delenv("WIREDESK_CONFIG", raising=False)
        result = run("fetch", "--feed", str(feed), data_dir=data)
    assert result.returncode == 0, result.stderr
    return data


@pytest.fixture
def wire(fetched, tmp_path) -> Path:
    """A private copy of the fetched data dir."""
    import shutil

    copy = tmp_path / "wire-data"
    shutil.copytree(fetched, copy)
    return copy


# fetch


def test_fetch_prints_one_line_per_feed(feed_server: FeedServer, data_dir):
    feed_server.set("/a.xml", rss(ENTRIES[:2], title="A"))
    feed_server.set("/b.xml", rss(ENTRIES[2:], title="B"))
    urls = [feed_server.url("/a.xml"), feed_server.url("/b.xml")]
    result = run("fetch", "--feed", urls[0], "--feed", urls[1], data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{urls[0]}: ok, 2 new")
    assert lines[1].startswith(f"{urls[1]}: ok, {len(ENTRIES) - 2} new")
    assert "Traceback" not in result.stderr
    # Again: both not modified (content hash), still one line each.
    again = run("fetch", "--feed", urls[0], "--feed", urls[1], data_dir=data_dir)
    assert again.returncode == 0
    assert again.stdout.splitlines() == [f"{urls[0]}: ok, not modified", f"{urls[1]}: ok, not modified"]


def test_fetch_exits_0_when_any_feed_succeeded(feed_server, data_dir):
    feed_server.set("/good.xml", rss(ENTRIES))
    feed_server.set_status("/bad.xml", 500)
    result = run("fetch", "--feed", feed_server.url("/bad.xml"), "--feed", feed_server.url("/good.xml"),
                 data_dir=data_dir)
    assert result.returncode == 0
    bad, good = result.stdout.splitlines()
    assert bad.startswith(feed_server.url("/bad.xml") + ": error:") and "500" in bad
    assert good.startswith(feed_server.url("/good.xml") + ": ok")


def test_fetch_exits_1_when_all_feeds_failed(feed_server, data_dir):
    feed_server.set_status("/bad.xml", 500)
    result = run("fetch", "--feed", feed_server.url("/bad.xml"), data_dir=data_dir)
    assert result.returncode == 1
    [line] = result.stdout.splitlines()
    assert line.startswith(feed_server.url("/bad.xml") + ": error:") and "500" in line
    assert "Traceback" not in result.stderr


def test_fetch_uses_config_feeds(feed_server, data_dir, tmp_path):
    feed_server.set("/c.xml", rss(ENTRIES[:1], title="Own title"))
    config = tmp_path / "config.toml"
    config.write_text(f'[[feeds]]\nurl = "{feed_server.url("/c.xml")}"\nname = "Configured name"\n')
    assert run("--config", str(config), "fetch", data_dir=data_dir).returncode == 0
    [record] = records(run("list", "--json", data_dir=data_dir))
    assert record["feed"] == "Configured name"
    assert record["id"] == ENTRIES[0].guid


# list


def test_list_json_records(wire):
    got = records(run("list", "--json", data_dir=wire))
    assert [r["id"] for r in got] == [e.guid for e in NEWEST_FIRST]
    datelines = {entry.guid: dl for entry, dl in WIRE}
    for record, entry in zip(got, NEWEST_FIRST):
        assert set(record) == {"id", "feed", "title", "link", "published", "dateline", "read", "summary"}
        assert record["feed"] == FEED_TITLE
        assert record["title"] == entry.title
        assert record["link"] == entry.link
        published = datetime.fromisoformat(record["published"])
        assert published.tzinfo is not None
        assert published == datetime.fromtimestamp(entry.date, UTC)
        expected = datelines[entry.guid]
        if expected is None:
            assert record["dateline"] is None
        else:
            assert record["dateline"] == {"places": expected[0], "agencies": expected[1]}
        assert record["read"] is False
        assert record["summary"] == entry.body.removeprefix("<p>").removesuffix("</p>")


def test_list_text_lines(wire):
    result = run("list", data_dir=wire)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(ENTRIES)
    for line, entry in zip(lines, NEWEST_FIRST):
        assert line.startswith("*")  # unread
        assert entry.title in line and line.endswith(f"[{entry.guid}]")


def test_list_limit(wire):
    full = records(run("list", "--json", data_dir=wire))
    for n in (1, 2, len(ENTRIES), len(ENTRIES) + 5):
        assert records(run("list", "--json", "--limit", str(n), data_dir=wire)) == full[:n]


def test_list_unread_and_limit(wire):
    newest = NEWEST_FIRST[0].guid
    assert run("read", newest, data_dir=wire).returncode == 0
    unread = records(run("list", "--json", "--unread", data_dir=wire))
    assert [r["id"] for r in unread] == [e.guid for e in NEWEST_FIRST[1:]]
    assert all(r["read"] is False for r in unread)
    limited = records(run("list", "--unread", "--json", "--limit", "2", data_dir=wire))
    assert [r["id"] for r in limited] == [e.guid for e in NEWEST_FIRST[1:3]]


def test_list_empty_cache(data_dir):
    result = run("list", "--json", data_dir=data_dir)
    assert (result.returncode, result.stdout) == (0, "")


# read / unread / status


def test_read_then_unread(wire):
    target = ENTRIES[2].guid
    result = run("read", target, data_dir=wire)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1 marked read"
    state = {r["id"]: r["read"] for r in records(run("list", "--json", data_dir=wire))}
    assert state == {e.guid: e.guid == target for e in ENTRIES}

    result = run("unread", target, data_dir=wire)
    assert result.returncode == 0
    assert result.stdout.strip() == "1 marked unread"
    assert all(r["read"] is False for r in records(run("list", "--json", data_dir=wire)))


def test_read_several(wire):
    targets = [ENTRIES[0].guid, ENTRIES[3].guid]
    result = run("read", *targets, data_dir=wire)
    assert result.stdout.strip() == f"{len(targets)} marked read"
    assert {r["id"] for r in records(run("list", "--json", data_dir=wire)) if r["read"]} == set(targets)


def test_read_unknown_id_exits_1(wire):
    result = run("read", "NOSUCH", data_dir=wire)
    assert result.returncode == 1
    assert result.stderr.strip() == "wiredesk: no such item: NOSUCH"
    # A known id given alongside is still marked.
    result = run("read", ENTRIES[1].guid, "NOSUCH", data_dir=wire)
    assert result.returncode == 1
    assert "NOSUCH" in result.stderr and "Traceback" not in result.stderr
    assert [r["id"] for r in records(run("list", "--json", data_dir=wire)) if r["read"]] == [ENTRIES[1].guid]


def test_read_same_id_twice_counts_once(wire):
    result = run("read", ENTRIES[0].guid, ENTRIES[0].guid, data_dir=wire)
    assert result.stdout.strip() == "1 marked read"


def test_status(wire):
    result = run("status", data_dir=wire)
    assert (result.returncode, result.stdout) == (0, f"wire {len(ENTRIES)} unread\n")
    run("read", ENTRIES[0].guid, ENTRIES[1].guid, data_dir=wire)
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


def test_status_on_empty_cache(data_dir):
    assert run("status", data_dir=data_dir).stdout == "wire 0 unread\n"


# Where the data lives


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
    assert {r["id"] for r in records(listed)} == {e.guid for e in ENTRIES}
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


# Bad arguments: exit 2, one line on stderr


def _config(tmp_path: Path, text: str) -> str:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return str(path)


BAD_ARGS = [
    pytest.param(lambda t: ["--no-such-flag"], id="unknown-flag"),
    pytest.param(lambda t: ["list", "--no-such-flag"], id="unknown-flag-after-subcommand"),
    pytest.param(lambda t: ["no-such-command"], id="unknown-command"),
    pytest.param(lambda t: ["list", "--limit", "0"], id="limit-0"),
    pytest.param(lambda t: ["list", "--limit", "-3"], id="limit-negative"),
    pytest.param(lambda t: ["list", "--limit", "x"], id="limit-x"),
    pytest.param(lambda t: ["--interval", "-1", "fetch"], id="interval-negative"),
    pytest.param(lambda t: ["--interval", "soon", "fetch"], id="interval-x"),
    pytest.param(lambda t: ["read"], id="read-without-id"),
    pytest.param(lambda t: ["--feed", "/no/such/file", "fetch"], id="missing-feed-file"),
    pytest.param(lambda t: ["fetch", "--feed", str(t / "missing.xml")], id="missing-feed-file-after"),
    pytest.param(lambda t: ["fetch", "--feed", "ftp://x"], id="ftp-url"),
    pytest.param(lambda t: ["--feed", "ftp://x", "fetch"], id="ftp-url-before"),
    pytest.param(lambda t: ["fetch", "--feed", "https:///no-host"], id="url-without-host"),
    pytest.param(lambda t: ["--config", _config(t, "interval = \n"), "status"], id="config-bad-toml"),
    pytest.param(lambda t: ["--config", _config(t, "colour = 'red'\n"), "status"], id="config-unknown-key"),
    pytest.param(lambda t: ["--config", _config(t, '[[feeds]]\nurl = "x"\nsize = 1\n'), "status"],
                 id="config-unknown-feed-key"),
    pytest.param(lambda t: ["status", "--config", _config(t, 'interval = "fast"\n')], id="config-wrong-type"),
    pytest.param(lambda t: ["--config", _config(t, "interval = true\n"), "status"], id="config-bool-interval"),
    pytest.param(lambda t: ["--config", _config(t, "mark_read_delay = -1\n"), "status"], id="config-negative"),
    pytest.param(lambda t: ["--config", _config(t, "feeds = 'x'\n"), "status"], id="config-feeds-not-tables"),
    pytest.param(lambda t: ["--config", _config(t, "[[feeds]]\nname = 'no url'\n"), "status"], id="config-feed-no-url"),
    pytest.param(lambda t: ["--config", str(t / "missing.toml"), "status"], id="config-missing"),
    pytest.param(lambda t: ["--interval", "nan", "fetch"], id="interval-nan"),
    pytest.param(lambda t: ["--interval", "inf", "--no-poll"], id="interval-inf"),
    pytest.param(lambda t: ["--interval", "1e400", "--no-poll"], id="interval-overflows"),
    pytest.param(lambda t: ["list", "--limit", "1.5"], id="limit-fraction"),
    pytest.param(lambda t: ["--config", _config(t, "concurrency = 1e400\n"), "status"], id="config-1e400"),
    pytest.param(lambda t: ["--config", _config(t, "concurrency = nan\n"), "fetch"], id="config-nan"),
    pytest.param(lambda t: ["--config", _config(t, "concurrency = 2.5\n"), "fetch"], id="config-fraction"),
    pytest.param(lambda t: ["--config", _config(t, "interval = inf\n"), "fetch"], id="config-inf"),
    pytest.param(lambda t: ["--config", _config(t, "max_feed_mb = 0\n"), "fetch"], id="config-max-feed-mb"),
    pytest.param(lambda t: ["--config", _config(t, "grouping = 'x'\n"), "status"], id="config-grouping"),
    pytest.param(lambda t: ["--config", _config(t, "[keys]\nnxt = 'n'\n"), "status"], id="config-unknown-binding"),
    pytest.param(lambda t: ["--config", _config(t, "[keys]\nread = ''\n"), "status"], id="config-empty-keys"),
    pytest.param(lambda t: ["--config", _config(t, "[[feeds]]\nurl = 'ftp://x'\n"), "fetch"], id="config-ftp-url"),
    pytest.param(lambda t: ["--config", _config(t, "[[feeds]]\nurl = '/no/such.xml'\n"), "fetch"],
                 id="config-missing-feed-file"),
    pytest.param(lambda t: ["--config", _config(t, "theme = 'nope'\n"), "--no-poll"], id="config-unknown-theme"),
    pytest.param(lambda t: ["--theme", "nope", "--no-poll"], id="unknown-theme"),
    pytest.param(lambda t: ["opml", "export", "-o", str(t / "no" / "such" / "x.opml")], id="opml-output-dir-missing"),
    pytest.param(lambda t: ["status", "--data-dir", _config(t, "")], id="data-dir-is-a-file"),
]


@pytest.mark.parametrize("make_args", BAD_ARGS)
def test_bad_arguments_exit_2_with_one_line(tmp_path, data_dir, make_args):
    result = run(*make_args(tmp_path), data_dir=data_dir, timeout=30)
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("wiredesk: ")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""


def test_config_error_names_the_file(tmp_path, data_dir):
    path = _config(tmp_path, "colour = 'red'\n")
    result = run("--config", path, "status", data_dir=data_dir)
    assert path in result.stderr and "colour" in result.stderr


def test_config_from_environment_variable(tmp_path, data_dir, monkeypatch):
    monkeypatch.setenv("WIREDESK_CONFIG", _config(tmp_path, "colour = 'red'\n"))
    result = run("status", data_dir=data_dir)
    assert result.returncode == 2 and "colour" in result.stderr


@pytest.mark.parametrize("url", ["http://[::1/feed.xml", "http://127.0.0.1:99999/feed.xml"])
def test_malformed_feed_url_is_one_line(data_dir, url):
    result = run("fetch", "--feed", url, data_dir=data_dir, timeout=30)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("wiredesk:")


# Headless commands stay light


IMPORTS = """
import contextlib, io, json, sys
from tui.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
loaded = {m.split(".")[0] for m in sys.modules}
print(json.dumps({"code": code, "textual": "textual" in loaded, "feedparser": "feedparser" in loaded}))
"""


@pytest.mark.parametrize(
    "argv",
    [["status"], ["list"], ["list", "--json", "--unread"], ["read", ENTRIES[0].guid], ["unread", ENTRIES[0].guid]],
    ids=" ".join,
)
def test_headless_commands_never_import_textual_or_feedparser(wire, argv):
    env = {**os.environ, "WIREDESK_DATA_DIR": str(wire)}
    result = subprocess.run([sys.executable, "-c", IMPORTS, *argv], capture_output=True, text=True, cwd=ROOT,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report == {"code": 0, "textual": False, "feedparser": False}


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


def test_export_prints_an_item_as_markdown(fetched, tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(fetched, data)
    first = records(run("list", "--json", "--limit", "1", data_dir=data))[0]
    out = run("export", first["id"], data_dir=data)
    assert out.returncode == 0
    assert out.stdout.startswith(f"# {first['title']}\n")
    target = tmp_path / "item.md"
    assert run("export", first["id"], "-o", str(target), data_dir=data).returncode == 0
    assert target.read_text() == out.stdout
    missing = run("export", "no-such-id", data_dir=data)
    assert missing.returncode == 1 and missing.stderr == "wiredesk: no such item: no-such-id\n"


# Bad input named precisely: file and line, the path that failed


def test_config_errors_give_file_line_and_problem(tmp_path, data_dir):
    path = _config(tmp_path, "interval = 60\n\n[retention]\ndays = 30\nweeks = 2\n")
    result = run("--config", path, "status", data_dir=data_dir)
    assert result.returncode == 2
    assert result.stderr == (
        f"wiredesk: {path}:5: retention: unknown key 'weeks' (known: days, max_items, unread_days)\n"
    )
    path = _config(tmp_path, "[[feeds]]\nurl = 'a'\n\n[[feeds]]\nurl = 'b'\ninterval = nan\n")
    result = run("--config", path, "fetch", data_dir=data_dir)
    assert result.stderr == f"wiredesk: {path}:6: feeds #2: interval: expected a finite number, got nan\n"


@pytest.mark.parametrize(
    ("url", "problem"),
    [("ftp://x", "unsupported URL scheme 'ftp': ftp://x"), ("/no/such.xml", "no such feed file: /no/such.xml")],
)
def test_a_bad_feed_in_the_config_names_the_file_and_line(tmp_path, data_dir, url, problem):
    feed = tmp_path / "ok.xml"
    feed.write_bytes(rss(ENTRIES[:1]))
    path = _config(tmp_path, f"# my feeds\n[[feeds]]\nurl = '{feed}'\n\n[[feeds]]\nname = 'bad'\nurl = '{url}'\n")
    for args in (["fetch"], ["--no-poll"]):
        result = run("--config", path, *args, data_dir=data_dir, timeout=30)
        assert (result.returncode, result.stderr) == (2, f"wiredesk: {path}:7: {problem}\n")


def test_an_unknown_theme_in_the_config_is_one_line(tmp_path, data_dir):
    path = _config(tmp_path, 'theme = "nope"\n')
    result = run("--config", path, "--no-poll", data_dir=data_dir, timeout=30)
    assert result.returncode == 2
    assert result.stderr.startswith(f"wiredesk: {path}") and "unknown theme 'nope'" in result.stderr
    assert len(result.stderr.splitlines()) == 1


def test_output_files_that_cant_be_written_are_one_line(wire, tmp_path):
    item = records(run("list", "--json", "--limit", "1", data_dir=wire))[0]["id"]
    target = tmp_path / "no" / "such" / "dir" / "x.md"
    result = run("export", item, "-o", str(target), data_dir=wire)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"wiredesk: {target}: No such file or directory\n"
    result = run("opml", "export", "-o", str(tmp_path), data_dir=wire)  # a directory
    assert (result.returncode, result.stderr) == (2, f"wiredesk: {tmp_path}: Is a directory\n")


def test_feeds_add_refuses_a_non_finite_interval_and_writes_nothing(tmp_path):
    config = tmp_path / "config.toml"
    for interval in ("nan", "inf", "-inf", "0.5"):
        result = run("--config", str(config), "feeds", "add", "https://wire.example/a.xml", "--interval", interval)
        assert result.returncode == 2 and result.stderr.count("\n") == 1 and "--interval" in result.stderr
    assert not config.exists()


def test_fetch_honours_the_configs_concurrency(feed_server, data_dir, tmp_path):
    urls = []
    for n in range(4):
        feed_server.set(f"/{n}.xml", rss([Entry(f"Item {n}", guid=f"urn:c:{n}", date=NOW - n)], title=f"F{n}"))
        feed_server.set_delay(f"/{n}.xml", 0.3)
        urls.append(feed_server.url(f"/{n}.xml"))
    feeds = "".join(f"[[feeds]]\nurl = '{url}'\n" for url in urls)
    result = run("--config", _config(tmp_path, f"concurrency = 1\n{feeds}"), "fetch", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert feed_server.max_in_flight == 1
    feed_server.clear_log()
    result = run("--config", _config(tmp_path, f"concurrency = 4\n{feeds}"), "fetch", data_dir=data_dir)
    assert result.returncode == 0 and feed_server.max_in_flight > 1


def test_the_demo_replays_into_a_fresh_cache_each_run(tmp_path, monkeypatch):
    """Two runs of the demo each start empty, so the held-back items arrive live both times."""
    from tui import cli
    from tui.fetch.demo import RELEASES, demo_sources

    monkeypatch.delenv("WIREDESK_DATA_DIR")
    args = cli._parser().parse_args([])
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

    args = cli._parser().parse_args(["--data-dir", str(tmp_path / "d")])
    store = cli._open_store(args)
    with cli._demo_store(args, demo_sources(time.time()), store) as used:
        assert used is store


def test_max_feed_mb_caps_fetch_and_desk(feed_server, data_dir, tmp_path):
    from tui import cli

    big = rss([Entry(f"Story {n}", guid=f"urn:big:{n}", body="<p>" + "wire " * 100 + "</p>") for n in range(10)])
    assert len(big) > 2048
    feed_server.set("/big.xml", big)
    url = feed_server.url("/big.xml")
    config = _config(tmp_path, "max_feed_mb = 0.001\n")  # 1,048 bytes
    result = run("--config", config, "fetch", "--feed", url, data_dir=data_dir)
    assert result.returncode == 1
    assert result.stdout == f"{url}: error: feed larger than 1,048 bytes\n"
    args = cli._parser().parse_args(["--config", config, "--feed", url, "--data-dir", str(data_dir)])
    desk = cli._desk(args, configuration.load(config), cli._open_store(args))
    assert desk.max_bytes == 1048
