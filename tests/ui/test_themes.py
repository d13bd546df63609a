"""Themes: bundled files, the user's own, --theme, the palette, and the remembered choice."""

from __future__ import annotations

import colorsys
import subprocess
import sys
import time
from argparse import Namespace

import pytest
from rich.color import ColorSystem
from textual.color import Color

from tests.helpers.desk import make_desk, settle
from tests.helpers.disks import read_only
from tests.helpers.urgent import urgent_desk
from tui import cli
from tui import config as configuration
from tui.bundled import bundled_dir
from tui.core import urgency
from tui.core.grouping import Header
from tui.fetch.demo import demo_sources
from tui.store import open_store
from tui.ui.themes import DEFAULT_THEME, load_theme, load_themes

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


@pytest.mark.parametrize("theme", BUNDLED)
def test_each_bundled_theme(snap_compare, tmp_path, utc, theme):
    app = make_desk(tmp_path, theme=theme)

    async def run_before(pilot):
        await settle(app, pilot)
        await pilot.press("m", "j")  # a read row and an unread one under the cursor
        await settle(app, pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


async def test_a_theme_switched_in_the_desk_is_remembered(tmp_path):
    app = make_desk(tmp_path, theme="wire")
    async with app.run_test() as pilot:
        await settle(app, pilot)
        app.theme = "teletekst"  # what the command palette's theme picker does
        await settle(app, pilot)
    assert open_store(tmp_path).settings()["theme"] == "teletekst"


def test_theme_flag_is_checked_and_remembered(tmp_path):
    data = tmp_path / "data"
    bad = subprocess.run([sys.executable, "-m", "tui", "--theme", "nope", "--data-dir", str(data)],
                         capture_output=True, text=True, timeout=30)
    assert bad.returncode == 2
    assert bad.stderr.startswith("wiredesk: --theme: unknown theme 'nope' (have: ")
    assert bad.stderr.count("\n") == 1


def test_choices_made_on_the_demo_wire_are_remembered_in_the_users_cache(monkeypatch, tmp_path):
    """The demo replays into a throwaway cache; its theme and grouping outlive it."""
    monkeypatch.delenv("WIREDESK_DATA_DIR")
    args = Namespace(theme="paper", data_dir=None)
    config = configuration.load(None, missing_ok=True)
    user = open_store(configuration.data_dir(None))
    with cli._demo_store(args, demo_sources(time.time()), user) as demo:
        assert demo.dir != user.dir
        assert cli._theme(args, config, demo) == "paper"
        demo.save_settings(grouping="agency")  # what `v` saves
        throwaway = demo.dir
    assert not throwaway.exists()
    assert open_store(configuration.data_dir(None)).settings() == {"theme": "paper", "grouping": "agency"}
    with cli._demo_store(args, demo_sources(time.time()), user) as demo:
        assert cli._theme(Namespace(theme=None, data_dir=None), config, demo) == "paper"


def test_theme_flag_wins_and_is_remembered_over_the_config(tmp_path, capsys):
    path = _config(tmp_path, "teletekst")
    config = configuration.load(str(path))
    store = open_store(tmp_path / "data")
    assert cli._theme(Namespace(theme=None), config, store) == "teletekst"
    assert cli._theme(Namespace(theme="paper"), config, store) == "paper"
    assert cli._theme(Namespace(theme=None), config, open_store(tmp_path / "data")) == "paper", "remembered"


def test_theme_flag_applies_on_a_read_only_cache_without_saving(tmp_path):
    data = tmp_path / "data"
    open_store(data).save_settings(theme="teletekst")
    with read_only(data) as (view, _):
        store = open_store(view)
        store.claim_desk()  # as the desk does before it picks its theme
        assert store.read_only
        assert cli._theme(Namespace(theme="paper"), configuration.load(str(_config(tmp_path))), store) == "paper"
    assert open_store(data).settings()["theme"] == "teletekst"


# A broken theme file: the desk starts on the default and says why; an unknown name is an error.

BROKEN = 'name = "mine"\nprimary = "not-a-colour"\n'


def _config(tmp_path, theme: str | None = None, theme_file: str | None = None):
    path = tmp_path / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'theme = "{theme}"\n' if theme else "")
    if theme_file is not None:
        (path.parent / "themes").mkdir(exist_ok=True)
        (path.parent / "themes" / "mine.toml").write_text(theme_file)
    return path


@pytest.mark.parametrize("source", ["config", "remembered", "--theme"])
def test_a_broken_theme_file_starts_the_default_with_a_warning(tmp_path, capsys, source):
    path = _config(tmp_path, "mine" if source == "config" else None, BROKEN)
    store = open_store(tmp_path / "data")
    if source == "remembered":
        store.save_settings(theme="mine")
    args = Namespace(theme="mine" if source == "--theme" else None)
    assert cli._theme(args, configuration.load(str(path)), store) == DEFAULT_THEME
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{path.parent / 'themes' / 'mine.toml'}: primary: not a colour" in err
    assert err.rstrip().endswith(f"using the {DEFAULT_THEME} theme")


def test_a_theme_the_config_names_without_any_file_is_still_an_error(tmp_path, capsys):
    path = _config(tmp_path, "mine")
    assert cli.main(["--config", str(path), "--data-dir", str(tmp_path / "data")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"wiredesk: {path}: theme: unknown theme 'mine' (have: ")
    assert err.count("\n") == 1


async def test_the_desk_warns_about_a_broken_theme_file(tmp_path):
    themes = _config(tmp_path, "mine", BROKEN).parent / "themes"
    app = make_desk(tmp_path / "data", theme="mine", user_themes=themes)
    async with app.run_test() as pilot:
        await settle(app, pilot)
        assert app.theme == DEFAULT_THEME
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
    assert [w for w in warnings if str(themes / "mine.toml") in w and "primary: not a colour" in w], warnings


def test_theme_variables_are_checked(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('name = "t"\nprimary = "#ff8800"\n[variables]\nwire-header-background = "#0000ff"\n')
    assert load_theme(path).variables == {"wire-header-background": "#0000ff"}
    path.write_text('name = "t"\nprimary = "#ff8800"\n[variables]\nwire-header-background = "blau"\n')
    with pytest.raises(ValueError, match=r"variables\.wire-header-background: not a colour"):
        load_theme(path)
    path.write_text('name = "t"\nprimary = "#ff8800"\n[variables]\nfooter-key-foreground = "#0000ff"\n')
    with pytest.raises(ValueError, match="unknown variable 'footer-key-foreground'"):
        load_theme(path)


# Group headers: solid bars in teletekst (its theme variables), the CSS header style elsewhere.

@pytest.mark.parametrize("theme", BUNDLED)
async def test_group_headers_are_full_width_bars_in_teletekst_only(tmp_path, theme):
    app = make_desk(tmp_path, theme=theme)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        wire = app.desk_screen.wire
        y = next(n for n, row in enumerate(wire.rows) if isinstance(row, Header)) - int(wire.scroll_y)
        await pilot.press("j")  # the cursor off the header's neighbour: only the header style shows
        strip = wire.render_line(y)
        backgrounds = {segment.style.bgcolor for segment in strip}
        assert strip.cell_length == wire.scrollable_content_region.width
        assert len(backgrounds) == 1, "one colour from edge to edge"
        expected = app.current_theme.variables.get("wire-header-background")
        if theme == "teletekst":
            assert expected, "teletekst draws its headers as bars"
        if expected:
            assert backgrounds == {Color.parse(expected).rich_color}
        else:
            assert backgrounds == {wire.get_component_rich_style("wire-list--header").bgcolor}


# Every bundled theme with 256 colours (tmux without truecolor): what Textual draws in
# truecolor is cut to the xterm palette the way rich does it for such a terminal.

def _palette(colour) -> tuple[int, int, int]:
    return tuple(colour.downgrade(ColorSystem.EIGHT_BIT).get_truecolor())


def _contrast(a, b) -> float:
    """WCAG contrast ratio of two RGB colours."""
    def luminance(rgb):
        lin = [c / 12.92 if c <= 10 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def _changed_look(original, palette) -> str | None:
    """How the palette colour differs in kind from the original: a grey (chroma up to 16 of 255)
    turned into a colour, the way paper's list pane turned pink, or a colour changed hue."""
    chroma = max(original) - min(original), max(palette) - min(palette)
    if chroma[0] <= 16:
        return "a grey became a colour" if chroma[1] > 16 else None
    if chroma[1] <= 16:
        return None  # a tint lost is still the same kind of colour
    hues = [colorsys.rgb_to_hls(*(c / 255 for c in rgb))[0] * 360 for rgb in (original, palette)]
    shift = abs(hues[0] - hues[1])
    shift = min(shift, 360 - shift)
    # The palette's darkest colours lie 60° apart, so up to 40° is rounding, not a new colour.
    return f"hue moved {shift:.0f}°" if shift > 40 else None


def _unreadable(app) -> tuple[list[str], str]:
    """Text and lines that blur into their background in 256 colours, and all that was drawn."""
    problems, drawn = [], []
    # The compositor's strips are the whole screen as the terminal gets it, before the driver
    # turns colours into escape codes; Pilot has no public way to read them.
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        line = []
        for segment in strip:
            line.append(segment.text)
            text, style = segment.text.strip(), segment.style
            if not text:
                continue
            fg, bg = _palette(style.color), _palette(style.bgcolor)
            # Letters must read; rules, bars and marks must at least show.
            needed = 3.0 if any(c.isalnum() for c in text) else 2.0
            if _contrast(fg, bg) < needed:
                problems.append(f"line {y}: {text[:20]!r} {fg} on {bg}: {_contrast(fg, bg):.2f} < {needed}")
            original = tuple(style.bgcolor.get_truecolor())
            if change := _changed_look(original, bg):
                problems.append(f"line {y}: background {original} became {bg}: {change}")
        drawn.append("".join(line))
    return problems, "\n".join(drawn)


@pytest.mark.parametrize("theme", BUNDLED)
async def test_every_bundled_theme_reads_in_256_colours(tmp_path, theme):
    app = urgent_desk(tmp_path, theme=theme)  # flash and urgent rows and their badges, read and unread
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        items = [row for row in app.desk_screen.wire.rows if not isinstance(row, Header)]
        app.desk.marks.arrived[items[2].id] = app.clock()  # a "new" band
        app.desk.marks.alerts.add(items[3].id)
        await pilot.press("m", "j")  # a read row, the cursor on an unread one
        await settle(app, pilot)
        header = next(row.group for row in app.desk_screen.wire.rows if isinstance(row, Header))
        listed = [f" {header}  ", urgency.of(items[3]).headline[:8]]  # a header, a list row
        # The list focused, the article focused (in the list's place at 80 columns: its rule), a folded group.
        for step, expected in (([], listed), (["tab"], ["─" * 20]), (["tab", "c"], [f"▸ {header}  "])):
            await pilot.press(*step)
            await settle(app, pilot)
            problems, drawn = _unreadable(app)
            assert problems == [], "\n".join(problems)
            assert all(text in drawn for text in expected), drawn


async def test_a_theme_chosen_in_the_command_palette_is_applied_and_remembered(tmp_path):
    app = make_desk(tmp_path, theme="wire")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("ctrl+p", *"theme")
        await pilot.pause(0.5)
        await pilot.press("enter")  # "Theme": the palette now lists the themes
        await pilot.pause(0.5)
        await pilot.press(*"teletekst")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.theme == "teletekst"
    assert open_store(tmp_path).settings()["theme"] == "teletekst"
