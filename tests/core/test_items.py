"""tui.core.items: cleaning of feed strings, HTML to text, stable ids, the item record."""

from __future__ import annotations

import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tui.core.items import Item, clean_text, html_to_text, local_id, scoped_id

ROOT = Path(__file__).resolve().parents[2]


def _controls(text: str, *, allowed: str = "") -> list[str]:
    """C0, DEL and C1 characters in `text`, except those `allowed`."""
    return [c for c in text if (ord(c) < 0x20 or 0x7F <= ord(c) <= 0x9F) and c not in allowed]


# Escape sequences are removed whole: the text around them stays, nothing of
# the sequence (parameters, OSC payload) does.
SEQUENCES = [
    pytest.param("\x1b[31m", id="csi-sgr"),
    pytest.param("\x1b[1;38;5;196m", id="csi-sgr-256"),
    pytest.param("\x1b[0m", id="csi-reset"),
    pytest.param("\x1b[2J", id="csi-clear"),
    pytest.param("\x1b[?25l", id="csi-private"),
    pytest.param("\x1b[1 q", id="csi-intermediate"),
    pytest.param("\x1b[H", id="csi-home"),
    pytest.param("\x1b]0;evil title\x07", id="osc-title-bel"),
    pytest.param("\x1b]2;evil title\x1b\\", id="osc-title-st"),
    pytest.param("\x1b]8;;https://evil.test/\x1b\\", id="osc8-hyperlink"),
    pytest.param("\x1b]52;c;ZXZpbA==\x07", id="osc52-clipboard"),
    pytest.param("\x1bPq#0;2;0;0;0evil\x1b\\", id="dcs"),
    pytest.param("\x1b_Gf=100;evil\x1b\\", id="apc-kitty-graphics"),
    pytest.param("\x1b^evil\x1b\\", id="pm"),
    pytest.param("\x1bXevil\x1b\\", id="sos"),
    pytest.param("\x9b31m", id="c1-csi"),
    pytest.param("\x9d0;evil\x9c", id="c1-osc"),
    pytest.param("\x9d0;evil\x07", id="c1-osc-bel"),
    pytest.param("\x90qevil\x9c", id="c1-dcs"),
    pytest.param("\x1bM", id="esc-reverse-index"),
    pytest.param("\x1bD", id="esc-index"),
]


@pytest.mark.parametrize("sequence", SEQUENCES)
@pytest.mark.parametrize("multiline", [False, True])
def test_escape_sequences_are_removed_whole(sequence, multiline):
    parts = ["Markets", "fall", "sharply"]
    text = sequence + parts[0] + sequence + parts[1] + " " + parts[2] + sequence
    out = clean_text(text, multiline=multiline)
    assert out == parts[0] + parts[1] + " " + parts[2]
    assert "evil" not in out


@pytest.mark.parametrize(
    "sequence",
    [
        pytest.param("\x1b(B", id="nF-charset-tput-sgr0"),
        pytest.param("\x1b)0", id="nF-g1-charset"),
        pytest.param("\x1b7", id="Fp-save-cursor"),
        pytest.param("\x1b=", id="Fp-keypad"),
        pytest.param("\x1bc", id="Fs-full-reset"),
    ],
)
def test_other_escape_sequences_are_removed_whole(sequence):
    assert clean_text(f"Markets{sequence}fall") == "Marketsfall"


def test_lone_esc_is_removed():
    assert clean_text("Alert \x1b") == "Alert"
    assert clean_text("Alert\x1b now") == "Alert now"
    assert clean_text("\x1b\x1b\x1b") == ""


def test_unterminated_osc_payload_never_survives():
    out = clean_text("Headline\x1b]0;set the window title to this")
    assert "window title" not in out
    assert out.startswith("Headline")


@pytest.mark.parametrize("code", [c for c in range(0xA0) if c < 0x20 or c >= 0x7F])
def test_single_line_controls_become_space(code):
    # Every C0/C1 character and DEL, including those that start a sequence.
    out = clean_text(f"left{chr(code)} right")
    assert _controls(out) == []
    assert out.startswith("left")


@pytest.mark.parametrize(
    "code", [c for c in range(0xA0) if (c < 0x20 or c >= 0x7F) and c not in (0x1B, 0x90, 0x98, 0x9B, 0x9D, 0x9E, 0x9F)]
)
def test_plain_controls_are_dropped_and_text_kept(code):
    ch = chr(code)
    assert clean_text(f"left{ch}right") == "left right"
    multi = clean_text(f"left{ch}right", multiline=True)
    if ch in "\t\n":
        assert multi == f"left{ch}right"
    elif ch == "\r":
        assert multi == "left\nright"
    else:
        assert multi == "leftright"


def test_multiline_normalises_line_ends_and_keeps_tabs():
    text = "one\r\ntwo\rthree\n\tfour"
    assert clean_text(text, multiline=True) == "one\ntwo\nthree\n\tfour"
    assert clean_text(text) == "one two three four"


def test_single_line_collapses_whitespace():
    assert clean_text("  Rain \n\n in \t Spain  ") == "Rain in Spain"


@pytest.mark.parametrize("value", [None, ""])
def test_empty(value):
    assert clean_text(value) == ""
    assert clean_text(value, multiline=True) == ""


@pytest.mark.parametrize(
    "reference",
    ["&#x1b;", "&#X1B;", "&#x001b;", "&#27;", "&#0027;", "&#x9b;", "&#X9B;", "&#155;"],
)
@pytest.mark.parametrize("multiline", [False, True])
def test_escape_character_references_are_removed(reference, multiline):
    out = clean_text(f"Alert{reference}[31m now", multiline=multiline)
    assert out == "Alert[31m now"
    assert not re.search(r"&#(?:x0*1b|0*27|x0*9b|0*155);", out, re.I)


def test_other_character_references_are_left_alone():
    text = "Fish &amp; chips &#65;&#x42; &lt;b&gt;"
    assert clean_text(text) == text


@pytest.mark.parametrize(
    "text",
    [
        "[bold red]X[/]",
        "[link=https://evil.test]click[/link]",
        "[@click=app.quit]Quit[/]",
        "<b>not stripped here</b>",
        "%s {0} $HOME `id` \\[escaped]",
        "Ünïcödé — “quotes” 日本語",
    ],
)
def test_markup_looking_text_is_kept_literally(text):
    assert clean_text(text) == text
    assert clean_text(text, multiline=True) == text


def test_random_hostile_strings_never_keep_controls():
    rng = random.Random(1234)
    alphabet = ["a", "b", " ", "[", "]", ";", "0", "\x1b", "\x07", "\x9b", "\x9c", "\x9d", "\x90", "\\",
                "\r", "\n", "\t", "\x00", "\x7f", "\x85", "m", "P", "_", "^"]
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert _controls(clean_text(text)) == [], repr(text)
        assert _controls(clean_text(text, multiline=True), allowed="\t\n") == [], repr(text)


# html_to_text


def test_html_to_text_blocks_become_lines():
    out = html_to_text("<p>One &amp; two</p><p>Three<br>four</p><ul><li>five</li><li>six</li></ul>")
    assert [line for line in out.split("\n") if line] == ["One & two", "Three", "four", "five", "six"]
    assert "<" not in out


def test_html_to_text_inline_tags_leave_no_gap():
    assert html_to_text('<b>KYIV</b> (<abbr title="x">ANP</abbr>) - <i>Het</i> leger') == "KYIV (ANP) - Het leger"


def test_html_to_text_strips_surrounding_whitespace():
    assert html_to_text("\n  <div>\n  <p>  Body  </p></div>\n ") == "Body"


def test_html_to_text_unescapes_entities_once():
    assert html_to_text("&lt;b&gt;bold&lt;/b&gt; &quot;q&quot; &amp;amp;") == '<b>bold</b> "q" &amp;'


@pytest.mark.parametrize(
    "fragment",
    [
        "<p>\x1b[31mRed</p>",
        "<p>&#x1b;[31mRed</p>",
        "<p>&#27;[31mRed</p>",
        "<p>&amp;#x1b;[31mRed</p>",
        "<p>\x9b31mRed</p>",
        "<p>\x1b]0;evil\x07Red</p>",
    ],
)
def test_html_to_text_never_returns_escapes(fragment):
    out = html_to_text(fragment)
    assert _controls(out, allowed="\t\n") == []
    assert out.endswith("Red")
    assert "evil" not in out
    assert not re.search(r"&#(?:x0*1b|0*27);", out, re.I)


def test_html_to_text_empty():
    assert html_to_text("") == ""
    assert html_to_text("<p></p><br/>") == ""


# local_id


def test_local_id_prefers_guid():
    assert local_id("urn:guid:1", "https://wire.test/a", "Title", "Mon, 01 Jan 2024 00:00:00 GMT") == "urn:guid:1"


def test_local_id_guid_is_stripped():
    assert local_id("  urn:guid:1 \n", "https://wire.test/a", "Title", None) == "urn:guid:1"


@pytest.mark.parametrize("guid", [None, "", "   ", "\n\t "])
def test_local_id_falls_back_to_link(guid):
    assert local_id(guid, " https://wire.test/a ", "Title", None) == "https://wire.test/a"


@pytest.mark.parametrize("guid", [None, "", "  "])
@pytest.mark.parametrize("link", [None, "", " \t "])
def test_local_id_falls_back_to_hash(guid, link):
    iid = local_id(guid, link, "Quake hits coast", "Tue, 02 Jan 2024 10:00:00 GMT")
    assert re.fullmatch(r"sha1:[0-9a-f]{20}", iid)
    assert iid == local_id(None, None, "Quake hits coast", "Tue, 02 Jan 2024 10:00:00 GMT")


def test_local_id_hash_is_stable_and_depends_on_title_and_date():
    base = local_id(None, None, "Quake hits coast", "2024-01-02T10:00:00Z")
    assert base == local_id(None, None, "Quake hits coast", "2024-01-02T10:00:00Z")
    assert base != local_id(None, None, "Quake hits coast!", "2024-01-02T10:00:00Z")
    assert base != local_id(None, None, "Quake hits coast", "2024-01-02T10:00:01Z")
    assert base != local_id(None, None, "Quake hits coast", None)
    # Title and date are kept apart: moving a character across does not collide.
    assert local_id(None, None, "ab", "c") != local_id(None, None, "a", "bc")


def test_local_id_hash_is_the_same_in_another_process():
    # Not Python's salted hash(): ids must survive restarts.
    args = (None, None, "Quake hits coast", "2024-01-02T10:00:00Z")
    code = f"from tui.core.items import local_id; print(local_id(*{args!r}))"
    other = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONHASHSEED": "12345"},
    ).stdout.strip()
    assert other == local_id(*args)


# scoped_id


def test_scoped_id_is_short_hex_and_stable():
    iid = scoped_id("https://wire.test/feed.xml", "urn:guid:1")
    assert re.fullmatch(r"[0-9a-f]{16}", iid)
    assert iid == scoped_id("https://wire.test/feed.xml", "urn:guid:1")


def test_scoped_id_tells_feeds_and_local_ids_apart():
    ids = {scoped_id(feed, guid) for feed in ("https://a.test/feed", "https://b.test/feed") for guid in ("1", "2")}
    assert len(ids) == 4
    # Feed and local id are kept apart: moving a character across does not collide.
    assert scoped_id("https://a.test/feed1", "2") != scoped_id("https://a.test/feed", "12")


def test_scoped_id_is_the_same_in_another_process():
    code = "from tui.core.items import scoped_id; print(scoped_id('https://a.test/feed', '1'))"
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                           env={**os.environ, "PYTHONHASHSEED": "12345"}).stdout.strip()
    assert other == scoped_id("https://a.test/feed", "1")


# Item


def test_item_row_round_trip():
    item = Item(
        id="urn:1",
        feed="Wire",
        title="KYIV (ANP) - x",
        link="https://wire.test/1",
        published=1_700_000_000.5,
        summary="s",
        places=("KYIV",),
        agencies=("ANP", "RTR"),
        feed_url="https://wire.test/feed",
        seen=1_700_000_100.0,
        dated=False,
    )
    assert Item.from_row(item.to_row()) == item


def test_item_group_name():
    item = Item(id="1", feed="Wire", title="t", link="", published=0.0)
    assert item.group == "Wire"
    placed = Item(id="2", feed="Wire", title="t", link="", published=0.0, places=("Bogotá", "CARACAS"))
    assert placed.group == "BOGOTÁ/CARACAS"


@pytest.mark.parametrize(
    "ref", ["&#x7;", "&#7;", "&#x1b;", "&#27", "&#X9D;", "&#155;", "&#0;", "&#x7f;", "&#x0000001B;"]
)
def test_references_to_control_characters_are_removed_at_ingest(ref):
    assert clean_text(f"left {ref}right", multiline=True) == "left right"
    assert clean_text(f"left {ref}right") == "left right"


@pytest.mark.parametrize("ref", ["&#233;", "&#xE9;", "&#10;", "&#9;", "&#13;", "&#160;", "&#x1F600;", "&#99999999;"])
def test_references_to_text_are_kept_as_written(ref):
    assert clean_text(f"left {ref} right", multiline=True) == f"left {ref} right"


@pytest.mark.parametrize("byte", ["\x9d", "\x90", "\x98", "\x9e", "\x9f"])
def test_a_lone_c1_string_byte_does_not_swallow_the_story(byte):
    out = clean_text(f"Lead paragraph {byte}and the whole rest of the story", multiline=True)
    assert out == "Lead paragraph and the whole rest of the story"


def test_a_terminated_c1_string_goes_whole():
    assert clean_text("Title \x9d0;pwned\x9c done") == "Title done"


@pytest.mark.parametrize(
    "mark", ["\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069"]
)
def test_bidi_controls_that_reorder_text_are_removed(mark):
    assert clean_text(f"invoice{mark}txt.exe") == "invoicetxt.exe"
    assert clean_text(f"invoice{mark}txt.exe", multiline=True) == "invoicetxt.exe"
