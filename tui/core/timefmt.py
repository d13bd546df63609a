"""Relative and absolute times, in the UI language, in CLDR's words.

The words are babel's (2.19) for the desk's two languages, kept here: loading babel's locale data to format
an article's time cost a desk some 5 MB for these few dozen strings. tests/core/test_timefmt.py holds every
function to babel's own output."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tui.core.compact import age
from tui.core.i18n import tr

UNITS = (("year", 31_536_000), ("month", 2_592_000), ("week", 604_800), ("day", 86_400), ("hour", 3_600),
         ("minute", 60), ("second", 1))  # babel's TIMEDELTA_UNITS
Words = dict[str, tuple[str, str]]  # unit -> (one, other)
PAST: dict[str, Words] = {
    "en": {"year": ("{0} year ago", "{0} years ago"), "month": ("{0} month ago", "{0} months ago"),
           "week": ("{0} week ago", "{0} weeks ago"), "day": ("{0} day ago", "{0} days ago"),
           "hour": ("{0} hour ago", "{0} hours ago"), "minute": ("{0} minute ago", "{0} minutes ago"),
           "second": ("{0} second ago", "{0} seconds ago")},
    "nl": {"year": ("{0} jaar geleden", "{0} jaar geleden"), "month": ("{0} maand geleden", "{0} maanden geleden"),
           "week": ("{0} week geleden", "{0} weken geleden"), "day": ("{0} dag geleden", "{0} dagen geleden"),
           "hour": ("{0} uur geleden", "{0} uur geleden"), "minute": ("{0} minuut geleden", "{0} minuten geleden"),
           "second": ("{0} seconde geleden", "{0} seconden geleden")},
}
FUTURE: dict[str, Words] = {
    "en": {"year": ("in {0} year", "in {0} years"), "month": ("in {0} month", "in {0} months"),
           "week": ("in {0} week", "in {0} weeks"), "day": ("in {0} day", "in {0} days"),
           "hour": ("in {0} hour", "in {0} hours"), "minute": ("in {0} minute", "in {0} minutes"),
           "second": ("in {0} second", "in {0} seconds")},
    "nl": {"year": ("over {0} jaar", "over {0} jaar"), "month": ("over {0} maand", "over {0} maanden"),
           "week": ("over {0} week", "over {0} weken"), "day": ("over {0} dag", "over {0} dagen"),
           "hour": ("over {0} uur", "over {0} uur"), "minute": ("over {0} minuut", "over {0} minuten"),
           "second": ("over {0} seconde", "over {0} seconden")},
}
SHORT: dict[str, Words] = {
    "en": {"year": ("{0} yr", "{0} yrs"), "month": ("{0} mth", "{0} mths"), "week": ("{0} wk", "{0} wks"),
           "day": ("{0} day", "{0} days"), "hour": ("{0} hr", "{0} hr"), "minute": ("{0} min", "{0} min"),
           "second": ("{0} sec", "{0} sec")},
    "nl": {"year": ("{0} jr", "{0} jr"), "month": ("{0} mnd", "{0} mnd"), "week": ("{0} wk", "{0} wkn"),
           "day": ("{0} dag", "{0} dagen"), "hour": ("{0} uur", "{0} uur"), "minute": ("{0} min", "{0} min"),
           "second": ("{0} sec", "{0} sec")},
}
DAYS = {"en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), "nl": ("ma", "di", "wo", "do", "vr", "za", "zo")}
MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "nl": ("jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"),
}


def _language(lang: str) -> str:
    return lang if lang in DAYS else "en"


def _timedelta(seconds: float, words: Words, threshold: float) -> str:
    """babel's format_timedelta: the largest unit that reaches `threshold`, rounded half to even."""
    for unit, per in UNITS:
        value = abs(seconds) / per
        if value >= threshold or unit == "second":
            if unit == "second" and value > 0:
                value = max(1, value)
            count = round(value)
            one, other = words[unit]
            return (one if count == 1 else other).replace("{0}", str(count))
    return ""


def ago_short(epoch: float, now: float, lang: str = "en") -> str:
    """ "3m", "2h", "1d": for list rows, where the headline needs the columns (tui.core.compact)."""
    return age(now - epoch, lang)


def ago_long(epoch: float, now: float, lang: str = "en") -> str:
    """ "20 minutes ago": for the article header."""
    seconds = timedelta(seconds=min(0.0, epoch - now)).total_seconds()
    lang = _language(lang)
    return _timedelta(seconds, (FUTURE if seconds >= 0 else PAST)[lang], 1.0)


def apart(seconds: float, lang: str = "en") -> str:
    """ "12 min earlier", "1 hr later": one item's time against another's (a story's other carriers)."""
    if abs(seconds) < 60:
        return tr(lang, "same minute")
    delta = _timedelta(timedelta(seconds=abs(seconds)).total_seconds(), SHORT[_language(lang)], 0.85)
    return f"{delta} {tr(lang, 'later' if seconds > 0 else 'earlier')}"


def iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, UTC).isoformat(timespec="seconds")


def absolute(epoch: float, lang: str = "en") -> str:
    """ "Wed 25 Nov 2026 09:00 UTC", "wo 25 nov 2026 10:00 CET": local time, in the UI language."""
    moment = datetime.fromtimestamp(epoch).astimezone()
    lang = _language(lang)
    return (f"{DAYS[lang][moment.weekday()]} {moment.day} {MONTHS[lang][moment.month - 1]} {moment.year} "
            f"{moment:%H:%M} {moment.strftime('%Z')}")
