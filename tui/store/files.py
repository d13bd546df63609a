"""The cache's files: TinyDB databases, each written whole and atomically; damaged ones moved aside.

Every file is a TinyDB database (tables of documents keyed by id). The store reads and writes
them whole through AtomicJSONStorage and never uses TinyDB's query layer, which would rewrite
the file on every change."""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeAlias

import orjson
from tinydb.storages import Storage

# A TinyDB table: document id (an item id, a feed URL) -> document.
Docs: TypeAlias = dict[str, dict[str, Any]]
Tables: TypeAlias = dict[str, Docs]
# A file's tables as stored -> as the current format has them (see upgrade.py).
Translate: TypeAlias = Callable[[Path, Tables | None], Tables | None]

SUBDIRS = ("items", "bodies", "ids", "fulltext")
DECODED_FILES = 8  # id shards kept decoded for the article pane
# orjson takes some twelve times a file's size in scratch memory while it parses (measured: 33 MB for
# a day's 2.8 MB of bodies, the desk's peak RSS); past this size the standard parser, as fast on
# large files, reads it within its own size.
ORJSON_MAX = 256 * 1024

# atomic_write's temp files: only these are ever swept as leftovers of a killed writer.
_TEMP_NAME = re.compile(r"\..+\.json\.\d+\.\d+\.tmp")


def atomic_write(path: Path, data: bytes) -> None:
    """Temp file, fsync, rename, fsync the directory: a kill leaves old or new, never half."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    handle = open(tmp, "wb")  # noqa: SIM115 - closed below; a failed open leaves nothing to remove
    try:
        with handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        # A full disk fails mid-write: the partial temp file must not stay to fill it further.
        tmp.unlink(missing_ok=True)
        raise
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class AtomicJSONStorage(Storage):
    """TinyDB storage: orjson (json for large files), whole-file atomic writes, corrupt files moved aside."""

    def __init__(
        self, path: str | Path, on_corrupt: Callable[[Path], None] | None = None, translate: Translate | None = None
    ) -> None:
        self.path = Path(path)
        self.on_corrupt = on_corrupt
        self.translate = translate

    def read(self) -> Tables | None:
        tables = self._read()
        return tables if self.translate is None else self.translate(self.path, tables)

    def _read(self) -> Tables | None:
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return None
        if not data:
            return None
        try:
            tables = orjson.loads(data) if len(data) < ORJSON_MAX else json.loads(data)
        except (ValueError, RecursionError):  # RecursionError: json's answer to a file of nested brackets
            tables = None
        if _is_database(tables):
            return tables  # type: ignore[no-any-return]  # its shape checked just above
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            os.replace(self.path, aside)
        except OSError:
            # Another reader moved it first, or the cache is read-only: either way it is not
            # data, and the first writable open moves it aside and says so.
            return None
        if self.on_corrupt:
            self.on_corrupt(aside)
        return None

    def write(self, data: Tables) -> None:
        atomic_write(self.path, orjson.dumps(data))

    def close(self) -> None:
        pass


def _is_database(tables: object) -> bool:
    """TinyDB's shape: tables of documents, each a JSON object.

    Valid JSON of any other shape is as bad as a torn file."""
    return isinstance(tables, dict) and all(
        isinstance(table, dict) and all(isinstance(doc, dict) for doc in table.values()) for table in tables.values()
    )


class Files:
    """The database files under one data directory.

    Damaged files met on the way are moved aside and listed in `moved_aside`, for the caller
    to report. A few decoded tables are kept while their file is unchanged (see `cached`)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.moved_aside: list[Path] = []
        self._decoded: dict[Path, tuple[int, Docs]] = {}
        # Set while a cache in an older format is read without upgrading it (it cannot be written).
        self.translate: Translate | None = None

    def storage(self, path: Path) -> AtomicJSONStorage:
        return AtomicJSONStorage(path, on_corrupt=self.moved_aside.append, translate=self.translate)

    def raw(self, path: Path) -> Tables | None:
        """A file's tables as stored, whatever `translate` says."""
        return AtomicJSONStorage(path, on_corrupt=self.moved_aside.append).read()

    def table(self, path: Path, name: str) -> Docs:
        """One table of a file; empty when the file is missing or damaged."""
        docs: Docs = self.tables(path).get(name, {})
        return docs

    def tables(self, path: Path) -> Tables:
        """Every table of a file; none when the file is missing or damaged."""
        return self.storage(path).read() or {}

    def put(self, path: Path, name: str, docs: Docs, tables: Tables | None = None) -> None:
        """Replace one table of a file, keeping its other tables. Only under the write lock.

        `tables`: the file's tables as read under this same lock, so that a large file is not read twice."""
        storage = self.storage(path)
        tables = storage.read() or {} if tables is None else tables
        tables[name] = docs
        storage.write(tables)

    def cached(self, path: Path, load: Callable[[], Docs]) -> Docs:
        """A table kept decoded while its file is unchanged: opening article after article stays cheap.

        `load` reads the table; a missing file is loaded each time (for an id shard, that is
        where it is rebuilt) and not kept."""
        try:
            mtime = path.stat().st_mtime_ns
        except FileNotFoundError:
            return load()
        hit = self._decoded.get(path)
        if hit and hit[0] == mtime:
            return hit[1]
        docs = load()
        if len(self._decoded) >= DECODED_FILES:
            self._decoded.pop(next(iter(self._decoded)))
        self._decoded[path] = (mtime, docs)
        return docs

    def sweep_temp_files(self) -> None:
        """Remove temp files a killed writer left. Safe only under the write lock: every
        writer holds it while its temp file exists, so any temp file seen now is an orphan."""
        for folder in (self.root, *(self.root / sub for sub in SUBDIRS)):
            for path in folder.glob(".*.tmp"):
                if _TEMP_NAME.fullmatch(path.name):
                    path.unlink(missing_ok=True)
