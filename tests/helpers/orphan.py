"""Run a command whose terminal read fails with EIO, as POSIX job control makes it: `python -m tests.helpers.orphan
PIDS COMMAND...` in a terminal's session (a tmux pane's program) runs COMMAND in a process group of its own, in the
foreground, under a parent that only holds the group. It writes "PARENT COMMAND_PID" to PIDS. Kill the parent and
COMMAND's group is orphaned; this program then takes the foreground back (writing PIDS.background), so the group is
in the background too, and its next read of the terminal fails with EIO: no signal, no end-of-file.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path


def main() -> None:
    pids, argv = Path(sys.argv[1]), sys.argv[2:]
    terminal = sys.stdin.fileno()
    foreground, started = os.pipe(), os.pipe()
    parent = os.fork()
    if parent == 0:
        os.setpgid(0, 0)
        os.read(foreground[0], 1)  # the group has the terminal: the command may set it up
        command = os.fork()
        if command == 0:
            os.execvp(argv[0], argv)
        os.write(started[1], str(command).encode())
        while True:  # holds the group together until it is killed
            signal.pause()
    os.setpgid(parent, parent)  # both sides set it, so neither races the other
    os.tcsetpgrp(terminal, parent)
    os.write(foreground[1], b"go")
    command = int(os.read(started[0], 32))
    pids.write_text(f"{parent} {command}")
    os.waitpid(parent, 0)
    signal.signal(signal.SIGTTOU, signal.SIG_IGN)  # from the background, taking the terminal would stop this
    os.tcsetpgrp(terminal, os.getpgrp())
    Path(f"{pids}.background").touch()
    while True:  # keep the session, and so the terminal, until the test closes it
        signal.pause()


if __name__ == "__main__":
    main()
