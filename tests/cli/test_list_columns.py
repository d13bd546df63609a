"""`wiredesk list` and `list --stories` on the demo wire: a name too long for the 18-character column (a feed, a
story's carriers) is cut with "…", so it says it was cut, instead of ending mid-word ("ANP Buitenland (de",
"ANP/AFP/Reuters/dp")."""

from __future__ import annotations

from tests.helpers.cli import records, run

COLUMN = slice(20, 38)  # after "* 2026-12-03 08:02  "
SHOWN = 4  # carriers a story's line names; past that, three and "+N" (as the desk's story row)


def _cell(name: str) -> str:
    return name if len(name) <= 18 else name[:17] + "…"


def test_a_cut_column_says_so(tmp_path):
    data = tmp_path / "data"
    fetched = run("fetch", data_dir=data)  # no feeds configured: the bundled demo wire
    assert fetched.returncode == 0, fetched.stderr
    lines = run("list", data_dir=data).stdout.splitlines()
    items = records(run("list", "--json", data_dir=data))
    groups = ["/".join(p.upper() for p in i["dateline"]["places"]) if i["dateline"] else i["feed"] for i in items]
    assert len(lines) == len(groups) and any(len(g) > 18 for g in groups), "the demo has names too long to fit"
    for line, group in zip(lines, groups, strict=True):
        assert line[COLUMN].rstrip() == _cell(group), line
    lines = run("list", "--stories", data_dir=data).stdout.splitlines()
    stories = records(run("list", "--stories", "--json", data_dir=data))
    named = ["/".join(c if len(c) <= SHOWN else [*c[: SHOWN - 1], f"+{len(c) - SHOWN + 1}"])
             for c in (s["carriers"] for s in stories)]
    assert len(lines) == len(named) and any(len(n) > 18 for n in named)
    for line, carriers in zip(lines, named, strict=True):
        assert line[COLUMN].rstrip() == _cell(carriers), line
