"""The transport: compression bombs, redirect loops, broken HTTP, and a server that trickles forever."""

from __future__ import annotations

import pytest

from tests.helpers.hostile import BOMB_BYTES, BY_NAME, RawServer, bad_status_line
from tests.helpers.hostile_cli import FETCH_TIMEOUT, RSS_LIMIT_MB, check_one_line, control_findings, fetch
from tests.helpers.hostile_feeds import gzip_bomb, stacked_gzip_bomb
from tests.helpers.hostile_text import CONTROL_LINE
from tui.fetch.poller import MAX_REDIRECTS

STACKED_BOMB_BYTES = 400 * 1024 * 1024


@pytest.mark.parametrize("name", ["gzip-bomb", "deflate-bomb"])
def test_compression_bomb_is_cut_by_the_cap(name, single, server):
    run, data = single(name)
    assert len(gzip_bomb(BOMB_BYTES)) < 1024 * 1024, "small on the wire"
    assert run.lines == [f"{server.url(BY_NAME[name].path)}: error: feed larger than 10 MB"], run.describe()
    assert run.seconds < 10, run.describe()
    assert run.max_rss_mb < RSS_LIMIT_MB, run.describe()
    assert not list((data / "items").glob("*.json"))


def test_stacked_gzip_bomb_memory_is_bounded_by_the_cap(server, env, home):
    server.set("/stacked-bomb.xml", stacked_gzip_bomb(STACKED_BOMB_BYTES),
               headers={"Content-Encoding": "gzip, gzip"})
    assert len(stacked_gzip_bomb(STACKED_BOMB_BYTES)) < 64 * 1024
    url = server.url("/stacked-bomb.xml")
    run = fetch([url], home / "stacked-bomb", env, timeout=FETCH_TIMEOUT)
    assert run.lines == [f"{url}: error: feed larger than 10 MB"], run.describe()
    assert run.max_rss_mb < RSS_LIMIT_MB, run.describe()


def test_redirect_loop_is_one_error_line(single, server):
    run, _ = single("redirect-loop")
    assert run.lines == [f"{server.url('/redirect-loop.xml')}: error: more than {MAX_REDIRECTS} redirects"]


def test_broken_http_with_markup_and_escapes_is_one_safe_line(env, home):
    payload = bad_status_line("[bold red]BREAKING[/] \x1b]0;pwned\x07")
    with RawServer(payload) as raw:
        url = raw.url()
        run = fetch([url], home / "raw-status", env, timeout=FETCH_TIMEOUT)
    check_one_line(run, url, "error")
    assert "[bold red]BREAKING[/]" in run.stdout, "the server's words are quoted as they were"
    assert not CONTROL_LINE.search(run.stdout.rstrip("\n")), run.describe()
    assert control_findings(home / "raw-status") == []


# Last: the server that trickles forever (its fetch started with the first test here: conftest.py)


def test_trickling_server_is_cut_off_at_the_deadline(trickle_fetch, server):
    run = trickle_fetch.result(timeout=50)
    url = server.url("/trickle.xml")
    assert run.returncode == 1, run.describe()
    assert run.lines == [f"{url}: error: no complete answer within 30 s"], run.describe()
    assert "Traceback" not in run.stderr
    assert 25 <= run.seconds < 50, run.describe()
