"""tui.fetch.parse.parse_feed on RSS 2.0 and Atom documents built by tests/feeds.py."""

from __future__ import annotations

import time

import pytest

from tests.helpers.feeds import Entry, atom, rfc822, rfc3339, rss
from tui.core import dateline
from tui.core.items import clean_text, html_to_text, local_id, scoped_id
from tui.fetch.parse import SUMMARY_CHARS, parse_feed

URL = "https://wire.test/feed.xml"
BUILDERS = [pytest.param(rss, id="rss"), pytest.param(atom, id="atom")]
# The raw date string each format carries, as the hash fallback sees it.
RAW_DATE = {rss: rfc822, atom: rfc3339}


@pytest.fixture
def fetched_at() -> float:
    return float(int(time.time()))


@pytest.mark.parametrize("build", BUILDERS)
def test_ids_titles_links_in_document_order(build, fetched_at):
    entries = [
        Entry("With guid", guid="urn:wire:1", link="https://wire.test/1", date=fetched_at - 60),
        Entry("With link only", link="https://wire.test/2", date=fetched_at - 120),
        Entry("With neither", date=fetched_at - 180),
    ]
    parsed = parse_feed(build(entries, title="Wire One"), URL, fetched_at)
    assert parsed.error is None
    assert parsed.title == "Wire One"
    assert [i.title for i in parsed.items] == [e.title for e in entries]
    own_ids = [
        entries[0].guid,
        entries[1].link,
        local_id(None, None, entries[2].title, RAW_DATE[build](entries[2].date)),
    ]
    expected_ids = [scoped_id(URL, own) for own in own_ids]  # scoped to the feed as configured
    assert [i.id for i in parsed.items] == expected_ids
    assert parsed.guids == dict(zip(expected_ids, own_ids, strict=True))
    assert parsed.items[0].link == entries[0].link
    assert parsed.items[1].link == entries[1].link
    assert all(i.feed == "Wire One" and i.feed_url == URL and i.seen == fetched_at for i in parsed.items)
    assert set(parsed.bodies) == set(expected_ids)


@pytest.mark.parametrize("build", BUILDERS)
def test_same_document_gives_same_ids(build, fetched_at):
    doc = build([Entry("No guid, no link", date=fetched_at - 5), Entry("Undated, no guid")])
    first = parse_feed(doc, URL, fetched_at)
    again = parse_feed(doc, URL, fetched_at + 3600)
    assert [i.id for i in first.items] == [i.id for i in again.items]
    assert len({i.id for i in first.items}) == 2


@pytest.mark.parametrize("build", BUILDERS)
def test_whitespace_guid_falls_back_to_link(build, fetched_at):
    doc = build([Entry("Blank guid", guid="   ", link="https://wire.test/blank", date=fetched_at - 1)])
    parsed = parse_feed(doc, URL, fetched_at)
    assert parsed.guids == {scoped_id(URL, "https://wire.test/blank"): "https://wire.test/blank"}


@pytest.mark.parametrize("build", BUILDERS)
def test_guid_is_trimmed(build, fetched_at):
    doc = build([Entry("Padded guid", guid="  urn:wire:padded \n", date=fetched_at - 1)])
    parsed = parse_feed(doc, URL, fetched_at)
    assert parsed.guids == {scoped_id(URL, "urn:wire:padded"): "urn:wire:padded"}


@pytest.mark.parametrize("build", BUILDERS)
def test_name_overrides_feed_title(build, fetched_at):
    parsed = parse_feed(build([Entry("x", guid="1")], title="Feed's own"), URL, fetched_at, name="My name")
    assert parsed.title == "My name"
    assert parsed.items[0].feed == "My name"


@pytest.mark.parametrize("build", BUILDERS)
def test_feed_without_title_is_named_by_url(build, fetched_at):
    parsed = parse_feed(build([Entry("x", guid="1")], title=""), URL, fetched_at)
    assert parsed.title == URL


# Dates


@pytest.mark.parametrize("build", BUILDERS)
def test_past_date_is_kept(build, fetched_at):
    published = fetched_at - 7 * 86400 - 123
    [item] = parse_feed(build([Entry("Old", guid="1", date=published)]), URL, fetched_at).items
    assert item.published == published
    assert item.dated is True


@pytest.mark.parametrize("build", BUILDERS)
def test_future_date_is_clamped_to_fetched_at(build, fetched_at):
    [item] = parse_feed(build([Entry("Future", guid="1", date=fetched_at + 86400)]), URL, fetched_at).items
    assert item.published == fetched_at
    assert item.dated is False, "a clamped date is no real date: the first fetch's time must stand"


@pytest.mark.parametrize("build", BUILDERS)
def test_missing_date_is_fetched_at_and_undated(build, fetched_at):
    [item] = parse_feed(build([Entry("Undated", guid="1")]), URL, fetched_at).items
    assert item.published == fetched_at
    assert item.dated is False


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # feedparser's updated_parsed fallback notice
@pytest.mark.parametrize("build", BUILDERS)
def test_unparseable_date_is_undated(build, fetched_at):
    [item] = parse_feed(build([Entry("Garbage date", guid="1", date="not a date at all")]), URL, fetched_at).items
    assert item.published == fetched_at
    assert item.dated is False


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize(
    "date", ["Mon, 01 Jan 1900 00:00:00 GMT", "0001-01-01T00:00:00Z", "Thu, 01 Jan 1970 00:00:00 GMT"]
)
def test_placeholder_dates_long_before_any_feed_are_undated(build, date, fetched_at):
    [item] = parse_feed(build([Entry("Placeholder date", guid="1", date=date)]), URL, fetched_at).items
    assert item.published == fetched_at
    assert item.dated is False


def test_timezone_offsets_are_honoured(fetched_at):
    # 10:00 at +0200 is 08:00 UTC.
    doc = rss([Entry("Offset", guid="1", date="Tue, 02 Jan 2024 10:00:00 +0200")])
    [item] = parse_feed(doc, URL, fetched_at).items
    assert item.published == pytest.approx(1704182400.0)  # 2024-01-02T08:00:00Z


# Datelines


@pytest.mark.parametrize("build", BUILDERS)
def test_dateline_from_body_first(build, fetched_at):
    body = "<p><b>KYIV</b> (ANP/RTR) - Het leger meldt</p>"
    title = "LONDON (Reuters) - Headline"
    [item] = parse_feed(build([Entry(title, guid="1", body=body)]), URL, fetched_at).items
    expected = dateline.parse(html_to_text(body))
    assert expected is not None
    assert (item.places, item.agencies) == (expected.places, expected.agencies)
    assert (item.places, item.agencies) != (dateline.parse(title).places, dateline.parse(title).agencies)


@pytest.mark.parametrize("build", BUILDERS)
def test_dateline_from_title_when_body_has_none(build, fetched_at):
    title = "BOGOTÁ/CARACAS (AFP) - Talks resume"
    body = "<p>Talks between the two governments resumed on Monday.</p>"
    [item] = parse_feed(build([Entry(title, guid="1", body=body)]), URL, fetched_at).items
    expected = dateline.parse(title)
    assert (item.places, item.agencies) == (expected.places, expected.agencies)


@pytest.mark.parametrize("build", BUILDERS)
def test_no_dateline(build, fetched_at):
    [item] = parse_feed(build([Entry("Plain headline", guid="1", body="<p>Plain text.</p>")]), URL, fetched_at).items
    assert item.places == ()
    assert item.agencies == ()


# Bodies and summaries


@pytest.mark.parametrize("build", BUILDERS)
def test_body_is_kept_as_html_and_summary_is_text(build, fetched_at):
    body = "<p>First &amp; <b>bold</b> paragraph.</p><p>" + "word " * 200 + "</p>"
    parsed = parse_feed(build([Entry("t", guid="1", body=body)]), URL, fetched_at)
    [item] = parsed.items
    assert parsed.bodies[scoped_id(URL, "1")] == body
    assert "<" not in item.summary
    assert item.summary.startswith("First & bold paragraph.")
    assert len(item.summary) == SUMMARY_CHARS
    assert " ".join(html_to_text(body).split()).startswith(item.summary)


@pytest.mark.parametrize("build", BUILDERS)
def test_escape_sequences_removed_from_body(build, fetched_at):
    body = "<p>\x1b]0;evil\x07Calm \x1b[31mtext</p>"
    parsed = parse_feed(build([Entry("t", guid="1", body=body)]), URL, fetched_at)
    assert "\x1b" not in parsed.bodies[scoped_id(URL, "1")]
    assert "evil" not in parsed.bodies[scoped_id(URL, "1")]
    assert parsed.items[0].summary == "Calm text"


# Hostile titles


@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize(
    "title",
    [
        "\x1b[31mRed\x1b[0m alert",
        "Red\x07 alert\x00",
        "Red\x1b]0;evil title\x07 alert",
        "Red\x9b31m alert",
        "Red&#x1b;[2J alert",
        "Red \n\t alert",
    ],
)
def test_control_characters_removed_from_titles(build, title, fetched_at):
    parsed = parse_feed(build([Entry(title, guid="1")]), URL, fetched_at)
    [item] = parsed.items
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F for c in item.title)
    assert item.title.startswith("Red")
    assert item.title.endswith("alert")
    assert "evil" not in item.title
    assert item.title == clean_text(item.title)


@pytest.mark.parametrize("build", BUILDERS)
def test_markup_looking_titles_are_kept(build, fetched_at):
    title = "[bold red]Not markup[/] & <i>not html</i>"
    [item] = parse_feed(build([Entry(title, guid="1")]), URL, fetched_at).items
    assert "[bold red]Not markup[/]" in item.title


@pytest.mark.parametrize("build", BUILDERS)
def test_untitled_item(build, fetched_at):
    [item] = parse_feed(build([Entry(None, guid="1", body="<p>Only a body.</p>")]), URL, fetched_at).items
    assert item.title == "(untitled)"
    assert item.summary == "Only a body."


def test_distinct_untitled_items_get_distinct_ids(fetched_at):
    doc = rss([Entry(None, body="<p>First brief.</p>"), Entry(None, body="<p>Second brief.</p>")])
    parsed = parse_feed(doc, URL, fetched_at)
    assert len({i.id for i in parsed.items}) == 2


# Not feeds


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(bytes(range(256)) * 8, id="binary"),
        pytest.param(b'{"items": [{"title": "json"}]}', id="json"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, id="png"),
    ],
)
def test_junk_bytes_give_error(content, fetched_at):
    parsed = parse_feed(content, URL, fetched_at)
    assert parsed.error
    assert parsed.items == []
    assert not any(ord(c) < 0x20 for c in parsed.error)


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(
            b"<!DOCTYPE html><html><head><title>Sign in</title></head><body><p>Please log in.</p></body></html>",
            id="html-page",
        ),
        pytest.param(b"", id="empty"),
    ],
)
def test_html_page_gives_error(content, fetched_at):
    parsed = parse_feed(content, URL, fetched_at)
    assert parsed.error


@pytest.mark.parametrize("build", BUILDERS)
def test_feed_with_no_items_is_not_an_error(build, fetched_at):
    parsed = parse_feed(build([], title="Quiet wire"), URL, fetched_at)
    assert parsed.error is None
    assert parsed.items == []
    assert parsed.title == "Quiet wire"



# Urgency a feed gives in its own fields (tui.core.urgency.from_feed) is kept on the item.

@pytest.mark.parametrize("build", BUILDERS)
@pytest.mark.parametrize(("categories", "level"), [(("World", "Breaking News"), "urgent"), (("Breaking Bad",), "")])
def test_a_breaking_category_is_kept_on_the_item(build, fetched_at, categories, level):
    (item,) = parse_feed(build([Entry("Dam bursts", guid="u1", categories=categories)]), URL, fetched_at).items
    assert item.feed_urgency == level


@pytest.mark.parametrize(("value", "level"), [(1, "flash"), (3, "urgent"), (5, "")])
def test_an_iptc_urgency_is_kept_on_the_item(fetched_at, value, level):
    (item,) = parse_feed(rss([Entry("Dam bursts", guid="u2", urgency=value)]), URL, fetched_at).items
    assert item.feed_urgency == level
