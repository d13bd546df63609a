"""Where each key of a TOML text sits, so config errors can name FILE:LINE.

tomllib gives no positions, so the text is scanned again once it is known to be
valid TOML; the scan only has to find where each key and table header starts,
skipping values (strings, arrays and inline tables may span lines).
"""

from __future__ import annotations

import re
import tomllib

# A key's path from the top: ("retention", "days"), ("feeds", 0, "url").
KeyPath = tuple[str | int, ...]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def _blank(text: str, pos: int) -> int:
    while text[pos:pos + 1] in (" ", "\t"):
        pos += 1
    return pos


def _basic_string_end(text: str, pos: int, quote: str) -> int:
    """The position just past the basic string whose opening `quote` ends at pos."""
    while not text.startswith(quote, pos):
        pos += 2 if text[pos] == "\\" else 1
    return pos + len(quote)


def _dotted_key(text: str, pos: int) -> tuple[tuple[str, ...], int]:
    parts: list[str] = []
    while True:
        pos = _blank(text, pos)
        if text[pos] == '"':
            end = _basic_string_end(text, pos + 1, '"')
            parts.append(tomllib.loads(f"k = {text[pos:end]}")["k"])  # tomllib undoes the escapes
        elif text[pos] == "'":
            end = text.index("'", pos + 1) + 1
            parts.append(text[pos + 1:end - 1])
        else:
            bare = _BARE_KEY.match(text, pos)
            assert bare is not None, "valid TOML has a key here"
            end = bare.end()
            parts.append(text[pos:end])
        pos = _blank(text, end)
        if text[pos] != ".":
            return tuple(parts), pos
        pos += 1


def _value_end(text: str, pos: int) -> int:
    """The end of the line where the value starting at pos ends."""
    depth = 0
    while pos < len(text):
        char = text[pos]
        if text.startswith('"""', pos):
            pos = _basic_string_end(text, pos + 3, '"""')
            while text[pos:pos + 1] == '"':  # up to two quotes may close the content
                pos += 1
        elif text.startswith("'''", pos):
            pos = text.index("'''", pos + 3) + 3
            while text[pos:pos + 1] == "'":
                pos += 1
        elif char == '"':
            pos = _basic_string_end(text, pos + 1, '"')
        elif char == "'":
            pos = text.index("'", pos + 1) + 1
        elif char == "#":
            pos = text.find("\n", pos)
            pos = len(text) if pos < 0 else pos
        elif char == "\n" and depth == 0:
            return pos
        else:
            depth += (char in "[{") - (char in "]}")
            pos += 1
    return pos


def key_lines(text: str) -> dict[KeyPath, int]:
    """The line of every key and table in valid TOML, by path: ("retention", "days"), ("feeds", 0, "url").

    An array of tables counts its entries from 0, as the parsed data does; the
    first place a table or dotted key appears is its line.
    """
    lines: dict[KeyPath, int] = {}
    entries: dict[KeyPath, int] = {}  # each array of tables, by path, and the index of its last entry
    table: KeyPath = ()

    def resolve(parts: tuple[str, ...]) -> KeyPath:
        path: KeyPath = ()
        for part in parts:
            path += (part,)
            if path in entries:
                path += (entries[path],)
        return path

    def note(path: KeyPath, pos: int) -> None:
        line = text.count("\n", 0, pos) + 1
        for n in range(1, len(path) + 1):
            lines.setdefault(path[:n], line)

    pos = 0
    while pos < len(text):
        pos = _blank(text, pos)
        char = text[pos:pos + 1]
        if char in ("", "\n", "\r"):
            pos += 1
        elif char == "#":
            pos = _value_end(text, pos)
        elif char == "[":
            many = text.startswith("[[", pos)
            parts, pos = _dotted_key(text, pos + (2 if many else 1))
            if many:
                array = resolve(parts[:-1]) + parts[-1:]
                entries[array] = entries.get(array, -1) + 1
                table = array + (entries[array],)
            else:
                table = resolve(parts)
            note(table, pos)
            pos = _value_end(text, pos + (2 if many else 1))
        else:
            start = pos
            parts, pos = _dotted_key(text, pos)
            note(table + parts, start)
            pos = _value_end(text, pos + 1)  # past the "="
    return lines

