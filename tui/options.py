"""The `wiredesk` command line, read once into a typed Options."""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NoReturn

EXIT_USAGE = 2


@dataclass(frozen=True)
class Options:
    """Every option of every command, as given or by default.

    A command's own positional arguments (`ids`, `item_id`, `url`, `file`) are always given
    when it runs; the commands that don't take them never read them."""

    command: str | None = None  # None: the desk
    action: str | None = None  # what `feeds` and `opml` do
    data_dir: str | None = None
    config: str | None = None
    feed: list[str] = field(default_factory=list)  # --feed, in place of the config's feeds
    interval: float | None = None
    no_poll: bool = False
    theme: str | None = None
    alert: list[str] = field(default_factory=list)
    unread: bool = False  # list
    json: bool = False  # list
    stories: bool = False  # list
    limit: int | None = None  # list
    ids: list[str] = field(default_factory=list)  # read, unread, fulltext
    item_id: str = ""  # export
    output: str | None = None  # export, opml export
    url: str = ""  # feeds add: a URL; feeds remove: a URL or a name
    name: str | None = None  # feeds add
    tags: list[str] | None = None  # feeds add
    file: str = ""  # opml import


def parse_args(argv: Sequence[str] | None = None) -> Options:
    """The command line; a usage error exits with one line and EXIT_USAGE."""
    return Options(**vars(_parser().parse_args(argv)))


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, never the usage block
        self.exit(EXIT_USAGE, f"wiredesk: {message}\n")


class _Version(argparse.Action):
    """--version, read from the installed package only when asked: the other commands don't pay for it."""

    def __init__(self, option_strings: Sequence[str], dest: str, help: str | None = None) -> None:
        super().__init__(option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(
        self, parser: argparse.ArgumentParser, namespace: argparse.Namespace, values: str | Sequence[Any] | None,
        option_string: str | None = None,
    ) -> NoReturn:
        from importlib.metadata import version

        print(f"wiredesk {version('wiredesk')}")
        parser.exit()


def _at_least(kind: type[int] | type[float], minimum: float) -> Callable[[str], float]:
    def convert(text: str) -> float:
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
    parser.add_argument("--version", action=_Version, help="print the version and exit")
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
    listing.add_argument("--stories", action="store_true", help="one line per story, with its carriers")
    listing.add_argument("--limit", metavar="N", type=_at_least(int, 1), help="at most N items (stories)")
    for name, verb in (("read", "read"), ("unread", "unread")):
        marking = sub.add_parser(name, parents=[common], help=f"mark items {verb}")
        marking.add_argument("ids", metavar="ID", nargs="+")
    sub.add_parser("status", parents=[common], help="one short line for a tmux status bar")
    export = sub.add_parser("export", parents=[common], help="an item as Markdown")
    export.add_argument("item_id", metavar="ID")
    export.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    full_text = sub.add_parser("fulltext", parents=[common], help="fetch the article behind items' links")
    full_text.add_argument("ids", metavar="ID", nargs="+")
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
