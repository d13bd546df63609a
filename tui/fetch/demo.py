"""The bundled demo wire, replayed as if live.

At start-up the bundled items are re-timed so that the newest is "now", and
the newest few are held back and released one by one over the first minutes,
through the same poller path as a real feed.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

from tui.bundled import bundled_dir
from tui.core.feeds import FeedSource
from tui.core.items import ParsedFeed
from tui.store import Store

RELEASES = (20.0, 45.0, 75.0, 110.0, 150.0)  # seconds after start-up, one per held-back item
POLL_INTERVAL = 10.0


def seed_files() -> list[Path]:
    return sorted(p for p in bundled_dir("seeds").iterdir() if p.suffix in (".xml", ".atom", ".rss"))


class Replay:
    """Re-times one run of the demo wire; shared by all demo feeds so they agree."""

    def __init__(self, paths: list[Path], started_at: float) -> None:
        self.paths = paths
        self.started_at = started_at
        self._plan: tuple[float, dict[str, float]] | None = None
        self._lock = threading.Lock()
        self._settled: set[str] = set()  # feeds applied after the last release

    def _make_plan(self) -> tuple[float, dict[str, float]]:
        from tui.fetch.parse import parse_feed  # feedparser: only once the demo polls, never for --no-poll

        with self._lock:
            if self._plan is None:
                items = [
                    item
                    for path in self.paths
                    for item in parse_feed(path.read_bytes(), str(path), self.started_at).items
                ]
                items.sort(key=lambda item: item.published)
                held = items[-len(RELEASES) :]
                release = {item.id: self.started_at + after for item, after in zip(held, RELEASES, strict=False)}
                newest_shown = max((i.published for i in items[: -len(RELEASES)]), default=self.started_at)
                self._plan = (self.started_at - newest_shown, release)
            return self._plan

    def settled(self, url: str) -> bool:
        return url in self._settled

    def apply(self, parsed: ParsedFeed, now: float) -> ParsedFeed:
        shift, release = self._make_plan()
        items = []
        for item in parsed.items:
            if item.id in release:
                if release[item.id] > now:
                    continue
                items.append(replace(item, published=release[item.id], seen=release[item.id]))
            else:
                items.append(replace(item, published=item.published + shift, seen=now))
        if parsed.items and now >= max(release.values(), default=now):
            self._settled.add(parsed.items[0].feed_url)
        kept = {item.id for item in items}
        bodies = {iid: html for iid, html in parsed.bodies.items() if iid in kept}
        guids = {iid: guid for iid, guid in parsed.guids.items() if iid in kept}
        return ParsedFeed(title=parsed.title, items=items, bodies=bodies, guids=guids)


def seed(store: Store, at: float) -> None:
    """Fill a cache with the bundled wire as it stood at `at`, not re-timed: for screenshots and tests."""
    from tui.fetch.parse import parse_feed

    store.ingest_many([parse_feed(path.read_bytes(), str(path), at) for path in seed_files()])


def demo_sources(started_at: float) -> list[FeedSource]:
    paths = seed_files()
    replay = Replay(paths, started_at)
    return [FeedSource(url=str(path), interval=POLL_INTERVAL, replay=replay) for path in paths]
