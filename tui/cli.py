"""The `wiredesk` command: the TUI and the headless commands.

Headless commands never import Textual (nor feedparser unless they fetch),
so that `wiredesk status` in a tmux status bar stays cheap.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import tempfile
import time
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from tui import config as configuration
from tui.core.alerts import AlertError
from tui.core.feeds import FeedSource
from tui.fetch.sources import SourceError, check_source
from tui.store import StoreError

EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, never the usage block
        self.exit(EXIT_USAGE, f"wiredesk: {message}\n")


class UsageError(ValueError):
    """Bad input that is not about the config: an unusable path the user named."""


def _at_least(kind, minimum):
    def convert(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a {'whole ' if kind is int else ''}number: {text!r}") from None
        if not math.isfinite(value):
            raise argparse.ArgumentTypeError(f"not a finite number: {text!r}")
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be at least {minimum}: {text!r}")
        return value

    convert.__name__ = kind.__name__
    return convert


@contextmanager
def _user_path(path):
    """An OSError on a path the user named is bad input: one line naming the path."""
    try:
        yield
    except BrokenPipeError:
        raise
    except (OSError, StoreError) as exc:
        raise UsageError(f"{path}: {getattr(exc, 'strerror', None) or exc}") from None


def _parser() -> argparse.ArgumentParser:
    # Global options live on every parser with SUPPRESS defaults, so they
    # are accepted before and after the subcommand alike.
    common = _Parser(add_help=False)
    common.add_argument("--data-dir", metavar="DIR", default=argparse.SUPPRESS, help="cache directory")
    common.add_argument("--config", metavar="FILE", default=argparse.SUPPRESS, help="config file (TOML)")
    feeds = _Parser(add_help=False)
    feeds.add_argument(
        "--feed", metavar="SRC", action="append", default=argparse.SUPPRESS, help="feed URL or path (repeatable)"
    )

    parser = _Parser(prog="wiredesk", description="A terminal news desk for wire services.", parents=[common, feeds])
    parser.add_argument(
        "--interval", metavar="S", type=_at_least(float, 1), help="poll interval in seconds (default 60)"
    )
    parser.add_argument("--no-poll", action="store_true", help="open on the cache alone, fetch nothing")
    parser.add_argument("--theme", metavar="NAME", help="colour theme (remembered); see the command palette")
    parser.add_argument(
        "--alert", metavar="WORD", action="append", default=[], help="watch word or /regex/ to ring on (repeatable)"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.add_parser("fetch", parents=[common, feeds], help="poll every feed once and store the items")
    listing = sub.add_parser("list", parents=[common], help="print cached items, newest first")
    listing.add_argument("--unread", action="store_true", help="only unread items")
    listing.add_argument("--json", action="store_true", help="one JSON object per line")
    listing.add_argument("--limit", metavar="N", type=_at_least(int, 1), help="at most N items")
    for name, verb in (("read", "read"), ("unread", "unread")):
        marking = sub.add_parser(name, parents=[common], help=f"mark items {verb}")
        marking.add_argument("ids", metavar="ID", nargs="+")
    sub.add_parser("status", parents=[common], help="one short line for a tmux status bar")
    export = sub.add_parser("export", parents=[common], help="an item as Markdown")
    export.add_argument("id", metavar="ID")
    export.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    sub.add_parser("config", parents=[common], help="print the config path in use and a commented example")
    feeds_cmd = sub.add_parser("feeds", parents=[common], help="the feed list in the config file")
    feeds_sub = feeds_cmd.add_subparsers(dest="action", metavar="ACTION", required=True)
    feeds_sub.add_parser("list", parents=[common], help="one line per configured feed")
    adding = feeds_sub.add_parser("add", parents=[common], help="add a feed")
    adding.add_argument("url", metavar="URL")
    adding.add_argument("--name", help="display name")
    adding.add_argument("--interval", metavar="S", type=_at_least(float, 1), help="poll interval in seconds")
    adding.add_argument("--tag", action="append", dest="tags", metavar="TAG", help="a tag (repeatable)")
    removing = feeds_sub.add_parser("remove", parents=[common], help="remove a feed by URL or name")
    removing.add_argument("url", metavar="URL|NAME")
    opml = sub.add_parser("opml", parents=[common], help="import or export the feed list as OPML")
    opml_sub = opml.add_subparsers(dest="action", metavar="ACTION", required=True)
    importing = opml_sub.add_parser("import", parents=[common], help="add the feeds of an OPML file")
    importing.add_argument("file", metavar="FILE")
    exporting = opml_sub.add_parser("export", parents=[common], help="print the feed list as OPML")
    exporting.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    return parser


def _sources(args, config: configuration.Config) -> list[FeedSource]:
    """--feed, else the config's feeds, else the bundled demo wire; --interval overrides."""
    if getattr(args, "feed", None):
        sources = [FeedSource(url=url, interval=config.interval) for url in args.feed]
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
    interval = getattr(args, "interval", None)
    return [replace(s, interval=interval) for s in sources] if interval else sources


def _open_store(args):
    from tui.store import Store

    where = configuration.data_dir(getattr(args, "data_dir", None))
    with _user_path(where):
        return Store(where)


def _fetch(args, config, store) -> int:
    import asyncio
    from concurrent.futures import ProcessPoolExecutor

    from tui.fetch.poller import Poller

    sources = _sources(args, config)
    # Parsing is CPU-bound: with several feeds, use every core.
    workers = min(len(sources), os.cpu_count() or 1)
    options = {"concurrency": config.concurrency, "max_bytes": config.max_feed_bytes}
    if workers > 1:
        with ProcessPoolExecutor(workers) as pool:
            results = asyncio.run(Poller(store, sources, parse_pool=pool, **options).poll_all())
    else:
        results = asyncio.run(Poller(store, sources, **options).poll_all())
    for result in results:
        print(result.line())
    store.prune(config.retention, time.time())
    return 0 if any(r.ok for r in results) else 1


def _list(args, store) -> int:
    import orjson

    from tui.core.timefmt import iso

    read = store.read_ids()
    out = sys.stdout
    for item in store.newest(args.limit, unread_only=args.unread):
        if args.json:
            record = {
                "id": item.id,
                "feed": item.feed,
                "title": item.title,
                "link": item.link,
                "published": iso(item.published),
                "dateline": {"places": list(item.places), "agencies": list(item.agencies)} if item.places else None,
                "read": item.id in read,
                "summary": item.summary,
            }
            out.write(orjson.dumps(record).decode() + "\n")
        else:
            mark = " " if item.id in read else "*"
            when = datetime.fromtimestamp(item.published).strftime("%Y-%m-%d %H:%M")
            out.write(f"{mark} {when}  {item.group[:18]:<18}  {item.title}  [{item.id}]\n")
    return 0


def _mark(args, store, read: bool) -> int:
    known = store.known(args.ids)
    missing = [i for i in args.ids if i not in known]
    changed = store.set_read([i for i in args.ids if i in known], read)
    for item_id in missing:
        print(f"wiredesk: no such item: {item_id}", file=sys.stderr)
    print(f"{len(changed)} marked {'read' if read else 'unread'}")
    return 1 if missing else 0


def _export(args, store) -> int:
    from tui.core.exporting import item_markdown

    item = store.item(args.id)
    if item is None:
        print(f"wiredesk: no such item: {args.id}", file=sys.stderr)
        return 1
    _output(args.output, item_markdown(item, store.body(item.id)))
    return 0


def _output(name: str | None, document: str) -> None:
    """To the file named with -o, else stdout."""
    if not name:
        sys.stdout.write(document)
        return
    path = Path(name).expanduser()
    with _user_path(path):
        path.write_text(document, encoding="utf-8")


def _status(store, config) -> int:
    # Feeds the config no longer lists are not down, whatever their last poll said.
    counts = store.status([feed.url for feed in config.feeds] if config.feeds else None)
    line = f"wire {counts['unread']} unread"
    if counts["alerts"]:
        line += f" · {counts['alerts']} alert{'s' if counts['alerts'] != 1 else ''}"
    if counts["down"]:
        line += f" · {counts['down']} feed{'s' if counts['down'] != 1 else ''} down"
    print(line)
    return 0


def _theme(args, config, store) -> str:
    """--theme (then remembered), else the last choice, else the config's, else the default.

    A theme whose own file is broken starts the default with a warning (the desk shows it
    too); a name that matches no theme and no file is an error."""
    from textual.theme import BUILTIN_THEMES

    from tui.ui.themes import DEFAULT_THEME, broken_theme, load_themes

    names = set(BUILTIN_THEMES) | {t.name for t in load_themes(config.themes_dir)[0]}

    def known(name):
        return name in names or broken_theme(config.themes_dir, name) is not None

    for source, name in (("--theme", args.theme), (f"{config.path}: theme", config.theme)):
        if name and not known(name):
            raise configuration.ConfigError(f"{source}: unknown theme {name!r} (have: {', '.join(sorted(names))})")
    if args.theme and not store.read_only:
        try:
            store.save_settings(theme=args.theme)
        except StoreError as exc:  # remembering is a comfort: the desk still opens on the theme asked for
            print(f"wiredesk: theme not remembered: {exc}", file=sys.stderr)
    remembered = store.settings().get("theme")
    chosen = args.theme or (remembered if remembered and known(remembered) else config.theme) or DEFAULT_THEME
    if chosen not in names:
        print(f"wiredesk: {broken_theme(config.themes_dir, chosen)}; using the {DEFAULT_THEME} theme", file=sys.stderr)
        return DEFAULT_THEME
    return chosen


def _config(args, config) -> int:
    path, _ = configuration.config_path(getattr(args, "config", None))
    print(f"# config file: {path}{'' if path.exists() else ' (not created yet)'}")
    print(configuration.EXAMPLE, end="")
    return 0


def _feeds(args, config) -> int:
    from tui import subscriptions

    path, _ = configuration.config_path(getattr(args, "config", None))
    if args.action == "list":
        for feed in config.feeds:
            tags = f"  [{', '.join(feed.tags)}]" if feed.tags else ""
            print(f"{feed.url}  {feed.name or '-'}  every {feed.interval:g} s{tags}")
    elif args.action == "add":
        entry = {"url": args.url, "name": args.name, "interval": args.interval, "tags": args.tags}
        with _user_path(path):
            added = subscriptions.add_feeds(path, [entry])
        print(f"added {args.url} to {path}" if added else f"{args.url} is already in {path}")
    else:
        with _user_path(path):
            removed = subscriptions.remove_feed(path, args.url)
        print(f"removed {removed} from {path}")
    return 0


def _opml(args, config) -> int:
    from tui import subscriptions

    path, _ = configuration.config_path(getattr(args, "config", None))
    if args.action == "import":
        source = Path(args.file).expanduser()
        # One bad outline costs only itself: it is named, the rest go in.
        entries, problems = subscriptions.usable_feeds(subscriptions.read_opml(source))
        for problem in problems:
            print(f"wiredesk: {source}: skipped: {problem}", file=sys.stderr)
        with _user_path(path):
            added = subscriptions.add_feeds(path, entries)
        skipped = f", {len(problems)} skipped" if problems else ""
        print(f"{len(added)} feeds added to {path} ({len(entries) - len(added)} already there{skipped})")
        return EXIT_USAGE if problems and not entries else 0
    feeds = [{"url": f.url, "name": f.name, "tags": list(f.tags)} for f in config.feeds]
    _output(args.output, subscriptions.write_opml(feeds))
    return 0


def _desk(args, config, store, sources=None):
    """The desk as the command line and the config describe it, not yet running."""
    from tui.core.alerts import Alerts
    from tui.core.i18n import language
    from tui.ui.app import WireDesk

    theme = _theme(args, config, store)
    sources = sources if sources is not None else _sources(args, config)
    return WireDesk(
        store,
        sources,
        poll=not args.no_poll,
        mark_read_delay=config.mark_read_delay,
        retention=config.retention,
        alerts=Alerts(config.alerts + args.alert),
        concurrency=config.concurrency,
        theme=theme,
        user_themes=config.themes_dir,
        lang=language(config.language, demo=any(s.replay is not None for s in sources)),
        keymap=config.keys,
        grouping=config.grouping,
        max_bytes=config.max_feed_bytes,
    )


def _tui(args, config, store) -> int:
    sources = _sources(args, config)
    with _demo_store(args, sources, store) as store:
        store.claim_desk()
        app = _desk(args, config, store, sources)
        app.run()
    return app.return_code or 0


@contextmanager
def _demo_store(args, sources, store):
    """The demo wire replays into a fresh cache each run, so its held-back items arrive live
    every time and never mix with a real cache; a data dir the user named is used as named.
    Theme and grouping chosen on the demo are still remembered, in the user's own cache."""
    if configuration.named_data_dir(getattr(args, "data_dir", None)) or not any(source.replay is not None for source in sources):
        yield store
        return
    from tui.store import Store

    with tempfile.TemporaryDirectory(prefix="wiredesk-demo-") as fresh:
        yield Store(fresh, settings_from=store)


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    store = None
    try:
        edits_config = args.command in ("config", "feeds", "opml")  # these may create the file
        config = configuration.load(getattr(args, "config", None), missing_ok=edits_config)
        if edits_config:
            return {"config": _config, "feeds": _feeds, "opml": _opml}[args.command](args, config)
        store = _open_store(args)
        if args.command in ("fetch", "read", "unread"):
            store.check_writable()  # one line before any slow work, not one error per feed
        if args.command == "fetch":
            return _fetch(args, config, store)
        if args.command == "list":
            return _list(args, store)
        if args.command in ("read", "unread"):
            return _mark(args, store, args.command == "read")
        if args.command == "status":
            return _status(store, config)
        if args.command == "export":
            return _export(args, store)
        return _tui(args, config, store)
    except (configuration.ConfigError, SourceError, AlertError, UsageError) as exc:
        print(f"wiredesk: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except StoreError as exc:
        print(f"wiredesk: {exc}", file=sys.stderr)
        # A cache the system refuses (full, read-only) is the user's to fix; another desk running is not.
        return EXIT_USAGE if exc.errno is not None else 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `wiredesk list | head`: the reader left; say nothing more.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        for path in store.moved_aside if store else ():
            print(f"wiredesk: a damaged cache file was moved aside as {path}", file=sys.stderr)
