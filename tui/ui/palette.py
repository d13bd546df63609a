"""The command palette's search boxes in the desk's language.

Textual's palette and its theme picker prompt "Search for commands…" and "Search for themes…" in English
whatever the desk speaks; these open the same screens with the prompt said in the desk's language.
"""

from __future__ import annotations

from textual.app import App
from textual.command import CommandPalette
from textual.theme import ThemeProvider

from tui.core.i18n import tr


class PaletteInLanguage(App[None]):
    """Mixed into the WireDesk, which has the language (`lang`)."""

    lang: str

    def action_command_palette(self) -> None:
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(CommandPalette(id="--command-palette",
                                            placeholder=tr(self.lang, "Search for commands…")))

    def search_themes(self) -> None:
        self.push_screen(CommandPalette(providers=[ThemeProvider], placeholder=tr(self.lang, "Search for themes…")))
