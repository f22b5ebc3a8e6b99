"""The characters that keep `normalise.is_plain` from vouching for a text: every character that NFKC or casefold
changes, that carries a combining class or that may compose with the character before it (by a canonical pair or,
for Hangul jamo, by rule), in the Basic
Multilingual Plane (any character past it counts as one). A text holding none of them (and none of `is_usual`'s)
is its own NFKC and its own casefold once the frequent full-width marks are replaced: `match_key` then skips both.

The set follows Python's Unicode database: it is kept in monitor/data/match-key-chars.txt (written by
``python -m monitor.keychars``, computing takes ~0.1 s) with the database's version; under another version
`is_plain` vouches for nothing (tests/test_normalise.py checks the file against the running database)."""

from __future__ import annotations

import unicodedata
from importlib import resources
from pathlib import Path

__all__ = ["changing_chars", "load", "ranges"]

_FILE = "match-key-chars.txt"


def changing_chars() -> set[str]:
    """Computed from the running Unicode database (slow: a pass over every code point)."""
    found = {chr(cp) for cp in range(0xD800, 0xE000)}  # lone surrogates: left to the full path
    for cp in range(0x10000):
        char = chr(cp)
        if char.casefold() != char or unicodedata.normalize("NFKC", char) != char or unicodedata.combining(char):
            found.add(char)
    # the second of a canonical pair composes with the character before it (NFKC's quick check says "maybe")
    for cp in range(0x110000):
        parts = unicodedata.decomposition(chr(cp)).split()
        if len(parts) == 2 and not parts[0].startswith("<") and int(parts[1], 16) < 0x10000:
            found.add(chr(int(parts[1], 16)))
    # Hangul composes by rule, not by a decomposition field: a vowel jamo after a leading one, a trailing jamo after
    # a syllable of two (U+1100 U+1161 is 가)
    found.update(map(chr, range(0x1161, 0x1176)))
    found.update(map(chr, range(0x11A8, 0x11C3)))
    return found


def ranges(chars: set[str]) -> list[tuple[int, int]]:
    points = sorted(map(ord, chars))
    runs: list[tuple[int, int]] = []
    for point in points:
        if runs and runs[-1][1] == point - 1:
            runs[-1] = (runs[-1][0], point)
        else:
            runs.append((point, point))
    return runs


def load() -> list[tuple[int, int]] | None:
    """The ranges kept in the data file, or None when it was written under another Unicode database."""
    version, text = resources.files("monitor.data").joinpath(_FILE).read_text(encoding="ascii").split("\n")[:2]
    if version != f"unicode {unicodedata.unidata_version}":
        return None
    return [(int(a, 16), int(b, 16)) for a, _, b in (run.partition("-") for run in text.split())]


def main() -> None:
    runs = ranges(changing_chars())
    path = Path(__file__).parent / "data" / _FILE
    path.write_text(f"unicode {unicodedata.unidata_version}\n" + " ".join(f"{a:04X}-{b:04X}" for a, b in runs) + "\n",
                    encoding="ascii")
    print(f"{len(runs)} ranges -> {path}")


if __name__ == "__main__":
    main()
