"""Which screen lines the wire list's rows take: one each, or two for a long headline when
`wrap_titles = true`. The list's cursor is a row; this maps rows to lines and back."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from rich.cells import set_cell_size

INDENT = "  "  # a wrapped headline's second line starts under its first


class LineMap:
    """Row -> first line, for a list whose rows take one line or two. Without wrapping it is the identity."""

    def __init__(self) -> None:
        self._starts: list[int] | None = None  # the first line of each row, when any row takes two
        self.total = 0

    def build(self, count: int, two_lines: Callable[[int], bool] | None) -> None:
        """Lay out `count` rows; `two_lines(row)` says which take two (None: none do)."""
        self._starts = None
        if two_lines is not None:
            starts, line = [], 0
            for row in range(count):
                starts.append(line)
                line += 2 if two_lines(row) else 1
            if line > count:
                self._starts = starts
            self.total = line
        else:
            self.total = count

    def line_of(self, row: int) -> int:
        """The first line of `row`; the line after the last row for `row` past the end."""
        if self._starts is None or row < 0:
            return row
        return self._starts[row] if row < len(self._starts) else self.total

    def height_of(self, row: int) -> int:
        return self.line_of(row + 1) - self.line_of(row) if self._starts is not None else 1

    def at(self, line: int) -> tuple[int, int]:
        """The row on `line`, and which of its lines it is (0 or 1)."""
        if self._starts is None:
            return line, 0
        row = bisect_right(self._starts, line) - 1
        return row, line - self._starts[row] if row >= 0 else 0


def split_title(title: str, width: int) -> tuple[str, str]:
    """A headline too long for `width` cells, as its first line (broken at a space when there is one
    in the second half) and the rest."""
    cut = len(set_cell_size(title, width))  # the characters in the first `width` cells
    space = title.rfind(" ", width // 2, cut + 1)
    if space > 0:
        cut = space
    return title[:cut], title[cut:].lstrip()
