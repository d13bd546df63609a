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


def bundled_themes() -> tuple[list[Theme], list[str]]:
    themes, problems = [], []
    for path in sorted(bundled_dir("themes").glob("*.toml")):
        try:
            themes.append(load_theme(path))
        except ValueError as exc:
            problems.append(str(exc))
    return themes, problems
