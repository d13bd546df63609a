"""Side by side with newsboat on the same 50 x 1,000 items, in one run: ingest, unchanged reload, status line,
first screen and TUI peak RSS. Both read the generated feeds from one loopback HTTP server, each with its
default settings; the ratios are wiredesk / newsboat, so below 1 wiredesk is ahead.

Installs nothing: without a `newsboat` on PATH it reports that it skipped.
"""

from __future__ import annotations

import shutil
import statistics
import time
from collections import defaultdict
from pathlib import Path

from bench.common import WIREDESK, Result, desk, fetch_argv, ratio, run_timed, scratch_dir
from bench.generate import ITEMS_PER_FEED, feed_files
from bench.loopback import Loopback, display
from bench.memory import SETTLE, list_shown

FEEDS = 50
ITEMS = FEEDS * ITEMS_PER_FEED


class Wiredesk:
    name = "wiredesk"

    def __init__(self, folder: Path, urls: list[str]) -> None:
        self.data = folder / "wiredesk"
        self.urls = urls

    def reset(self) -> None:
        shutil.rmtree(self.data, ignore_errors=True)

    def fetch(self) -> list[str]:
        return fetch_argv(self.data, self.urls)

    def status(self) -> list[str]:
        return [WIREDESK, "status", "--data-dir", str(self.data)]

    def tui(self) -> list[str]:
        return [WIREDESK, "--no-poll", "--data-dir", str(self.data)]

    def shown(self, screen: str) -> bool:
        return list_shown(screen)

    def show(self, argv: list[str]) -> str:
        return display(argv)


class Newsboat:
    """Debian's newsboat with an empty config, its urls file and cache in a temp dir."""

    name = "newsboat"

    def __init__(self, folder: Path, urls: list[str]) -> None:
        self.folder = folder / "newsboat"
        self.folder.mkdir()
        (self.folder / "urls").write_text("".join(url + "\n" for url in urls), encoding="utf-8")
        (self.folder / "config").write_text("", encoding="utf-8")
        self.cache = self.folder / "cache.db"

    def reset(self) -> None:
        for path in self.folder.glob("cache.db*"):
            path.unlink()

    def _argv(self, *extra: str) -> list[str]:
        files = ("-u", self.folder / "urls", "-c", self.cache, "-C", self.folder / "config")
        return ["newsboat", *map(str, files), *extra]

    def fetch(self) -> list[str]:
        return self._argv("-x", "reload")

    def status(self) -> list[str]:
        return self._argv("-x", "print-unread")

    def tui(self) -> list[str]:
        return self._argv()

    def shown(self, screen: str) -> bool:
        return "Bench wire" in screen  # feed titles: only the feed list shows them

    def show(self, argv: list[str]) -> str:
        return "newsboat -u URLS -c CACHE -C EMPTY" + "".join(f" {w}" for w in argv[7:])


Tool = Wiredesk | Newsboat


def run(args) -> list[Result]:
    if shutil.which("newsboat") is None:
        message = "skipped: no newsboat on PATH (Debian: apt-get install newsboat); this benchmark installs nothing"
        print(message, flush=True)
        return [Result("compared with newsboat", 0, "figures", note=message)]
    feeds = feed_files(FEEDS)
    with scratch_dir() as tmp, Loopback(feeds[0].parent) as server:
        urls = [server.url(path) for path in feeds]
        tools: list[Tool] = [Wiredesk(tmp, urls), Newsboat(tmp, urls)]
        samples: dict[tuple[str, str], list[float]] = defaultdict(list)
        for _ in range(args.repeats):
            for tool in tools:  # interleaved, so a noisy neighbour hits both alike
                for key, seconds in _fetches(tool).items():
                    samples[tool.name, key].append(seconds)
        for _ in range(args.repeats):  # before the TUIs: wiredesk's marks the item under its cursor read
            for tool in tools:
                samples[tool.name, "status"].append(_status(tool))
        for _ in range(args.repeats):
            for tool in tools:
                shown, peak = _tui(tool)
                samples[tool.name, "first screen"].append(shown)
                samples[tool.name, "peak RSS"].append(peak)
    return _results(tools, {key: statistics.median(values) for key, values in samples.items()})


def _fetches(tool: Tool) -> dict[str, float]:
    tool.reset()
    ingest = run_timed(tool.fetch())[0]
    # newsboat keeps a feed's Last-Modified only from its second fetch on: the third is the steady state.
    run_timed(tool.fetch())
    return {"ingest": ingest, "reload": run_timed(tool.fetch())[0]}


def _status(tool: Tool) -> float:
    seconds, out = run_timed(tool.status())
    if str(ITEMS) not in out:
        raise RuntimeError(f"{tool.name} should count {ITEMS} unread, but says: {out.strip()}")
    return seconds


def _tui(tool: Tool) -> tuple[float, float]:
    """Seconds from launch to the first screen with the feeds, and VmHWM in MB a while after."""
    with desk(argv=tool.tui()) as pane:
        shown = pane.wait_for(tool.shown)
        time.sleep(SETTLE)
        return shown, int(pane.proc("VmHWM").split()[0]) / 1024


AFTER = f"median; VmHWM read {SETTLE:.0f} s after the first screen, in tmux 120x40"
FIGURES = (  # key, what, unit, target ratio, today's ratio in issue 12, note
    ("ingest", "ingest 50 × 1,000 items into an empty cache", "s", 1.0, "1.10×", "median"),
    ("reload", "reload, feeds unchanged (304 Not Modified)", "s", 1.0, "0.06×", "median of the third fetch"),
    ("status", "status line on 50k items", "s", 1.0, "0.18×", "median"),
    ("first screen", "TUI launch → first screen, 50k items", "s", 1.0, "0.98×", "median, in tmux 120x40"),
    ("peak RSS", "TUI peak RSS (VmHWM), 50k items", "MB", 1.5, "2.64×", AFTER),
)
ARGV = {"ingest": "fetch", "reload": "fetch", "status": "status", "first screen": "tui", "peak RSS": "tui"}


def _results(tools: list[Tool], medians: dict[tuple[str, str], float]) -> list[Result]:
    out = []
    for key, what, unit, limit, today, note in FIGURES:
        pair = [
            Result(f"{what}: {tool.name}", medians[tool.name, key], unit,
                   command=tool.show(getattr(tool, ARGV[key])()), note=note)
            for tool in tools
        ]
        versus = ratio(f"{what}: wiredesk / newsboat", *pair, limit)
        versus.note += f"; issue 12 measured {today}"
        out += [*pair, versus]
    return out
