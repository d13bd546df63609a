"""Encodings that lie: the HTTP header, the XML declaration and the bytes disagree."""

from __future__ import annotations

import pytest

from tests.helpers.hostile_cli import isolated_env, list_json
from tests.helpers.hostile_feeds import CYRILLIC_TITLE, LATIN1_TITLE, QUOTED_TITLE, UTF16_TITLE
from tests.helpers.hostile_text import CONTROL_LINE


@pytest.mark.parametrize("name, title", [
    ("utf16-le", UTF16_TITLE),
    ("utf16-be", UTF16_TITLE),
    ("cp1251-utf8-header", CYRILLIC_TITLE),
    ("utf8-latin1-header", UTF16_TITLE),
    # ...and a header that tells the truth is believed
    ("cp1251-true-header", CYRILLIC_TITLE),
    ("cp1252-latin1-header", QUOTED_TITLE),
])
def test_encoding_lies_give_readable_text(name, title, single):
    _, data = single(name)
    [record] = list_json(data, isolated_env(data.parent))
    assert record["title"] == title


def test_latin1_declared_utf8_is_stored_without_crashing(single):
    _, data = single("latin1-as-utf8")
    [record] = list_json(data, isolated_env(data.parent))
    assert record["title"] == LATIN1_TITLE
    assert not CONTROL_LINE.search(record["title"])
