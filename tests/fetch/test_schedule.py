"""Pure units of the live monitor: each feed's schedule, watch words, and feed health."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import format_datetime

import pytest

from tui.core.alerts import AlertError, Alerts, compile_pattern
from tui.core.feeds import FeedMeta, FeedSource, PollResult
from tui.core.health import FeedHealth
from tui.core.items import Item
from tui.fetch.poller import (
    BACKOFF_CAP,
    JITTER,
    RETRY_AFTER_CAP,
    next_delay,
    retry_after_seconds,
)

NOW = 1_800_000_000.0  # a fixed "now" for Retry-After dates (2027-01-15)


def _http_date(epoch: float) -> str:
    return format_datetime(datetime.fromtimestamp(epoch, UTC), usegmt=True)


# next_delay: interval with jitter


@pytest.mark.parametrize("interval", [0.2, 60.0, 900.0])
def test_no_failures_is_the_interval_with_jitter(interval):
    rand = random.Random(1234)
    delays = [next_delay(interval, 0, None, rand) for _ in range(500)]
    assert all(interval * (1 - JITTER) <= d <= interval * (1 + JITTER) for d in delays)
    # It is jitter, not a constant: the waits spread over most of the band, both sides of the interval.
    assert min(delays) < interval * (1 - JITTER / 2)
    assert max(delays) > interval * (1 + JITTER / 2)
    assert len(set(delays)) > 400


def test_jitter_comes_from_the_given_random():
    a = [next_delay(60.0, 0, None, random.Random(7)) for _ in range(3)]
    b = [next_delay(60.0, 0, None, random.Random(7)) for _ in range(3)]
    assert a == b
    seq = random.Random(7)
    assert [next_delay(60.0, 0, None, seq) for _ in range(3)] != a, "each call draws afresh"


# next_delay: exponential backoff


def _base(interval: float, failures: int, seed: int = 99) -> float:
    """The delay with the jitter factor divided out (same seed, same draw)."""
    factor = random.Random(seed).uniform(1 - JITTER, 1 + JITTER)
    return next_delay(interval, failures, None, random.Random(seed)) / factor


@pytest.mark.parametrize("failures", [1, 2, 3, 4, 5])
def test_backoff_doubles_per_failure(failures):
    assert _base(10.0, failures) == pytest.approx(10.0 * 2**failures)
    assert _base(10.0, failures) == pytest.approx(2 * _base(10.0, failures - 1))


def test_backoff_is_jittered_too():
    delays = {next_delay(10.0, 3, None, random.Random(seed)) for seed in range(50)}
    assert all(80 * (1 - JITTER) <= d <= 80 * (1 + JITTER) for d in delays)
    assert len(delays) == 50


def test_backoff_is_capped():
    # 60 s doubles past the cap after 6 failures; from then on it stays at the cap.
    assert _base(60.0, 5) == pytest.approx(60 * 32)
    for failures in (6, 7, 12, 40):
        assert _base(60.0, failures) == pytest.approx(BACKOFF_CAP)


@pytest.mark.parametrize("interval", [BACKOFF_CAP, 2 * BACKOFF_CAP, 5 * BACKOFF_CAP])
def test_backoff_never_below_the_interval(interval):
    # A feed polled less often than the cap is not polled *more* often because it fails.
    for failures in (1, 2, 10):
        assert _base(interval, failures) == pytest.approx(interval)


def test_backoff_survives_very_many_failures():
    delay = next_delay(60.0, 1024, None, random.Random(1))
    assert BACKOFF_CAP * (1 - JITTER) <= delay <= BACKOFF_CAP * (1 + JITTER)


# next_delay: Retry-After


@pytest.mark.parametrize("failures", [0, 1, 3])
def test_retry_after_wins_over_a_shorter_schedule_without_jitter(failures):
    delays = {next_delay(10.0, failures, 500.0, random.Random(seed)) for seed in range(20)}
    assert delays == {500.0}


def test_retry_after_shorter_than_the_backoff_does_not_shorten_it():
    # The server's time is a lower bound; the delay is the longer of the two, still without jitter.
    delays = {next_delay(10.0, 3, 5.0, random.Random(seed)) for seed in range(20)}
    assert delays == {80.0}
    assert next_delay(10.0, 0, 0.0, random.Random(1)) == 10.0


def test_retry_after_does_not_draw_from_the_random():
    rand = random.Random(5)
    next_delay(10.0, 1, 30.0, rand)
    assert rand.random() == random.Random(5).random()


# retry_after_seconds


@pytest.mark.parametrize("value, expected", [("0", 0.0), ("2", 2.0), ("120", 120.0), (" 7 ", 7.0), ("007", 7.0)])
def test_retry_after_in_seconds(value, expected):
    assert retry_after_seconds(value, NOW) == expected


@pytest.mark.parametrize("ahead", [1, 30, 3600])
def test_retry_after_as_http_date(ahead):
    assert retry_after_seconds(_http_date(NOW + ahead), NOW) == pytest.approx(ahead)


def test_retry_after_http_date_other_forms():
    # RFC 850 and asctime forms are legal HTTP dates too.
    moment = datetime.fromtimestamp(NOW + 90, UTC)
    assert retry_after_seconds(moment.strftime("%A, %d-%b-%y %H:%M:%S GMT"), NOW) == pytest.approx(90)
    assert retry_after_seconds(moment.strftime("%a %b %d %H:%M:%S %Y"), NOW) == pytest.approx(90)


@pytest.mark.parametrize("value", [None, "", "   ", "soon", "1.5", "-5", "+5", "2 seconds", "Wed, 99 Foo 2026", "0x10"])
def test_retry_after_garbage_is_none(value):
    assert retry_after_seconds(value, NOW) is None


def test_retry_after_non_ascii_digit_is_garbage():
    assert retry_after_seconds("²", NOW) is None


def test_retry_after_is_capped():
    assert retry_after_seconds(str(int(RETRY_AFTER_CAP) + 1), NOW) == RETRY_AFTER_CAP
    assert retry_after_seconds("99999999999", NOW) == RETRY_AFTER_CAP
    assert retry_after_seconds(_http_date(NOW + 30 * 86400), NOW) == RETRY_AFTER_CAP
    assert retry_after_seconds(str(int(RETRY_AFTER_CAP)), NOW) == RETRY_AFTER_CAP


@pytest.mark.parametrize("behind", [1, 3600, 10 * 365 * 86400])
def test_retry_after_in_the_past_is_zero(behind):
    assert retry_after_seconds(_http_date(NOW - behind), NOW) == 0.0


# alerts


def _item(title: str, summary: str = "") -> Item:
    return Item(id=f"id:{title}", feed="Wire", title=title, link="", published=NOW, summary=summary)


@pytest.mark.parametrize(
    "title",
    ["Shelling near Charkiv overnight", "charkiv hit again", "CHARKIV:", "Charkiv", "(Charkiv)", "Kyiv/Charkiv-line"],
)
def test_word_matches_whole_word_any_case(title):
    assert Alerts(["Charkiv"]).match(_item(title)) == "Charkiv"


@pytest.mark.parametrize("title", ["Charkivska oblast", "Charkiv2", "NotCharkiv", "_Charkiv", "Kharkiv", "Char kiv"])
def test_word_does_not_match_inside_other_words(title):
    assert Alerts(["Charkiv"]).match(_item(title)) is None


def test_word_matches_in_the_summary_too():
    alerts = Alerts(["Charkiv"])
    assert alerts.match(_item("Overnight attacks", summary="KYIV (ANP) - Drones hit charkiv at dawn.")) == "Charkiv"
    assert alerts.match(_item("Overnight attacks", summary="Drones hit Odesa.")) is None


def test_word_with_punctuation_and_spaces():
    alerts = Alerts(["  Oil price ", "C++"])
    assert alerts.match(_item("oil PRICE soars")) == "  Oil price "
    assert alerts.match(_item("New C++ standard")) == "C++"
    assert alerts.match(_item("Oil prices soar")) is None
    assert alerts.match(_item("oil  price")) is None  # words are matched literally, spacing included


def test_regex_patterns():
    alerts = Alerts(["/nav[oy]/", "/^breaking\\b/"])
    assert alerts.match(_item("US Navy moves")) == "/nav[oy]/"
    assert alerts.match(_item("NAVO summit")) == "/nav[oy]/"
    assert alerts.match(_item("Breaking: quake")) == "/^breaking\\b/"
    assert alerts.match(_item("No breaking news")) is None
    # A regex is not anchored on word boundaries unless it says so.
    assert alerts.match(_item("Unavoidable delay")) == "/nav[oy]/"


def test_first_matching_pattern_wins():
    alerts = Alerts(["Kyiv", "/k.iv/"])
    assert alerts.match(_item("Kyiv")) == "Kyiv"
    assert alerts.match(_item("Kxiv")) == "/k.iv/"


def test_slashes_inside_a_word_are_not_a_regex():
    assert Alerts(["a/b"]).match(_item("route a/b closed")) == "a/b"
    assert Alerts(["/a.b"]).match(_item("x /a.b y")) == "/a.b"
    assert Alerts(["/a.b"]).match(_item("x /axb y")) is None


@pytest.mark.parametrize("pattern", ["/[/", "/(unclosed/", "/*x/", "/a{2,1}/"])
def test_bad_regex_raises_alert_error(pattern):
    with pytest.raises(AlertError, match="bad regular expression"):
        Alerts([pattern])
    with pytest.raises(ValueError):  # an AlertError is a ValueError, for callers that catch broadly
        compile_pattern(pattern)


@pytest.mark.parametrize("word", ["", " ", "\t\n"])
def test_empty_word_raises(word):
    with pytest.raises(AlertError, match="empty"):
        Alerts([word])


def test_alerts_truthiness():
    assert not Alerts([])
    assert Alerts(["x"])
    assert Alerts([]).match(_item("anything")) is None


# FeedHealth


def _result(url: str, *, error: str | None = None, at: float = NOW, **kwargs) -> PollResult:
    return PollResult(FeedSource(url=url), error=error, checked_at=at, **kwargs)


def test_health_update_reports_only_new_or_changed_failures():
    health = FeedHealth()
    url = "http://127.0.0.1/a.xml"
    assert health.update(_result(url, title="Wire A")) is False
    assert health.feeds[url].status == "ok"
    assert health.update(_result(url, error="HTTP 500", at=NOW + 1)) is True
    assert health.update(_result(url, error="HTTP 500", at=NOW + 2)) is False, "the same failure again is not news"
    assert health.update(_result(url, error="timed out", at=NOW + 3)) is True, "a different error is"
    assert health.update(_result(url, error="timed out", at=NOW + 4)) is False
    state = health.feeds[url]
    assert (state.status, state.last_error, state.error_at) == ("failing", "timed out", NOW + 4)
    assert state.title == "Wire A", "a failed poll keeps the title"


def test_health_recovery_keeps_the_last_error_and_a_relapse_is_news_again():
    health = FeedHealth()
    url = "http://127.0.0.1/a.xml"
    health.update(_result(url, error="HTTP 503"))
    assert health.failing == 1
    assert health.update(_result(url, at=NOW + 10, not_modified=True)) is False
    state = health.feeds[url]
    assert state.status == "ok" and state.last_ok == NOW + 10
    assert (state.last_error, state.error_at) == ("HTTP 503", NOW), "the last error stays on show"
    assert health.failing == 0
    assert health.update(_result(url, error="HTTP 503", at=NOW + 20)) is True, "the same error, failing anew"


def test_health_failing_counts_feeds():
    health = FeedHealth()
    urls = [f"http://127.0.0.1/{n}.xml" for n in range(4)]
    health.load({}, urls)
    assert health.failing == 0
    assert [health.feeds[u].status for u in urls] == ["waiting"] * 4
    health.update(_result(urls[0], error="HTTP 500"))
    health.update(_result(urls[1], error="timed out"))
    health.update(_result(urls[1], error="timed out"))
    health.update(_result(urls[2]))
    assert health.failing == 2
    health.update(_result(urls[0], at=NOW + 1))
    assert health.failing == 1


def test_health_load_starts_from_the_cache():
    urls = ["http://127.0.0.1/ok.xml", "http://127.0.0.1/down.xml", "http://127.0.0.1/back.xml", "http://127.0.0.1/new.xml"]
    metas = {
        urls[0]: FeedMeta(title="OK wire", last_ok=NOW, validators=True, moved_to="http://127.0.0.1/moved.xml"),
        urls[1]: FeedMeta(title="Down wire", last_ok=NOW - 99, last_error="HTTP 500", error_at=NOW),
        urls[2]: FeedMeta(title="Back wire", last_ok=NOW, last_error="timed out", error_at=NOW - 99),
        "http://127.0.0.1/not-configured.xml": FeedMeta(last_error="gone"),
    }
    health = FeedHealth()
    health.load(metas, urls)
    assert list(health.feeds) == urls, "only configured feeds, in their order"
    assert [health.feeds[u].status for u in urls] == ["ok", "failing", "ok", "waiting"]
    assert health.failing == 1
    assert health.feeds[urls[2]].last_error == "timed out", "recovered, its last error still known"
    assert health.feeds[urls[0]].moved_to == "http://127.0.0.1/moved.xml"
    assert health.feeds[urls[0]].validators is True
    # A known error is not news again when the next poll fails the same way.
    assert health.update(_result(urls[1], error="HTTP 500")) is False
    assert health.update(_result(urls[3], error="HTTP 500")) is True


def test_health_validators_and_next_poll():
    health = FeedHealth()
    url = "http://127.0.0.1/a.xml"
    health.update(_result(url, validators=True, next_poll=NOW + 60))
    assert health.feeds[url].validators is True
    assert health.feeds[url].next_poll == NOW + 60
    # A body without validators says the server has none; a 304 says nothing new about it.
    health.update(_result(url, validators=False))
    assert health.feeds[url].validators is False
    health.update(_result(url, validators=False, not_modified=True))
    assert health.feeds[url].validators is False
    health.update(_result(url, validators=True, not_modified=True))
    assert health.feeds[url].validators is True


def test_an_empty_regex_is_refused_rather_than_alerting_on_everything():
    with pytest.raises(AlertError, match="empty pattern"):
        compile_pattern("//")
