"""The naive ways, measured next to ours on the same data, so the ratios show (GUIDE.md §2)."""

from __future__ import annotations

import shutil
import time

from bench.common import DATA, Result, median_time, ratio, scratch_copy, scratch_dir
from bench.generate import GEN_VERSION, ITEMS_PER_FEED, cache, feed_files, feed_items

SIZE = 50_000
PARSE_FEEDS = 5


def naive_db():
    """A 50k-item TinyDB with the default JSONStorage: every field and the body in one file."""
    from tinydb import TinyDB

    path = DATA / f"naive-{SIZE}-{GEN_VERSION}.json"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        with TinyDB(tmp) as db:
            db.insert_multiple({**item, "read": False}
                               for feed in range(SIZE // ITEMS_PER_FEED) for item in feed_items(feed))
        tmp.replace(path)
    return path


def tinydb_vs_store(repeats: int) -> list[Result]:
    from tinydb import TinyDB

    from tui.store import open_store

    ids = iter(range(1, 10_000))
    ours_ids = (f"bench-f000-{n:05d}" for n in range(10_000))
    with scratch_dir() as tmp:
        db_path = shutil.copy(naive_db(), tmp / "naive.json")
        db = TinyDB(db_path)
        update = median_time(repeats, lambda: db.table("_default").update({"read": True}, doc_ids=[next(ids)]))
        db.close()

        def load_naive() -> None:
            with TinyDB(db_path) as naive:
                naive.table("_default").all()

        load = median_time(repeats, load_naive)
    naive_update = Result("naive TinyDB: update one `read` flag, 50k", update, "s",
                          command="table.update({'read': True}, doc_ids=[x])")
    naive_load = Result("naive TinyDB: open + all(), 50k", load, "s", command="TinyDB(path).table('_default').all()")

    with scratch_copy(cache(SIZE)) as data:
        store = open_store(data)
        set_read = median_time(repeats, lambda: store.set_read([next(ours_ids)]))

    def load_store() -> None:
        store = open_store(cache(SIZE))
        store.items()
        store.read_ids()

    ours_load_time = median_time(repeats, load_store)
    ours_update = Result("wiredesk Store: set_read one id, 50k", set_read, "s", command="store.set_read([id])",
                         note="in-process, like the naive row")
    ours_load = Result("wiredesk Store: open + items() + read_ids(), 50k", ours_load_time, "s",
                       command="open_store(D).items(); .read_ids()")
    return [naive_update, ours_update, ratio("update one flag: naive / ours", naive_update, ours_update),
            naive_load, ours_load, ratio("load everything: naive / ours", naive_load, ours_load)]


def feedparser_rates(repeats: int) -> list[Result]:
    import feedparser

    from tui.fetch.parse import parse_feed

    blobs = [path.read_bytes() for path in feed_files(PARSE_FEEDS)]
    entries = PARSE_FEEDS * ITEMS_PER_FEED
    ways = {
        "feedparser.parse(), defaults": lambda b: feedparser.parse(b),
        "feedparser.parse(sanitize_html=False, resolve_relative_uris=False)":
            lambda b: feedparser.parse(b, sanitize_html=False, resolve_relative_uris=False),
        "wiredesk tui.fetch.parse.parse_feed() (feedparser + cleaning + datelines)":
            lambda b: parse_feed(b, "file:///bench.xml", time.time()),
    }
    results = [
        Result(name, entries / median_time(repeats, lambda way=way: [way(b) for b in blobs]), "entries/s",
               note=f"{PARSE_FEEDS} generated feeds, {entries:,} entries")
        for name, way in ways.items()
    ]
    default, fast, ours = results
    return [*results, ratio("feedparser: fast / default rate", fast, default),
            ratio("parse_feed / fast feedparser rate", ours, fast)]


def run(args) -> list[Result]:
    return tinydb_vs_store(args.repeats) + feedparser_rates(args.repeats)
