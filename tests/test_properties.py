"""Property tests: the code that meets feed text never raises, stays bounded, and lets no control through."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui import dateline
from tui.bodies import to_markdown
from tui.model import clean_text, html_to_text

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
