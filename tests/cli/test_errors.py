"""Bad input: exit 2 and one line on stderr that names the file and line, the option or the path."""

from __future__ import annotations

import pytest

from tests.helpers.cli import ENTRIES, config_file, records, run
from tests.helpers.feeds import rss

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
    pytest.param(lambda t: ["--config", config_file(t, "interval = \n"), "status"], id="config-bad-toml"),
    pytest.param(lambda t: ["--config", config_file(t, "colour = 'red'\n"), "status"], id="config-unknown-key"),
    pytest.param(lambda t: ["--config", config_file(t, '[[feeds]]\nurl = "x"\nsize = 1\n'), "status"],
                 id="config-unknown-feed-key"),
    pytest.param(lambda t: ["status", "--config", config_file(t, 'interval = "fast"\n')], id="config-wrong-type"),
    pytest.param(lambda t: ["--config", config_file(t, "interval = true\n"), "status"], id="config-bool-interval"),
    pytest.param(lambda t: ["--config", config_file(t, "mark_read_delay = -1\n"), "status"], id="config-negative"),
    pytest.param(lambda t: ["--config", config_file(t, "feeds = 'x'\n"), "status"], id="config-feeds-not-tables"),
    pytest.param(lambda t: ["--config", config_file(t, "[[feeds]]\nname = 'no url'\n"), "status"],
                 id="config-feed-no-url"),
    pytest.param(lambda t: ["--config", str(t / "missing.toml"), "status"], id="config-missing"),
    pytest.param(lambda t: ["--interval", "nan", "fetch"], id="interval-nan"),
    pytest.param(lambda t: ["--interval", "inf", "--no-poll"], id="interval-inf"),
    pytest.param(lambda t: ["--interval", "1e400", "--no-poll"], id="interval-overflows"),
    pytest.param(lambda t: ["list", "--limit", "1.5"], id="limit-fraction"),
    pytest.param(lambda t: ["--config", config_file(t, "concurrency = 1e400\n"), "status"], id="config-1e400"),
    pytest.param(lambda t: ["--config", config_file(t, "concurrency = nan\n"), "fetch"], id="config-nan"),
    pytest.param(lambda t: ["--config", config_file(t, "concurrency = 2.5\n"), "fetch"], id="config-fraction"),
    pytest.param(lambda t: ["--config", config_file(t, "interval = inf\n"), "fetch"], id="config-inf"),
    pytest.param(lambda t: ["--config", config_file(t, "max_feed_mb = 0\n"), "fetch"], id="config-max-feed-mb"),
    pytest.param(lambda t: ["--config", config_file(t, "grouping = 'x'\n"), "status"], id="config-grouping"),
    pytest.param(lambda t: ["--config", config_file(t, "[keys]\nnxt = 'n'\n"), "status"], id="config-unknown-binding"),
    pytest.param(lambda t: ["--config", config_file(t, "[keys]\nread = ''\n"), "status"], id="config-empty-keys"),
    pytest.param(lambda t: ["--config", config_file(t, "[[feeds]]\nurl = 'ftp://x'\n"), "fetch"], id="config-ftp-url"),
    pytest.param(lambda t: ["--config", config_file(t, "[[feeds]]\nurl = '/no/such.xml'\n"), "fetch"],
                 id="config-missing-feed-file"),
    pytest.param(lambda t: ["--config", config_file(t, "theme = 'nope'\n"), "--no-poll"], id="config-unknown-theme"),
    pytest.param(lambda t: ["--theme", "nope", "--no-poll"], id="unknown-theme"),
    pytest.param(lambda t: ["opml", "export", "-o", str(t / "no" / "such" / "x.opml")], id="opml-output-dir-missing"),
    pytest.param(lambda t: ["status", "--data-dir", config_file(t, "")], id="data-dir-is-a-file"),
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
    path = config_file(tmp_path, "colour = 'red'\n")
    result = run("--config", path, "status", data_dir=data_dir)
    assert path in result.stderr and "colour" in result.stderr


def test_config_from_environment_variable(tmp_path, data_dir, monkeypatch):
    monkeypatch.setenv("WIREDESK_CONFIG", config_file(tmp_path, "colour = 'red'\n"))
    result = run("status", data_dir=data_dir)
    assert result.returncode == 2 and "colour" in result.stderr


@pytest.mark.parametrize("url", ["http://[::1/feed.xml", "http://127.0.0.1:99999/feed.xml"])
def test_malformed_feed_url_is_one_line(data_dir, url):
    result = run("fetch", "--feed", url, data_dir=data_dir, timeout=30)
    assert "Traceback" not in result.stderr
    assert result.returncode == 2
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("wiredesk:")


# Bad input named precisely: file and line, the path that failed


def test_config_errors_give_file_line_and_problem(tmp_path, data_dir):
    path = config_file(tmp_path, "interval = 60\n\n[retention]\ndays = 30\nweeks = 2\n")
    result = run("--config", path, "status", data_dir=data_dir)
    assert result.returncode == 2
    assert result.stderr == (
        f"wiredesk: {path}:5: retention: unknown key 'weeks' (known: days, max_items, unread_days)\n"
    )
    path = config_file(tmp_path, "[[feeds]]\nurl = 'a'\n\n[[feeds]]\nurl = 'b'\ninterval = nan\n")
    result = run("--config", path, "fetch", data_dir=data_dir)
    assert result.stderr == f"wiredesk: {path}:6: feeds #2: interval: expected a finite number, got nan\n"


@pytest.mark.parametrize(
    ("url", "problem"),
    [("ftp://x", "unsupported URL scheme 'ftp': ftp://x"), ("/no/such.xml", "no such feed file: /no/such.xml")],
)
def test_a_bad_feed_in_the_config_names_the_file_and_line(tmp_path, data_dir, url, problem):
    feed = tmp_path / "ok.xml"
    feed.write_bytes(rss(ENTRIES[:1]))
    path = config_file(tmp_path, f"# my feeds\n[[feeds]]\nurl = '{feed}'\n\n[[feeds]]\nname = 'bad'\nurl = '{url}'\n")
    for args in (["fetch"], ["--no-poll"]):
        result = run("--config", path, *args, data_dir=data_dir, timeout=30)
        assert (result.returncode, result.stderr) == (2, f"wiredesk: {path}:7: {problem}\n")


def test_an_unknown_theme_in_the_config_is_one_line(tmp_path, data_dir):
    path = config_file(tmp_path, 'theme = "nope"\n')
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
