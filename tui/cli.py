"""The `wiredesk` command: the desk, or one of the headless commands (tui/headless.py).

The desk's modules, and Textual with them, are imported only to launch the desk,
so that `wiredesk status` in a tmux status bar stays cheap.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from tui import config as configuration
from tui import headless
from tui.config import Config
from tui.core.alerts import AlertError
from tui.core.feeds import FeedSource
from tui.fetch.sources import SourceError
from tui.options import EXIT_USAGE, Options, parse_args
from tui.store import Store, StoreError

if TYPE_CHECKING:
    from tui.ui.app import WireDesk

DEMO_PREFIX = "wiredesk-demo-"  # the demo wire's throwaway caches in the temporary folder
DEMO_SETTLED = 60.0  # seconds: a younger demo cache may belong to a desk still starting

# The commands that edit or show the config file; they may create it, and need no cache.
_CONFIG_COMMANDS: dict[str, Callable[[Options, Config], int]] = {
    "config": headless.show_config, "feeds": headless.edit_feeds, "opml": headless.opml,
}


# The commands that read a cache: a data dir without one is a mistyped path, not a quiet wire.
_NEEDS_CACHE = ("status", "list", "read", "unread")


def _open_store(options: Options) -> Store:
    from tui.store import open_store

    where = configuration.data_dir(options.data_dir)
    if options.command in _NEEDS_CACHE:
        headless.require_cache(where)
    with headless.user_path(where):
        return open_store(where)


def _theme(options: Options, config: Config, store: Store) -> str:
    """--theme (then remembered), else the last choice, else the config's, else the default.

    A theme whose own file is broken starts the default with a warning (the desk shows it
    too); a name that matches no theme and no file is an error."""
    from textual.theme import BUILTIN_THEMES

    from tui.ui.themes import DEFAULT_THEME, broken_theme, load_themes

    names = set(BUILTIN_THEMES) | {t.name for t in load_themes(config.themes_dir)[0]}

    def known(name: str) -> bool:
        return name in names or broken_theme(config.themes_dir, name) is not None

    for source, name in (("--theme", options.theme), (f"{config.path}: theme", config.theme)):
        if name and not known(name):
            raise configuration.ConfigError(f"{source}: unknown theme {name!r} (have: {', '.join(sorted(names))})")
    if options.theme and not store.read_only:
        try:
            store.save_settings(theme=options.theme)
        except StoreError as exc:  # remembering is a comfort: the desk still opens on the theme asked for
            print(f"wiredesk: theme not remembered: {exc}", file=sys.stderr)
    remembered = store.settings().get("theme")
    chosen = options.theme or (remembered if remembered and known(remembered) else config.theme) or DEFAULT_THEME
    if chosen not in names:
        print(f"wiredesk: {broken_theme(config.themes_dir, chosen)}; using the {DEFAULT_THEME} theme", file=sys.stderr)
        return DEFAULT_THEME
    return chosen


def _desk(options: Options, config: Config, store: Store, sources: list[FeedSource] | None = None) -> WireDesk:
    """The desk as the command line and the config describe it, not yet running."""
    from tui.core.alerts import Alerts
    from tui.core.i18n import language
    from tui.core.urgent_band import UrgentBand
    from tui.ui.app import WireDesk

    theme = _theme(options, config, store)
    sources = sources if sources is not None else headless.feed_sources(options, config)
    return WireDesk(
        store,
        sources,
        poll=not options.no_poll,
        mark_read_delay=config.mark_read_delay,
        retention=config.retention,
        alerts=Alerts(config.alerts + options.alert),
        concurrency=config.concurrency,
        theme=theme,
        user_themes=config.themes_dir,
        lang=language(config.language, demo=any(s.replay is not None for s in sources)),
        keymap=config.keys,
        grouping=config.grouping,
        wrap_titles=config.wrap_titles,
        export_dir=config.export_dir,
        max_bytes=config.max_feed_bytes,
        feeds_from=_feeds_from(options, config, sources),
        band=UrgentBand(pin_for=config.urgent_minutes * 60, ring=config.urgent_alerts),
        full_text_per_minute=config.full_text_per_minute,
    )


def _feeds_from(options: Options, config: Config, sources: list[FeedSource]) -> Callable[[], list[FeedSource]] | None:
    """How `r` re-reads the feed list: from the config file the desk started with. None when the
    list is not the config's (--feed, the demo wire), and `r` only polls it."""
    if options.feed or any(source.replay is not None for source in sources):
        return None
    path = str(config.path)

    def reread() -> list[FeedSource]:
        fresh = configuration.load(path)
        # A config emptied of feeds stops the polling; the demo wire is only for a desk without any.
        return headless.feed_sources(options, fresh) if fresh.feeds else []

    return reread


def _tui(options: Options, config: Config, store: Store) -> int:
    from tui.ui.lifecycle import Lifeline

    sources = headless.feed_sources(options, config)
    with Lifeline() as lifeline, _demo_store(options, sources, store) as store:
        store.claim_desk()
        app = _desk(options, config, store, sources)
        lifeline.run(app)
    return app.return_code or 0


@contextmanager
def _demo_store(options: Options, sources: list[FeedSource], store: Store) -> Iterator[Store]:
    """The demo wire replays into a fresh cache each run, so its held-back items arrive live
    every time and never mix with a real cache; a data dir the user named is used as named.
    Theme and grouping chosen on the demo are still remembered, in the user's own cache."""
    if configuration.named_data_dir(options.data_dir) or not any(source.replay is not None for source in sources):
        yield store
        return
    from tui.store import open_store

    _sweep_dead_demos()
    with tempfile.TemporaryDirectory(prefix=DEMO_PREFIX) as fresh:
        yield open_store(fresh, settings_from=store)


def _sweep_dead_demos() -> None:
    """Remove the demo caches of desks killed outright (SIGKILL, a power cut), which could not
    clean up: no desk holds their lock, and they are old enough not to be a desk starting now."""
    import shutil
    import time

    from tui.store.lock import desk_running

    for old in Path(tempfile.gettempdir()).glob(f"{DEMO_PREFIX}*"):
        try:
            info = old.lstat()
        except OSError:
            continue
        ours = stat.S_ISDIR(info.st_mode) and info.st_uid == os.getuid()
        if ours and time.time() - info.st_mtime > DEMO_SETTLED and not desk_running(old):
            shutil.rmtree(old, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    options = parse_args(argv)
    command = options.command
    store: Store | None = None
    try:
        config_command = _CONFIG_COMMANDS.get(command or "")
        config = configuration.load(options.config, missing_ok=config_command is not None)  # they may create it
        if config_command:
            return config_command(options, config)
        store = _open_store(options)
        if command in ("fetch", "read", "unread", "fulltext"):
            store.check_writable()  # one line before any slow work, not one error per feed
        if command == "fetch":
            return headless.fetch(headless.feed_sources(options, config), config, store)
        if command == "list":
            return headless.list_items(options, store)
        if command in ("read", "unread"):
            return headless.mark(options, store, read=command == "read")
        if command == "status":
            return headless.status(store, config)
        if command == "export":
            return headless.export(options, store)
        if command == "fulltext":
            return headless.full_text(options, config, store)
        return _tui(options, config, store)
    except (configuration.ConfigError, SourceError, AlertError, headless.UsageError) as exc:
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
