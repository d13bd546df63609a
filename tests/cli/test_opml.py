"""OPML from other readers in, ours out: URLs, names and nested folders survive the round trip."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.helpers.cli import configured, wiredesk
from tests.helpers.feeds import Entry, rss
from tui import subscriptions

NEWSBOAT = """<?xml version="1.0"?>
<opml version="1.0">
  <head><title>newsboat - Exported Feeds</title></head>
  <body>
    <outline type="rss" xmlUrl="https://nos.example/rss/buitenland" htmlUrl="https://nos.example"
             title="NOS Buitenland"/>
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
      <outline title="AP Top News" text="AP Top News" xmlUrl="https://ap.example/top.atom"
               htmlUrl="https://ap.example" description="" type="rss"></outline>
    </outline>
  </body>
</opml>
"""


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


def test_export_writes_local_feeds_as_file_urls_and_names_feeds_by_their_titles(tmp_path, feed_server):
    local = tmp_path / "feeds" / "local wire.xml"
    local.parent.mkdir()
    local.write_bytes(rss([Entry("One", guid="l1", date=1.79e9)], title="Local Wire"))
    feed_server.set("/web.xml", rss([Entry("Two", guid="w1", date=1.79e9)], title="Web Wire"))
    web, named = feed_server.url("/web.xml"), "https://wire.example/named.xml"
    config = tmp_path / "config.toml"
    config.write_text(f'[[feeds]]\nurl = "{local}"\n\n[[feeds]]\nurl = "{web}"\n\n'
                      f'[[feeds]]\nurl = "{named}"\nname = "My name"\n')
    data = tmp_path / "data"
    fetched = wiredesk(config, "fetch", "--data-dir", str(data), check=False)
    assert "Local Wire" not in fetched.stderr
    out = wiredesk(config, "opml", "export", "--data-dir", str(data)).stdout
    outlines = {o.get("xmlUrl"): o.get("text") for o in ElementTree.fromstring(out.encode()).iter("outline")}
    assert outlines == {local.as_uri(): "Local Wire", web: "Web Wire", named: "My name"}
    assert local.as_uri().startswith("file:///") and "%20" in local.as_uri()
    again = tmp_path / "again.toml"
    exported = tmp_path / "out.opml"
    exported.write_text(out)
    wiredesk(again, "opml", "import", str(exported))
    assert wiredesk(again, "fetch", "--data-dir", str(tmp_path / "data2")).returncode == 0, "file:// URLs fetch"
    # Without a cache there are no titles to give: URLs name the feeds, and no data dir is made.
    bare = wiredesk(config, "opml", "export", "--data-dir", str(tmp_path / "none")).stdout
    assert {o.get("text") for o in ElementTree.fromstring(bare.encode()).iter("outline")} == {
        local.as_uri(), web, "My name"}
    assert not (tmp_path / "none").exists()
