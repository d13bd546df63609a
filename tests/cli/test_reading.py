"""Reading the cache from the command line: `list`, `read`, `unread` and `export`."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.helpers.cli import ENTRIES, FEED_TITLE, NEWEST_FIRST, WIRE, records, run

# list


def test_list_json_records(wire, ids):
    got = records(run("list", "--json", data_dir=wire))
    assert [r["id"] for r in got] == [ids[e.guid] for e in NEWEST_FIRST]
    datelines = {entry.guid: dl for entry, dl in WIRE}
    for record, entry in zip(got, NEWEST_FIRST, strict=True):
        assert set(record) == {"id", "feed", "title", "link", "published", "dateline", "read", "summary", "urgency",
                               "story", "supersedes"}
        assert record["urgency"] is None
        assert record["feed"] == FEED_TITLE
        assert record["title"] == entry.title
        assert record["link"] == entry.link
        published = datetime.fromisoformat(record["published"])
        assert published.tzinfo is not None
        assert published == datetime.fromtimestamp(entry.date, UTC)
        expected = datelines[entry.guid]
        if expected is None:
            assert record["dateline"] is None
        else:
            assert record["dateline"] == {"places": expected[0], "agencies": expected[1]}
        assert record["read"] is False
        assert record["summary"] == entry.body.removeprefix("<p>").removesuffix("</p>")


def test_list_text_lines(wire, ids):
    result = run("list", data_dir=wire)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert len(lines) == len(ENTRIES)
    for line, entry in zip(lines, NEWEST_FIRST, strict=True):
        assert line.startswith("*")  # unread
        assert entry.title in line and line.endswith(f"[{ids[entry.guid]}]")


def test_list_limit(wire):
    full = records(run("list", "--json", data_dir=wire))
    for n in (1, 2, len(ENTRIES), len(ENTRIES) + 5):
        assert records(run("list", "--json", "--limit", str(n), data_dir=wire)) == full[:n]


def test_list_unread_and_limit(wire, ids):
    newest = ids[NEWEST_FIRST[0].guid]
    assert run("read", newest, data_dir=wire).returncode == 0
    unread = records(run("list", "--json", "--unread", data_dir=wire))
    assert [r["id"] for r in unread] == [ids[e.guid] for e in NEWEST_FIRST[1:]]
    assert all(r["read"] is False for r in unread)
    limited = records(run("list", "--unread", "--json", "--limit", "2", data_dir=wire))
    assert [r["id"] for r in limited] == [ids[e.guid] for e in NEWEST_FIRST[1:3]]


def test_list_empty_cache(data_dir, tmp_path):
    empty = tmp_path / "empty.xml"
    empty.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>')
    assert run("fetch", "--feed", str(empty), data_dir=data_dir).returncode == 0  # a cache, with no items
    result = run("list", "--json", data_dir=data_dir)
    assert (result.returncode, result.stdout) == (0, "")


# read / unread


def test_read_then_unread(wire, ids):
    target = ids[ENTRIES[2].guid]
    result = run("read", target, data_dir=wire)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "1 marked read"
    state = {r["id"]: r["read"] for r in records(run("list", "--json", data_dir=wire))}
    assert state == {ids[e.guid]: ids[e.guid] == target for e in ENTRIES}

    result = run("unread", target, data_dir=wire)
    assert result.returncode == 0
    assert result.stdout.strip() == "1 marked unread"
    assert all(r["read"] is False for r in records(run("list", "--json", data_dir=wire)))


def test_read_several(wire, ids):
    targets = [ids[ENTRIES[0].guid], ids[ENTRIES[3].guid]]
    result = run("read", *targets, data_dir=wire)
    assert result.stdout.strip() == f"{len(targets)} marked read"
    assert {r["id"] for r in records(run("list", "--json", data_dir=wire)) if r["read"]} == set(targets)


def test_read_unknown_id_exits_1(wire, ids):
    result = run("read", "NOSUCH", data_dir=wire)
    assert result.returncode == 1
    assert result.stderr.strip() == "wiredesk: no such item: NOSUCH"
    # A known id given alongside is still marked.
    result = run("read", ids[ENTRIES[1].guid], "NOSUCH", data_dir=wire)
    assert result.returncode == 1
    assert "NOSUCH" in result.stderr and "Traceback" not in result.stderr
    assert [r["id"] for r in records(run("list", "--json", data_dir=wire)) if r["read"]] == [ids[ENTRIES[1].guid]]


def test_read_same_id_twice_counts_once(wire, ids):
    result = run("read", ids[ENTRIES[0].guid], ids[ENTRIES[0].guid], data_dir=wire)
    assert result.stdout.strip() == "1 marked read"


# export


def test_export_prints_an_item_as_markdown(fetched, tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(fetched, data)
    first = records(run("list", "--json", "--limit", "1", data_dir=data))[0]
    out = run("export", first["id"], data_dir=data)
    assert out.returncode == 0
    assert out.stdout.startswith(f"# {first['title']}\n")
    target = tmp_path / "item.md"
    assert run("export", first["id"], "-o", str(target), data_dir=data).returncode == 0
    assert target.read_text() == out.stdout
    missing = run("export", "no-such-id", data_dir=data)
    assert missing.returncode == 1 and missing.stderr == "wiredesk: no such item: no-such-id\n"
