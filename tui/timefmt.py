"""Relative and absolute times, in the UI language, through babel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from babel.dates import format_timedelta


def ago_short(epoch: float, now: float, lang: str = "en") -> str:
    """ "20 min", "2 hr": for list rows."""
    return format_timedelta(timedelta(seconds=max(0.0, now - epoch)), format="short", threshold=1.0, locale=lang)


def ago_long(epoch: float, now: float, lang: str = "en") -> str:
    """ "20 minutes ago": for the article header."""
    delta = timedelta(seconds=min(0.0, epoch - now))
    return format_timedelta(delta, add_direction=True, threshold=1.0, locale=lang)


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds")


def absolute(epoch: float) -> str:
    return datetime.fromtimestamp(epoch).astimezone().strftime("%a %d %b %Y %H:%M %Z")
