"""Each feed's health as the desk last saw it: what the feed screen and the header show."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from tui.core.feeds import FeedMeta, PollResult, feed_down


@dataclass
class FeedState:
    url: str
    title: str = ""
    last_ok: float | None = None
    last_error: str | None = None
    error_at: float | None = None
    next_poll: float | None = None
    validators: bool | None = None  # None: not known yet
    moved_to: str | None = None

    @property
    def status(self) -> str:
        if feed_down(self):  # the same rule as the cache's record of the feed
            return "failing"
        return "ok" if self.last_ok else "waiting"


class FeedHealth:
    def __init__(self) -> None:
        self.feeds: dict[str, FeedState] = {}

    def load(self, metas: Mapping[str, FeedMeta], urls: list[str]) -> None:
        """Start from what the cache remembers of the configured feeds."""
        for url in urls:
            meta = metas.get(url) or FeedMeta()
            self.feeds[url] = FeedState(
                url=url,
                title=meta.title,
                last_ok=meta.last_ok,
                last_error=meta.last_error,
                error_at=meta.error_at,
                validators=meta.validators,
                moved_to=meta.moved_to,
            )

    def update(self, result: PollResult) -> bool:
        """Record a poll; True when the feed has newly failed or fails differently."""
        state = self.feeds.setdefault(result.source.url, FeedState(url=result.source.url))
        state.title = result.title or state.title
        state.next_poll = result.next_poll
        if result.error:
            news = state.status != "failing" or state.last_error != result.error
            state.last_error, state.error_at = result.error, result.checked_at
            return news
        state.last_ok = result.checked_at  # the last error stays on show, as the last one
        if result.source.replay is None and (result.validators or not result.not_modified):
            state.validators = result.validators
        state.moved_to = result.moved_to
        return False

    @property
    def failing(self) -> int:
        return sum(1 for state in self.feeds.values() if state.status == "failing")
