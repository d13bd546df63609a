"""The marks' stamp: what a running desk compares each second to notice marks written elsewhere."""

from __future__ import annotations

import subprocess
import sys

from tests.helpers import ROOT
from tui.store import open_store


def test_every_write_of_the_marks_changes_the_stamp_and_reading_does_not(data_dir):
    store = open_store(data_dir)
    assert store.marks_stamp() == (), "nothing marked yet"
    stamps = []
    for write in (lambda: store.set_read(["a"], True), lambda: store.set_read(["a"], False),
                  lambda: store.set_starred("a", True), lambda: store.add_alerts({"a": "word"}, 0.0),
                  lambda: store.save_settings(theme="paper")):
        write()  # several within one mtime tick: the stamp still tells them apart
        stamps.append(store.marks_stamp())
    assert len(set(stamps)) == len(stamps)
    store.read_ids(), store.starred_ids(), store.settings()
    assert store.marks_stamp() == stamps[-1]
    store.set_read(["a"], False)  # already unread: nothing to write
    assert store.marks_stamp() == stamps[-1]


def test_a_write_by_another_process_changes_the_stamp(data_dir):
    store = open_store(data_dir)
    store.set_read(["a"], True)
    before = store.marks_stamp()
    code = "import sys; from tui.store import open_store; open_store(sys.argv[1]).set_read(['b'], True)"
    subprocess.run([sys.executable, "-c", code, str(data_dir)], check=True, cwd=ROOT, timeout=30)
    assert store.marks_stamp() != before
    assert store.read_ids() == {"a", "b"}
