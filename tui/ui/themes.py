"""Theme files (themes/*.toml) turned into Textual themes. A broken file is reported, not fatal."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from tui.bundled import bundled_dir

DEFAULT_THEME = "wire"
_COLOURS = ("primary", "secondary", "accent", "warning", "error", "success", "foreground", "background",
            "surface", "panel", "boost")
# Theme variables wiredesk itself reads (Theme.variables). Only these are accepted, because
# any other name would pass straight into Textual's CSS, where a bad value breaks every screen.
VARIABLES = {
    "wire-header-foreground": "group header text in the wire list",
    "wire-header-background": "group header rows as solid full-width bars",
}


def _colour(path: Path, key: str, value) -> None:
    try:
        Color.parse(value)
    except (ColorParseError, TypeError):
        raise ValueError(f"{path}: {key}: not a colour: {value!r}") from None


def load_theme(path: Path) -> Theme:
    """Raises ValueError with a one-line reason."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from None
    unknown = sorted(set(data) - {"name", "dark", "variables", *_COLOURS})
    if unknown:
        raise ValueError(f"{path}: unknown key {unknown[0]!r}")
    if not isinstance(data.get("name"), str) or not isinstance(data.get("primary"), str):
        raise ValueError(f"{path}: needs name and primary")
    for key in _COLOURS:
        if key in data:
            _colour(path, key, data[key])
    variables = data.get("variables", {})
    if not isinstance(variables, dict):
        raise ValueError(f"{path}: variables: not a table")
    for key, value in variables.items():
        if key not in VARIABLES:
            raise ValueError(f"{path}: variables: unknown variable {key!r} (have: {', '.join(VARIABLES)})")
        _colour(path, f"variables.{key}", value)
    return Theme(**data)


def load_themes(user_dir: Path | None = None) -> tuple[list[Theme], list[str]]:
    """The bundled themes, then the user's (which may replace a bundled one by name).

    Returns the themes and a one-line warning for each file that could not be used."""
    themes: dict[str, Theme] = {}
    problems = []
    folders = [bundled_dir("themes")] + ([user_dir] if user_dir and user_dir.is_dir() else [])
    for folder in folders:
        for path in sorted(folder.glob("*.toml")):
            try:
                theme = load_theme(path)
            except ValueError as exc:
                problems.append(f"{exc} (theme skipped)")
                continue
            themes[theme.name] = theme
    return list(themes.values()), problems


def broken_theme(user_dir: Path | None, name: str | None) -> str | None:
    """Why the user's file for theme `name` (NAME.toml) can't be used; None if it loads or is absent.

    Tells a theme the config names but whose file is broken (start on the default, with a
    warning) from a name that matches nothing at all (an error)."""
    if not user_dir or not name:
        return None
    path = user_dir / f"{name}.toml"
    if not path.is_file():
        return None
    try:
        load_theme(path)
    except ValueError as exc:
        return str(exc)
    return None
