"""The TOML config file and where the data lives. Errors are one line: file, place, problem."""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from tui.alerts import AlertError, compile_pattern
from tui.i18n import LANGUAGES
from tui.sources import DEFAULT_INTERVAL, FeedSource
from tui.store import Retention

APP = "wiredesk"
MARK_READ_DELAY = 1.0


class ConfigError(ValueError):
    pass


@dataclass
class Config:
    path: Path | None = None
    feeds: list[FeedSource] = field(default_factory=list)
    interval: float = DEFAULT_INTERVAL
    mark_read_delay: float = MARK_READ_DELAY
    retention: Retention = field(default_factory=Retention)
    alerts: list[str] = field(default_factory=list)
    concurrency: int = 8
    theme: str | None = None
    language: str | None = None  # "en" or "nl"; None: from the locale
    themes_dir: Path | None = None  # the user's own theme files, beside the config


def data_dir(arg: str | None) -> Path:
    """--data-dir, then WIREDESK_DATA_DIR, then the platform's user data dir."""
    chosen = arg or os.environ.get("WIREDESK_DATA_DIR")
    return Path(chosen).expanduser() if chosen else Path(platformdirs.user_data_dir(APP))


def config_path(arg: str | None) -> tuple[Path, bool]:
    """The config path, and whether the user named it (then it must exist)."""
    chosen = arg or os.environ.get("WIREDESK_CONFIG")
    if chosen:
        return Path(chosen).expanduser(), True
    return Path(platformdirs.user_config_dir(APP)) / "config.toml", False


def _number(where: str, value, *, minimum: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ConfigError(f"{where}: expected a number, got {type(value).__name__}")
    if value < minimum:
        raise ConfigError(f"{where}: must be at least {minimum:g}")
    return float(value)


def _unknown(where: str, table: dict, known: set[str]) -> None:
    extra = sorted(set(table) - known)
    if extra:
        raise ConfigError(f"{where}: unknown key {extra[0]!r} (known: {', '.join(sorted(known))})")


def _retention(where: str, table) -> Retention:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a [retention] table")
    _unknown(where, table, {"days", "unread_days", "max_items"})
    days = _number(f"{where}: days", table.get("days", Retention.days), minimum=1)
    unread_days = _number(f"{where}: unread_days", table.get("unread_days", max(days, Retention.unread_days)), minimum=1)
    if unread_days < days:
        raise ConfigError(f"{where}: unread_days must be at least days, so unread items outlive read ones")
    max_items = table.get("max_items")
    if max_items is not None:
        if isinstance(max_items, bool) or not isinstance(max_items, int) or max_items < 1:
            raise ConfigError(f"{where}: max_items: expected a whole number of at least 1")
    return Retention(days=days, unread_days=unread_days, max_items=max_items)


def load(arg: str | None = None, *, missing_ok: bool = False) -> Config:
    """The config; a file named by --config or WIREDESK_CONFIG must exist unless `missing_ok`."""
    path, named = config_path(arg)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        if named and not missing_ok:
            raise ConfigError(f"{path}: no such config file") from None
        return Config(path=path, themes_dir=path.parent / "themes")
    except OSError as exc:
        raise ConfigError(f"{path}: {exc.strerror}") from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    _unknown(
        str(path), data,
        {"feeds", "interval", "mark_read_delay", "retention", "alerts", "concurrency", "theme", "language"},
    )
    config = Config(path=path, themes_dir=path.parent / "themes")
    if "language" in data:
        if data["language"] not in LANGUAGES:
            raise ConfigError(f"{path}: language: expected one of {', '.join(LANGUAGES)}, got {data['language']!r}")
        config.language = data["language"]
    if "theme" in data:
        if not isinstance(data["theme"], str):
            raise ConfigError(f"{path}: theme: expected a string")
        config.theme = data["theme"]
    if "interval" in data:
        config.interval = _number(f"{path}: interval", data["interval"], minimum=1)
    if "mark_read_delay" in data:
        config.mark_read_delay = _number(f"{path}: mark_read_delay", data["mark_read_delay"], minimum=0)
    if "concurrency" in data:
        config.concurrency = int(_number(f"{path}: concurrency", data["concurrency"], minimum=1))
    alerts = data.get("alerts", [])
    if not isinstance(alerts, list) or not all(isinstance(a, str) for a in alerts):
        raise ConfigError(f"{path}: alerts: expected a list of strings")
    try:
        for word in alerts:
            compile_pattern(word)
    except AlertError as exc:
        raise ConfigError(f"{path}: {exc}") from None
    config.alerts = alerts
    if "retention" in data:
        config.retention = _retention(f"{path}: retention", data["retention"])
    feeds = data.get("feeds", [])
    if not isinstance(feeds, list):
        raise ConfigError(f"{path}: feeds: expected [[feeds]] tables")
    for n, feed in enumerate(feeds, 1):
        where = f"{path}: feeds #{n}"
        if not isinstance(feed, dict):
            raise ConfigError(f"{where}: expected a table")
        _unknown(where, feed, {"url", "name", "interval", "tags"})
        if not isinstance(feed.get("url"), str) or not feed["url"]:
            raise ConfigError(f"{where}: needs url = \"...\"")
        name = feed.get("name")
        if name is not None and not isinstance(name, str):
            raise ConfigError(f"{where}: name: expected a string")
        interval = _number(f"{where}: interval", feed["interval"], minimum=1) if "interval" in feed else config.interval
        tags = feed.get("tags", [])
        if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
            raise ConfigError(f"{where}: tags: expected a list of strings")
        config.feeds.append(FeedSource(url=feed["url"], name=name, interval=interval, tags=tuple(tags)))
    return config


EXAMPLE = """\
# wiredesk config (TOML). Every key is optional.
# interval = 60            # default poll interval, seconds
# mark_read_delay = 1.0    # seconds an item stays in the article pane to count as read
# concurrency = 8          # fetches at once
# theme = "wire"           # wire, teletekst, paper, or any Textual theme
# language = "nl"          # "en" or "nl"; default: from the locale
# alerts = ["Charkiv", "/nav[oy]/"]   # watch words; /.../ is a regular expression
#
# [retention]
# days = 30                # read items older than this are pruned
# unread_days = 90         # unread items are kept longer
# max_items = 50000        # optional cap
#
# [[feeds]]
# url = "https://example.org/world.rss"
# name = "World desk"      # optional
# interval = 120           # optional, seconds
# tags = ["world"]         # optional
"""
