"""Real SIGKILLs at chosen moments: code for a child process that kills itself before its Nth atomic write."""

from __future__ import annotations

# Prepended to a child's code: argv[2] is N; `renames` counts the atomic renames (os.replace) so far.
KILL_AT_RENAME = r"""
import os, signal, sys

kill_at = int(sys.argv[2])
renames = 0

def hook(event, args):
    # SIGKILL just before the kill_at-th atomic rename: the earlier writes are done, the rest never happen.
    global renames
    if event == "os.rename":
        renames += 1
        if renames == kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

sys.addaudithook(hook)
"""
