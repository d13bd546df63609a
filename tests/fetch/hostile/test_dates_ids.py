"""Dates and ids, through the command line: future, garbage and zero dates; GUIDs missing or repeated."""

from __future__ import annotations

import math
import time
from datetime import datetime
from pathlib import Path

import pytest

from tests.helpers.feeds import Entry
from tests.helpers.hostile_cli import FETCH_TIMEOUT, fetch, isolated_env, list_json, run_cli
from tests.helpers.hostile_feeds import GARBAGE_DATES, dated_feed, duplicate_guid_feed, guidless_feed
from tests.helpers.ids import ids_of


def _fetch_ok(url: str, data: Path, env) -> tuple[float, float]:
    """Fetch; returns the wall-clock window the fetch ran in."""
    before = time.time()
    run = fetch([url], data, env, timeout=FETCH_TIMEOUT)
    after = time.time()
    assert run.returncode == 0 and " ok, " in run.stdout, run.describe()
    return before, after


def _epoch(iso: str) -> float:
    return datetime.fromisoformat(iso).timestamp()


def _wait_past(moment: float) -> None:
    while time.time() <= moment:
        time.sleep(0.05)


def _by_id(records: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in records}


def test_future_and_garbage_dates_use_fetch_time_and_stay_below_later_news(server, env, home):
    path, url = "/dates-seq.xml", server.url("/dates-seq.xml")
    data = home / "dates-seq"
    now = time.time()
    server.set(path, dated_feed(now))
    first_from, first_to = _fetch_ok(url, data, env)
    first = _by_id(list_json(data, env))
    undated = ids_of(url, *[f"urn:date:garbage{n}" for n in range(len(GARBAGE_DATES))], "urn:date:none")
    real, future, fresh = ids_of(url, "urn:date:real", "urn:date:future", "urn:date:fresh")
    assert set(first) == {*undated, real, future}
    for item_id in [*undated, future]:
        # Clamped to the fetch (ISO seconds in the output: compare with the window, floored).
        assert math.floor(first_from) <= _epoch(first[item_id]["published"]) <= first_to, first[item_id]
    assert _epoch(first[real]["published"]) == pytest.approx(now - 120, abs=1)

    # Real news published after the first fetch, fetched later.
    fresh_at = math.ceil(first_to) + 1
    _wait_past(fresh_at + 0.2)
    server.set(path, dated_feed(now, extra=[Entry("Real, just now", guid="urn:date:fresh", date=fresh_at)]))
    _fetch_ok(url, data, env)
    records = list_json(data, env)
    second = _by_id(records)
    order = [r["id"] for r in records]
    for item_id in undated:
        assert second[item_id]["published"] == first[item_id]["published"], "first-seen time stands"
        assert order.index(item_id) > order.index(fresh)
    assert len(records) == len(first) + 1


def test_future_dated_item_does_not_climb_above_later_news(server, env, home):
    path, url = "/future-seq.xml", server.url("/future-seq.xml")
    data = home / "future-seq"
    now = time.time()
    server.set(path, dated_feed(now))
    _fetch_ok(url, data, env)
    first = _by_id(list_json(data, env))
    fresh_at = math.ceil(time.time()) + 1
    _wait_past(fresh_at + 0.2)
    server.set(path, dated_feed(now, extra=[Entry("Real, just now", guid="urn:date:fresh", date=fresh_at)]))
    _fetch_ok(url, data, env)
    records = list_json(data, env)
    order = [r["id"] for r in records]
    future, fresh = ids_of(url, "urn:date:future", "urn:date:fresh")
    assert _by_id(records)[future]["published"] == first[future]["published"]
    assert order.index(future) > order.index(fresh), order


def test_zero_dates_use_first_seen_time_and_spare_the_feed(single, server):
    run, data = single("zero-date")
    assert run.lines == [f"{server.url('/zero-date.xml')}: ok, 4 new (4 items)"], run.describe()
    records = _by_id(list_json(data, isolated_env(data.parent)))
    assert set(records) == set(ids_of(server.url("/zero-date.xml"), "urn:zero:before", "urn:zero:0", "urn:zero:1",
                                      "urn:zero:after"))


def test_guidless_items_are_all_kept_and_never_duplicated(server, env, home):
    path, url = "/guidless-seq.xml", server.url("/guidless-seq.xml")
    data = home / "guidless-seq"
    now = time.time()
    server.set(path, guidless_feed(now))
    _fetch_ok(url, data, env)
    first = list_json(data, env)
    assert len(first) == 7
    assert len({r["id"] for r in first}) == 7
    # The document changes (so it is parsed again) and is fetched twice more.
    server.set(path, guidless_feed(now, extra=[Entry("Newcomer", guid="urn:g:new", date=now)]))
    _fetch_ok(url, data, env)
    _fetch_ok(url, data, env)
    again = list_json(data, env)
    assert {r["id"] for r in again} == {r["id"] for r in first} | set(ids_of(url, "urn:g:new"))
    assert len(again) == 8


def test_duplicate_guids_lose_nothing_else_and_keep_the_read_mark(server, env, home):
    path, url = "/dup-seq.xml", server.url("/dup-seq.xml")
    data = home / "dup-seq"
    now = time.time()
    server.set(path, duplicate_guid_feed(now))
    _fetch_ok(url, data, env)
    records = list_json(data, env)
    dup = ids_of(url, "urn:dup:1", "urn:dup:2", "urn:dup:3")
    assert sorted(r["id"] for r in records) == sorted(dup)
    marked = run_cli("read", dup[0], "--data-dir", str(data), env=env)
    assert marked.returncode == 0 and marked.stdout == "1 marked read\n", marked.describe()
    for n, newest_first in enumerate([True, False, True]):
        extra = [Entry(f"Later {k}", guid=f"urn:dup:later{k}", date=now - 5) for k in range(n + 1)]
        server.set(path, duplicate_guid_feed(now, newest_first=newest_first, extra=extra))
        _fetch_ok(url, data, env)
        records = list_json(data, env)
        ids = [r["id"] for r in records]
        assert len(ids) == len(set(ids)) == 3 + n + 1
        read = {r["id"] for r in records if r["read"]}
        assert read == {dup[0]}, f"read marks flipped after fetch {n + 2}: {read}"


@pytest.mark.parametrize("newest_first", [
    pytest.param(False, id="oldest-copy-first"),
    pytest.param(True, id="newest-copy-first"),
])
def test_duplicate_guid_keeps_the_newest_copy(newest_first, server, env, home):
    path = f"/dup-order-{newest_first}.xml"
    url, data = server.url(path), home / f"dup-order-{newest_first}"
    server.set(path, duplicate_guid_feed(time.time(), newest_first=newest_first))
    _fetch_ok(url, data, env)
    record = _by_id(list_json(data, env))[ids_of(url, "urn:dup:1")[0]]
    assert record["title"] == "Updated: talks resume"
    assert record["summary"] == "The updated text."
