"""The real `python -m tui ...` run on the hostile corpus, and what its cache holds afterwards.

`run_cli` runs the command with a hard time limit and reports the child's peak memory;
`Background` starts one that is collected later. The checks below read what a fetch
printed and stored: one clear line, no control character, no XXE secret.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.helpers import ROOT
from tests.helpers.hostile_feeds import SECRET_MARKER
from tests.helpers.hostile_text import CONTROL, CONTROL_LINE

FETCH_TIMEOUT = 20.0  # seconds any single `wiredesk fetch` of one hostile feed may take
RSS_LIMIT_MB = 300.0  # peak memory of a fetch; a normal one is about 75 MB, the 10 MB cap allows the rest


# Running the real command line


def isolated_env(home: Path) -> dict[str, str]:
    """The environment for a child wiredesk: no user config, no user data."""
    env = dict(os.environ)
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        env[name] = str(home / name.lower())
    env["WIREDESK_DATA_DIR"] = str(home / "default-data")
    env.pop("WIREDESK_CONFIG", None)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


class Hang(AssertionError):
    pass


@dataclass
class Run:
    args: list[str]
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float  # the child's peak resident memory, with any children it waited for

    @property
    def lines(self) -> list[str]:
        return self.stdout.splitlines()

    def describe(self) -> str:
        return (f"`{' '.join(self.args)}` exit {self.returncode} in {self.seconds:.1f} s, "
                f"{self.max_rss_mb:.0f} MB\nstdout: {self.stdout[-2000:]!r}\nstderr: {self.stderr[-2000:]!r}")


# Starts the command from a small process and reports the command's own peak memory. A child
# forked straight from pytest would count pytest's memory as its own: Linux keeps the peak of
# the address space a process had before exec (a 400 MB parent gave `python -c pass` 410 MB).
_MEASURED = """
import os, sys
report = int(sys.argv[1])
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
os.write(report, str(usage.ru_maxrss).encode())
code = os.waitstatus_to_exitcode(status)
os._exit(code if code >= 0 else 128 - code)
"""


class Background:
    """A child started now and collected later (a fetch that takes its full deadline).

    A thread waits for it, so its exit time and its own peak memory are known exactly."""

    def __init__(self, args: list[str], env: Mapping[str, str]) -> None:
        self.args = args
        self._out = tempfile.TemporaryFile()
        self._err = tempfile.TemporaryFile()
        self.started = time.monotonic()
        self._report, report = os.pipe()
        self.proc = subprocess.Popen(
            [sys.executable, "-c", _MEASURED, str(report), sys.executable, "-m", "tui", *args],
            stdout=self._out, stderr=self._err, stdin=subprocess.DEVNULL, cwd=ROOT, env=dict(env),
            pass_fds=(report,), start_new_session=True,  # a kill reaches the command too
        )
        os.close(report)
        self._exit: tuple[float, int, float] | None = None  # seconds, exit code, peak MB
        self._waiter = threading.Thread(target=self._wait, name="wait4", daemon=True)
        self._waiter.start()

    def _wait(self) -> None:
        code = self.proc.wait()
        with os.fdopen(self._report, "rb") as report:
            peak_kb = float(report.read() or 0)
        self._exit = (time.monotonic() - self.started, code, peak_kb / 1024)

    def _kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)

    def result(self, timeout: float) -> Run:
        """Wait until `timeout` seconds after the start; kill and raise Hang past that."""
        self._waiter.join(max(0.0, self.started + timeout - time.monotonic()))
        if self._exit is None:
            self._kill()
            self._waiter.join()
            out, err = self._read()
            raise Hang(f"`wiredesk {' '.join(self.args)}` still running after {timeout:g} s; "
                       f"stdout {out[-1000:]!r} stderr {err[-1000:]!r}")
        seconds, code, peak = self._exit
        out, err = self._read()
        return Run(self.args, code, out, err, seconds, peak)

    def _read(self) -> tuple[str, str]:
        texts = []
        for handle in (self._out, self._err):
            handle.seek(0)
            texts.append(handle.read().decode("utf-8", "replace"))
        return texts[0], texts[1]

    def close(self) -> None:
        if self._exit is None:
            self._kill()
            self._waiter.join()
        self._out.close()
        self._err.close()


def run_cli(*args: str, env: Mapping[str, str], timeout: float = 30.0) -> Run:
    """`python -m tui ARGS`; raises Hang if it is still running after `timeout` seconds."""
    child = Background(list(args), env)
    try:
        return child.result(timeout)
    finally:
        child.close()


def fetch(urls: Iterable[str], data_dir: Path, env: Mapping[str, str], timeout: float = 30.0) -> Run:
    args = ["fetch"]
    for url in urls:
        args += ["--feed", url]
    return run_cli(*args, "--data-dir", str(data_dir), env=env, timeout=timeout)


def list_json(data_dir: Path, env: Mapping[str, str], *extra: str) -> list[dict]:
    run = run_cli("list", "--json", *extra, "--data-dir", str(data_dir), env=env, timeout=30)
    assert run.returncode == 0, run.describe()
    assert "Traceback" not in run.stderr, run.describe()
    return [json.loads(line) for line in run.lines]


# Looking at a cache


def cache_files(data_dir: Path) -> list[Path]:
    """Every cache file in use (not temp files, not files moved aside)."""
    return sorted(p for p in data_dir.rglob("*.json") if not p.name.startswith("."))


def all_files(data_dir: Path) -> list[Path]:
    return sorted(p for p in data_dir.rglob("*") if p.is_file())


def strings(value, path: str = "$") -> Iterable[tuple[str, str]]:
    """Every string in a JSON value, keys included, with where it was found."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, sub in value.items():
            yield f"{path}.key", key
            yield from strings(sub, f"{path}.{key}")
    elif isinstance(value, list):
        for n, sub in enumerate(value):
            yield from strings(sub, f"{path}[{n}]")


MULTILINE_FIELDS = ("html",)  # bodies keep tabs and newlines


def control_findings(data_dir: Path) -> list[str]:
    """Control characters in any string of any cache file, and raw escapes in the file bytes."""
    problems = []
    for path in cache_files(data_dir):
        raw = path.read_bytes()
        for needle in (b"\x1b", b"\x07", b"\xc2\x9b", b"\\u001b", b"\\u0007", b"\\u009b", b"\\u0000"):
            if needle in raw:
                problems.append(f"{path.relative_to(data_dir)}: bytes {needle!r}")
        for where, text in strings(json.loads(raw)):
            pattern = CONTROL if where.endswith(MULTILINE_FIELDS) else CONTROL_LINE
            if found := pattern.findall(text):
                problems.append(f"{path.relative_to(data_dir)} {where}: {sorted(set(found))!r} in {text[:80]!r}")
    return problems


# What a fetch must say and store


def check_one_line(run: Run, url: str, expect: str) -> None:
    """One line for the feed, no traceback, and ok or error as `expect` says ("either": whichever)."""
    assert "Traceback" not in run.stderr and "Traceback" not in run.stdout, run.describe()
    assert run.stderr == "", run.describe()
    assert len(run.lines) == 1, run.describe()
    [line] = run.lines
    ok = run.returncode == 0 and line.startswith(f"{url}: ok, ")
    error = run.returncode == 1 and line.startswith(f"{url}: error: ") and len(line) > len(f"{url}: error: ")
    assert ok or error, run.describe()
    if expect == "ok":
        assert ok, run.describe()
        assert not line.startswith(f"{url}: ok, 0 new"), run.describe()
    elif expect == "error":
        assert error, run.describe()


def _no_secret(where: str, text: str) -> None:
    assert SECRET_MARKER not in text, f"the XXE secret leaked into {where}"


def assert_secret_nowhere(data_dir: Path, *runs: Run) -> None:
    for run in runs:
        _no_secret("stdout", run.stdout)
        _no_secret("stderr", run.stderr)
    for path in all_files(data_dir):
        assert SECRET_MARKER.encode() not in path.read_bytes(), f"the XXE secret leaked into {path}"
