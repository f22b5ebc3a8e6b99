"""A digest's articles packed into its row (monitor/digest/article_ids.py, issue 23)."""

from __future__ import annotations

import random

import pytest

from monitor.digest.article_ids import PackedIdsError, pack_ids, unpack_ids


def test_ids_come_back_sorted_once_each() -> None:
    rng = random.Random(5)
    for ids in ([], [7], [3, 1, 3, 2], [2**40, 1, 2**31 + 5], rng.sample(range(1, 2_000_000), 3000)):
        assert unpack_ids(pack_ids(ids)) == sorted(set(ids))


def test_a_window_of_ids_packs_small() -> None:
    ids = range(1_000_000, 1_005_000, 2)  # a day's window: dense ids
    assert len(pack_ids(ids)) < len(ids)  # under a byte an id (a row each was ~40 bytes with its index)


@pytest.mark.parametrize(
    "stored", [b"", b"\x02abc", b"\x01not zlib", b"\x01" + bytes([120, 1]) + b"\x00" * 3]
)
def test_an_unreadable_list_says_so(stored: bytes) -> None:
    with pytest.raises(PackedIdsError):
        unpack_ids(stored)
