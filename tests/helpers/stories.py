"""Stories for the store tests: one day's feed entries, as a wire carries them."""

from __future__ import annotations

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
