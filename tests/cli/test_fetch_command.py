"""`wiredesk fetch`: a line per feed, the exit code, and the config's feeds, concurrency and size cap."""

from __future__ import annotations

from tests.helpers.cli import ENTRIES, NOW, config_file, records, run
from tests.helpers.feeds import Entry, FeedServer, rss
from tests.helpers.ids import entry_id
from tui import config as configuration
from tui.options import parse_args


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
    assert record["id"] == entry_id(ENTRIES[0], feed_server.url("/c.xml"))


def test_fetch_honours_the_configs_concurrency(feed_server, data_dir, tmp_path):
    urls = []
    for n in range(4):
        feed_server.set(f"/{n}.xml", rss([Entry(f"Item {n}", guid=f"urn:c:{n}", date=NOW - n)], title=f"F{n}"))
        feed_server.set_delay(f"/{n}.xml", 0.3)
        urls.append(feed_server.url(f"/{n}.xml"))
    feeds = "".join(f"[[feeds]]\nurl = '{url}'\n" for url in urls)
    result = run("--config", config_file(tmp_path, f"concurrency = 1\n{feeds}"), "fetch", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert feed_server.max_in_flight == 1
    feed_server.clear_log()
    result = run("--config", config_file(tmp_path, f"concurrency = 4\n{feeds}"), "fetch", data_dir=data_dir)
    assert result.returncode == 0 and feed_server.max_in_flight > 1


def test_max_feed_mb_caps_fetch_and_desk(feed_server, data_dir, tmp_path):
    from tui import cli

    big = rss([Entry(f"Story {n}", guid=f"urn:big:{n}", body="<p>" + "wire " * 100 + "</p>") for n in range(10)])
    assert len(big) > 2048
    feed_server.set("/big.xml", big)
    url = feed_server.url("/big.xml")
    config = config_file(tmp_path, "max_feed_mb = 0.001\n")  # 1,048 bytes
    result = run("--config", config, "fetch", "--feed", url, data_dir=data_dir)
    assert result.returncode == 1
    assert result.stdout == f"{url}: error: feed larger than 1,048 bytes\n"
    args = parse_args(["--config", config, "--feed", url, "--data-dir", str(data_dir)])
    desk = cli._desk(args, configuration.load(config), cli._open_store(args))
    assert desk.max_bytes == 1048
