"""`wiredesk list --stories` prints one line (or object) per story, newest first, with its carriers; `status`
counts the stories the unread items make."""

from __future__ import annotations

import time

import pytest

from tests.helpers.cli import records, run
from tests.helpers.ids import ids_of
from tests.helpers.story_corpus import T0, corpus, feed_file

WIRES = {wire.key: wire for wire in corpus()}
SHIFT = time.time() - T0 - 86400  # the corpus's first day was yesterday: nothing is pruned


@pytest.fixture
def folded(tmp_path):
    """A cache of two stories: Reuters' quake, its update and dpa's quake report; Reuters' metro blast."""
    reuters = feed_file(tmp_path, "reuters", [WIRES[k] for k in ("quake-rtr", "quake-rtr-u1", "metro-rtr")], SHIFT)
    dpa = feed_file(tmp_path, "dpa", [WIRES["quake-dpa"]], SHIFT)
    data = tmp_path / "data"
    fetched = run("fetch", "--feed", reuters, "--feed", dpa, data_dir=data)
    assert fetched.returncode == 0, fetched.stderr
    quake, update, metro = ids_of(reuters, "quake-rtr", "quake-rtr-u1", "metro-rtr")
    [german] = ids_of(dpa, "quake-dpa")
    return data, {"quake": quake, "update": update, "metro": metro, "german": german}


def test_one_object_per_story_newest_first(folded):
    data, ids = folded
    got = records(run("list", "--stories", "--json", data_dir=data))
    assert [story["story"] for story in got] == [ids["metro"], ids["quake"]]
    metro, quake = got
    assert quake["items"] == [ids["update"], ids["german"], ids["quake"]], "newest first"
    assert (quake["lead"], quake["title"]) == (ids["update"], WIRES["quake-rtr-u1"].title), "the newest version"
    assert quake["carriers"] == ["Reuters", "dpa"], "each dateline's agency, oldest first, once"
    items = {item["id"]: item for item in records(run("list", "--json", data_dir=data))}
    assert quake["published"] == items[ids["update"]]["published"], "its newest item's time"
    assert quake["unread"] == 3
    assert metro["items"] == [ids["metro"]] and metro["carriers"] == ["Reuters"] and metro["unread"] == 1


def test_one_line_per_story(folded):
    data, ids = folded
    result = run("list", "--stories", data_dir=data)
    assert result.returncode == 0, result.stderr
    metro, quake = result.stdout.splitlines()
    assert metro.startswith("* ") and WIRES["metro-rtr"].title in metro and metro.endswith(f"[{ids['metro']}]")
    assert "items)" not in metro, "a story of one says nothing of its size"
    assert quake.startswith("* ") and "  Reuters/dpa  " in quake
    assert quake.endswith(f"{WIRES['quake-rtr-u1'].title}  (3 items)  [{ids['update']}]")


def test_unread_and_limit_count_stories(folded):
    data, ids = folded
    assert [s["story"] for s in records(run("list", "--stories", "--json", "--limit", "1", data_dir=data))] == [
        ids["metro"]]
    run("read", ids["update"], ids["quake"], data_dir=data)
    unread = records(run("list", "--stories", "--json", "--unread", data_dir=data))
    assert [(s["story"], s["unread"], len(s["items"])) for s in unread] == [(ids["metro"], 1, 1), (ids["quake"], 1, 3)]
    run("read", ids["german"], data_dir=data)
    assert [s["story"] for s in records(run("list", "--stories", "--json", "--unread", data_dir=data))] == [
        ids["metro"]], "a story read through is not unread"
    assert run("list", "--stories", data_dir=data).stdout.splitlines()[1].startswith("  "), "read: no star"
    run("read", ids["metro"], data_dir=data)
    assert run("list", "--stories", "--unread", "--limit", "1", data_dir=data).stdout == ""


def test_status_counts_unread_stories(folded):
    data, ids = folded
    assert run("status", data_dir=data).stdout == "wire 4 unread · 2 stories\n"
    run("read", ids["metro"], data_dir=data)
    assert run("status", data_dir=data).stdout == "wire 3 unread · 1 story\n"
    run("read", ids["quake"], ids["german"], data_dir=data)
    assert run("status", data_dir=data).stdout == "wire 1 unread\n", "as many stories as items: said once"


def test_items_without_a_link_are_stories_of_one(folded):
    data, ids = folded
    (data / "stories.json").unlink()  # a cache from before stories were folded
    got = records(run("list", "--stories", "--json", data_dir=data))
    assert sorted(s["story"] for s in got) == sorted(ids.values())
    assert all(s["items"] == [s["story"]] for s in got)
    assert run("status", data_dir=data).stdout == "wire 4 unread\n"
