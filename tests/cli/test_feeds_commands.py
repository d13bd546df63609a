"""`wiredesk feeds add|list|remove` and `wiredesk config`: the user's config file, comments and all."""

from __future__ import annotations

import re
import tomllib

import pytest

from tests.helpers.cli import configured, opml_file, wiredesk


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
    wiredesk(config, "opml", "import", str(opml_file(tmp_path, '<outline xmlUrl="https://a.example/6"/>')))
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


def test_feeds_add_of_a_bad_url_names_it_as_written(tmp_path):
    config = tmp_path / "config.toml"
    done = wiredesk(config, "feeds", "add", "feed/https://bad.example/rss", check=False)
    assert (done.returncode, done.stderr) == (2, "wiredesk: no such feed file: feed/https://bad.example/rss\n")
    assert not config.exists()


def test_feeds_list_without_feeds_says_the_desk_runs_the_demo(tmp_path):
    """A newcomer who has only seen the demo wire gets a line saying so, not silence; stdout stays empty."""
    done = wiredesk(tmp_path / "config.toml", "feeds", "list")
    assert done.returncode == 0 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "demo wire" in done.stderr and "wiredesk feeds add URL" in done.stderr
