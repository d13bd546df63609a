"""`wiredesk list --stories`: the desk's story rows, headless.

A story is the items that share a stored link's story (`Store.story_links`); an item without a link is a
story of one. Its title is its newest current version's (an item nothing supersedes), its carriers are the
agencies as the desk's story row shows them (`tui.core.story_view.carriers`), its time its newest item's.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from tui.core.compact import column
from tui.core.items import Item
from tui.core.stories import StoryLink
from tui.core.story_view import carriers


@dataclass(frozen=True, slots=True)
class Story:
    id: str
    items: list[Item]  # newest first
    lead: Item  # the newest item no other supersedes: its title stands for the story
    unread: int

    @property
    def published(self) -> float:
        return self.items[0].published


def stories(items: Iterable[Item], links: Mapping[str, StoryLink], read: set[str]) -> list[Story]:
    """The items as stories, newest first (by their newest item)."""
    members: dict[str, list[Item]] = {}
    for item in items:
        link = links.get(item.id)
        members.setdefault(link.story if link else item.id, []).append(item)
    superseded = {link.supersedes for link in links.values() if link.supersedes}
    out = []
    for story, group in members.items():
        group.sort(key=lambda i: (i.published, i.id), reverse=True)
        lead = next((i for i in group if i.id not in superseded), group[0])
        out.append(Story(story, group, lead, sum(1 for i in group if i.id not in read)))
    out.sort(key=lambda s: (s.published, s.id), reverse=True)
    return out


def record(story: Story) -> dict[str, object]:
    """`list --stories --json`: one object per story."""
    from tui.core.timefmt import iso

    return {
        "story": story.id,
        "title": story.lead.title,
        "lead": story.lead.id,
        "carriers": list(carriers(story.items, shown=None)),
        "published": iso(story.published),
        "unread": story.unread,
        "items": [item.id for item in story.items],
    }


def line(story: Story) -> str:
    """`list --stories`: like an item's line, with the carriers in the feed's place and the story's size."""
    from datetime import datetime

    mark = "*" if story.unread else " "
    when = datetime.fromtimestamp(story.published).strftime("%Y-%m-%d %H:%M")
    size = f"  ({len(story.items)} items)" if len(story.items) > 1 else ""
    return f"{mark} {when}  {column('/'.join(carriers(story.items)), 18)}  {story.lead.title}{size}  [{story.lead.id}]"
