"""The feed list commands and OPML, run as the real CLI on a temp config file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui import subscriptions

NEWSBOAT = """<?xml version="1.0"?>
<opml version="1.0">
  <head><title>newsboat - Exported Feeds</title></head>
  <body>
    <outline type="rss" xmlUrl="https://nos.example/rss/buitenland" htmlUrl="https://nos.example" title="NOS Buitenland"/>
    <outline type="rss" xmlUrl="https://wire.example/reuters.xml" htmlUrl="https://wire.example" title="Reuters World"/>
  </body>
</opml>
"""

FEEDLY = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Feedly subscriptions</title></head>
  <body>
    <outline text="Nieuws" title="Nieuws">
      <outline type="rss" text="ANP Buitenland" title="ANP Buitenland" xmlUrl="https://anp.example/buitenland.rss" htmlUrl="https://anp.example"/>
      <outline text="Regio" title="Regio">
        <outline type="rss" text="Omroep Zeeland" title="Omroep Zeeland" xmlUrl="https://zeeland.example/rss" htmlUrl="https://zeeland.example"/>
      </outline>
    </outline>
  </body>
</opml>
"""

MINIFLUX = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Miniflux</title><dateCreated>Wed, 25 Nov 2026 09:00:00 UTC</dateCreated></head>
  <body>
    <outline text="All">
      <outline title="AP Top News" text="AP Top News" xmlUrl="https://ap.example/top.atom" htmlUrl="https://ap.example" description="" type="rss"></outline>
    </outline>
  </body>
</opml>
"""


def wiredesk(config, *args, check=True):
    env = {**os.environ, "WIREDESK_CONFIG": str(config)}
    done = subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, env=env, timeout=30)
    if check:
        assert done.returncode == 0, done.stderr
    return done


def configured(config) -> dict[str, dict]:
    return {f["url"]: f for f in tomllib.loads(config.read_text())["feeds"]}


@pytest.mark.parametrize(
    ("opml", "expected"),
    [
        (NEWSBOAT, {"https://nos.example/rss/buitenland": ("NOS Buitenland", None),
                    "https://wire.example/reuters.xml": ("Reuters World", None)}),
        (FEEDLY, {"https://anp.example/buitenland.rss": ("ANP Buitenland", ["Nieuws"]),
                  "https://zeeland.example/rss": ("Omroep Zeeland", ["Nieuws/Regio"])}),
        (MINIFLUX, {"https://ap.example/top.atom": ("AP Top News", ["All"])}),
    ],
    ids=["newsboat", "feedly-nested", "miniflux"],
)
def test_opml_exports_of_other_readers_import(tmp_path, opml, expected):
    config = tmp_path / "conf" / "config.toml"
    source = tmp_path / "in.opml"
    source.write_text(opml)
    out = wiredesk(config, "opml", "import", str(source))
    assert out.stdout.startswith(f"{len(expected)} feeds added")
    feeds = configured(config)
    assert {url: (f.get("name"), f.get("tags")) for url, f in feeds.items()} == expected
    again = wiredesk(config, "opml", "import", str(source))
    assert again.stdout.startswith(f"0 feeds added to {config} ({len(expected)} already there)")


# Feedly as people really use it: folders inside folders, one feed filed in two folders,
# a folder whose name holds a slash, and an outline with no name but its URL.
FEEDLY_DEEP = """<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0">
  <head><title>Jan subscriptions in feedly Cloud</title></head>
  <body>
    <outline text="World" title="World">
      <outline text="Europe" title="Europe">
        <outline type="rss" text="EU Observer" title="EU Observer" xmlUrl="https://euobs.example/rss" htmlUrl="https://euobs.example"/>
        <outline text="Benelux" title="Benelux">
          <outline type="rss" text="Belga" title="Belga" xmlUrl="https://belga.example/rss"/>
        </outline>
      </outline>
      <outline type="rss" text="Reuters World" title="Reuters World" xmlUrl="https://wire.example/reuters.xml"/>
    </outline>
    <outline text="Must read" title="Must read">
      <outline type="rss" text="Reuters World" title="Reuters World" xmlUrl="https://wire.example/reuters.xml"/>
    </outline>
    <outline text="AC/DC fans" title="AC/DC fans">
      <outline type="rss" text="Riff wire" title="Riff wire" xmlUrl="https://riff.example/atom"/>
    </outline>
    <outline type="rss" text="https://loose.example/feed" xmlUrl="https://loose.example/feed"/>
  </body>
</opml>
"""

ROUND_TRIP = {
    "newsboat": (NEWSBOAT, {"https://nos.example/rss/buitenland": ("NOS Buitenland", None),
                            "https://wire.example/reuters.xml": ("Reuters World", None)}),
    "feedly-nested": (FEEDLY, {"https://anp.example/buitenland.rss": ("ANP Buitenland", ["Nieuws"]),
                               "https://zeeland.example/rss": ("Omroep Zeeland", ["Nieuws/Regio"])}),
    "miniflux": (MINIFLUX, {"https://ap.example/top.atom": ("AP Top News", ["All"])}),
    "feedly-deep": (FEEDLY_DEEP, {
        "https://euobs.example/rss": ("EU Observer", ["World/Europe"]),
        "https://belga.example/rss": ("Belga", ["World/Europe/Benelux"]),
        "https://wire.example/reuters.xml": ("Reuters World", ["Must read", "World"]),
        "https://riff.example/atom": ("Riff wire", ["AC\\/DC fans"]),
        "https://loose.example/feed": (None, None),
    }),
}


def _folders_of(opml_text: str) -> dict[str, list[tuple[str, ...]]]:
    """Each feed URL of an OPML document, with the chain of folder outlines around each copy of it."""
    found: dict[str, list[tuple[str, ...]]] = {}

    def walk(node, path):
        for outline in node.findall("outline"):
            if outline.get("xmlUrl"):
                found.setdefault(outline.get("xmlUrl"), []).append(path)
            else:
                walk(outline, (*path, outline.get("text")))

    walk(ElementTree.fromstring(opml_text.encode()).find("body"), ())
    return found


@pytest.mark.parametrize("shape", list(ROUND_TRIP))
def test_opml_round_trip_keeps_urls_names_and_nested_folders(tmp_path, shape):
    opml, expected = ROUND_TRIP[shape]
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    source = tmp_path / f"{shape}.opml"
    source.write_text(opml)
    wiredesk(first, "opml", "import", str(source))
    one = configured(first)
    assert {url: (f.get("name"), sorted(f["tags"]) if "tags" in f else None) for url, f in one.items()} == expected
    exported = tmp_path / "out.opml"
    wiredesk(first, "opml", "export", "--output", str(exported))
    # The folders are nested outlines in the file, not one flat level of tags.
    folders = {url: sorted(paths) for url, paths in _folders_of(exported.read_text()).items()}
    assert folders == {
        url: sorted(tuple(subscriptions.folder_path(t)) for t in tags) if tags else [()]
        for url, (_, tags) in expected.items()
    }
    wiredesk(second, "opml", "import", str(exported))
    two = configured(second)
    assert two.keys() == one.keys()
    for url in one:
        assert two[url].get("name") == one[url].get("name")
        assert sorted(two[url].get("tags", [])) == sorted(one[url].get("tags", []))


def test_a_folder_path_tag_exports_as_nested_folders_and_comes_back(tmp_path):
    config, again = tmp_path / "config.toml", tmp_path / "again.toml"
    wiredesk(config, "feeds", "add", "https://wire.example/eu.xml", "--name", "EU", "--tag", "World/Europe")
    wiredesk(config, "feeds", "add", "https://wire.example/nl.xml", "--tag", "World/Europe/NL", "--tag", "Home")
    wiredesk(config, "feeds", "add", "https://wire.example/top.xml")
    out = wiredesk(config, "opml", "export").stdout
    root = ElementTree.fromstring(out.encode())
    body = root.find("body")
    world = body.find("outline[@text='World']")
    europe = world.find("outline[@text='Europe']")
    assert [o.get("xmlUrl") for o in europe.findall("outline[@xmlUrl]")] == ["https://wire.example/eu.xml"]
    assert europe.find("outline[@text='NL']/outline").get("xmlUrl") == "https://wire.example/nl.xml"
    assert body.find("outline[@text='Home']/outline").get("xmlUrl") == "https://wire.example/nl.xml"
    assert [o.get("xmlUrl") for o in body.findall("outline[@xmlUrl]")] == ["https://wire.example/top.xml"]
    assert world.findall("outline[@xmlUrl]") == [], "nothing sits in World itself"
    exported = tmp_path / "out.opml"
    exported.write_text(out)
    wiredesk(again, "opml", "import", str(exported))
    feeds = configured(again)
    assert feeds["https://wire.example/eu.xml"]["tags"] == ["World/Europe"]
    assert sorted(feeds["https://wire.example/nl.xml"]["tags"]) == ["Home", "World/Europe/NL"]
    assert "tags" not in feeds["https://wire.example/top.xml"]
    assert "name" not in feeds["https://wire.example/nl.xml"], "a feed without a name stays without one"


@pytest.mark.parametrize(
    ("tag", "path"),
    [("World", ["World"]), ("World/Europe", ["World", "Europe"]), (" World / Europe ", ["World", "Europe"]),
     ("/World//Europe/", ["World", "Europe"]), ("AC\\/DC", ["AC/DC"]), ("a\\\\b/c", ["a\\b", "c"]),
     ("/", []), ("", [])],
)
def test_folder_paths_and_tags(tag, path):
    assert subscriptions.folder_path(tag) == path
    if path:
        assert subscriptions.folder_path(subscriptions.folder_tag(path)) == path


folder_names = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12).filter(str.strip)


@settings(max_examples=150, deadline=2000)
@given(st.lists(
    st.tuples(st.text(max_size=20), st.lists(st.lists(folder_names, min_size=1, max_size=4), max_size=3)),
    min_size=1, max_size=5,
))
def test_any_folder_tree_survives_write_then_read(tmp_path_factory, feeds):
    """Whatever the names (slashes, quotes, angle brackets, controls), a written tree reads back the same."""
    entries = []
    for n, (name, paths) in enumerate(feeds):
        tags = [subscriptions.folder_tag([p.strip() for p in path]) for path in paths]
        entries.append({"url": f"https://wire.example/{n}.xml", "name": name or None, "tags": tags or None})
    path = tmp_path_factory.mktemp("opml") / "tree.opml"
    path.write_text(subscriptions.write_opml(entries), encoding="utf-8")
    back = {e["url"]: e for e in subscriptions.read_opml(path)}
    assert sorted(back) == sorted(e["url"] for e in entries)
    for entry in entries:
        got = back[entry["url"]]
        want_paths = {tuple(subscriptions.folder_path(t)) for t in entry["tags"] or ()}
        got_paths = {tuple(subscriptions.folder_path(t)) for t in got["tags"] or ()}
        assert got_paths == {_xml_clean(path) for path in want_paths} - {()}


def _xml_clean(path: tuple[str, ...]) -> tuple[str, ...]:
    """A folder path as XML can carry it: characters XML 1.0 forbids are dropped, then empty levels."""
    parts = (re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", part).strip() for part in path)
    return tuple(part for part in parts if part)


def test_feeds_add_list_remove_keep_the_users_comments(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('# my desk\ninterval = 90  # slow is fine\n')
    wiredesk(config, "feeds", "add", "https://wire.example/a.xml", "--name", "A", "--interval", "30", "--tag", "world")
    wiredesk(config, "feeds", "add", "https://wire.example/b.xml")
    listed = wiredesk(config, "feeds", "list").stdout.splitlines()
    assert listed == ["https://wire.example/a.xml  A  every 30 s  [world]", "https://wire.example/b.xml  -  every 90 s"]
    assert wiredesk(config, "feeds", "remove", "A").stdout.startswith("removed https://wire.example/a.xml")
    text = config.read_text()
    assert text.startswith("# my desk\ninterval = 90  # slow is fine\n")
    assert list(configured(config)) == ["https://wire.example/b.xml"]


@pytest.mark.parametrize(
    "args",
    [
        ("feeds", "add", "ftp://wire.example/a.xml"),
        ("feeds", "add", "/no/such/feed.xml"),
        ("feeds", "remove", "https://nowhere.example/x"),
        ("opml", "import", "/no/such/file.opml"),
        ("feeds", "add", "https://wire.example/a.xml", "--interval", "0"),
    ],
)
def test_bad_feed_commands_are_one_line_errors(tmp_path, args):
    done = wiredesk(tmp_path / "config.toml", *args, check=False)
    assert done.returncode == 2
    assert done.stderr.startswith("wiredesk: ") and done.stderr.count("\n") == 1


def test_config_prints_the_path_and_an_example_that_loads_once_uncommented(tmp_path):
    config = tmp_path / "config.toml"
    out = wiredesk(config, "config").stdout
    assert out.startswith(f"# config file: {config} (not created yet)\n")
    settings = [line[2:] for line in out.splitlines() if re.match(r"# (\[|\w+ = )", line)]
    config.write_text("\n".join(settings).replace("https://example.org/world.rss", str(tmp_path / "feed.xml")))
    (tmp_path / "feed.xml").write_text("<rss/>")
    listed = wiredesk(config, "feeds", "list").stdout
    assert listed == f"{tmp_path / 'feed.xml'}  World desk  every 120 s  [world]\n"


# The feed list as the user wrote it: an inline array is as good as [[feeds]] tables.

FEED_SHAPES = {
    "empty-inline": "feeds = []\n",
    "inline": '# my desk\nfeeds = [{url = "https://a.example/4"}]  # one for now\ninterval = 90\n',
    "inline-multiline": '# my desk\nfeeds = [\n  # the first\n  {url = "https://a.example/4", name = "Four"},\n]\n'
                        'interval = 90\n',
    "tables": '# my desk\ninterval = 90\n\n[[feeds]]\nurl = "https://a.example/4"  # the first\n\n[keys]\nread = "x"\n',
}


@pytest.mark.parametrize("shape", list(FEED_SHAPES))
def test_feeds_add_and_remove_keep_either_shape_of_feed_list(tmp_path, shape):
    config = tmp_path / "config.toml"
    config.write_text(FEED_SHAPES[shape])
    before = list(configured(config)) if "url" in FEED_SHAPES[shape] else []
    wiredesk(config, "feeds", "add", "https://a.example/5", "--name", "Five", "--tag", "World/Europe")
    wiredesk(config, "opml", "import", str(_opml(tmp_path, '<outline xmlUrl="https://a.example/6"/>')))
    listed = wiredesk(config, "feeds", "list").stdout  # the loader takes the file
    assert "https://a.example/5  Five  every" in listed and "https://a.example/6  -  every" in listed
    assert list(configured(config)) == [*before, "https://a.example/5", "https://a.example/6"]
    assert configured(config)["https://a.example/5"]["tags"] == ["World/Europe"]
    wiredesk(config, "feeds", "remove", "Five")
    assert list(configured(config)) == [*before, "https://a.example/6"]
    text = config.read_text()
    for comment in re.findall(r"#.*", FEED_SHAPES[shape]):
        assert comment in text
    wiredesk(config, "feeds", "remove", "https://a.example/6")
    assert tomllib.loads(config.read_text()) == tomllib.loads(FEED_SHAPES[shape])


def _opml(tmp_path, outlines: str, name: str = "in.opml"):
    path = tmp_path / name
    path.write_text(f'<?xml version="1.0"?>\n<opml version="2.0">\n<head/>\n<body>\n{outlines}\n</body>\n</opml>\n')
    return path


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
        ('<opml><body>\n<outline xmlUrl="https://wire.example/a.xml"/>\n</body>', "not well-formed XML at line 3 "
         "(no element found)"),
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
    source = _opml(tmp_path, "\n".join([
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
    bad = _opml(tmp_path, '<outline xmlUrl="feed/https://bad.example/rss"/>', "bad.opml")
    done = wiredesk(config, "opml", "import", str(bad), check=False)
    assert done.returncode == 2
    assert done.stderr == f"wiredesk: {bad}: skipped: no such feed file: feed/https://bad.example/rss\n"
    assert not config.exists()
    assert wiredesk(config, "opml", "import", str(_opml(tmp_path, "", "empty.opml"))).stdout.startswith("0 feeds added")


def test_feeds_add_of_a_bad_url_names_it_as_written(tmp_path):
    config = tmp_path / "config.toml"
    done = wiredesk(config, "feeds", "add", "feed/https://bad.example/rss", check=False)
    assert (done.returncode, done.stderr) == (2, "wiredesk: no such feed file: feed/https://bad.example/rss\n")
    assert not config.exists()
