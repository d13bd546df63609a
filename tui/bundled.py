"""The resource folders that ship with wiredesk (seeds, themes), found installed or in a checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled_dir(name: str) -> Path:
    """A top-level resource folder (seeds, themes), installed or in a checkout."""
    installed = resources.files("tui") / name
    if installed.is_dir():
        return Path(str(installed))
    return Path(__file__).resolve().parent.parent / name
