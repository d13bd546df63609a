"""Relative and absolute times, in the UI language, through babel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from functools import lru_cache

from babel.dates import format_datetime, format_timedelta


def ago_short(epoch: float, now: float, lang: str = "en") -> str:
    """ "20 min", "2 hr": for list rows. Cached: babel takes ~40 µs, and a screen of rows
    redraws on every cursor move."""
    seconds = int(max(0.0, now - epoch))
    # Past an hour the text counts hours or more: the minute is precision enough for the key.
    return _short(seconds if seconds < 3600 else seconds - seconds % 60, lang)


@lru_cache(maxsize=4096)
def _short(seconds: int, lang: str) -> str:
    return format_timedelta(timedelta(seconds=seconds), format="short", threshold=1.0, locale=lang)


def ago_long(epoch: float, now: float, lang: str = "en") -> str:
    """ "20 minutes ago": for the article header."""
    delta = timedelta(seconds=min(0.0, epoch - now))
    return format_timedelta(delta, add_direction=True, threshold=1.0, locale=lang)


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds")


def absolute(epoch: float, lang: str = "en") -> str:
    """ "Wed 25 Nov 2026 09:00 UTC", "wo 25 nov 2026 10:00 CET": local time, in the UI language."""
    moment = datetime.fromtimestamp(epoch).astimezone()
    return f"{format_datetime(moment, 'EEE d MMM y HH:mm', locale=lang)} {moment.strftime('%Z')}"
