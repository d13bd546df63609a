"""End to end: the desk leaves cleanly when its terminal goes away, however it was started.

Under `make run`, make leads the terminal's session and catches the hang-up, so closing the
pane once left the desk reading end-of-file at 100% of a core, holding its lock. Each test
starts the real desk in tmux under one launcher, closes the session (which hangs up the pty)
or sends SIGTERM, and reads the process table: the desk is gone within seconds, used little
CPU on the way out, saved the mark made before, released its lock, and left no demo cache.
"""

from __future__ import annotations

import fcntl
import os
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pytest

from tests.helpers.feeds import Entry, rss
from tests.helpers.tmux import LiveTmux, Tmux
from tests.helpers.waiting import wait_until

EXIT_WITHIN = 3.0  # seconds from closing the terminal to the desk gone
CPU_ON_THE_WAY_OUT = 0.6  # CPU seconds the desk may use from the close to its end; a spin uses them all
TICKS = os.sysconf("SC_CLK_TCK")


def _env(*unset: str) -> str:
    """COLUMNS/LINES leak in from pytest and would pin Textual to 80x24; LC_ALL=C: English on any machine."""
    return " ".join(["env", *(f"-u {name}" for name in ("COLUMNS", "LINES", *unset)), "LC_ALL=C"])


class Session(Tmux):
    def kill(self, what: str = "kill-session") -> None:
        """kill-session or kill-pane: tmux closes the pty, which hangs up the desk's terminal."""
        self._tmux(what, "-t", "desk")


def _launch(launcher: str, desk: str, tmp_path: Path) -> str:
    """The pane's command: the desk under make (a make target), a shell wrapper, or exec."""
    if launcher == "make":
        makefile = tmp_path / "Makefile"
        makefile.write_text(f"run:\n\t{desk}\n")
        return f"make -f {makefile} run"
    if launcher == "shell":
        return f"sh -c '{desk}; echo done; sleep 30'"
    return f"exec {desk}"


def _processes(needle: str) -> dict[int, list[bytes]]:
    """Every process in the table whose command line names `needle`, with its arguments."""
    found = {}
    for entry in Path("/proc").iterdir():
        try:
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:  # not a process, or gone meanwhile
            continue
        if needle.encode() in b" ".join(argv):
            found[int(entry.name)] = argv
    return found


def _desk_pids(needle: str) -> list[int]:
    return [pid for pid, argv in _processes(needle).items() if argv[:3] == [sys.executable.encode(), b"-m", b"tui"]]


@pytest.fixture(autouse=True)
def _reap(tmp_path):
    """A desk that failed its test must not spin on after it: kill whatever names the test's folder."""
    yield
    for pid in _processes(str(tmp_path)):
        with suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)


def _state(stat: Path) -> str:
    return stat.read_text().rsplit(")", 1)[1].split()[0]


def _running(pid: int) -> bool:
    """Whether a thread of the process has yet to end: a zombie has closed its files, and so its lock."""
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return False
    for task in tasks:
        with suppress(OSError):
            if _state(task / "stat") not in ("Z", "X"):
                return True
    return False


def _cpu(pid: int) -> float:
    """User plus system CPU seconds of all the threads of a process."""
    with suppress(OSError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICKS
    return 0.0


def _until_gone(pid: int, since: float, before: float) -> tuple[float, float]:
    """Seconds until every thread of the process ended, and CPU seconds it used from `since` on."""
    used = 0.0

    def gone() -> bool:
        nonlocal used
        used = max(used, _cpu(pid) - before)
        return not _running(pid)

    try:
        wait_until(gone, since + EXIT_WITHIN - time.monotonic(), f"the end of desk {pid}", interval=0.05)
    except AssertionError:
        raise AssertionError(f"desk {pid} still running {EXIT_WITHIN} s after the close, {used:.2f} s CPU") from None
    return time.monotonic() - since, max(used, _cpu(pid) - before)


def _lock_free(data: Path) -> bool:
    with open(data / ".desk.lock", "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(lock, fcntl.LOCK_UN)
        return True


def _wiredesk(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, timeout=20)


@pytest.fixture
def wire(tmp_path):
    """A data dir holding three unread items from a feed file, and the desk's command on it."""
    feed = tmp_path / "wire.xml"
    feed.write_bytes(rss([Entry(f"Story {k}", guid=f"urn:life:{k}", date=time.time() - 60 * k) for k in range(3)]))
    data = tmp_path / "data"
    assert _wiredesk("fetch", "--feed", str(feed), "--data-dir", str(data)).returncode == 0
    return data, f"{_env()} {sys.executable} -m tui --no-poll --feed {feed} --data-dir {data}"


def _mark_one(session: Session) -> None:
    session.wait_for(lambda s: "3 unread" in s and "Story 2" in s, timeout=15)
    session.keys("m")
    session.wait_for(lambda s: "2 unread" in s, timeout=5)


def _read_ids(data: Path) -> list[str]:
    listed = _wiredesk("list", "--json", "--data-dir", str(data))
    assert listed.returncode == 0, listed.stderr
    return [line for line in listed.stdout.splitlines() if '"read":true' in line]


@pytest.mark.parametrize("close", ["kill-session", "kill-pane"])
@pytest.mark.parametrize("launcher", ["make", "shell", "exec"])
def test_closing_the_terminal_ends_the_desk_in_order(tmp_path, wire, launcher, close):
    data, desk = wire
    session = Session(100, 30, _launch(launcher, desk, tmp_path))
    try:
        _mark_one(session)
        [pid] = _desk_pids(str(data))
        before, closed = _cpu(pid), time.monotonic()
        session.kill(close)
        took, used = _until_gone(pid, closed, before)
    finally:
        session.close()
    print(f"{launcher} {close}: gone in {took:.2f} s, {used:.2f} s CPU after the close")
    assert used < CPU_ON_THE_WAY_OUT, f"{used:.2f} s CPU on the way out: it spun"
    assert not _processes(str(tmp_path)), "the launcher or the desk outlived the session"
    assert _lock_free(data), "the desk lock is still held"
    assert len(_read_ids(data)) == 1, "the mark made before the close was lost"


def test_the_next_desk_starts_on_the_same_data_dir_after_make_run_closes(tmp_path, wire):
    data, desk = wire
    first = Session(100, 30, _launch("make", desk, tmp_path))
    try:
        first.wait_for(lambda s: "3 unread" in s, timeout=15)
        [pid] = _desk_pids(str(data))
        first.kill()
        _until_gone(pid, time.monotonic(), _cpu(pid))
    finally:
        first.close()
    second = Session(100, 30, f"{desk}; echo EXITED $?; sleep 30")
    try:
        second.wait_for(lambda s: "3 unread" in s, timeout=15)
        second.keys("q")
        second.wait_for(lambda s: "EXITED 0" in s, timeout=10)
    finally:
        second.close()


def test_sigterm_saves_the_mark_and_restores_the_terminal(tmp_path, wire):
    data, desk = wire
    session = Session(100, 30, f"{desk}; echo EXITED $?; sleep 30")
    try:
        _mark_one(session)
        [pid] = _desk_pids(str(data))
        before, sent = _cpu(pid), time.monotonic()
        os.kill(pid, signal.SIGTERM)
        took, used = _until_gone(pid, sent, before)
        print(f"SIGTERM: gone in {took:.2f} s, {used:.2f} s CPU after the signal")
        # The shell behind it reports the signal's status on a screen the desk gave back.
        session.wait_for(lambda s: "EXITED 143" in s and "Story" not in s, timeout=5)
    finally:
        session.close()
    assert _lock_free(data)
    assert len(_read_ids(data)) == 1


@pytest.mark.parametrize("how", ["hang-up", "SIGTERM"])
def test_the_demo_cache_is_removed_on_the_way_out(tmp_path, how):
    temp = tmp_path / "tmp"
    temp.mkdir()
    config = tmp_path / "config.toml"  # empty: the demo wire; named, so the desk's command line names the test
    config.touch()
    # No data dir named: the demo wire replays into a fresh cache in the temporary folder.
    desk = f"{_env('WIREDESK_DATA_DIR')} TMPDIR={temp} {sys.executable} -m tui --config {config} --interval 600"
    session = Session(100, 30, _launch("make", desk, tmp_path))
    try:
        session.wait_for(lambda s: "wiredesk" in s and list(temp.glob("wiredesk-demo-*/.desk.lock")), timeout=20)
        [lock] = temp.glob("wiredesk-demo-*/.desk.lock")
        [pid] = _desk_pids(str(config))
        assert int(lock.read_text()) == pid, "the demo cache is the desk's"
        before, closed = _cpu(pid), time.monotonic()
        if how == "hang-up":
            session.kill()
        else:
            os.kill(pid, signal.SIGTERM)
        took, used = _until_gone(pid, closed, before)
    finally:
        session.close()
    print(f"demo {how}: gone in {took:.2f} s, {used:.2f} s CPU after it")
    assert list(temp.iterdir()) == [], "the demo's temporary cache was left behind"


def test_a_killed_demos_cache_is_swept_by_the_next_demo_and_a_running_ones_is_kept(tmp_path):
    temp = tmp_path / "tmp"
    temp.mkdir()
    sessions, caches = [], {}

    def demo(name: str) -> Session:
        config = tmp_path / f"{name}.toml"  # empty: the demo wire; the name tells the desks apart
        config.touch()
        desk = f"{_env('WIREDESK_DATA_DIR')} TMPDIR={temp} {sys.executable} -m tui --config {config} --interval 600"
        sessions.append(session := Session(100, 30, _launch("exec", desk, tmp_path)))
        known = set(caches.values())
        session.wait_for(lambda s: "wiredesk" in s and set(temp.glob("wiredesk-demo-*/.desk.lock")) - known, 20)
        [caches[name]] = {lock.parent for lock in temp.glob("wiredesk-demo-*/.desk.lock")} - known
        return session

    try:
        demo("killed")
        demo("running")
        [killed] = _desk_pids(str(tmp_path / "killed.toml"))
        os.kill(killed, signal.SIGKILL)  # no way to clean up
        wait_until(lambda: not _running(killed), 5, "the killed desk gone")
        long_ago = time.time() - 600
        for cache in caches.values():
            os.utime(cache, (long_ago, long_ago))
        demo("next")
    finally:
        for session in sessions:
            session.close()
    assert not caches["killed"].exists(), "the killed desk's demo cache was swept"
    assert caches["running"].exists(), "a running desk's demo cache is never swept, however old"


def test_an_io_error_on_the_terminal_ends_the_desk_in_order(tmp_path, wire):
    """EIO, as job control gives it: the desk's process group orphaned and put in the background of its terminal
    (tests/helpers/orphan.py), so its next read fails; no hang-up, no end-of-file, no signal comes."""
    data, desk = wire
    pids = tmp_path / "pids"
    session = Session(100, 30, f"exec {sys.executable} -m tests.helpers.orphan {pids} {desk}")
    try:
        wait_until(pids.exists, 10, "the desk started under its own process group")
        parent, pid = map(int, pids.read_text().split())
        _mark_one(session)
        before, orphaned = _cpu(pid), time.monotonic()
        os.kill(parent, signal.SIGKILL)  # the group loses its last parent in the session: orphaned
        wait_until(Path(f"{pids}.background").exists, 5, "the desk's group put in the background")
        assert _running(pid), "orphaned and in the background, the desk runs on until it reads"
        session.keys("j")  # the read that fails with EIO
        took, used = _until_gone(pid, orphaned, before)
        left = session.screen()
    finally:
        session.close()
    print(f"EIO: gone in {took:.2f} s, {used:.2f} s CPU after the orphaning")
    assert "Errno" not in left, f"the desk crashed on the error instead of leaving in order:\n{left}"
    assert used < CPU_ON_THE_WAY_OUT, f"{used:.2f} s CPU on the way out: it spun"
    assert _lock_free(data), "the desk lock is still held"
    assert len(_read_ids(data)) == 1, "the mark made before the error was lost"


def test_a_second_sigterm_during_the_exit_keeps_the_mark_frees_the_lock_and_gives_the_terminal_back(tmp_path, wire):
    """The second SIGTERM lands while the mark made just before is still being saved (a slow disk:
    tests/helpers/slow_marks.py); the desk goes at once after that save, not in the middle of it, and leaves the
    terminal as it found it: cooked, echoing, on the main screen with its cursor shown. The shell behind it is
    dash, which has no line editor of its own to hide a raw terminal: it must echo what is typed and run it."""
    data, desk = wire
    saving = tmp_path / "saving"
    slow = desk.replace(" -m tui ", f" -m tests.helpers.slow_marks {saving} ")
    session = LiveTmux(100, 30, "env PS1='$ ' dash")
    try:
        session.wait_for(lambda s: "$" in s, timeout=5, what="the shell's prompt")
        session.keys(f"{slow}; echo EXITED $?", "Enter")
        session.wait_for(lambda s: "3 unread" in s and "Story 2" in s, timeout=15)
        [pid] = [pid for pid, argv in _processes(str(data)).items() if b"tests.helpers.slow_marks" in argv]
        session.keys("m")
        wait_until(saving.exists, 5, "the mark's save under way")
        before, sent = _cpu(pid), time.monotonic()
        os.kill(pid, signal.SIGTERM)
        time.sleep(0.3)  # one pause, not a wait for a state: the desk's loop takes the first signal meanwhile
        os.kill(pid, signal.SIGTERM)  # insists, while the first exit waits for the save
        took, used = _until_gone(pid, sent, before)
        session.wait_for(lambda s: "EXITED 143" in s, timeout=5, what="the shell's report of the SIGTERM")
        assert session.display("#{alternate_on} #{cursor_flag}") == "0 1", "still on the alternate screen, or no cursor"
        session.keys("echo typed-back")  # not run yet: only the terminal's echo can show it
        session.wait_for(lambda s: "$ echo typed-back" in s, timeout=5, what="the typed text echoed")
        session.keys("Enter")
        session.wait_for(lambda s: "\ntyped-back" in s, timeout=5, what="the typed command run")
        session.keys("echo modes $(stty -a | tr -s ' ;' '\\n\\n' | grep -x -e -icanon -e icanon -e -echo -e echo)",
                     "Enter")
        screen = session.wait_for(lambda s: "\nmodes " in s, timeout=5, what="stty's modes")
    finally:
        session.close()
    print(f"second SIGTERM: gone in {took:.2f} s, {used:.2f} s CPU after the signals")
    assert _lock_free(data), "the desk lock is still held"
    assert len(_read_ids(data)) == 1, "the mark being saved when the second SIGTERM came was lost"
    modes = screen.split("\nmodes ", 1)[1].split("\n", 1)[0].split()
    assert sorted(modes) == ["echo", "icanon"], screen  # not -icanon, -echo: raw
