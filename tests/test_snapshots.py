"""SVG snapshots of the main screen. Review any change with `make test PYTEST_ARGS=--snapshot-update`
only after looking at the new picture in snapshot_report.html."""

from __future__ import annotations

import time

import pytest

from tests.desk import make_desk, settle


@pytest.fixture(autouse=True)
def utc(monkeypatch):
    # Absolute times in the article header and the clock are local time.
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _settled(app):
    async def run_before(pilot):
        await settle(app, pilot)

    return run_before


def test_main_screen_80x24(snap_compare, tmp_path):
    app = make_desk(tmp_path)
    assert snap_compare(app, terminal_size=(80, 24), run_before=_settled(app))


def test_main_screen_160x45(snap_compare, tmp_path):
    app = make_desk(tmp_path)
    assert snap_compare(app, terminal_size=(160, 45), run_before=_settled(app))


def test_read_marks_and_article_pane_160x45(snap_compare, tmp_path):
    app = make_desk(tmp_path)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("m", "j", "j", "m", "j", "tab")
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(160, 45), run_before=run_before)
