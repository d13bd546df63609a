"""Items to the rows the list shows: group headers, then items. Pure, so tests need no terminal."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.model import Item


@dataclass(frozen=True, slots=True)
class Row:
    """A group header (item is None) or an item under the last header."""

    group: str
    item: Item | None = None
    count: int = 0  # items in the group, on headers
    unread: int = 0  # unread items in the group, on headers

    @property
    def is_header(self) -> bool:
        return self.item is None


def group_key(item: Item) -> str:
    return "/".join(p.upper() for p in item.places) if item.places else item.feed


def build_rows(
    items: Iterable[Item],
    read: set[str] | frozenset[str] = frozenset(),
    *,
    unread_only: bool = False,
    keep: frozenset[str] = frozenset(),
) -> list[Row]:
    """Groups by dateline place, newest group first, newest item first inside a group.

    With `unread_only`, read items are left out except those in `keep` (the
    item under the cursor must not vanish the moment it is marked read).
    """
    groups: dict[str, list[Item]] = {}
    for item in items:
        if unread_only and item.id in read and item.id not in keep:
            continue
        groups.setdefault(group_key(item), []).append(item)
    for members in groups.values():
        members.sort(key=lambda i: (i.published, i.id), reverse=True)
    ordered = sorted(groups.items(), key=lambda kv: (kv[1][0].published, kv[0]), reverse=True)
    rows: list[Row] = []
    for name, members in ordered:
        unread = sum(1 for i in members if i.id not in read)
        rows.append(Row(name, count=len(members), unread=unread))
        rows.extend(Row(name, item) for item in members)
    return rows
