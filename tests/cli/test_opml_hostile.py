"""OPML that is not what it claims: refused in one line, entities never expanded, bad outlines skipped."""

from __future__ import annotations

import pytest

from tests.helpers.cli import configured, opml_file, wiredesk

# A file that is not OPML is refused in one line; entities are never expanded.

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE opml [
  <!ENTITY lol "lol">
  <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
  <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<opml><body><outline title="&lol3;" xmlUrl="https://wire.example/a.xml"/></body></opml>
"""
XXE = """<?xml version="1.0"?>
<!DOCTYPE opml [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<opml><body><outline title="&secret;" xmlUrl="https://wire.example/a.xml"/></body></opml>
"""


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("<!DOCTYPE html>\n<html><head><title>Feeds</title></head>\n<body>Hi&nbsp;there</body></html>\n",
         "not well-formed XML at line 3 (undefined entity)"),
        ('<?xml version="1.0"?>\n<html><body><a href="https://wire.example/a.xml">feed</a></body></html>\n',
         "not an OPML file (its root element is <html>, not <opml>)"),
        ("", "not an OPML file (it is empty)"),
        ("\n  \n", "not an OPML file (it is empty)"),
        ('<opml><body><outline xmlUrl="https://wire.example/a.xml', "not well-formed XML at line 1 (unclosed token)"),
        ('<opml><body>\n<outline xmlUrl="https://wire.example/a.xml"/>\n</body>',
         "not well-formed XML at line 3 (no element found)"),
        (b'<?xml version="1.0" encoding="utf-8"?>\n<opml><body>\n<outline title="caf\xe9"/></body></opml>',
         "not an OPML file (not utf-8 text at line 3)"),
        ('<?xml version="1.0" encoding="x-nope"?><opml/>', "not an OPML file (unknown encoding 'x-nope')"),
    ],
    ids=["html", "xhtml", "empty", "blank", "truncated", "unclosed", "not-utf-8", "unknown-encoding"],
)
def test_opml_import_of_a_file_that_is_not_opml_is_one_line_and_exit_2(tmp_path, content, problem):
    config, source = tmp_path / "config.toml", tmp_path / "feeds.opml"
    (source.write_bytes if isinstance(content, bytes) else source.write_text)(content)
    done = wiredesk(config, "opml", "import", str(source), check=False)
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"wiredesk: {source}: {problem}\n")
    assert not config.exists()


@pytest.mark.parametrize(("content", "line"), [(BILLION_LAUGHS, 3), (XXE, 2)], ids=["billion-laughs", "xxe"])
def test_opml_with_entity_declarations_is_refused_not_expanded(tmp_path, content, line):
    config, source = tmp_path / "config.toml", tmp_path / "feeds.opml"
    source.write_text(content)
    done = wiredesk(config, "opml", "import", str(source), check=False)
    assert done.returncode == 2
    assert done.stderr == f"wiredesk: {source}:{line}: XML entity declarations are refused (not expanded)\n"
    assert not config.exists()


@pytest.mark.parametrize("encoding", ["windows-1252", "shift_jis", "utf-16"])
def test_opml_in_another_encoding_imports(tmp_path, encoding):
    config, source = tmp_path / "config.toml", tmp_path / "feeds.opml"
    source.write_bytes(f'<?xml version="1.0" encoding="{encoding}"?>\n<opml><body>'
                       f'<outline title="Café 日" xmlUrl="https://wire.example/a.xml"/></body></opml>\n'
                       .encode(encoding, "replace"))
    wiredesk(config, "opml", "import", str(source))
    name = configured(config)["https://wire.example/a.xml"]["name"]
    assert name == "Café 日".encode(encoding, "replace").decode(encoding)


# One bad outline costs only itself.


def test_opml_import_skips_bad_outlines_naming_each_url_as_written(tmp_path):
    config = tmp_path / "config.toml"
    wiredesk(config, "feeds", "add", "https://wire.example/known.xml")
    source = opml_file(tmp_path, "\n".join([
        '<outline text="Good" xmlUrl="https://wire.example/good.xml"/>',
        '<outline text="Bad" xmlUrl="feed/https://bad.example/rss"/>',
        '<outline xmlUrl="ftp://wire.example/a.xml"/>',
        '<outline xmlUrl="https://wire.example/known.xml"/>',
        '<outline xmlUrl="gopher://x/&#10;\x9b31m\x85y"/>',  # a newline, then CSI and NEL as UTF-8
    ]))
    done = wiredesk(config, "opml", "import", str(source))
    assert done.stderr.splitlines() == [
        f"wiredesk: {source}: skipped: no such feed file: feed/https://bad.example/rss",
        f"wiredesk: {source}: skipped: unsupported URL scheme 'ftp': ftp://wire.example/a.xml",
        f"wiredesk: {source}: skipped: unsupported URL scheme 'gopher': gopher://x/\\x0a\\x9b31m\\x85y",
    ]
    assert done.stdout == f"1 feeds added to {config} (1 already there, 3 skipped)\n"
    assert list(configured(config)) == ["https://wire.example/known.xml", "https://wire.example/good.xml"]


def test_opml_import_with_nothing_importable_exits_2_and_a_valid_empty_one_0(tmp_path):
    config = tmp_path / "config.toml"
    bad = opml_file(tmp_path, '<outline xmlUrl="feed/https://bad.example/rss"/>', "bad.opml")
    done = wiredesk(config, "opml", "import", str(bad), check=False)
    assert done.returncode == 2
    assert done.stderr == f"wiredesk: {bad}: skipped: no such feed file: feed/https://bad.example/rss\n"
    assert not config.exists()
    empty = opml_file(tmp_path, "", "empty.opml")
    assert wiredesk(config, "opml", "import", str(empty)).stdout.startswith("0 feeds added")
