"""The config file: every key, every error as FILE:LINE: problem, and the desk it builds."""

from __future__ import annotations

import re
import time
import tomllib
from pathlib import Path

import pytest
import tomlkit
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.desk import settle
from tui import cli
from tui import config as configuration
from tui.config import ConfigError, load
from tui.core.grouping import MODES
from tui.core.i18n import tr
from tui.fetch.demo import seed
from tui.options import parse_args
from tui.store import open_store
from tui.toml_lines import key_lines


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text)
    return path


def error(tmp_path: Path, text: str) -> str:
    path = write(tmp_path, text)
    with pytest.raises(ConfigError) as caught:
        load(str(path))
    return str(caught.value).removeprefix(str(path))


# Every key


def test_binding_ids_are_the_desks():
    from tui.ui.desk_screen import DeskScreen
    from tui.ui.widgets.wire_list import WireList

    ids = {b.id for b in DeskScreen.BINDINGS + WireList.BINDINGS if b.id}  # next and previous are in both
    assert set(configuration.BINDING_IDS) == ids
    assert len(configuration.BINDING_IDS) == len(ids)


def test_default_keys_are_the_desks():
    from tui.ui.desk_screen import DeskScreen
    from tui.ui.widgets.wire_list import WireList

    keys: dict[str, set[str]] = {}
    for binding in DeskScreen.BINDINGS + WireList.BINDINGS:
        if binding.id:
            keys.setdefault(binding.id, set()).update(binding.key.split(","))
    assert {b: set(k.split(",")) for b, k in configuration.DEFAULT_KEYS.items()} == keys
    every = [key for k in configuration.DEFAULT_KEYS.values() for key in k.split(",")]
    assert len(every) == len(set(every)), "no key is the default of two bindings"


def test_every_key_is_in_the_example_and_the_example_loads(tmp_path):
    example = configuration.EXAMPLE
    for key in configuration.TOP_LEVEL_KEYS - {"feeds", "retention", "keys"}:
        assert re.search(rf"^# {key} = ", example, re.M), key
    for table in ("[[feeds]]", "[retention]", "[keys]"):
        assert f"# {table}" in example
    settings_lines = [line[2:] for line in example.splitlines() if re.match(r"# (\[|[\w-]+ = )", line)]
    config = load(str(write(tmp_path, "\n".join(settings_lines))))
    assert config.keys == {"next": "n,down", "read": "x"}
    assert config.grouping == "agency" and config.grouping in MODES
    assert config.max_feed_mb == 10 and config.max_feed_bytes == 10 * 1024 * 1024


def test_defaults_without_a_file(tmp_path):
    config = load(str(tmp_path / "absent.toml"), missing_ok=True)
    assert (config.keys, config.grouping, config.max_feed_mb, config.concurrency) == ({}, None, 10, 8)


def test_new_keys_are_read(tmp_path):
    config = load(str(write(tmp_path, """
grouping = "time"
max_feed_mb = 0.5
concurrency = 3.0      # a whole number written as a float is fine
[keys]
next = " n , down "
read = "x"
help = "?"
quit = "ctrl+q"
"mark-group-read" = "X"
""")))
    assert config.grouping == "time"
    assert config.max_feed_bytes == 512 * 1024
    assert config.concurrency == 3 and isinstance(config.concurrency, int)
    assert config.keys == {"next": "n,down", "read": "x", "help": "?", "quit": "ctrl+q", "mark-group-read": "X"}


# Errors: FILE:LINE: problem


BINDINGS = ", ".join(configuration.BINDING_IDS)
NAMES = ':2: keys: read: expected comma-separated key names like "n,down", got'

ERRORS = [
    # (config text, the exact message after the file name)
    ("interval = 60\n\n# a comment\ncolour = 'red'\n",
     (":4: unknown key 'colour' (known: alerts, concurrency, export_dir, feeds, full_text_per_minute, grouping, "
      "interval, keys, language, mark_read_delay, max_feed_mb, retention, theme, urgent_alerts, urgent_minutes, "
      "wrap_titles)")),
    ("interval = 5\r\ncolour = 2\r\n",
     (":2: unknown key 'colour' (known: alerts, concurrency, export_dir, feeds, full_text_per_minute, grouping, "
      "interval, keys, language, mark_read_delay, max_feed_mb, retention, theme, urgent_alerts, urgent_minutes, "
      "wrap_titles)")),
    ("interval = \n", ":1: Invalid value (column 12)"),
    ("wrap_titles = 1\n", ":1: wrap_titles: expected true/false, got a number"),
    ("export_dir = 3\n", ":1: export_dir: expected a string, got a number"),
    ('theme = "wire"\ninterval = "fast"\n', ":2: interval: expected a number, got a string"),
    ('urgent_alerts = "loud"\n', ":1: urgent_alerts: expected one of flash, urgent, off, got 'loud'"),
    ("urgent_minutes = -5\n", ":1: urgent_minutes: must be at least 0, got -5"),
    ("interval = true\n", ":1: interval: expected a number, got true/false"),
    ("interval = 0.5\n", ":1: interval: must be at least 1, got 0.5"),
    ("interval = inf\n", ":1: interval: expected a finite number, got inf"),
    ("interval = -inf\n", ":1: interval: expected a finite number, got -inf"),
    ("interval = 1" + "0" * 400 + "\n", ":1: interval: too large"),
    ("mark_read_delay = nan\n", ":1: mark_read_delay: expected a finite number, got nan"),
    ("mark_read_delay = -1\n", ":1: mark_read_delay: must be at least 0, got -1"),
    ("\nconcurrency = 1e400\n", ":2: concurrency: expected a finite number, got inf"),
    ("concurrency = nan\n", ":1: concurrency: expected a finite number, got nan"),
    ("concurrency = 2.5\n", ":1: concurrency: expected a whole number, got 2.5"),
    ("concurrency = 0\n", ":1: concurrency: must be at least 1, got 0"),
    ("concurrency = '8'\n", ":1: concurrency: expected a whole number, got a string"),
    ("max_feed_mb = 0\n", ":1: max_feed_mb: must be greater than 0, got 0"),
    ("max_feed_mb = -3\n", ":1: max_feed_mb: must be greater than 0, got -3"),
    ("max_feed_mb = inf\n", ":1: max_feed_mb: expected a finite number, got inf"),
    ("max_feed_mb = 5000\n", ":1: max_feed_mb: must be at most 1024, got 5000"),
    ("grouping = 'dateline'\n", ":1: grouping: expected one of place, agency, time, feed, flat, got 'dateline'"),
    ("theme = 3\n", ":1: theme: expected a string, got a number"),
    ("language = 'fr'\n", ":1: language: expected one of en, nl, got 'fr'"),
    ("alerts = ['ok', 1]\n", ":1: alerts: expected a list of strings"),
    ("# watch\nalerts = ['//']\n", ":2: alerts: alert //: an empty pattern would match every item"),
    ("[retention]\ndays = 3\nweeks = 2\n", ":3: retention: unknown key 'weeks' (known: days, max_items, unread_days)"),
    ("[retention]\ndays = nan\n", ":2: retention: days: expected a finite number, got nan"),
    ("[retention]\ndays = 30\nunread_days = 10\n",
     ":3: retention: unread_days must be at least days, so unread items outlive read ones"),
    ("[retention]\n\nmax_items = 2.5\n", ":3: retention: max_items: expected a whole number, got 2.5"),
    ("retention = 30\n", ":1: retention: expected a [retention] table, got a number"),
    ("retention = { days = inf }\n", ":1: retention: days: expected a finite number, got inf"),
    ("feeds = 'x'\n", ":1: feeds: expected [[feeds]] tables, got a string"),
    ("[[feeds]]\nurl = 'a'\n\n[[feeds]]\nurl = 'b'\ninterval = 'x'\n",
     ":6: feeds #2: interval: expected a number, got a string"),
    ("[[feeds]]\nurl = 'a'\n[[feeds]]\nname = 'no url'\n", ':3: feeds #2: needs url = "..."'),
    ("[[feeds]]\nurl = 'a'\nsize = 1\n",
     ":3: feeds #1: unknown key 'size' (known: full_text, interval, name, tags, url)"),
    ("[[feeds]]\nurl = 'a'\ntags = 'world'\n", ":3: feeds #1: tags: expected a list of strings"),
    ("[[feeds]]\nurl = 'a'\nfull_text = 'yes'\n", ":3: feeds #1: full_text: expected true or false, got a string"),
    ("[[feeds]]\nurl = 'a'\nname = ['A']\n", ":3: feeds #1: name: expected a string, got a list"),
    ("[[feeds]]\nurl = 'a'\ninterval = nan\n", ":3: feeds #1: interval: expected a finite number, got nan"),
    ("keys = 'x'\n", ":1: keys: expected a [keys] table, got a string"),
    ("[keys]\nread = 'x'\nnxt = 'n'\n", f":3: keys: unknown binding 'nxt' (known: {BINDINGS})"),
    ("[keys]\nread = 3\n", f"{NAMES} a number"),
    ("[keys]\nread = ''\n", f"{NAMES} an empty key name in ''"),
    ("[keys]\nread = 'x,,y'\n", f"{NAMES} an empty key name in 'x,,y'"),
    ("[keys]\nread = 'x,Down'\n", f"{NAMES} 'Down' in 'x,Down'"),
    ("[keys]\nread = 'page down'\n", f"{NAMES} 'page down' in 'page down'"),
    ("[keys]\nread = 'x'\nstar = 's,x'\n", ":3: keys: star: 'x' is already bound to read"),
    ("[keys]\nread = '/'\nhelp = 'slash'\n", ":3: keys: help: 'slash' is already bound to read"),
    # A key that is another binding's default would shadow that binding, unless it is rebound too.
    ("# mine\n[keys]\nread = 's'\n", ":3: keys: read: 's' is already the key of star; rebind star too"),
    ("[keys]\nread = 'x'\nquit = 'ctrl+q,down'\n",
     ":3: keys: quit: 'down' is already the key of next; rebind next too"),
    ("[keys]\nread = '/'\n", ":2: keys: read: '/' is already the key of search; rebind search too"),
    ("[keys]\nstar = 'm'\n", ":2: keys: star: 'm' is already the key of read; rebind read too"),
]


@pytest.mark.parametrize(("text", "message"), ERRORS, ids=[m.split(":")[2].strip() or "x" for _, m in ERRORS])
def test_errors_name_file_line_and_problem(tmp_path, text, message):
    assert error(tmp_path, text) == message


def test_a_key_taken_from_another_binding_is_a_cli_error(tmp_path, capsys):
    path = write(tmp_path, '[keys]\nread = "s"\n')
    assert cli.main(["--config", str(path), "status", "--data-dir", str(tmp_path / "data")]) == 2
    problem = "keys: read: 's' is already the key of star; rebind star too"
    assert capsys.readouterr().err == f"wiredesk: {path}:2: {problem}\n"


@pytest.mark.parametrize("text", ['read = "s"\nstar = "m"', 'star = "m"\nread = "s"', 'next = "n"\nread = "j,down"'])
def test_keys_can_be_swapped_when_both_are_rebound(tmp_path, text):
    config = load(str(write(tmp_path, f"[keys]\n{text}\n")))
    assert config.keys == dict(line.replace('"', "").split(" = ") for line in text.split("\n"))


def test_an_error_is_one_line_whatever_the_value(tmp_path):
    assert "\n" not in error(tmp_path, 'grouping = "a\\nb"\n')


# Where keys are


def test_key_lines_on_awkward_toml():
    text = '''# comment with = and [brackets]
a = 1
[retention]
days = 3 # trailing ]
  "quoted.key" = "v]#"
arr = [
  1, # ]
  "x\\"",
]
ml = """
x = 1
[bad]
"""""
[[feeds]]
url = 'one'
[[feeds]]
url = "two"
sub.dot = 3
[feeds.inner]
inline = {a = 1, b = [2,
 3]}
lit = \'\'\'
[[x]]\'\'\'
last = 1
'''
    tomllib.loads(text)  # valid TOML, as the scan assumes
    assert key_lines(text) == {
        ("a",): 2,
        ("retention",): 3, ("retention", "days"): 4, ("retention", "quoted.key"): 5, ("retention", "arr"): 6,
        ("retention", "ml"): 10,
        ("feeds",): 14, ("feeds", 0): 14, ("feeds", 0, "url"): 15,
        ("feeds", 1): 16, ("feeds", 1, "url"): 17, ("feeds", 1, "sub"): 18, ("feeds", 1, "sub", "dot"): 18,
        ("feeds", 1, "inner"): 19, ("feeds", 1, "inner", "inline"): 20, ("feeds", 1, "inner", "lit"): 22,
        ("feeds", 1, "inner", "last"): 24,
    }


def test_nested_arrays_of_tables_count_per_parent():
    text = "[[a]]\n[[a.b]]\nx = 1\n[[a.b]]\nx = 2\n[[a]]\n[[a.b]]\nx = 3\n"
    lines = key_lines(text)
    assert (lines[("a", 0, "b", 1, "x")], lines[("a", 1, "b", 0, "x")]) == (5, 8)


STRING_STYLES = [{}, {"multiline": True}, {"literal": True}, {"literal": True, "multiline": True}]


def _document(rand, depth: int, counter: list[int]):
    """A random table: int leaves numbered from counter, strings in every style, tables, arrays of tables."""
    table = {}
    for _ in range(rand.randint(0, 4)):
        key = "".join(rand.choice("ab-_. \"'#[]=\\\né") for _ in range(rand.randint(0, 5)))
        kind = rand.choice(["int", "int", "string", "table", "tables"] if depth < 3 else ["int", "string"])
        if kind == "int":
            counter[0] += 1
            table[key] = 1000 + counter[0]
        elif kind == "string":
            value = "".join(rand.choice("x\"'#[]=\n ") for _ in range(rand.randint(0, 8)))
            try:
                table[key] = tomlkit.string(value, **rand.choice(STRING_STYLES))
            except tomlkit.exceptions.InvalidStringError:
                table[key] = value
        elif kind == "table":
            table[key] = _document(rand, depth + 1, counter)
        else:
            table[key] = [_document(rand, depth + 1, counter) for _ in range(rand.randint(1, 3))]
    return table


def _leaves(value, path=()):
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, path + (key,))
    elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        for n, inner in enumerate(value):
            yield from _leaves(inner, path + (n,))
    else:
        yield path, value


@settings(max_examples=300, deadline=None)
@given(st.randoms(use_true_random=False))
def test_key_lines_find_every_key_tomlkit_writes(rand):
    text = tomlkit.dumps(_document(rand, 0, [0]))
    data = tomllib.loads(text)
    lines = key_lines(text)
    source = text.split("\n")
    for path, value in _leaves(data):
        if isinstance(value, int):
            assert re.search(rf"= {value}\b", source[lines[path] - 1]), (path, text)


# The desk the config builds


def _desk(tmp_path: Path, text: str, settings: dict | None = None):
    """The desk `wiredesk --no-poll --config FILE` would run, on the demo wire; nothing is pruned or read by itself."""
    path = write(tmp_path, f"mark_read_delay = 600\n{text}\n[retention]\ndays = 100000\nunread_days = 100000\n")
    store = open_store(tmp_path / "data")
    seed(store, time.time())
    if settings:
        store.save_settings(**settings)
    args = parse_args(["--no-poll", "--config", str(path)])
    return cli._desk(args, load(str(path)), store)


async def test_keys_from_the_config_rebind_the_desk(tmp_path):
    app = _desk(tmp_path, '[keys]\nread = "x"\nnext = "n"')
    async with app.run_test() as pilot:
        await settle(app, pilot)
        first = app.desk_screen.wire.current
        await pilot.press("m")
        assert first.id not in app.desk.marks.read
        await pilot.press("x")
        assert first.id in app.desk.marks.read
        await pilot.press("j")  # next is now only n
        assert app.desk_screen.wire.current is first
        await pilot.press("n")
        assert app.desk_screen.wire.current is not first
        await pilot.press("question_mark")
        await settle(app, pilot)
        help_text = str(app.screen.query_one("#help-keys").render())
        toggle = re.escape(tr(app.lang, "Read/unread"))
        assert re.search(rf"\bx\s+{toggle}", help_text), "help shows the key the config gave"
        assert not re.search(rf"\bm\s+{toggle}", help_text)


async def test_swapped_keys_do_what_the_config_says(tmp_path):
    app = _desk(tmp_path, '[keys]\nread = "s"\nstar = "m"')
    async with app.run_test() as pilot:
        await settle(app, pilot)
        first = app.desk_screen.wire.current
        await pilot.press("s")
        assert first.id in app.desk.marks.read and first.id not in app.desk.marks.starred
        await pilot.press("m")
        assert first.id in app.desk.marks.starred and first.id in app.desk.marks.read


@pytest.mark.parametrize(("remembered", "shown"), [(None, "agency"), ("time", "time")])
async def test_grouping_from_the_config_unless_one_was_chosen_with_v(tmp_path, remembered, shown):
    app = _desk(tmp_path, 'grouping = "agency"', settings={"grouping": remembered} if remembered else None)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.desk.view.mode == shown
