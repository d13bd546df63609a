"""Disks that fail: a data directory made read-only for real."""

from __future__ import annotations

import errno
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def read_only(data: Path) -> Iterator[tuple[Path, str]]:
    """`data` made read-only: (the path to use, the system's reason), undone afterwards.

    As root: a read-only bind mount (chmod does not stop root). Otherwise: chmod a-w."""
    if os.geteuid() != 0:
        dirs = [data, *(p for p in data.iterdir() if p.is_dir())]
        for path in dirs:
            path.chmod(0o555)
        try:
            yield data, os.strerror(errno.EACCES)
        finally:
            for path in dirs:
                path.chmod(0o755)
        return
    view = data.with_name(data.name + "-ro")
    view.mkdir()
    subprocess.run(["mount", "--bind", str(data), str(view)], check=True)
    try:
        remount = subprocess.run(["mount", "-o", "remount,ro,bind", str(view)], capture_output=True, text=True)
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only here: {remount.stderr.strip()}")
        yield view, os.strerror(errno.EROFS)
    finally:
        subprocess.run(["umount", "--lazy", str(view)], check=True)
