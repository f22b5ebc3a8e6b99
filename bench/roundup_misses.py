"""The roundup pieces the splitter misses on the TUNE half, grouped by kind (issue 18): to write rules from a kind of
failure rather than from one page. The held-out half is never read here (bench/extraction.py scores it).

Kinds, for each labelled piece no extracted piece gets right (bench/extraction.py's `piece_right`):
- ``no piece for the signer``: no extracted piece has the labelled author;
- ``post wrong``: a piece has the author, not the post;
- ``start wrong`` / ``end wrong``: the author's piece lacks the piece's first or last words;
- ``holds a neighbour``: the author's piece holds another piece's first or last words.

    .venv/bin/python bench/roundup_misses.py [--batch NAME ...] [--pages]
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extraction import LabelledPiece, _norm, load_roundups, piece_right  # noqa: E402

from monitor.extract.extractor import extract_text_page  # noqa: E402


def miss_kind(gold: LabelledPiece, others: list[LabelledPiece], pieces: list[dict]) -> str | None:
    """The kind of miss of `gold` among the extracted `pieces`, None when one of them gets it right."""
    if any(piece_right(piece, gold, others) for piece in pieces):
        return None
    mine = next((p for p in pieces if _norm(p.get("author")) == _norm(gold.author)), None)
    if mine is None:
        return "no piece for the signer"
    body = _norm(mine.get("body"))
    if _norm(mine.get("author_post")) != _norm(gold.post):
        return "post wrong"
    if _norm(gold.first) not in body:
        return "start wrong"
    if _norm(gold.last) not in body:
        return "end wrong"
    return "holds a neighbour"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--batch", action="append", help="only these batches (labels.json's 'batch')")
    parser.add_argument("--pages", action="store_true", help="each page's extracted pieces and misses")
    args = parser.parse_args()
    pages = [r for r in load_roundups() if r.extra.get("source", "").startswith("published") and r.half == "tune"
             and (not args.batch or r.extra.get("batch") in args.batch)]
    kinds: collections.Counter[str] = collections.Counter()
    where: dict[str, list[str]] = collections.defaultdict(list)
    right = total = 0
    for page in pages:
        if page.path.suffix != ".txt":
            continue
        article = extract_text_page(page.path.read_text(encoding="utf-8"), page.url)
        pieces = [{"author": p.author, "author_post": p.author_post, "body": p.body} for p in article.pieces]
        misses = []
        for gold in page.pieces:
            total += 1
            kind = miss_kind(gold, [o for o in page.pieces if o is not gold], pieces)
            if kind is None:
                right += 1
                continue
            kinds[kind] += 1
            where[kind].append(page.pid.split("-")[0])
            misses.append((gold, kind))
        if args.pages and misses:
            print(f"\n{page.pid} [{page.shape[:80]}]")
            for piece in pieces:
                print(f"    got {piece['author']!r} / {piece['author_post']!r}: {_norm(piece['body'])[:30]}")
            for gold, kind in misses:
                print(f"    MISS {gold.author!r} / {gold.post!r}: {kind}")
    print(f"\ntune half: {right}/{total} pieces right")
    print("| kind | misses | pages |\n|---|---|---|")
    for kind, count in kinds.most_common():
        print(f"| {kind} | {count} | {' '.join(sorted(set(where[kind])))} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
