"""The polling schedule as the real desk runs it, and the commands around a running desk.

`--interval` and per-feed intervals are counted on a loopback server while the real
`wiredesk` runs in tmux; the first-poll spread is checked against the poller's own
seeded random; alerts come from a config file; `wiredesk list` runs beside a live
desk; and `make` / `.ci/run` are checked for idempotence on copies, with stand-in
tools on PATH so that nothing is installed.
"""

from __future__ import annotations

import asyncio
import os
import random
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from tests.helpers.feeds import Entry, rss
from tests.helpers.ids import entry_id
from tests.helpers.live import gaps, running
from tests.helpers.tmux import Tmux
from tests.helpers.waiting import until, wait_until
from tui.core.feeds import FeedSource
from tui.fetch.poller import FIRST_POLL_SPREAD, Poller
from tui.store import open_store

ROOT = Path(__file__).resolve().parents[2]
SLACK = 0.5  # seconds a poll may come late: the fetch, the parse and a busy shared machine


def backlog(n: int = 3, prefix: str = "Story") -> list[Entry]:
    now = time.time()
    return [Entry(f"{prefix} {k}", guid=f"urn:{prefix}:{k}", link=f"https://wire.test/{prefix}/{k}",
                  date=now - 60 * (k + 1), body=f"<p>KYIV (ANP) - Text {k}.</p>") for k in range(n)]


@pytest.fixture
def desk_in_tmux(tmp_path, gazetteer_cache):
    """Start the real `wiredesk ARGS` in tmux, in English, on tmp_path/data, with the gazetteer's kept copy (built
    at its first start, it holds the GIL long enough to make the next poll late); closed after the test."""
    sessions: list[Tmux] = []

    def start(args: str, width: int = 120, height: int = 30) -> Tmux:
        app = (f"env -u COLUMNS -u LINES -u LC_ALL -u LC_MESSAGES LANG=en_US.UTF-8 XDG_CACHE_HOME={gazetteer_cache} "
               f"{sys.executable} -m tui "
               f"--data-dir {tmp_path / 'data'} {args}")
        session = Tmux(width, height, f"cd {tmp_path} && {app}; echo EXITED $?; sleep 30")
        sessions.append(session)
        return session

    yield start
    for session in sessions:
        session.close()


def not_exited(desk: Tmux) -> bool:
    """True while the desk in tmux runs: a wait on it fails as soon as the desk has exited."""
    if "EXITED" in (screen := desk.screen()):
        raise AssertionError(f"the desk exited:\n{screen}")
    return True


def write_config(path: Path, text: str) -> Path:
    path.write_text(text)
    return path


# --interval and per-feed intervals, counted on the server


def test_interval_flag_sets_how_often_the_desk_polls(server, desk_in_tmux, tmp_path):
    server.set("/wire.xml", rss(backlog()))
    # The config says every 30 s; --interval says every second, and wins.
    config = write_config(tmp_path / "config.toml", f'[[feeds]]\nurl = "{server.url("/wire.xml")}"\ninterval = 30\n')
    desk = desk_in_tmux(f"--config {config} --interval 1")
    wait_until(lambda: not_exited(desk) and len(server.arrived("/wire.xml")) >= 5, 20, "five polls", interval=0.05)
    times = server.arrived("/wire.xml")[:5]
    assert all(1 * 0.9 - 0.02 <= gap <= 1 * 1.1 + SLACK for gap in gaps(times)), gaps(times)
    assert "EXITED" not in desk.screen()


def test_each_feed_is_polled_on_its_own_interval(server, desk_in_tmux, tmp_path):
    server.set("/fast.xml", rss(backlog(prefix="Fast"), title="Fast wire"))
    server.set("/slow.xml", rss(backlog(prefix="Slow"), title="Slow wire"))
    config = write_config(tmp_path / "config.toml", (
        f'[[feeds]]\nurl = "{server.url("/fast.xml")}"\ninterval = 1\n\n'
        f'[[feeds]]\nurl = "{server.url("/slow.xml")}"\ninterval = 3\n'
    ))
    desk = desk_in_tmux(f"--config {config}")
    start = wait_until(
        lambda: not_exited(desk) and min(server.arrived("/fast.xml") + server.arrived("/slow.xml"), default=None),
        20, "the first poll", interval=0.05)
    time.sleep(max(0.0, start + 7.0 - time.monotonic()))
    fast = [t for t in server.arrived("/fast.xml") if t <= start + 7.0]
    slow = [t for t in server.arrived("/slow.xml") if t <= start + 7.0]
    # First polls are spread over half an interval; after that each feed keeps its own beat.
    assert fast[0] - start <= 0.5 + SLACK and slow[0] - start <= 1.5 + SLACK, (fast[0] - start, slow[0] - start)
    assert all(0.9 - 0.02 <= gap <= 1.1 + SLACK for gap in gaps(fast)), gaps(fast)
    assert all(2.7 - 0.02 <= gap <= 3.3 + SLACK for gap in gaps(slow)), gaps(slow)
    assert 5 <= len(fast) <= 8 and len(fast) >= 2 * len(slow), (len(fast), len(slow))
    assert 2 <= len(slow) <= 3, len(slow)
    assert "EXITED" not in desk.screen()


# The first-poll spread, against the poller's own seeded random


@pytest.mark.parametrize(
    ("feeds", "interval", "seed"),
    [(6, 4.0, 3), (3, 60.0, 0)],
    ids=["half-the-interval", "capped-at-FIRST_POLL_SPREAD"],
)
async def test_first_polls_are_spread_as_the_seeded_random_says(server, data_dir, feeds, interval, seed):
    paths = [f"/feed{n}.xml" for n in range(feeds)]
    for n, path in enumerate(paths):
        server.set(path, rss(backlog(1, prefix=f"F{n}"), title=f"Feed {n}"))
    bound = min(FIRST_POLL_SPREAD, interval / 2)
    draws = random.Random(seed)
    expected = [draws.uniform(0, bound) for _ in paths]  # one draw per feed, in the order of the feeds
    assert max(expected) - min(expected) > bound / 4, "the seed spreads them (a check on the test itself)"
    sources = [FeedSource(url=server.url(p), interval=interval) for p in paths]
    started = time.monotonic()
    async with running(Poller(open_store(data_dir), sources, rand=random.Random(seed)), lambda result: None) as task:
        await until(lambda: all(server.arrived(p) for p in paths) or task.done(), bound + 3, "a poll of every feed")
    offsets = [server.arrived(p)[0] - started for p in paths]
    for path, offset, want in zip(paths, offsets, expected, strict=True):
        assert want - 0.02 <= offset <= want + SLACK, (path, offset, want)
    assert all(len(server.arrived(p)) == 1 for p in paths), "no second poll within the interval"


async def test_a_single_feed_is_polled_at_once(server, data_dir):
    server.set("/only.xml", rss(backlog(1)))
    started = time.monotonic()
    poller = Poller(open_store(data_dir), [FeedSource(url=server.url("/only.xml"), interval=60)])
    async with running(poller, lambda result: None):
        await until(lambda: server.arrived("/only.xml"), 3, "the poll", interval=0.01)
    assert server.arrived("/only.xml")[0] - started < SLACK


async def test_poll_now_also_cuts_the_first_poll_spread_short(server, data_dir):
    paths = [f"/feed{n}.xml" for n in range(4)]
    for n, path in enumerate(paths):
        server.set(path, rss(backlog(1, prefix=f"F{n}"), title=f"Feed {n}"))
    seed = 5
    draws = random.Random(seed)
    spread = [draws.uniform(0, FIRST_POLL_SPREAD) for _ in paths]
    assert min(spread) > 1.0, "every feed would wait more than a second (a check on the test itself)"
    poller = Poller(open_store(data_dir), [FeedSource(url=server.url(p), interval=60) for p in paths],
                    rand=random.Random(seed))
    async with running(poller, lambda result: None):
        await asyncio.sleep(0.2)
        poller.poll_now()  # what `r` does
        asked = time.monotonic()
        await until(lambda: all(server.arrived(p) for p in paths), 1.0, "a poll of every feed after poll_now()")
    late = [p for p in paths if not server.arrived(p) or server.arrived(p)[0] - asked > 0.5]
    assert late == [], f"still waiting out their start-up spread after poll_now(): {late}"


# Alerts from the config file, shown literally


def test_alerts_from_the_config_file_notify_with_markup_shown_literally(server, desk_in_tmux, tmp_path):
    calm = backlog(3)
    server.set("/wire.xml", rss(calm))
    config = write_config(tmp_path / "config.toml", (
        'alerts = ["Odesa", "[bold red]Charkiv[/]"]\n\n'
        f'[[feeds]]\nurl = "{server.url("/wire.xml")}"\ninterval = 1\n'
    ))
    desk = desk_in_tmux(f"--config {config}", width=160, height=30)
    desk.wait_for(lambda s: all(e.title in s for e in calm), timeout=20)
    hot = Entry("[bold red]Charkiv[/] shelled", guid="urn:hot", link="https://wire.test/hot", date=time.time(),
                body="<p>KYIV (ANP) - Shelling.</p>")
    server.set("/wire.xml", rss([hot, *calm]))
    screen = desk.wait_for(lambda s: "Alert: [bold red]Charkiv[/]" in s, timeout=6)
    toast = [line for line in screen.splitlines() if "[bold red]Charkiv[/] shelled" in line]
    assert len(toast) >= 2, screen  # the list row and the notification, both with the brackets
    assert any(line.lstrip().startswith("! [bold red]Charkiv[/] shelled") for line in toast), screen
    status = subprocess.run([sys.executable, "-m", "tui", "status", "--data-dir", str(tmp_path / "data")],
                            capture_output=True, text=True, timeout=20)
    assert status.stdout == "wire 4 unread · 1 alert\n", status.stdout
    assert "EXITED" not in desk.screen()


# `wiredesk list` beside a running desk


def wiredesk(data: Path, *args: str) -> subprocess.CompletedProcess:
    done = subprocess.run([sys.executable, "-m", "tui", *args, "--data-dir", str(data)],
                          capture_output=True, text=True, timeout=20)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done


def listed(data: Path, *args: str) -> list[dict]:
    return [orjson.loads(line) for line in wiredesk(data, "list", "--json", *args).stdout.splitlines()]


def test_list_works_while_a_desk_runs_and_writes(server, desk_in_tmux, tmp_path):
    data = tmp_path / "data"
    stories = backlog(4)
    server.set("/wire.xml", rss(stories))
    desk = desk_in_tmux(f"--feed {server.url('/wire.xml')} --interval 1")
    desk.wait_for(lambda s: all(e.title in s for e in stories), timeout=20)
    wait_until(lambda: len(listed(data)) == 4, 5, "the desk's items on disk", interval=0.05)
    # While the desk keeps polling and storing new items, list runs again and again, never failing.
    seen = []
    late_from = time.time() - 30  # a second apart: ids no longer order items published in the same second
    for k in range(4):
        stories.insert(0, Entry(f"Late {k}", guid=f"urn:late:{k}", date=late_from + k, body="<p>X (ANP) - y.</p>"))
        server.set("/wire.xml", rss(stories))
        seen.append(len(listed(data)))
        time.sleep(0.3)
    assert seen == sorted(seen) and seen[-1] >= 4
    wait_until(lambda: len(listed(data)) == 8, 5, "every late item on disk", interval=0.05)
    plain = wiredesk(data, "list").stdout.splitlines()
    assert len(plain) == 8 and all(line.startswith("* ") for line in plain), plain
    assert plain[0].endswith(f"[{entry_id(stories[0], server.url('/wire.xml'))}]"), "newest first"

    desk.keys("m")  # the item under the desk's cursor, read in the desk
    wait_until(lambda: len(listed(data, "--unread")) == 7, 5, "the desk's read mark seen by list", interval=0.05)
    read = [item for item in listed(data) if item["read"]]
    assert len(read) == 1
    assert read[0]["title"] in desk.screen()
    assert "EXITED" not in desk.screen()


# make run / make test and .ci/run: idempotent, checked on copies with stand-in tools


def executable(path: Path, text: str) -> Path:
    path.write_text(text)
    path.chmod(path.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return path


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """The Makefile and pyproject.toml in a temp dir, with a stand-in .venv whose python only logs."""
    copy = tmp_path / "project"
    (copy / ".venv" / "bin").mkdir(parents=True)
    shutil.copy(ROOT / "Makefile", copy / "Makefile")
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    log = copy / "calls.log"
    for tool in ("python", "wiredesk"):
        executable(copy / ".venv" / "bin" / tool, f'#!/bin/sh\necho "{tool} $*" >> "{log}"\n')
    return copy


def make(copy: Path, *args: str) -> str:
    # A make that runs this suite passes its own variables down in MAKEFLAGS: drop them.
    env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    done = subprocess.run(["make", *args], cwd=copy, capture_output=True, text=True, timeout=30,
                          env={**env, "PYTEST_ARGS": ""})
    assert done.returncode == 0, done.stderr
    return done.stdout


def calls(copy: Path) -> list[str]:
    log = copy / "calls.log"
    return log.read_text().splitlines() if log.exists() else []


def test_make_run_and_test_install_once(project_copy):
    copy = project_copy
    assert "pip install" in make(copy, "-n", "run"), "no stamp yet: a dry run shows the install"
    make(copy, "run")
    make(copy, "run")
    make(copy, "test")
    make(copy, "test")
    make(copy, "run")
    assert calls(copy) == [
        "python -m pip install --quiet -e .",
        "wiredesk ", "wiredesk ",
        "python -m pip install --quiet -e .[test]",
        "python -m pytest -q", "python -m pytest -q",
        "wiredesk ",
    ]
    # With the stamps there, a dry run prints no install line for either target.
    for target in ("run", "test"):
        dry = make(copy, "-n", target)
        assert "pip" not in dry and dry.strip(), dry
    # A changed pyproject.toml is the one thing that installs again.
    future = time.time() + 5
    os.utime(copy / "pyproject.toml", (future, future))
    assert "pip install" in make(copy, "-n", "run")
    assert "pip install" in make(copy, "-n", "test")


def test_make_test_after_make_test_first_does_not_install_for_run(project_copy):
    make(project_copy, "test")
    assert "pip" not in make(project_copy, "-n", "run"), "the test install covers run too"


def test_the_real_checkout_has_its_stamps_newer_than_pyproject():
    """`make -n run` here, where the suite runs: the venv is installed, so no pip line."""
    stamp = ROOT / ".venv" / ".installed"
    if not stamp.exists() or stamp.stat().st_mtime < (ROOT / "pyproject.toml").stat().st_mtime:
        pytest.skip("this checkout's venv predates its pyproject.toml: make would rightly reinstall")
    dry = subprocess.run(["make", "-n", "run"], cwd=ROOT, capture_output=True, text=True, timeout=30)
    assert dry.returncode == 0 and "pip" not in dry.stdout and ".venv/bin/wiredesk" in dry.stdout, dry.stdout


@pytest.fixture
def ci_copy(tmp_path) -> tuple[Path, Path, Path]:
    """.ci/run in a temp tree; a bin dir of stand-ins (make, apt-get, sudo) that log instead of acting."""
    tree = tmp_path / "tree"
    (tree / ".ci").mkdir(parents=True)
    shutil.copy(ROOT / ".ci" / "run", tree / ".ci" / "run")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    log = tmp_path / "calls.log"
    for tool in ("make", "apt-get", "sudo", "tmux"):
        executable(bin_dir / tool, f'#!/bin/sh\necho "{tool} $*" >> "{log}"\n')
    for tool in ("bash", "dirname", "id", "env"):  # what the script itself needs, and nothing else
        (bin_dir / tool).symlink_to(shutil.which(tool))
    return tree, bin_dir, log


def run_ci(tree: Path, bin_dir: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "bash"), str(tree / ".ci" / "run")], capture_output=True, text=True,
                          timeout=30, env={"PATH": str(bin_dir), "HOME": str(tree)})


def test_ci_run_leaves_an_installed_tmux_alone(ci_copy):
    tree, bin_dir, log = ci_copy
    done = run_ci(tree, bin_dir)
    assert done.returncode == 0, done.stderr
    assert "installing tmux" not in done.stdout
    assert log.read_text().splitlines() == ["make lint", "make test"]


def test_ci_run_installs_tmux_only_when_it_is_missing(ci_copy):
    tree, bin_dir, log = ci_copy
    (bin_dir / "tmux").unlink()
    done = run_ci(tree, bin_dir)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("installing tmux")
    runs = log.read_text().splitlines()
    prefix = "" if os.getuid() == 0 else "sudo "  # root runs apt-get itself, anyone else through sudo
    assert runs == [f"{prefix}apt-get update -qq", f"{prefix}apt-get install -y -qq tmux", "make lint", "make test"]
