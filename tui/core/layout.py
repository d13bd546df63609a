"""How the desk shares the terminal between the list and the article: pure rules, no widgets.

The list's width is a share of the window, so a window that grows gives the headlines their part of
it; below NARROW_WIDTH columns, or in a tall narrow pane, the list takes the whole width and the
article opens in its place (as mail clients do).
"""

from __future__ import annotations

DEFAULT_SHARE = 0.55  # at 160 columns: about 74 characters of headline, 70 columns of article
MIN_SHARE, MAX_SHARE = 0.2, 0.85
STEP = 0.05  # one press of < or >
MIN_PANE = 20  # columns either pane keeps
NARROW_WIDTH = 80  # at this width and below, two panes leave each too little
TALL_WIDTH = 120  # below this, a pane at least half as high as it is wide (cells are ~1:2) is tall


def clamp_share(share: float) -> float:
    return round(min(MAX_SHARE, max(MIN_SHARE, share)), 3)


def parse_share(text: object) -> float:
    """The share a setting remembers; the default for anything else."""
    try:
        share = float(str(text))
    except ValueError:
        return DEFAULT_SHARE
    return clamp_share(share) if share == share else DEFAULT_SHARE  # NaN is not a share


def list_columns(total: int, share: float) -> int:
    """The list's columns in a window `total` wide; both panes keep MIN_PANE."""
    return max(MIN_PANE, min(total - MIN_PANE, round(total * share)))


def share_of(columns: int, total: int) -> float:
    """The share a list of `columns` (dragged to that width) takes of `total`."""
    return clamp_share(columns / total) if total > 0 else DEFAULT_SHARE


def is_narrow(width: int, height: int) -> bool:
    """One pane at a time: a terminal of 80 columns or fewer, or a tall narrow pane."""
    return width <= NARROW_WIDTH or (width < TALL_WIDTH and 2 * height >= width)
