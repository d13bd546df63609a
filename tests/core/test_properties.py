"""Property tests: the code that meets feed text never raises, stays bounded, and lets no control through."""

from __future__ import annotations

import re
import time

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui.core import dateline
from tui.core.bodies import to_markdown
from tui.core.items import clean_text, html_to_text

CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
CONTROLS_AND_NEWLINES = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Text that looks like what feeds send: wire prose, markup, entities, escapes and junk.
pieces = st.sampled_from(
    ["KYIV", "(ANP/RTR)", " - ", "—", "20 minuten geleden", "<p>", "</p>", "<b>", "<script>", "</script>",
     "&#x1b;", "&#27;", "&amp;", "\x1b]0;pwned\x07", "\x1b[31m", "\x9b2J", "[bold red]", "[/]", "\r\n", "\n",
     "ZIERIKZEE", "Paris (AFP) -", "<h3>", "<a href='x'>", "</a>", "<ul><li>", "\u200b", "\x00"]
)
feedish = st.lists(st.one_of(pieces, st.text(max_size=20)), max_size=40).map("".join)
settings.register_profile("wire", deadline=2000, suppress_health_check=[HealthCheck.too_slow], max_examples=300)
settings.load_profile("wire")


@given(feedish)
def test_clean_text_leaves_no_control_characters(text):
    assert not CONTROLS_AND_NEWLINES.search(clean_text(text))
    assert not CONTROLS.search(clean_text(text, multiline=True))
    assert "\x1b" not in clean_text(text, multiline=True)


@given(feedish)
def test_clean_text_keeps_markup_literal(text):
    assume(not CONTROLS.search(text))  # an escape may rightly swallow the bracket after it (CSI ends in "[")
    cleaned = clean_text(text)
    for literal in ("[bold red]", "[/]"):
        if literal in text.replace("\n", " ").replace("\r", " "):
            assert literal in cleaned


@given(feedish)
def test_dateline_parse_never_raises_and_returns_clean_parts(text):
    found = dateline.parse(clean_text(text, multiline=True))
    if found is not None:
        assert found.places and all(p.strip() for p in found.places)
        assert all(a.isalpha() for a in found.agencies)


@given(feedish)
def test_the_html_renderer_never_raises_and_emits_no_controls(html):
    markdown = to_markdown(clean_text(html, multiline=True))
    assert not CONTROLS.search(markdown)
    assert not CONTROLS.search(html_to_text(html))


@settings(max_examples=20)
@given(st.integers(min_value=1000, max_value=5000))
def test_deep_nesting_renders(depth):
    markdown = to_markdown("<div>" * depth + "deep" + "</div>" * depth)
    assert "deep" in markdown


# Raw feed text, before any cleaning: what the parsers would meet if a caller forgot clean_text().
# C0 and C1 controls, whole and broken escape sequences (CSI, OSC, DCS, 8-bit forms), character
# references to controls (with and without ';'), and bidi and zero-width characters.
controls = st.text(st.characters(min_codepoint=0, max_codepoint=0x9F), min_size=1, max_size=8)
escapes = st.sampled_from(
    ["\x1b", "\x1b[", "\x1b[2J", "\x1b[38;5;196m", "\x1b]0;pwned\x07", "\x1b]8;;https://evil.test\x1b\\",
     "\x1b]52;c;cHduZWQ=\x07", "\x1bP+q544e\x1b\\", "\x1b_APC\x9c", "\x1b^PM", "\x1bc", "\x1b(B", "\x9b31m",
     "\x9d0;title\x9c", "\x90q\x9c", "\x85", "\x8d", "\r", "\x0b\x0c", "\x7f", "&#27;[2J", "&#27[31m",
     "&#x1b;]0;t&#x07;", "&#x9b;2J", "&#155;", "&#0;", "&#x80;", "&#x85;", "&#13;", "&#7;", "&#x7f;",
     "&#1114112;", "&#xD800;", "\u202e", "\u2066", "\ufeff", "\u200b"]
)
raw_text = st.lists(st.one_of(pieces, escapes, controls, st.text(max_size=20)), max_size=60).map("".join)

DATELINE_BOUND = 0.05  # seconds for one parse: it looks at WINDOW characters whatever the input
MARKDOWN_BOUND = 1.0  # seconds for one small body
MARKDOWN_BIG_BOUND = 6.0  # seconds for a body at the MAX_HTML cap (about 1 s measured here)


def _timed(function, *args, repeats: int = 3):
    """The result and the best of a few runs: the cost of the work, not of a busy machine."""
    best, result = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    return result, best


@given(raw_text)
def test_dateline_parse_takes_raw_text_with_controls(text):
    found, seconds = _timed(dateline.parse, text)
    assert seconds < DATELINE_BOUND, f"{seconds:.3f} s"
    if found is not None:
        assert found.places and all(p.strip() for p in found.places)
        assert not any(CONTROLS_AND_NEWLINES.search(part) for part in (*found.places, *found.agencies))
        assert all(a.isalpha() for a in found.agencies)
        assert text.endswith(found.body)


@given(raw_text)
def test_the_html_renderer_takes_raw_text_and_lets_no_control_through(html):
    markdown, seconds = _timed(to_markdown, html)
    assert seconds < MARKDOWN_BOUND, f"{seconds:.3f} s"
    assert not CONTROLS.search(markdown), repr(markdown)
    assert "\r" not in markdown
    assert not CONTROLS.search(html_to_text(html))


@given(raw_text.map(lambda s: f"<p>{s}</p>"), raw_text)
def test_the_html_renderer_drops_controls_inside_markup(paragraph, attribute):
    """Controls in attributes and link targets too, where html2text copies them into the Markdown."""
    html = f'{paragraph}<a href="https://x.test/{attribute}">{attribute}</a><img alt="{attribute}"><h2>{paragraph}</h2>'
    markdown, seconds = _timed(to_markdown, html)
    assert seconds < MARKDOWN_BOUND, f"{seconds:.3f} s"
    assert not CONTROLS.search(markdown), repr(markdown)


# Big hostile bodies at the size cap: each one bounded in time, and still clean.
BIG = {
    "escapes": "\x1b[31m\x00\x9b" * 30_000,
    "broken-references": "&#27[31m" * 30_000,
    "open-osc": "\x1b]0;" + "x" * 300_000,
    "paragraphs": "<p>\x07KYIV (ANP) - x\x85</p>" * 20_000,
    "nesting": "<ul><li>\x1b" * 20_000,
    "tables": "<table><tr><td>\x9d" * 10_000,
    "whitespace": " \t\r" * 150_000,
    "letters": "KYIV" * 100_000,
    "over-the-cap": "<p>\x1b[1mx</p>" * 40_000,
}


@pytest.mark.parametrize("name", list(BIG))
def test_big_raw_bodies_are_bounded_and_clean(name):
    html = BIG[name]
    markdown, seconds = _timed(to_markdown, html, repeats=1)
    assert seconds < MARKDOWN_BIG_BOUND, f"{name}: {seconds:.2f} s"
    assert not CONTROLS.search(markdown)
    _found, seconds = _timed(dateline.parse, html)
    assert seconds < DATELINE_BOUND, f"{name}: dateline {seconds:.3f} s"
