"""The poller against a real loopback feed server, in real time: backoff and recovery, Retry-After,
redirects, validators remembered with the feed, and the cap on requests in flight.

Nothing of wiredesk is mocked: the server is tests/helpers/live.py's TimedServer, a FeedServer
that notes when each request arrived and serves redirects as a status and a Location header."""

from __future__ import annotations

import random
import time

import orjson
import pytest

from tests.helpers.feeds import http_date, rss
from tests.helpers.live import POLL_INTERVAL, gaps, live_desk, running
from tests.helpers.stories import numbered_story
from tests.helpers.waiting import until
from tui.core.feeds import FeedSource, PollResult
from tui.fetch.poller import MAX_REDIRECTS, Poller
from tui.store import open_store
from tui.ui.app import WireDesk

# Backoff and recovery, in real time


async def test_backoff_grows_in_real_time_then_recovers(server, data_dir):
    path, url = "/flaky.xml", server.url("/flaky.xml")
    server.set_status(path, 500)
    store = open_store(data_dir)
    interval = 0.2
    results: list[PollResult] = []
    poller = Poller(store, [FeedSource(url=url, interval=interval)], rand=random.Random(11))
    async with running(poller, results.append) as task:
        await until(lambda: len(results) >= 3 or task.done(), timeout=5, what="three failed polls")
        meta = store.feed_meta(url)
        assert (meta.last_error, meta.failures) == ("HTTP 500", 3)
        now = time.time()
        server.set(path, rss([numbered_story(n, now) for n in range(3)], title="Flaky wire"))
        await until(lambda: len(results) >= 6 or task.done(), timeout=5, what="recovery and two more polls")
    failed, recovered = results[:3], results[3:6]
    assert [r.error for r in failed] == ["HTTP 500"] * 3
    assert all(r.ok for r in recovered), [r.error for r in recovered]

    # Each failure doubles the wait the result announces (jitter +/- 10 %, plus the fetch itself).
    waits = [r.next_poll - r.checked_at for r in results[:6]]
    for n, wait in enumerate(waits[:3], start=1):
        nominal = interval * 2**n
        assert nominal * 0.9 <= wait <= nominal * 1.1 + 0.25, (n, waits)
    assert waits[0] < waits[1] < waits[2]
    for wait in waits[3:]:
        assert interval * 0.9 <= wait <= interval * 1.1 + 0.25, waits

    # The server saw the same: gaps of about 0.4, 0.8, 1.6 s, then back to about 0.2 s.
    apart = gaps(server.arrived(path))[:5]
    assert len(apart) == 5, apart
    for n, gap in enumerate(apart[:3], start=1):
        assert gap >= interval * 2**n * 0.9 - 0.01, apart  # a sleep never ends early
    assert apart[0] < apart[1] < apart[2], apart
    assert max(apart[3:]) < apart[2] / 2, apart

    meta = store.feed_meta(url)
    assert meta.last_error == "HTTP 500", "the last error is kept, and is older than the last success"
    assert meta.error_at < meta.last_ok
    assert meta.failures == 0
    assert meta.last_ok >= recovered[0].checked_at
    assert meta.title == "Flaky wire"
    assert store.status()["down"] == 0


# Retry-After


async def test_retry_after_is_honoured_for_429_and_503(server, data_dir):
    for path, status in (("/busy.xml", 429), ("/maint.xml", 503)):
        server.set(path, b"come back later\n", status=status, content_type="text/plain",
                   headers={"Retry-After": "2"})
    sources = [FeedSource(url=server.url(p), interval=0.2) for p in ("/busy.xml", "/maint.xml")]
    results: list[PollResult] = []
    async with running(Poller(open_store(data_dir), sources), results.append) as task:
        await until(
            lambda: all(len(server.arrived(p)) >= 2 for p in ("/busy.xml", "/maint.xml")) or task.done(),
            timeout=6, what="a second request to each feed",
        )
    for path, status in (("/busy.xml", 429), ("/maint.xml", 503)):
        first, second = server.arrived(path)[:2]
        assert second - first >= 1.9, f"{path}: next request after {second - first:.2f} s, asked for 2"
        result = next(r for r in results if r.source.url == server.url(path))
        assert result.error == f"HTTP {status}"
        assert result.retry_after == 2.0
        assert result.next_poll - result.checked_at >= 2.0


async def test_retry_after_on_other_errors_is_ignored(server, data_dir):
    server.set("/err.xml", b"oops\n", status=500, content_type="text/plain", headers={"Retry-After": "120"})
    [result] = await Poller(open_store(data_dir), [FeedSource(url=server.url("/err.xml"))]).poll_all()
    assert result.error == "HTTP 500"
    assert result.retry_after is None


async def test_odd_retry_after_header_fails_only_its_feed(server, data_dir):
    # http.server sends the header in latin-1 (byte 0xB2); httpx decodes it back to '²'.
    server.set("/odd.xml", b"later\n", status=503, content_type="text/plain", headers={"Retry-After": "²"})
    server.set("/good.xml", rss([numbered_story(1, time.time())]))
    sources = [FeedSource(url=server.url(p), interval=0.2) for p in ("/odd.xml", "/good.xml")]
    results: list[PollResult] = []
    async with running(Poller(open_store(data_dir), sources), results.append) as task:
        await until(lambda: len(server.arrived("/good.xml")) >= 3 or task.done(), timeout=4, what="polling")
        assert not task.done(), f"the poller died: {task.exception()!r}"
    odd = [r for r in results if r.source.url.endswith("/odd.xml")]
    assert odd and all(r.error == "HTTP 503" and r.retry_after is None for r in odd), [r.error for r in odd]


# Redirects


@pytest.mark.parametrize("status", [301, 308])
async def test_permanent_redirect_records_moved_to(server, data_dir, status):
    server.redirect("/old.xml", "/new.xml", status)
    server.set("/new.xml", rss([numbered_story(n, time.time()) for n in range(2)], title="Moved wire"))
    store = open_store(data_dir)
    old, new = server.url("/old.xml"), server.url("/new.xml")
    [result] = await Poller(store, [FeedSource(url=old)]).poll_all()
    assert result.ok, result.error
    assert result.moved_to == new
    assert len(result.new_ids) == 2
    assert store.feed_meta(old).moved_to == new
    assert new not in store.feeds_meta(), "the feed is still known by its configured URL"
    assert [(r.path, r.status) for r in server.requests] == [("/old.xml", status), ("/new.xml", 200)]
    assert {i.feed_url for i in store.items()} == {old}


async def test_temporary_redirect_is_followed_but_not_a_move(server, data_dir):
    server.redirect("/today.xml", "/mirror.xml", 302)
    server.set("/mirror.xml", rss([numbered_story(1, time.time())]))
    store = open_store(data_dir)
    [result] = await Poller(store, [FeedSource(url=server.url("/today.xml"))]).poll_all()
    assert result.ok and len(result.new_ids) == 1
    assert result.moved_to is None
    assert store.feed_meta(server.url("/today.xml")).moved_to is None


@pytest.mark.parametrize("validators", [False, True], ids=["same-bytes", "etag-304"])
async def test_move_of_an_unchanged_feed_is_recorded(server, data_dir, validators):
    body = rss([numbered_story(n, time.time()) for n in range(2)])
    etag = '"v1"' if validators else None
    old, new = server.url("/old.xml"), server.url("/new.xml")
    server.set("/old.xml", body, etag=etag)
    store = open_store(data_dir)
    await Poller(store, [FeedSource(url=old)]).poll_all()
    # The publisher moves the feed, unchanged, and redirects the old address.
    server.set("/new.xml", body, etag=etag)
    server.redirect("/old.xml", "/new.xml")
    [result] = await Poller(store, [FeedSource(url=old)]).poll_all()
    assert result.ok and result.not_modified
    assert result.moved_to == new
    assert store.feed_meta(old).moved_to == new


async def test_redirect_loop_is_a_clean_per_feed_error(server, data_dir):
    server.redirect("/loop-a.xml", "/loop-b.xml", 301)
    server.redirect("/loop-b.xml", "/loop-a.xml", 302)
    server.set("/fine.xml", rss([numbered_story(1, time.time())]))
    store = open_store(data_dir)
    loop_url = server.url("/loop-a.xml")
    results = await Poller(store, [FeedSource(url=loop_url), FeedSource(url=server.url("/fine.xml"))]).poll_all()
    looped, fine = results
    assert not looped.ok
    assert "redirects" in looped.error
    assert looped.line() == f"{loop_url}: error: {looped.error}"
    assert "Traceback" not in looped.error and "\n" not in looped.error
    assert fine.ok and len(fine.new_ids) == 1
    loop_requests = [r for r in server.requests if r.path.startswith("/loop-")]
    assert len(loop_requests) == MAX_REDIRECTS + 1
    assert "redirects" in store.feed_meta(loop_url).last_error
    assert store.status()["down"] == 1


# Conditional GET, remembered with the feed


@pytest.mark.parametrize("kind", ["etag", "last-modified", "both"])
async def test_validators_are_stored_with_the_feed_and_used_next_time(server, data_dir, kind):
    etag = '"wire-7"' if kind in ("etag", "both") else None
    modified = http_date(1_790_000_000) if kind in ("last-modified", "both") else None
    server.set("/c.xml", rss([numbered_story(n, time.time()) for n in range(3)]), etag=etag, last_modified=modified)
    url = server.url("/c.xml")
    [first] = await Poller(open_store(data_dir), [FeedSource(url=url)]).poll_all()
    assert first.ok and not first.not_modified and first.validators
    saved = orjson.loads((data_dir / "feeds.json").read_bytes())["feeds"][url]
    assert saved.get("etag") == etag
    assert saved.get("last_modified") == modified
    assert saved["validators"] is True

    # A new Store and Poller, as after a restart: the validators come from feeds.json.
    [second] = await Poller(open_store(data_dir), [FeedSource(url=url)]).poll_all()
    request = server.requests_for("/c.xml")[-1]
    assert request.header("If-None-Match") == etag
    assert request.header("If-Modified-Since") == modified
    assert request.status == 304
    assert second.ok and second.not_modified and second.validators
    assert second.new_ids == [] and second.items == []


async def test_no_validators_means_unconditional_requests(server, data_dir):
    server.set("/plain.xml", rss([numbered_story(1, time.time())]))
    url = server.url("/plain.xml")
    for _ in range(2):
        [result] = await Poller(open_store(data_dir), [FeedSource(url=url)]).poll_all()
        assert result.validators is False
    assert server.conditional_count("/plain.xml") == 0
    assert open_store(data_dir).feed_meta(url).validators is False
    assert result.not_modified, "unchanged bytes are still not parsed twice"


# The concurrency cap, in a running desk


async def test_desk_never_has_more_requests_in_flight_than_its_cap(server, data_dir):
    paths = [f"/slow{n}.xml" for n in range(6)]
    for n, path in enumerate(paths):
        server.set(path, rss([numbered_story(n, time.time())], title=f"Slow {n}"), delay=0.4)
    sources = [FeedSource(url=server.url(p), interval=POLL_INTERVAL) for p in paths]
    app = WireDesk(open_store(data_dir), sources, poll=True, concurrency=2)
    async with live_desk(app, (100, 30)) as pilot:
        await until(lambda: len(app.desk.items) == 6, timeout=8, what="every slow feed polled", pilot=pilot)
        assert {r.path for r in server.requests if r.status == 200} == set(paths)
    assert server.max_in_flight == 2
