"""Relative and absolute times, in the UI language, through babel."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from babel.dates import format_datetime, format_timedelta

from tui.core.compact import age
from tui.core.i18n import tr


def ago_short(epoch: float, now: float, lang: str = "en") -> str:
    """ "3m", "2h", "1d": for list rows, where the headline needs the columns (tui.core.compact)."""
    return age(now - epoch, lang)


def ago_long(epoch: float, now: float, lang: str = "en") -> str:
    """ "20 minutes ago": for the article header."""
    delta = timedelta(seconds=min(0.0, epoch - now))
    return format_timedelta(delta, add_direction=True, threshold=1.0, locale=lang)


def apart(seconds: float, lang: str = "en") -> str:
    """ "12 min earlier", "1 hr later": one item's time against another's (a story's other carriers)."""
    if abs(seconds) < 60:
        return tr(lang, "same minute")
    delta = format_timedelta(timedelta(seconds=abs(seconds)), format="short", locale=lang)
    return f"{delta} {tr(lang, 'later' if seconds > 0 else 'earlier')}"


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds")


def absolute(epoch: float, lang: str = "en") -> str:
    """ "Wed 25 Nov 2026 09:00 UTC", "wo 25 nov 2026 10:00 CET": local time, in the UI language."""
    moment = datetime.fromtimestamp(epoch).astimezone()
    return f"{format_datetime(moment, 'EEE d MMM y HH:mm', locale=lang)} {moment.strftime('%Z')}"
