"""Headless commands stay light: `status`, `list`, `read` and `unread` never load Textual, feedparser or the
article extractor (trafilatura); `fulltext`, which needs it, still loads no Textual."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.helpers import ROOT
from tests.helpers.cli import ENTRIES

IMPORTS = """
import contextlib, io, json, sys
from tui.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    code = main(sys.argv[1:])
loaded = {m.split(".")[0] for m in sys.modules}
print(json.dumps({"code": code, "textual": "textual" in loaded, "feedparser": "feedparser" in loaded,
                  "trafilatura": "trafilatura" in loaded}))
"""


@pytest.mark.parametrize(
    "argv",
    [["status"], ["list"], ["list", "--json", "--unread"], ["read", ENTRIES[0].guid], ["unread", ENTRIES[0].guid]],
    ids=" ".join,
)
def test_headless_commands_never_import_textual_or_feedparser(wire, ids, argv):
    argv = [ids.get(arg, arg) for arg in argv]  # a GUID stands for its item's id
    env = {**os.environ, "WIREDESK_DATA_DIR": str(wire)}
    result = subprocess.run([sys.executable, "-c", IMPORTS, *argv], capture_output=True, text=True, cwd=ROOT,
                            env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    assert report == {"code": 0, "textual": False, "feedparser": False, "trafilatura": False}


def test_fulltext_loads_no_textual(wire, ids):
    env = {**os.environ, "WIREDESK_DATA_DIR": str(wire)}
    item_id = ids[ENTRIES[0].guid]  # its link is not served: the fetch fails, the imports are what count
    result = subprocess.run([sys.executable, "-c", IMPORTS, "fulltext", item_id], capture_output=True, text=True,
                            cwd=ROOT, env=env, timeout=60)
    report = json.loads(result.stdout.splitlines()[-1])
    assert report["textual"] is False and report["code"] == 1
