"""What every benchmark shares: paths, timing, results, scratch copies, a desk in tmux."""

from __future__ import annotations

import hashlib
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "bench" / "data"
# The console script next to this interpreter: the same entry point a user runs.
WIREDESK = str(Path(sys.executable).parent / "wiredesk")


@dataclass
class Result:
    what: str
    value: float
    unit: str
    limit: float | None = None  # the target; None for figures reported for context
    higher_is_better: bool = False
    command: str = ""  # what was timed
    note: str = ""

    @property
    def ok(self) -> bool | None:
        if self.limit is None:
            return None
        return self.value >= self.limit if self.higher_is_better else self.value <= self.limit

    @property
    def target(self) -> str:
        if self.limit is None:
            return ""
        return f"{'≥' if self.higher_is_better else '≤'} {fmt(self.limit)} {self.unit}"


def fmt(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    if abs(value) < 0.01:
        return f"{value:.2g}"  # sub-millisecond seconds keep their digits
    return f"{value:.3f}"


def table(results: list[Result]) -> str:
    lines = ["| measure | result | target | pass | timed | note |", "|---|---|---|---|---|---|"]
    for r in results:
        verdict = {True: "pass", False: "**FAIL**", None: ""}[r.ok]
        command = f"`{r.command}`" if r.command else ""
        lines.append(f"| {r.what} | {fmt(r.value)} {r.unit} | {r.target} | {verdict} | {command} | {r.note} |")
    return "\n".join(lines)


def machine() -> str:
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
         if line.startswith("model name")),
        platform.processor() or "unknown",
    )
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(ROOT), "status", "--porcelain", "tui"], capture_output=True, text=True)
    state = "tui/ has uncommitted changes" if dirty.stdout.strip() else "tui/ clean"
    return (
        f"nproc {os.cpu_count()}, CPU {cpu}, Python {platform.python_version()}, "
        f"{datetime.now().astimezone():%Y-%m-%d %H:%M %Z}, git {head.stdout.strip()} ({state}), "
        f"load average at start {os.getloadavg()[0]:.2f}"
    )


def median_of(repeats: int, measure: Callable[[], float]) -> float:
    return statistics.median(measure() for _ in range(repeats))


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


def median_time(repeats: int, call: Callable[[], object]) -> float:
    """Median seconds of an in-process call."""
    return median_of(repeats, lambda: timed(call))


def ratio(what: str, top: Result, bottom: Result, limit: float | None = None) -> Result:
    """A ratio of two figures from the same run, so machine speed mostly cancels out."""
    return Result(what, top.value / bottom.value, "×", limit, note=f"{fmt(top.value)} / {fmt(bottom.value)} {top.unit}")


def env() -> dict[str, str]:
    """The user's config and data dirs stay out of every run."""
    isolated = DATA / "xdg"
    out = {k: v for k, v in os.environ.items() if k not in ("WIREDESK_CONFIG", "WIREDESK_DATA_DIR")}
    for name in ("CONFIG", "DATA", "CACHE", "STATE"):
        out[f"XDG_{name}_HOME"] = str(isolated / name.lower())
    return out


def run_timed(argv: list[str], extra_env: dict[str, str] | None = None) -> tuple[float, str]:
    """Wall time of a subprocess, start to exit, and its stdout; a failing command stops the benchmark."""
    start = time.perf_counter()
    done = subprocess.run(argv, env={**env(), **(extra_env or {})}, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{shlex.join(argv)} exited {done.returncode}: {done.stderr.strip()[-500:]}")
    return elapsed, done.stdout


def fetch_argv(data_dir: Path, feeds: list[Path] | list[str]) -> list[str]:
    argv = [WIREDESK, "fetch", "--data-dir", str(data_dir)]
    for feed in feeds:
        argv += ["--feed", str(feed)]
    return argv


def show(argv: list[str]) -> str:
    """A command as the table prints it: paths relative to the checkout, scratch copies as COPY, feeds elided."""
    scratch = str(DATA / "scratch")
    words = ["COPY" if w.startswith(scratch) else os.path.relpath(w, ROOT) if w.startswith("/") else w for w in argv]
    words[0] = "wiredesk" if argv[0] == WIREDESK else words[0]
    feeds = [w for w in words if w.endswith(".xml")]
    if len(feeds) > 2:
        text = shlex.join(w for w in words if not w.endswith(".xml") and w != "--feed")
        return f"{text} --feed {feeds[0]} ... ({len(feeds)} feeds)"
    return shlex.join(words)


def fingerprint() -> str:
    """Hash of the code that decides what a built cache holds; a change rebuilds the caches."""
    digest = hashlib.sha1()
    for room in ("core", "store", "fetch"):  # the UI and the command line don't change what a cache holds
        for path in sorted((ROOT / "tui" / room).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


@contextmanager
def scratch_dir() -> Iterator[Path]:
    """A temp dir on the same disk as the caches, so fsync costs what it costs a user."""
    (DATA / "scratch").mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp(dir=DATA / "scratch"))
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def scratch_copy(cache: Path) -> Iterator[Path]:
    """A writable copy of a built cache; the original stays as built."""
    with scratch_dir() as tmp:
        shutil.copytree(cache, tmp / "d")
        yield tmp / "d"


def mtimes(data_dir: Path) -> dict[str, int]:
    """Every file in a data dir, by path, with its mtime; whatever the store's layout is today."""
    return {str(p.relative_to(data_dir)): p.stat().st_mtime_ns for p in data_dir.rglob("*") if p.is_file()}


class Desk:
    """The real `wiredesk` TUI on a cache, not polling, in a private tmux server, 120x40; or `argv` in its place."""

    def __init__(self, data_dir: Path | None = None, argv: list[str] | None = None) -> None:
        argv = argv or [WIREDESK, "--no-poll", "--data-dir", str(data_dir)]
        self.socket = f"wiredesk-bench-{os.getpid()}-{time.monotonic_ns()}"
        self.command = show(argv)
        # exec, so the pane's pid is the program itself.
        command = "exec " + shlex.join(argv)
        self.started = time.perf_counter()
        self._tmux("-f", "/dev/null", "new-session", "-d", "-s", "desk", "-x", "120", "-y", "40", command)
        self.pid = int(self._tmux("display-message", "-p", "-t", "desk", "#{pane_pid}"))

    def _tmux(self, *args: str) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], env=env(), capture_output=True, text=True, timeout=10)
        if done.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout.strip()

    def screen(self) -> str:
        return self._tmux("capture-pane", "-p", "-t", "desk")

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 120.0) -> float:
        """Seconds from launch until the screen matched."""
        deadline = time.monotonic() + timeout
        while not predicate(screen := self.screen()):
            if time.monotonic() > deadline:
                raise RuntimeError(f"the desk never showed the list in {timeout} s:\n{screen}")
            time.sleep(0.05)
        return time.perf_counter() - self.started

    def proc(self, field: str) -> str:
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return line.split(":", 1)[1].strip()
        raise KeyError(field)

    def cpu_seconds(self) -> float:
        # utime and stime, fields 14 and 15; split after the ")" since comm may hold spaces.
        fields = Path(f"/proc/{self.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], env=env(), capture_output=True)


@contextmanager
def desk(data_dir: Path | None = None, argv: list[str] | None = None) -> Iterator[Desk]:
    session = Desk(data_dir, argv)
    try:
        yield session
    finally:
        session.close()
