"""The headless commands: fetch, list, read, unread, status, export, config, feeds, opml.

None of them imports Textual, nor feedparser unless it fetches, so that `wiredesk status`
in a tmux status bar stays cheap (tests/cli/test_headless.py checks it).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from tui import config as configuration
from tui.config import Config
from tui.core.feeds import FeedSource
from tui.fetch.sources import SourceError, check_source, local_path
from tui.options import EXIT_USAGE, Options
from tui.store import Store, StoreError

UNFOLDED_FOR_BENCH = "WIREDESK_BENCH_UNFOLDED"  # set (to anything), `fetch` stores without folding: not for users


class UsageError(ValueError):
    """Bad input that is not about the config: an unusable path the user named."""


@contextmanager
def user_path(path: Path) -> Iterator[None]:
    """An OSError on a path the user named is bad input: one line naming the path."""
    try:
        yield
    except BrokenPipeError:
        raise
    except (OSError, StoreError) as exc:
        raise UsageError(f"{path}: {getattr(exc, 'strerror', None) or exc}") from None


def require_cache(where: Path) -> None:
    """A data dir that holds no cache is an error (UsageError, exit 2), and is not created."""
    from tui.store import holds_cache

    existing = next((path for path in (where, *where.parents) if path.exists()), None)
    if existing is not None and not existing.is_dir():
        return  # opening it names the problem: not a directory
    if not holds_cache(where):
        raise UsageError(f"{where}: no wiredesk cache here (a mistyped --data-dir? `wiredesk fetch` fills one)")


def feed_sources(options: Options, config: Config) -> list[FeedSource]:
    """--feed, else the config's feeds, else the bundled demo wire; --interval overrides."""
    if options.feed:
        sources = [FeedSource(url=url, interval=config.interval) for url in options.feed]
        for source in sources:
            check_source(source.url)
    elif config.feeds:
        sources = config.feeds
        for n, source in enumerate(sources):
            try:
                check_source(source.url)
            except SourceError as exc:  # name the file and line, or the user is left searching
                raise SourceError(f"{config.place('feeds', n, 'url')}: {exc}") from None
    else:
        from tui.fetch.demo import demo_sources

        sources = demo_sources(time.time())
    interval = options.interval
    return [replace(s, interval=interval) for s in sources] if interval else sources


def fetch(sources: list[FeedSource], config: Config, store: Store) -> int:
    import asyncio
    from concurrent.futures import ProcessPoolExecutor

    from tui.fetch.folding import Folding
    from tui.fetch.poller import Poller

    # Parsing is CPU-bound: with several feeds, use every core.
    workers = min(len(sources), os.cpu_count() or 1)
    with ProcessPoolExecutor(workers) if workers > 1 else nullcontext() as pool:
        # For `python -m bench ingest` only: the same fetch unfolded, beside the folded one, shows what folding costs.
        # Folding: the fetch's one fold runs in a parse process while this one stores (Folding.expect).
        folding = None if os.environ.get(UNFOLDED_FOR_BENCH) else Folding(store, pool)
        poller = Poller(
            store, sources, concurrency=config.concurrency, parse_pool=pool, max_bytes=config.max_feed_bytes,
            folding=folding, warm_at_start=False,
        )
        results = asyncio.run(poller.poll_all())
    for result in results:
        print(result.line())
    if any(source.full_text for source in sources):
        from tui.fulltext_cli import fetch_pending

        fetch_pending(sources, config, store)
    store.prune(config.retention, time.time())
    return 0 if any(r.ok for r in results) else 1


def list_items(options: Options, store: Store) -> int:
    if options.stories:
        return list_stories(options, store)
    import orjson

    from tui.core import urgency
    from tui.core.compact import column
    from tui.core.timefmt import iso

    read = store.read_ids()
    links = store.story_links() if options.json else {}
    out = sys.stdout
    for item in store.newest(options.limit, unread_only=options.unread):
        if options.json:
            link = links.get(item.id)
            record = {
                "id": item.id,
                "feed": item.feed,
                "title": item.title,
                "link": item.link,
                "published": iso(item.published),
                "dateline": {"places": list(item.places), "agencies": list(item.agencies)} if item.places else None,
                "read": item.id in read,
                "summary": item.summary,
                "urgency": urgency.of(item).level,
                "story": link.story if link else item.id,  # shared by the items of one story
                "supersedes": link.supersedes if link else None,
            }
            out.write(orjson.dumps(record).decode() + "\n")
        else:
            mark = " " if item.id in read else "*"
            when = datetime.fromtimestamp(item.published).strftime("%Y-%m-%d %H:%M")
            out.write(f"{mark} {when}  {column(item.group, 18)}  {item.title}  [{item.id}]\n")
    return 0


def list_stories(options: Options, store: Store) -> int:
    """One line (or object) per story. A story's items may lie in several day files: all are read."""
    import orjson

    from tui.story_lines import line, record, stories

    found = stories(store.items(lean=True), store.story_links(), store.read_ids())
    if options.unread:
        found = [story for story in found if story.unread]
    for story in found[: options.limit]:
        sys.stdout.write((orjson.dumps(record(story)).decode() if options.json else line(story)) + "\n")
    return 0


def mark(options: Options, store: Store, *, read: bool) -> int:
    known = store.known(options.ids)
    missing = [i for i in options.ids if i not in known]
    changed = store.set_read([i for i in options.ids if i in known], read)
    for item_id in missing:
        print(f"wiredesk: no such item: {item_id}", file=sys.stderr)
    print(f"{len(changed)} marked {'read' if read else 'unread'}")
    return 1 if missing else 0


def export(options: Options, store: Store) -> int:
    from tui.core.exporting import item_markdown

    item = store.item(options.item_id)
    if item is None:
        print(f"wiredesk: no such item: {options.item_id}", file=sys.stderr)
        return 1
    _output(options.output, item_markdown(item, store.body(item.id), store.full_text(item.id)))
    return 0


def full_text(options: Options, config: Config, store: Store) -> int:
    from tui.fulltext_cli import fetch_on_demand

    return fetch_on_demand(options.ids, config, store)


def _output(name: str | None, document: str) -> None:
    """To the file named with -o, else stdout."""
    if not name:
        sys.stdout.write(document)
        return
    path = Path(name).expanduser()
    with user_path(path):
        path.write_text(document, encoding="utf-8")


def status(store: Store, config: Config) -> int:
    # Feeds the config no longer lists are not down, whatever their last poll said.
    counts = store.status([feed.url for feed in config.feeds] if config.feeds else None)
    line = f"wire {counts['unread']} unread"
    if (stories := unread_stories(store, counts["unread"])) < counts["unread"]:  # only when some fold
        line += f" · {stories} stor{'ies' if stories != 1 else 'y'}"
    if counts["alerts"]:
        line += f" · {counts['alerts']} alert{'s' if counts['alerts'] != 1 else ''}"
    if urgent := fresh_urgent(store, config.urgent_minutes * 60, time.time()):
        line += f" · {urgent} urgent"
    if counts["down"]:
        line += f" · {counts['down']} feed{'s' if counts['down'] != 1 else ''} down"
    print(line)
    return 0


def unread_stories(store: Store, unread: int) -> int:
    """The stories the unread items make, from the small files only: links, marks and ids, never a day file.
    Every unread item without a link is a story of its own."""
    read = store.read_ids()
    links = store.story_links()
    unread_linked = store.known(i for i in links if i not in read)  # live items only, should a link outlive one
    return unread - len(unread_linked) + len({links[i].story for i in unread_linked})


def fresh_urgent(store: Store, pin_for: float, now: float) -> int:
    """Unread flash and urgent items still fresh (as the desk's Urgent band pins them): only the
    day files the window reaches are read, since an item lives in the day it was published."""
    from tui.core import urgency
    from tui.store.days import day_of

    since = now - pin_for
    if pin_for <= 0:
        return 0
    read = store.read_ids()
    days = [day for day in store.days() if day >= day_of(since)]
    return sum(1 for item in store.items(days)
               if item.published > since and item.id not in read and urgency.of(item).level)


# The commands that edit the config file, or show it: they need no cache.


def show_config(options: Options, config: Config) -> int:
    path, _ = configuration.config_path(options.config)
    print(f"# config file: {path}{'' if path.exists() else ' (not created yet)'}")
    print(configuration.EXAMPLE, end="")
    return 0


def edit_feeds(options: Options, config: Config) -> int:
    from tui import subscriptions

    path, _ = configuration.config_path(options.config)
    if options.action == "list":
        if not config.feeds:
            print(f"wiredesk: no feeds in {path}: the desk shows the bundled demo wire (wiredesk feeds add URL)",
                  file=sys.stderr)
        for feed in config.feeds:
            tags = f"  [{', '.join(feed.tags)}]" if feed.tags else ""
            print(f"{feed.url}  {feed.name or '-'}  every {feed.interval:g} s{tags}")
    elif options.action == "add":
        entry: subscriptions.FeedEntry = {
            "url": options.url, "name": options.name, "interval": options.interval, "tags": options.tags
        }
        with user_path(path):
            added = subscriptions.add_feeds(path, [entry])
        print(f"added {options.url} to {path}" if added else f"{options.url} is already in {path}")
    else:
        with user_path(path):
            removed = subscriptions.remove_feed(path, options.url)
        print(f"removed {removed} from {path}")
    return 0


def opml(options: Options, config: Config) -> int:
    from tui import subscriptions

    path, _ = configuration.config_path(options.config)
    if options.action == "import":
        source = Path(options.file).expanduser()
        # One bad outline costs only itself: it is named, the rest go in.
        entries, problems = subscriptions.usable_feeds(subscriptions.read_opml(source))
        for problem in problems:
            print(f"wiredesk: {source}: skipped: {problem}", file=sys.stderr)
        with user_path(path):
            added = subscriptions.add_feeds(path, entries)
        skipped = f", {len(problems)} skipped" if problems else ""
        print(f"{len(added)} feeds added to {path} ({len(entries) - len(added)} already there{skipped})")
        return EXIT_USAGE if problems and not entries else 0
    titles = _feed_titles(options)
    feeds: list[subscriptions.FeedEntry] = [
        {"url": _opml_url(feed.url), "name": feed.name or titles.get(feed.url), "tags": list(feed.tags)}
        for feed in config.feeds
    ]
    _output(options.output, subscriptions.write_opml(feeds))
    return 0


def _opml_url(url: str) -> str:
    """A local feed as a file:// URL, which other readers (newsboat) need; a web feed as it is."""
    path = local_path(url)
    return url if path is None else path.resolve().as_uri()


def _feed_titles(options: Options) -> dict[str, str]:
    """The titles the feeds gave, from the cache when there is one (opml export needs none)."""
    from tui.store import holds_cache, open_store

    where = configuration.data_dir(options.data_dir)
    if not holds_cache(where):
        return {}
    with user_path(where):
        return {url: meta.title for url, meta in open_store(where).feeds_meta().items() if meta.title}
