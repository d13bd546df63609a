"""Stories as a wire carries them, for feeds served in tests: one at a time, or a day's worth."""

from __future__ import annotations

import time

from tests.helpers.feeds import Entry

DAY = 86400.0


def yesterdays_stories(now: float, n: int = 5, prefix: str = "urn:wire:") -> list[Entry]:
    """`n` stories ten minutes apart, all on the UTC day before `now` (so in one day file)."""
    noon = (now // DAY - 1) * DAY + DAY / 2
    return [
        Entry(f"Story {k}", guid=f"{prefix}{k}", link=f"https://wire.test/{k}", date=noon - k * 600,
              body=f"<p>KYIV (ANP) - Body of story {k}.</p>")
        for k in range(n)
    ]


def story(guid: str, title: str, age: float, place: str = "KYIV") -> Entry:
    """A short story published `age` seconds ago."""
    return Entry(title, guid=guid, link=f"https://wire.test/{guid}", date=time.time() - age,
                 body=f"<p>{place} (ANP) - {title}.</p>")


def numbered_story(n: int, now: float, *, place: str = "KYIV", title: str | None = None,
                   paragraphs: int = 1) -> Entry:
    """Story `n` (urn:live:n), published n + 1 minutes before `now`, with `paragraphs` after its lead."""
    text = "".join(f"<p>Paragraph {k} of story {n}, long enough to wrap in a narrow pane.</p>"
                   for k in range(paragraphs))
    return Entry(
        title or f"Story {n:02d}",
        guid=f"urn:live:{n}",
        link=f"https://wire.test/{n}",
        date=now - 60 * (n + 1),
        body=f"<p>{place} (ANP) - Lead of story {n}.</p>{text}",
    )
