"""The desk's language: from the config key, else the locale; the demo wire in Dutch; the desk in Dutch."""

from __future__ import annotations

import pytest

from tests.helpers.desk import group_names, head_text, make_desk, settle, status_text
from tui import config as configuration
from tui.core.i18n import language

# The config key, else the locale


LOCALE_VARS = ("LC_ALL", "LC_MESSAGES", "LANG")


@pytest.mark.parametrize(
    ("env", "configured", "expected"),
    [
        ({"LANG": "nl_NL.UTF-8"}, None, "nl"),
        ({"LANG": "en_US.UTF-8"}, None, "en"),
        ({"LANG": "nl_BE.UTF-8"}, None, "nl"),
        ({"LANG": "en_US.UTF-8"}, "nl", "nl"),
        ({"LANG": "nl_NL.UTF-8"}, "en", "en"),
        ({"LANG": "nl_NL.UTF-8", "LC_ALL": "en_US.UTF-8"}, None, "en"),
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "nl_NL.UTF-8"}, None, "nl"),
        ({"LANG": "C.UTF-8"}, None, "en"),
    ],
    ids=["nl-locale", "en-locale", "nl-BE-locale", "config-nl-beats-en-locale", "config-en-beats-nl-locale",
         "LC_ALL-first", "LC_MESSAGES-before-LANG", "C-locale"],
)
async def test_language_from_the_config_else_the_locale_shows_in_the_status_bar(
    tmp_path, monkeypatch, env, configured, expected
):
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    path = tmp_path / "config.toml"
    path.write_text(f'language = "{configured}"\n' if configured else "interval = 60\n")
    config = configuration.load(str(path))
    lang = language(config.language, demo=False)
    assert lang == expected
    app = make_desk(tmp_path / "data", lang=lang)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        status = status_text(app)
        if expected == "nl":
            assert "ongelezen" in status and "ophalen uit" in status and "unread" not in status
        else:
            assert "unread" in status and "polling off" in status and "ongelezen" not in status


def test_the_demo_wire_starts_in_dutch_whatever_the_locale_unless_the_config_says(monkeypatch):
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "C")
    assert language(None, demo=True) == "nl"
    assert language(None, demo=False) == "en"
    monkeypatch.setenv("LANG", "en_GB.UTF-8")
    assert language(None, demo=True) == "nl", "the bundled ANP wire starts in Dutch"
    assert language(None, demo=False) == "en", "real feeds follow the locale"
    assert language("en", demo=True) == "en", "the config has the last word"


@pytest.mark.parametrize("c_locale", ["C", "C.UTF-8", "POSIX"])
def test_LC_ALL_C_overrides_a_dutch_LANG(monkeypatch, c_locale):
    for var in LOCALE_VARS:
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "nl_NL.UTF-8")
    monkeypatch.setenv("LC_ALL", c_locale)
    assert language(None, demo=False) == "en"


# The desk in Dutch


async def test_the_desk_speaks_dutch(tmp_path):
    app = make_desk(tmp_path, lang="nl")
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(app, pilot)
        status = status_text(app)
        assert "ongelezen" in status and "ophalen uit" in status
        head = head_text(app)
        assert "3 minuten geleden" in head and "wo 25 nov 2026" in head
        await pilot.press("v", "v")
        assert group_names(app) == ["Vandaag", "Gisteren", "Eerder"]


async def test_view_labels_speak_the_desks_language(tmp_path):
    app = make_desk(tmp_path, lang="nl")
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("v")
        await settle(app, pilot)
        status = status_text(app)
        assert "op agentschap" in status
        assert "by agency" not in status


async def test_help_and_feed_screens_speak_dutch(tmp_path):
    app = make_desk(tmp_path, lang="nl")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("question_mark")
        await settle(app, pilot)
        keys = str(app.screen.query_one("#help-keys").render())
        assert "Volgend bericht" in keys and "Gelezen/ongelezen" in keys and "Overal" in keys
        assert "Next item" not in keys
        await pilot.press("escape", "F")
        await settle(app, pilot)
        title = str(app.screen.query_one("#health-title").render())
        assert "faalt" in title and "Esc sluit" in title
        columns = [str(c.label) for c in app.screen.query_one("#health-table").columns.values()]
        assert "Laatst ok" in columns and "Laatste fout" in columns
