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
from tui.fetch.sources import SourceError, check_source
from tui.options import EXIT_USAGE, Options
from tui.store import Store, StoreError


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
        poller = Poller(
            store, sources, concurrency=config.concurrency, parse_pool=pool, max_bytes=config.max_feed_bytes,
            folding=Folding(store),
        )
        results = asyncio.run(poller.poll_all())
    for result in results:
        print(result.line())
    store.prune(config.retention, time.time())
    return 0 if any(r.ok for r in results) else 1


def list_items(options: Options, store: Store) -> int:
    import orjson

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
                "story": link.story if link else item.id,  # shared by the items of one story
                "supersedes": link.supersedes if link else None,
            }
            out.write(orjson.dumps(record).decode() + "\n")
        else:
            mark = " " if item.id in read else "*"
            when = datetime.fromtimestamp(item.published).strftime("%Y-%m-%d %H:%M")
            out.write(f"{mark} {when}  {item.group[:18]:<18}  {item.title}  [{item.id}]\n")
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
    _output(options.output, item_markdown(item, store.body(item.id)))
    return 0


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
    if counts["alerts"]:
        line += f" · {counts['alerts']} alert{'s' if counts['alerts'] != 1 else ''}"
    if counts["down"]:
        line += f" · {counts['down']} feed{'s' if counts['down'] != 1 else ''} down"
    print(line)
    return 0


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
    feeds: list[subscriptions.FeedEntry] = [
        {"url": feed.url, "name": feed.name, "tags": list(feed.tags)} for feed in config.feeds
    ]
    _output(options.output, subscriptions.write_opml(feeds))
    return 0
