"""`wiredesk fetch` folds what it stores, and `list --json` tells each item's story and what it supersedes."""

from __future__ import annotations

import time

from tests.helpers.cli import records, run
from tests.helpers.ids import ids_of
from tests.helpers.story_corpus import T0, corpus, feed_file

WIRES = {wire.key: wire for wire in corpus()}


def test_list_json_gives_story_and_supersedes(tmp_path):
    shift = time.time() - T0 - 86400  # the corpus's first day was yesterday: nothing is pruned
    reuters = feed_file(tmp_path, "reuters", [WIRES[k] for k in ("quake-rtr", "quake-rtr-u1", "metro-rtr")], shift)
    dpa = feed_file(tmp_path, "dpa", [WIRES["quake-dpa"]], shift)
    data = tmp_path / "data"
    fetched = run("fetch", "--feed", reuters, "--feed", dpa, data_dir=data)
    assert fetched.returncode == 0, fetched.stderr
    got = {r["id"]: r for r in records(run("list", "--json", data_dir=data))}
    quake, update, metro = ids_of(reuters, "quake-rtr", "quake-rtr-u1", "metro-rtr")
    [german] = ids_of(dpa, "quake-dpa")
    assert got[update]["story"] == got[german]["story"] == got[quake]["story"] == quake
    assert got[update]["supersedes"] == quake
    assert got[metro]["story"] == metro and got[metro]["supersedes"] is None
    assert got[quake]["supersedes"] is None
