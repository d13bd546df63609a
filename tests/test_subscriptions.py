"""The feed list commands and OPML, run as the real CLI on a temp config file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib

import pytest

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
                  "https://zeeland.example/rss": ("Omroep Zeeland", ["Nieuws", "Regio"])}),
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


def test_opml_round_trip_keeps_urls_names_and_first_tags(tmp_path):
    first, second = tmp_path / "a.toml", tmp_path / "b.toml"
    source = tmp_path / "feedly.opml"
    source.write_text(FEEDLY)
    wiredesk(first, "opml", "import", str(source))
    exported = tmp_path / "out.opml"
    wiredesk(first, "opml", "export", "--output", str(exported))
    wiredesk(second, "opml", "import", str(exported))
    one, two = configured(first), configured(second)
    assert one.keys() == two.keys()
    for url in one:
        assert one[url]["name"] == two[url]["name"]
        assert two[url]["tags"] == one[url]["tags"][:1]


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
