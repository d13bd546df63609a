"""The group headers of the rows last built, kept in step with the reader's marks without regrouping.

A header counts items, or stories while stories fold (`tui.core.grouping.build_rows`): then a story is unread
while any of its items is, and it counts under the header its row stands under. A mark changes a header's
unread count only when it turns a whole story read, or a read story unread."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from tui.core.grouping import Header, Row
from tui.core.items import Item
from tui.core.story_view import StoryIndex, StoryRow


class Headers(dict[str, Header]):
    """Group name -> its header, and which header each folded story's row stands under."""

    def __init__(self, rows: Iterable[Row] = ()) -> None:
        super().__init__()
        self.of_story: dict[str, Header] = {}
        header = None
        for row in rows:
            if isinstance(row, Header):
                header = self[row.group] = row
            elif header is not None and isinstance(row, StoryRow) and row.members:
                self.of_story[row.story] = header

    def follow(self, changed: list[Item], read: bool, marked: set[str], group_of: Callable[[Item], str | None],
               stories: StoryIndex | None, present: Mapping[str, Item]) -> None:
        """Marks on `changed` (now in `marked` if `read`): the unread counts of their headers follow.
        `stories`: None while stories do not fold."""
        change = -1 if read else 1
        if stories is None:
            for item in changed:
                self._adjust(self.get(group_of(item) or ""), change)
            return
        ids = {item.id for item in changed}
        done: set[str] = set()
        for item in changed:
            story = stories.story(item.id)
            if story in done:
                continue
            done.add(story)
            unread = {i for i in stories.ids(item.id, present) if i not in marked}
            # Read now: the story turned read only if none is left unread. Unread now: it was read before
            # only if its unread items are all among those just marked.
            if (read and not unread) or (not read and unread <= ids):
                self._adjust(self.of_story.get(story) or self.get(group_of(item) or ""), change)

    @staticmethod
    def _adjust(header: Header | None, change: int) -> None:
        if header is not None:
            header.unread += change
