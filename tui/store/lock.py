"""The cache's two locks: one desk per data directory, and one writer at a time.

Writers take a lock file and read-modify-write, so the TUI and a headless command
(`wiredesk read ID`) never overwrite each other's marks."""

from __future__ import annotations

import errno
import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from tui.store.interface import StoreError

# Errors that mean this process may never write here, as opposed to a disk that is full now.
READ_ONLY_ERRORS = {errno.EROFS, errno.EACCES, errno.EPERM}
FULL_ERRORS = {errno.ENOSPC, errno.EDQUOT}


class Locks:
    """The desk lock (.desk.lock, held while a desk runs) and the write lock (.lock, held per write).

    `on_first_write` runs once, under the write lock, before this store's first write (the
    sweep of temp files a killed writer left)."""

    def __init__(self, root: Path, on_first_write: Callable[[], None]) -> None:
        self.root = root
        # Why this desk may not write (the cache is read-only), or None; set by claim_desk.
        self.read_only: str | None = None
        self._on_first_write = on_first_write
        self._first_done = False
        self._thread_lock = threading.Lock()
        self._writer: int | None = None  # the thread inside writing(), so a repair there needs no second lock
        self._desk_lock: IO[str] | None = None

    def claim_desk(self) -> None:
        """Only one desk per data directory: it holds this lock until it exits.

        On a cache this process may not write, the desk opens read-only instead (see
        `read_only`): it can show the cache, and as it never writes it needs no lock."""
        try:
            lock = open(self.root / ".desk.lock", "a+")  # noqa: SIM115 - held until the desk exits
        except OSError as exc:
            if exc.errno in READ_ONLY_ERRORS | FULL_ERRORS:
                # A disk too full for even an empty file: show the cache, write nothing.
                self.read_only = exc.strerror
                return
            raise StoreError(f"{self.root}: cannot write .desk.lock: {exc.strerror}", exc) from None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            lock.seek(0)
            holder = lock.read().strip() or "?"
            lock.close()
            raise StoreError(f"another wiredesk (pid {holder}) is already running on {self.root}") from None
        try:
            # Unbuffered, so a full disk fails here and not again when the file closes.
            os.ftruncate(lock.fileno(), 0)
            os.write(lock.fileno(), str(os.getpid()).encode())
        except OSError as exc:
            if exc.errno not in FULL_ERRORS:
                lock.close()
                raise StoreError(f"{self.root}: cannot write .desk.lock: {exc.strerror}", exc) from None
            # The pid only names this desk to a second one; the lock holds without it, and the
            # desk runs on a full disk, saying what it could not save until there is room.
        self._desk_lock = lock

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the write lock; any OS failure inside becomes one StoreError naming the cache."""
        with self._thread_lock:
            try:
                if self.read_only:
                    raise OSError(errno.EROFS, self.read_only)
                lock = open(self.root / ".lock", "a")  # noqa: SIM115 - its failure is told apart; `with` below
            except OSError as exc:
                raise self._write_error(exc) from exc
            with lock:
                try:
                    fcntl.flock(lock, fcntl.LOCK_EX)
                    self._writer = threading.get_ident()
                    if not self._first_done:
                        self._on_first_write()
                        self._first_done = True
                    yield
                except StoreError:
                    raise
                except OSError as exc:
                    raise self._write_error(exc) from exc
                finally:
                    self._writer = None

    def held(self) -> bool:
        """Whether this thread is inside writing()."""
        return self._writer == threading.get_ident()

    def check_writable(self) -> None:
        with self.writing():
            pass

    def _write_error(self, exc: OSError) -> StoreError:
        return StoreError(f"{self.root}: cannot write the cache: {exc.strerror or exc}", exc)


def desk_running(root: Path) -> bool:
    """Whether a desk holds `root`'s desk lock now; a desk killed without cleaning up holds none."""
    try:
        lock = open(root / ".desk.lock")  # noqa: SIM115 - closed below, which drops a lock taken here
    except OSError:
        return False
    with lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return True
        return False
