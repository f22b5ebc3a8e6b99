"""The articles a digest holds, packed into one value of its row (``digest.article_ids``).

A digest records every article chosen for it (not only those shown), so that no later digest repeats them and
a resend or the web copy shows the same list. One row per (digest, article) made 4.7M rows a day for 10,000
subscribers over a busy window (issue 23), written before each batch is sent; packed, it is one value written
in the digest's own INSERT. Format: a version byte, then the sorted ids as differences from the previous one,
little-endian 64-bit integers, zlib-compressed (the differences are small: ~1–2 bytes per id).
"""

from __future__ import annotations

import sys
import zlib
from array import array
from collections.abc import Iterable
from itertools import accumulate

__all__ = ["pack_ids", "unpack_ids", "PackedIdsError"]

_VERSION = b"\x01"


class PackedIdsError(ValueError):
    """A stored list of article ids that this code cannot read (corrupt, or written by a newer version)."""


def pack_ids(ids: Iterable[int]) -> bytes:
    ordered = sorted(set(ids))
    deltas = array("q", (b - a for a, b in zip([0, *ordered], ordered, strict=False)))
    if sys.byteorder == "big":
        deltas.byteswap()
    return _VERSION + zlib.compress(deltas.tobytes(), 1)


def unpack_ids(data: bytes) -> list[int]:
    if data[:1] != _VERSION:
        raise PackedIdsError(
            f"digest article ids stored in an unknown format (first byte {data[:1]!r}); "
            "is the database newer than this code?"
        )
    deltas = array("q")
    try:
        deltas.frombytes(zlib.decompress(data[1:]))
    except (zlib.error, ValueError) as exc:
        raise PackedIdsError(f"digest article ids are corrupt: {exc}") from exc
    if sys.byteorder == "big":
        deltas.byteswap()
    return list(accumulate(deltas))
