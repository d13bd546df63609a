"""tui.fetch.poller.Poller against a real loopback HTTP server, local files, and the demo replay."""

from __future__ import annotations

import time

import httpx
import pytest

import tui.fetch.capped
from tests.helpers.feeds import Entry, FeedServer, atom, http_date, rss
from tests.helpers.ids import entry_id, entry_ids
from tui.core.feeds import FeedSource, PollResult
from tui.fetch.demo import RELEASES, demo_sources, seed_files
from tui.fetch.parse import parse_feed
from tui.fetch.poller import Poller
from tui.store import Store, open_store


def _entries(now: float, n: int = 3, prefix: str = "urn:wire:") -> list[Entry]:
    return [
        Entry(f"Story {k}", guid=f"{prefix}{k}", link=f"https://wire.test/{k}", date=now - 60 * (k + 1),
              body=f"<p>Body {k}</p>")
        for k in range(n)
    ]


async def _poll(store: Store, *urls: str, **kwargs) -> list[PollResult]:
    return await Poller(store, [FeedSource(url=url) for url in urls], **kwargs).poll_all()


@pytest.fixture
def store(data_dir) -> Store:
    return open_store(data_dir)


@pytest.fixture
def now() -> float:
    return float(int(time.time()))


def test_feed_server_itself(feed_server: FeedServer):
    # The instrument the tests below rely on: validators, 304s, statuses and the request log.
    modified = http_date(1_700_000_000)
    feed_server.set("/v.xml", b"<rss/>", etag='"e1"', last_modified=modified)
    feed_server.set_status("/err", 503)
    with httpx.Client(base_url=feed_server.base_url) as client:
        assert client.get("/v.xml").content == b"<rss/>"
        assert client.get("/v.xml", headers={"If-None-Match": '"e1"'}).status_code == 304
        assert client.get("/v.xml", headers={"If-None-Match": '"other"'}).status_code == 200
        assert client.get("/v.xml", headers={"If-Modified-Since": modified}).status_code == 304
        assert client.get("/v.xml", headers={"If-Modified-Since": http_date(1_600_000_000)}).status_code == 200
        assert client.get("/err").status_code == 503
        assert client.get("/missing").status_code == 404
        response = client.get("/v.xml")
        assert (response.headers["ETag"], response.headers["Last-Modified"]) == ('"e1"', modified)
    assert [r.status for r in feed_server.requests_for("/v.xml")] == [200, 304, 200, 304, 200, 200]
    assert feed_server.conditional_count("/v.xml") == 4
    assert feed_server.max_in_flight == 1
    assert feed_server.in_flight == 0


async def test_items_are_fetched_and_stored(feed_server: FeedServer, store, now):
    entries = _entries(now)
    feed_server.set("/a.xml", rss(entries, title="Wire A"))
    url = feed_server.url("/a.xml")
    [result] = await _poll(store, url)
    assert result.ok and result.error is None
    assert result.title == "Wire A"
    assert not result.not_modified
    assert result.new_ids == entry_ids(entries, url)
    assert sorted(i.id for i in result.items) == sorted(result.new_ids)
    assert {i.id: i.title for i in store.items()} == {entry_id(e, url): e.title for e in entries}
    assert store.body(entry_id(entries[0], url)) == entries[0].body
    [request] = feed_server.requests_for("/a.xml")
    assert not request.conditional
    assert request.header("User-Agent") == tui.fetch.capped.USER_AGENT
    assert result.line().startswith(feed_server.url("/a.xml") + ": ok")


async def test_atom_over_http(feed_server, store, now):
    entries = _entries(now, 2)
    feed_server.set("/a.atom", atom(entries), content_type="application/atom+xml")
    [result] = await _poll(store, feed_server.url("/a.atom"))
    assert result.new_ids == entry_ids(entries, feed_server.url("/a.atom"))


@pytest.mark.parametrize(
    "validators",
    [
        pytest.param({"etag": '"v1"'}, id="etag"),
        pytest.param({"last_modified": "LM"}, id="last-modified"),
        pytest.param({"etag": '"v1"', "last_modified": "LM"}, id="both"),
    ],
)
async def test_second_poll_is_conditional_and_304_is_not_modified(feed_server, store, now, validators):
    validators = {k: http_date(now - 3600) if v == "LM" else v for k, v in validators.items()}
    feed_server.set("/a.xml", rss(_entries(now)), **validators)
    url = feed_server.url("/a.xml")
    poller = Poller(store, [FeedSource(url=url)])
    [first] = await poller.poll_all()
    assert first.ok and first.new_ids
    stored_before = {i.id: i for i in store.items()}

    [second] = await poller.poll_all()
    assert second.ok
    assert second.not_modified
    assert second.new_ids == [] and second.items == []
    assert second.title == first.title
    assert second.line().endswith("not modified")

    first_request, second_request = feed_server.requests_for("/a.xml")
    assert not first_request.conditional and first_request.status == 200
    assert second_request.status == 304  # nothing was sent to parse
    assert second_request.header("If-None-Match") == validators.get("etag")
    assert second_request.header("If-Modified-Since") == validators.get("last_modified")
    assert feed_server.conditional_count("/a.xml") == 1
    assert {i.id: i for i in store.items()} == stored_before


async def test_changed_document_with_new_etag_delivers_new_item(feed_server, store, now):
    entries = _entries(now)
    feed_server.set("/a.xml", rss(entries), etag='"v1"')
    url = feed_server.url("/a.xml")
    await _poll(store, url)
    fresh = Entry("Breaking", guid="urn:wire:new", date=now, body="<p>New</p>")
    feed_server.set("/a.xml", rss([fresh, *entries]), etag='"v2"')
    [result] = await _poll(store, url)
    assert result.ok and not result.not_modified
    assert result.new_ids == [entry_id(fresh, url)]
    assert feed_server.requests_for("/a.xml")[-1].header("If-None-Match") == '"v1"'
    assert feed_server.requests_for("/a.xml")[-1].status == 200
    assert entry_id(fresh, url) in {i.id for i in store.items()}
    assert store.feed_meta(url).etag == '"v2"'
    # And the new validator is the one sent next.
    await _poll(store, url)
    assert feed_server.requests_for("/a.xml")[-1].header("If-None-Match") == '"v2"'


async def test_identical_bytes_without_validators_are_not_modified(feed_server, store, now):
    doc = rss(_entries(now))
    feed_server.set("/plain.xml", doc)
    url = feed_server.url("/plain.xml")
    [first] = await _poll(store, url)
    assert first.new_ids
    [second] = await _poll(store, url)
    assert second.ok and second.not_modified
    assert second.items == []
    requests = feed_server.requests_for("/plain.xml")
    assert [r.status for r in requests] == [200, 200]
    assert not any(r.conditional for r in requests)


async def test_changed_document_without_validators_delivers_new_item(feed_server, store, now):
    entries = _entries(now)
    feed_server.set("/plain.xml", rss(entries))
    url = feed_server.url("/plain.xml")
    await _poll(store, url)
    fresh = Entry("Update", guid="urn:wire:fresh", date=now)
    feed_server.set("/plain.xml", rss([fresh, *entries]))
    [result] = await _poll(store, url)
    assert not result.not_modified
    assert result.new_ids == [entry_id(fresh, url)]
    assert len(result.items) == len(entries) + 1
    assert len(store.items()) == len(entries) + 1


async def test_same_guid_in_two_feeds_is_two_items(feed_server, store, now):
    # A GUID is unique within its feed at best: the second feed's story must not replace the first's.
    shared = Entry("Shared story", guid="urn:shared", date=now - 60, body="<p>KYIV (ANP) - x</p>")
    # The second feed carries its own story under that GUID, dated on another day.
    other = Entry("Other story", guid=shared.guid, date=now - 3 * 86400, body="<p>PARIJS (AFP) - y</p>")
    only = Entry("Only one", guid="urn:one", date=now - 5)
    feed_server.set("/one.xml", rss([shared, only]))
    feed_server.set("/two.xml", rss([other]))
    one, two = feed_server.url("/one.xml"), feed_server.url("/two.xml")
    results = await _poll(store, one, two)
    assert all(r.ok for r in results)
    stored = {i.id: (i.title, i.feed_url) for i in store.items()}
    assert stored == {entry_id(shared, one): (shared.title, one), entry_id(only, one): (only.title, one),
                      entry_id(other, two): (other.title, two)}
    assert store.body(entry_id(shared, one)) == shared.body and store.body(entry_id(other, two)) == other.body


async def test_same_guid_in_two_feeds_is_new_in_each(feed_server, store, now):
    shared = Entry("Shared story", guid="urn:shared", date=now - 60)
    only = Entry("Only one", guid="urn:one", date=now - 5)
    feed_server.set("/one.xml", rss([shared, only]))
    feed_server.set("/two.xml", rss([shared]))
    one, two = feed_server.url("/one.xml"), feed_server.url("/two.xml")
    first, second = await _poll(store, one, two)
    assert (first.new_ids, second.new_ids) == (entry_ids([shared, only], one), [entry_id(shared, two)])


@pytest.mark.parametrize("status", [500, 404, 403, 503])
async def test_http_errors_are_per_feed(feed_server, store, now, status):
    feed_server.set("/good.xml", rss(_entries(now)))
    feed_server.set_status("/bad.xml", status)
    bad, good = await _poll(store, feed_server.url("/bad.xml"), feed_server.url("/good.xml"))
    assert not bad.ok
    assert str(status) in bad.error
    assert bad.line().startswith(feed_server.url("/bad.xml") + ": error:")
    assert good.ok and good.new_ids
    assert {i.feed_url for i in store.items()} == {feed_server.url("/good.xml")}


async def test_unknown_path_is_404_error(feed_server, store):
    [result] = await _poll(store, feed_server.url("/nothing-here.xml"))
    assert "404" in result.error


async def test_not_a_feed_over_http_is_an_error(feed_server, store):
    feed_server.set("/junk", bytes(range(256)) * 4, content_type="application/octet-stream")
    [result] = await _poll(store, feed_server.url("/junk"))
    assert result.error
    assert store.items() == []
    # A failed parse stores no hash, so the next poll parses again (and fails again).
    [again] = await _poll(store, feed_server.url("/junk"))
    assert again.error and not again.not_modified


async def test_refused_connection_is_an_error(store):
    server = FeedServer().start()
    url = server.url("/gone.xml")
    server.stop()  # the port is closed now
    [result] = await _poll(store, url)
    assert not result.ok


async def test_slow_server_times_out(feed_server, store, now):
    feed_server.set("/slow.xml", rss(_entries(now)), delay=5.0)
    started = time.monotonic()
    [result] = await _poll(store, feed_server.url("/slow.xml"), timeout=0.5)
    elapsed = time.monotonic() - started
    assert result.error == "timed out"
    assert elapsed < 4.0  # the deliberate timing check: the poller gave up long before the server answered
    assert store.items() == []


async def test_trickling_server_is_cut_off(feed_server, store, now):
    # httpx's timeout is per read: a server that sends a byte now and then never trips it.
    doc = rss([Entry("Trickled", guid="urn:trickle", date=now, body="<p>" + "slow " * 80 + "</p>")])
    chunks = 10
    # Each chunk 0.25 s after the last: no single read waits the 0.5 s timeout, yet the whole
    # (complete, valid) feed takes 2.5 s; a poller without an overall deadline would store it.
    feed_server.set("/trickle.xml", doc, chunk_delay=0.25, chunk_size=len(doc) // chunks + 1)
    [result] = await _poll(store, feed_server.url("/trickle.xml"), timeout=0.5)
    assert not result.ok
    assert store.items() == []


async def test_file_url_and_plain_path(tmp_path, store, now):
    path = tmp_path / "local feed.xml"
    entries = _entries(now, 2, prefix="urn:file:")
    path.write_bytes(rss(entries))
    [by_uri] = await _poll(store, path.as_uri())
    [by_path] = await _poll(store, str(path))
    assert by_uri.ok and by_path.ok
    assert by_uri.new_ids == entry_ids(entries, path.as_uri())
    # Ids are scoped to the feed as configured: the file named another way is another feed.
    assert by_path.new_ids == entry_ids(entries, str(path))
    assert {i.id for i in by_path.items} == set(entry_ids(entries, str(path)))
    # Unchanged file: not modified by content hash.
    [again] = await _poll(store, str(path))
    assert again.not_modified
    local = Entry("Local news", guid="urn:file:new", date=now)
    path.write_bytes(rss([local, *entries]))
    [changed] = await _poll(store, str(path))
    assert changed.new_ids == [entry_id(local, str(path))]


async def test_missing_file_is_an_error(tmp_path, store):
    missing = tmp_path / "no-such-feed.xml"
    for url in (str(missing), missing.as_uri()):
        [result] = await _poll(store, url)
        assert not result.ok
        assert result.error


async def test_body_over_max_bytes_is_an_error_over_http(feed_server, store, now):
    doc = rss(_entries(now, 5))
    feed_server.set("/big.xml", doc)
    small = _entries(now, 1, prefix="urn:small:")
    feed_server.set("/fits.xml", rss(small))
    big, fits = await _poll(store, feed_server.url("/big.xml"), feed_server.url("/fits.xml"), max_bytes=len(doc) - 1)
    assert not big.ok and "larger" in big.error
    assert fits.ok and fits.new_ids == entry_ids(small, feed_server.url("/fits.xml"))
    assert {i.id for i in store.items()} == set(fits.new_ids)


async def test_body_over_max_bytes_is_an_error_from_file(tmp_path, store, now):
    doc = rss(_entries(now, 5))
    path = tmp_path / "big.xml"
    path.write_bytes(doc)
    [result] = await _poll(store, str(path), max_bytes=len(doc) - 1)
    assert not result.ok and "larger" in result.error
    [result] = await _poll(store, str(path), max_bytes=len(doc))
    assert result.ok


@pytest.mark.parametrize("url", ["ftp://wire.test/feed.xml", "http:///no-host"])
async def test_unsupported_urls_are_errors_not_exceptions(store, url):
    [result] = await _poll(store, url)
    assert not result.ok


@pytest.mark.parametrize("url", ["http://127.0.0.1:99999/feed.xml", "http://[::1/feed.xml"])
async def test_malformed_urls_are_errors_not_exceptions(store, url):
    [result] = await _poll(store, url)
    assert not result.ok


async def test_concurrency_is_limited(feed_server, store, now):
    urls = []
    for n in range(6):
        feed_server.set(f"/slow{n}.xml", rss(_entries(now, 1, prefix=f"urn:slow{n}:")), delay=0.25)
        urls.append(feed_server.url(f"/slow{n}.xml"))
    results = await _poll(store, *urls, concurrency=2)
    assert all(r.ok for r in results)
    assert len(feed_server.requests) == 6
    assert 1 <= feed_server.max_in_flight <= 2
    assert len(store.items()) == 6


async def test_in_flight_count_sees_unlimited_concurrency(feed_server, store, now):
    # The control for the test above: without a tight limit the server does see the requests overlap.
    urls = []
    for n in range(6):
        feed_server.set(f"/slow{n}.xml", rss(_entries(now, 1, prefix=f"urn:slow{n}:")), delay=0.5)
        urls.append(feed_server.url(f"/slow{n}.xml"))
    await _poll(store, *urls, concurrency=6)
    assert feed_server.max_in_flight > 2


# The demo wire


def _seed_ids(started_at: float) -> set[str]:
    return {i.id for p in seed_files() for i in parse_feed(p.read_bytes(), str(p), started_at).items}


async def test_demo_replay_newest_is_now_and_holds_back_releases(store):
    started_at = time.time()
    clock = [started_at]
    poller = Poller(store, demo_sources(started_at), clock=lambda: clock[0])
    results = await poller.poll_all()
    assert all(r.ok for r in results), [r.error for r in results]
    items = store.items()
    all_ids = _seed_ids(started_at)
    assert len(all_ids) > len(RELEASES)
    assert len(items) == len(all_ids) - len(RELEASES)
    assert max(i.published for i in items) == pytest.approx(started_at, abs=1.0)
    assert all(i.published <= started_at + 1.0 for i in items)

    # Just after the first release time, exactly one more item arrives, timed at its release.
    clock[0] = started_at + RELEASES[0] + 1
    results = await poller.poll_all()
    new_ids = [iid for r in results for iid in r.new_ids]
    assert len(new_ids) == 1
    [released] = [i for i in store.items() if i.id == new_ids[0]]
    assert released.published == pytest.approx(started_at + RELEASES[0], abs=1.0)
    assert len(store.items()) == len(all_ids) - len(RELEASES) + 1

    # Polling again at the same moment releases nothing more; after the last release all are in.
    results = await poller.poll_all()
    assert [iid for r in results for iid in r.new_ids] == []
    clock[0] = started_at + RELEASES[-1] + 1
    await poller.poll_all()
    assert {i.id for i in store.items()} == all_ids


async def test_the_demo_is_parsed_again_only_until_its_last_release(store):
    started_at = time.time()
    clock = [started_at + RELEASES[-2] + 1]
    poller = Poller(store, demo_sources(started_at), clock=lambda: clock[0])
    await poller.poll_all()
    held_back = await poller.poll_all()
    assert not any(r.not_modified for r in held_back), "an item is still held back: the same file is read again"
    clock[0] = started_at + RELEASES[-1] + 1
    last = await poller.poll_all()
    assert sum(len(r.new_ids) for r in last) == 1 and not any(r.not_modified for r in last)
    settled = await poller.poll_all()
    assert all(r.ok and r.not_modified for r in settled), "all released: an unchanged file is not parsed again"
    assert {i.id for i in store.items()} == _seed_ids(started_at)
