"""tui.core.timefmt keeps CLDR's words for the desk's languages itself (babel's locale data cost a desk ~5 MB):
every function says exactly what babel says, over every unit, the rounding edges and every day and month."""

from __future__ import annotations

import time
from datetime import datetime, timedelta

import pytest
from babel.dates import format_datetime, format_timedelta

from tui.core import timefmt
from tui.core.i18n import LANGUAGES, tr

NOW = 1_796_000_000.0
# Each unit's edges: below and at its threshold, the halves that round both ways, and far beyond.
SECONDS = sorted({
    *(s for per in (1, 60, 3_600, 86_400, 604_800, 2_592_000, 31_536_000)
      for s in (per * 0.84, per * 0.85, per * 0.99, per, per * 1.5, per * 2.5, per * 3.49, per * 3.5, per * 11)),
    0.0, 0.4, 0.5, 1.0, 59.5, 61.0, 89.0, 90.0, 119.0, 3_599.0, 5_400.0, 86_399.0, 400 * 86_400.0,
})


def test_the_words_cover_the_desks_languages():
    assert set(LANGUAGES) == set(timefmt.PAST) == set(timefmt.FUTURE) == set(timefmt.SHORT) == set(timefmt.DAYS)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_ago_long_says_what_babel_says(lang):
    for seconds in SECONDS:
        for then in (NOW - seconds, NOW + seconds):  # a time after now reads as now, as it always did
            delta = timedelta(seconds=min(0.0, then - NOW))
            expected = format_timedelta(delta, add_direction=True, threshold=1.0, locale=lang)
            assert timefmt.ago_long(then, NOW, lang) == expected, (seconds, then - NOW)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_apart_says_what_babel_says(lang):
    for seconds in SECONDS:
        for signed in (seconds, -seconds):
            if abs(signed) < 60:
                assert timefmt.apart(signed, lang) == tr(lang, "same minute")
                continue
            short = format_timedelta(timedelta(seconds=abs(signed)), format="short", locale=lang)
            assert timefmt.apart(signed, lang) == f"{short} {tr(lang, 'later' if signed > 0 else 'earlier')}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_absolute_says_what_babel_says_on_every_day_and_month(lang):
    start = time.mktime((2026, 1, 1, 7, 5, 0, 0, 0, -1))
    for day in range(0, 400, 3):  # every weekday and month, both sides of a daylight saving change
        epoch = start + day * 86_400 + day * 37 * 60
        moment = datetime.fromtimestamp(epoch).astimezone()
        expected = f"{format_datetime(moment, 'EEE d MMM y HH:mm', locale=lang)} {moment.strftime('%Z')}"
        assert timefmt.absolute(epoch, lang) == expected
