"""HTTP content codings undone with a cap on the output of every layer.

httpx inflates a response as it streams, with no limit on what one small read
can expand to: a 1 KB body coded 'gzip, gzip' becomes hundreds of megabytes in
one call. Here the raw bytes are read (capped like any body) and each coding is
undone by zlib with `max_length`, so memory stays bounded by the cap.
"""

from __future__ import annotations

import zlib

ACCEPTED = "gzip, deflate"  # what we ask for, and so all we must undo


class ContentError(Exception):
    """A coding we can't undo, or data that is not what its coding says."""


def codings(header: str) -> list[str]:
    """The codings of a Content-Encoding header, in the order they were applied."""
    names = [name.strip().lower() for name in header.split(",")]
    return [name for name in names if name and name != "identity"]


def decode(data: bytes, applied: list[str], limit: int) -> bytes:
    """Undo `applied` codings, last first; OverflowError when any layer exceeds `limit` bytes."""
    for name in reversed(applied):
        try:
            if name in ("gzip", "x-gzip"):
                data = _inflate(data, 16 + zlib.MAX_WBITS, limit)
            elif name == "deflate":
                try:
                    data = _inflate(data, zlib.MAX_WBITS, limit)
                except zlib.error:  # many servers send raw deflate without the zlib wrapper
                    data = _inflate(data, -zlib.MAX_WBITS, limit)
            else:
                raise ContentError(f"unsupported Content-Encoding {name!r}")
        except zlib.error:
            raise ContentError(f"damaged {name} data") from None
    return data


def _inflate(data: bytes, wbits: int, limit: int) -> bytes:
    out = bytearray()
    while data:
        inflater = zlib.decompressobj(wbits)
        out += inflater.decompress(data, limit + 1 - len(out))
        if len(out) > limit:
            raise OverflowError(limit)
        data = inflater.unused_data  # gzip allows several members one after another
        if not inflater.eof:
            break
    return bytes(out)
