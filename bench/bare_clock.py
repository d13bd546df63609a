"""A bare Textual app with a header clock: the floor the desk's idle CPU is held against (bench/idle_vs_bare.py)."""

from textual.app import App, ComposeResult
from textual.widgets import Header


class BareClock(App):
    def compose(self) -> ComposeResult:
        yield Header(show_clock=True)


if __name__ == "__main__":
    BareClock().run()
