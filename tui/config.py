"""The TOML config file and where the data lives. Errors are one line: file, place, problem."""

from __future__ import annotations

import math
import os
import re
import tomllib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NoReturn, overload

import platformdirs

from tui.core.alerts import AlertError, compile_pattern
from tui.core.feeds import DEFAULT_INTERVAL, FeedSource
from tui.core.fulltext import PER_HOST_PER_MINUTE
from tui.core.grouping import MODES
from tui.core.i18n import LANGUAGES
from tui.core.urgent_band import PIN_MINUTES, RINGS
from tui.store import Retention
from tui.toml_lines import KeyPath, key_lines

APP = "wiredesk"
MARK_READ_DELAY = 1.0


class ConfigError(ValueError):
    pass


# The desk's bindings (tui/ui/desk_screen.py, tui/ui/widgets/wire_list.py) by the id a [keys]
# table rebinds, with their default keys. Spelled out so that loading the config
# never imports Textual; tests/cli/test_config.py keeps the two in step.
DEFAULT_KEYS = {
    "help": "question_mark", "read": "m", "unread-only": "u", "search": "slash", "group-by": "v", "poll": "r",
    "feeds": "F", "pane": "tab", "scroll-down": "space,pagedown", "scroll-up": "pageup", "quit": "q",
    "next": "j,down", "previous": "k,up", "first": "g,home", "last": "G,end", "mark-group-read": "M",
    "collapse": "c", "undo": "U", "star": "s", "starred-only": "S", "open": "o", "copy": "y", "export": "e",
    "narrower": "less_than_sign", "wider": "greater_than_sign", "story": "z", "stories": "Z",
    "previous-carrier": "left_square_bracket", "next-carrier": "right_square_bracket",
    "full-text": "t", "article": "enter", "reorder": "O", "back": "escape",
}
BINDING_IDS = tuple(DEFAULT_KEYS)
# One character ("x", "G", "?"), or a lowercase name with modifiers ("down", "ctrl+p", "question_mark").
KEY_NAME = re.compile(r"(?:[a-z]+\+)*(?:[a-z0-9_]+|[^\s,])")
MAX_FEED_MB = 10.0
MAX_FEED_MB_LIMIT = 1024  # larger caps overflow the reads that enforce them


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
    keys: dict[str, str] = field(default_factory=dict)  # binding id -> "key,key"
    grouping: str | None = None  # None: the desk's default; a grouping chosen with `v` wins
    max_feed_mb: float = MAX_FEED_MB
    urgent_minutes: float = PIN_MINUTES  # how long a fresh flash or urgent item stays in the Urgent band
    urgent_alerts: str = "urgent"  # what rings on arrival: "flash", "urgent" (and flash) or "off"
    full_text_per_minute: int = PER_HOST_PER_MINUTE  # page requests to one site a minute, at most
    wrap_titles: bool = False  # a long headline takes a second line in the list
    export_dir: Path | None = None  # where `e` writes; None: the user's documents (or downloads) folder
    lines: dict[KeyPath, int] = field(default_factory=dict, repr=False)  # see key_lines

    @property
    def max_feed_bytes(self) -> int:
        return max(1, int(self.max_feed_mb * 1024 * 1024))

    def place(self, *keys: str | int) -> str:
        """FILE:LINE of a key, or of the nearest table that holds it, for messages."""
        for n in range(len(keys), 0, -1):
            if keys[:n] in self.lines:
                return f"{self.path}:{self.lines[keys[:n]]}"
        return str(self.path)


def named_data_dir(arg: str | None) -> str | None:
    """The data dir the user named, by --data-dir or WIREDESK_DATA_DIR; None for the default."""
    return arg or os.environ.get("WIREDESK_DATA_DIR")


def data_dir(arg: str | None) -> Path:
    """--data-dir, then WIREDESK_DATA_DIR, then the platform's user data dir."""
    chosen = named_data_dir(arg)
    return Path(chosen).expanduser() if chosen else Path(platformdirs.user_data_dir(APP))


def config_path(arg: str | None) -> tuple[Path, bool]:
    """The config path, and whether the user named it (then it must exist)."""
    chosen = arg or os.environ.get("WIREDESK_CONFIG")
    if chosen:
        return Path(chosen).expanduser(), True
    return Path(platformdirs.user_config_dir(APP)) / "config.toml", False


# Checking values. Every problem is one line: FILE:LINE: key: problem.


def _fail(config: Config, keys: KeyPath, problem: str) -> NoReturn:
    raise ConfigError(f"{config.place(*keys)}: {problem}")


def _label(keys: KeyPath) -> str:
    """("feeds", 1, "interval") -> "feeds #2: interval", as the user counts."""
    label = ""
    for key in keys:
        label += f" #{key + 1}" if isinstance(key, int) else f"{': ' if label else ''}{key}"
    return label


def _kind(value: object) -> str:
    kinds = {str: "a string", bool: "true/false", int: "a number", float: "a number", list: "a list", dict: "a table"}
    return kinds.get(type(value), type(value).__name__)


@overload
def _number(config: Config, keys: KeyPath, value: object, *, minimum: float = ..., above: bool = ...,
            maximum: float | None = ..., whole: Literal[False] = ...) -> float: ...


@overload
def _number(config: Config, keys: KeyPath, value: object, *, minimum: float = ..., whole: Literal[True]) -> int: ...


def _number(config: Config, keys: KeyPath, value: object, *, minimum: float = 0, above: bool = False,
            maximum: float | None = None, whole: bool = False) -> float:
    """A finite number of at least `minimum` (greater than it if `above`); an int if `whole`."""
    name = _label(keys)
    wanted = "a whole number" if whole else "a number"
    if isinstance(value, bool) or not isinstance(value, int | float):
        _fail(config, keys, f"{name}: expected {wanted}, got {_kind(value)}")
    try:
        finite = math.isfinite(value)
    except OverflowError:  # an integer beyond any float
        _fail(config, keys, f"{name}: too large")
    if not finite:
        _fail(config, keys, f"{name}: expected a finite number, got {value}")
    if whole and value != int(value):
        _fail(config, keys, f"{name}: expected a whole number, got {value}")
    if value < minimum or (above and value == minimum):
        _fail(config, keys, f"{name}: must be {'greater than' if above else 'at least'} {minimum:g}, got {value:g}")
    if maximum is not None and value > maximum:
        _fail(config, keys, f"{name}: must be at most {maximum:g}, got {value:g}")
    return int(value) if whole else float(value)


def _string(config: Config, keys: KeyPath, value: object) -> str:
    if not isinstance(value, str):
        _fail(config, keys, f"{_label(keys)}: expected a string, got {_kind(value)}")
    return value


def _flag(config: Config, keys: KeyPath, value: object) -> bool:
    if not isinstance(value, bool):
        _fail(config, keys, f"{_label(keys)}: expected true/false, got {_kind(value)}")
    return value


def _strings(config: Config, keys: KeyPath, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        _fail(config, keys, f"{_label(keys)}: expected a list of strings")
    return value


def _table(
    config: Config, keys: KeyPath, value: object, known: set[str] | tuple[str, ...], shape: str
) -> dict[str, Any]:
    if not isinstance(value, dict):
        _fail(config, keys, f"{_label(keys)}: expected {shape}, got {_kind(value)}")
    for key in value:
        if key not in known:
            where = f"{_label(keys)}: " if keys else ""
            what = "binding" if keys == ("keys",) else "key"
            order = known if isinstance(known, tuple) else sorted(known)
            _fail(config, keys + (key,), f"{where}unknown {what} {key!r} (known: {', '.join(order)})")
    return value


def _retention(config: Config, value: object) -> Retention:
    keys: KeyPath = ("retention",)
    table = _table(config, keys, value, {"days", "unread_days", "max_items"}, "a [retention] table")
    days = _number(config, keys + ("days",), table.get("days", Retention.days), minimum=1)
    unread_days = _number(
        config, keys + ("unread_days",), table.get("unread_days", max(days, Retention.unread_days)), minimum=1
    )
    if unread_days < days:
        _fail(config, keys + ("unread_days",), "retention: unread_days must be at least days, "
              "so unread items outlive read ones")
    max_items = None
    if "max_items" in table:
        max_items = _number(config, keys + ("max_items",), table["max_items"], minimum=1, whole=True)
    return Retention(days=days, unread_days=unread_days, max_items=max_items)


# Textual's names for punctuation (textual.keys): "?" and "question_mark" are one key.
_PUNCTUATION_NAMES = {"solidus": "slash", "reverse_solidus": "backslash", "commercial_at": "at",
                      "hyphen_minus": "minus", "plus_sign": "plus", "low_line": "underscore"}


def _same_key(name: str) -> str:
    """A key name as Textual compares keys, so that "/" and "slash" clash."""
    if len(name) == 1 and not name.isalnum():
        try:
            name = unicodedata.name(name).lower().replace("-", "_").replace(" ", "_")
        except ValueError:
            return name
        return _PUNCTUATION_NAMES.get(name, name)
    return name


_DEFAULT_OWNER = {_same_key(key): binding for binding, keys in DEFAULT_KEYS.items() for key in keys.split(",")}


def _keymap(config: Config, value: object) -> dict[str, str]:
    table = _table(config, ("keys",), value, BINDING_IDS, "a [keys] table")
    keymap: dict[str, str] = {}
    owner: dict[str, str] = {}  # key -> binding id: one key can't do two things
    for binding, text in table.items():
        keys = ("keys", binding)
        problem = f"{_label(keys)}: expected comma-separated key names like \"n,down\""
        if not isinstance(text, str):
            _fail(config, keys, f"{problem}, got {_kind(text)}")
        names = [name.strip() for name in text.split(",")]
        for name in names:
            if not name:
                _fail(config, keys, f"{problem}, got an empty key name in {text!r}")
            if not KEY_NAME.fullmatch(name):
                _fail(config, keys, f"{problem}, got {name!r} in {text!r}")
            if owner.setdefault(_same_key(name), binding) != binding:
                _fail(config, keys, f"{_label(keys)}: {name!r} is already bound to {owner[_same_key(name)]}")
        keymap[binding] = ",".join(names)
    # A binding left alone keeps its default keys, so taking one of them would shadow it
    # (read = "s" leaves star without a key); a swap rebinds both.
    for binding, text in keymap.items():
        for name in text.split(","):
            other = _DEFAULT_OWNER.get(_same_key(name), binding)
            if other != binding and other not in keymap:
                _fail(config, ("keys", binding),
                      f"{_label(('keys', binding))}: {name!r} is already the key of {other}; rebind {other} too")
    return keymap


def _feeds(config: Config, value: object) -> list[FeedSource]:
    if not isinstance(value, list):
        _fail(config, ("feeds",), f"feeds: expected [[feeds]] tables, got {_kind(value)}")
    feeds = []
    for n, feed in enumerate(value):
        keys = ("feeds", n)
        feed = _table(config, keys, feed, {"url", "name", "interval", "tags", "full_text"}, "a table")
        url = feed.get("url")
        if not isinstance(url, str) or not url:
            _fail(config, keys + ("url",), f'{_label(keys)}: needs url = "..."')
        name = _string(config, keys + ("name",), feed["name"]) if "name" in feed else None
        interval = config.interval
        if "interval" in feed:
            interval = _number(config, keys + ("interval",), feed["interval"], minimum=1)
        tags = _strings(config, keys + ("tags",), feed.get("tags", []))
        full_text = feed.get("full_text", False)
        if not isinstance(full_text, bool):
            _fail(config, keys + ("full_text",),
                  f"{_label(keys)}: full_text: expected true or false, got {_kind(full_text)}")
        feeds.append(FeedSource(url=url, name=name, interval=interval, tags=tuple(tags), full_text=full_text))
    return feeds


_TOML_PLACE = re.compile(r"(.*) \(at line (\d+), column (\d+)\)")
TOP_LEVEL_KEYS = {
    "feeds", "interval", "mark_read_delay", "retention", "alerts", "concurrency", "theme", "language",
    "keys", "grouping", "max_feed_mb", "urgent_minutes", "urgent_alerts",
    "full_text_per_minute", "wrap_titles", "export_dir",
}


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
        text = raw.decode("utf-8")
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_PLACE.fullmatch(str(exc))
        if found:
            problem, line, column = found.groups()
            raise ConfigError(f"{path}:{line}: {problem} (column {column})") from None
        raise ConfigError(f"{path}: {exc}") from None
    config = Config(path=path, themes_dir=path.parent / "themes", lines=key_lines(text))
    _table(config, (), data, TOP_LEVEL_KEYS, "a table")
    if "language" in data and data["language"] not in LANGUAGES:
        _fail(config, ("language",), f"language: expected one of {', '.join(LANGUAGES)}, got {data['language']!r}")
    config.language = data.get("language")
    if "theme" in data:
        config.theme = _string(config, ("theme",), data["theme"])
    if "grouping" in data and data["grouping"] not in MODES:
        _fail(config, ("grouping",), f"grouping: expected one of {', '.join(MODES)}, got {data['grouping']!r}")
    config.grouping = data.get("grouping")
    if "interval" in data:
        config.interval = _number(config, ("interval",), data["interval"], minimum=1)
    if "mark_read_delay" in data:
        config.mark_read_delay = _number(config, ("mark_read_delay",), data["mark_read_delay"])
    if "concurrency" in data:
        config.concurrency = _number(config, ("concurrency",), data["concurrency"], minimum=1, whole=True)
    if "max_feed_mb" in data:
        config.max_feed_mb = _number(
            config, ("max_feed_mb",), data["max_feed_mb"], above=True, maximum=MAX_FEED_MB_LIMIT
        )
    if "urgent_minutes" in data:
        config.urgent_minutes = _number(config, ("urgent_minutes",), data["urgent_minutes"])
    if "urgent_alerts" in data and data["urgent_alerts"] not in RINGS:
        _fail(config, ("urgent_alerts",), f"urgent_alerts: expected one of {', '.join(RINGS)}, "
              f"got {data['urgent_alerts']!r}")
    config.urgent_alerts = data.get("urgent_alerts", config.urgent_alerts)
    if "full_text_per_minute" in data:
        config.full_text_per_minute = _number(
            config, ("full_text_per_minute",), data["full_text_per_minute"], minimum=1, whole=True
        )
    if "export_dir" in data:
        config.export_dir = Path(_string(config, ("export_dir",), data["export_dir"])).expanduser()
    if "wrap_titles" in data:
        config.wrap_titles = _flag(config, ("wrap_titles",), data["wrap_titles"])
    config.alerts = _strings(config, ("alerts",), data.get("alerts", []))
    for word in config.alerts:
        try:
            compile_pattern(word)
        except AlertError as exc:
            _fail(config, ("alerts",), f"alerts: {exc}")
    if "retention" in data:
        config.retention = _retention(config, data["retention"])
    if "keys" in data:
        config.keys = _keymap(config, data["keys"])
    config.feeds = _feeds(config, data.get("feeds", []))
    return config


EXAMPLE = """\
# wiredesk config (TOML). Every key is optional.
# interval = 60            # default poll interval, seconds
# mark_read_delay = 1.0    # seconds an item stays in the article pane to count as read
# concurrency = 8          # fetches at once
# theme = "wire"           # wire, teletekst, paper, or any Textual theme
# language = "nl"          # "en" or "nl"; default: from the locale
# alerts = ["Charkiv", "/nav[oy]/"]   # watch words; /.../ is a regular expression
# grouping = "agency"      # place (default), agency, time, feed or flat; a choice made with v wins
# max_feed_mb = 10         # largest feed download in MB, also after decompression
# urgent_minutes = 30      # a fresh flash or urgent item stays pinned this long in the Urgent band; 0: no band
# urgent_alerts = "urgent" # what rings on arrival: "flash", "urgent" (flash and urgent) or "off"
# full_text_per_minute = 3 # article pages fetched from one site a minute, at most (full text)
# wrap_titles = true       # a long headline wraps to a second line in the list
# export_dir = "~/wire"    # where e writes Markdown; default: your Documents (else Downloads) folder
#
# [keys]                   # rebind keys: binding = "key,key" (names as in Textual: down, ctrl+p, question_mark)
# next = "n,down"
# read = "x"
# (a key that is another binding's default needs that binding rebound too)
# bindings: help, read, unread-only, search, group-by, poll, feeds, pane, article, scroll-down, scroll-up, quit,
#   next, previous, first, last, mark-group-read, collapse, reorder, undo, star, starred-only, open, copy, export,
#   narrower, wider, full-text, back
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
# full_text = true         # optional: fetch the article behind each new item's link (teaser feeds)
"""
