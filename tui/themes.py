"""Theme files (themes/*.toml) turned into Textual themes. A broken file is reported, not fatal."""

from __future__ import annotations

import tomllib
from pathlib import Path

from textual.color import Color, ColorParseError
from textual.theme import Theme

from tui.demo import bundled_dir

DEFAULT_THEME = "wire"
_COLOURS = ("primary", "secondary", "accent", "warning", "error", "success", "foreground", "background",
            "surface", "panel", "boost")


def load_theme(path: Path) -> Theme:
    """Raises ValueError with a one-line reason."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValueError(f"{path}: {exc}") from None
    unknown = sorted(set(data) - {"name", "dark", *_COLOURS})
    if unknown:
        raise ValueError(f"{path}: unknown key {unknown[0]!r}")
    if not isinstance(data.get("name"), str) or not isinstance(data.get("primary"), str):
        raise ValueError(f"{path}: needs name and primary")
    for key in _COLOURS:
        if key in data:
            try:
                Color.parse(data[key])
            except (ColorParseError, TypeError):
                raise ValueError(f"{path}: {key}: not a colour: {data[key]!r}") from None
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
