"""Themes: bundled files, the user's own, --theme, the palette, and the remembered choice."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from tests.desk import make_desk, settle
from tui.demo import bundled_dir
from tui.store import Store
from tui.themes import load_themes

BUNDLED = sorted(p.stem for p in bundled_dir("themes").glob("*.toml"))


def test_at_least_three_bundled_themes_load_cleanly():
    themes, problems = load_themes()
    assert problems == []
    assert {"wire", "teletekst", "paper"} <= {t.name for t in themes}
    assert len(BUNDLED) >= 3


def test_a_broken_user_theme_is_reported_and_skipped(tmp_path):
    (tmp_path / "bad.toml").write_text('name = "bad"\nprimary = "not-a-colour"\n')
    (tmp_path / "broken.toml").write_text("name = [\n")
    (tmp_path / "mine.toml").write_text('name = "mine"\nprimary = "#ff8800"\n')
    themes, problems = load_themes(tmp_path)
    assert "mine" in {t.name for t in themes}
    assert len(problems) == 2
    assert all(p.endswith("(theme skipped)") and "\n" not in p for p in problems)


@pytest.fixture
def utc(monkeypatch):
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("theme", BUNDLED)
def test_each_bundled_theme(snap_compare, tmp_path, utc, theme):
    app = make_desk(tmp_path, theme=theme)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("m", "j")  # a read row and an unread one under the cursor
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(100, 30), run_before=run_before)


async def test_a_theme_switched_in_the_desk_is_remembered(tmp_path):
    app = make_desk(tmp_path, theme="wire")
    async with app.run_test() as pilot:
        await settle(app, pilot)
        app.theme = "teletekst"  # what the command palette's theme picker does
        await settle(app, pilot)
    assert Store(tmp_path).settings()["theme"] == "teletekst"


def test_theme_flag_is_checked_and_remembered(tmp_path):
    data = tmp_path / "data"
    bad = subprocess.run([sys.executable, "-m", "tui", "--theme", "nope", "--data-dir", str(data)],
                         capture_output=True, text=True, timeout=30)
    assert bad.returncode == 2
    assert bad.stderr.startswith("wiredesk: --theme: unknown theme 'nope' (have: ")
    assert bad.stderr.count("\n") == 1
