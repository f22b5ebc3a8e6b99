"""How the roundup splitter holds up when the same pages arrive in another presentation (issue 18).

The held-out halves measure generalisation to new pages, but each batch costs labels and can be scored once. This
measures one axis of it for free, on the TUNE half only (the held-out half is never read here): each tune page is
rewritten the way mirrors and sources print the same text, and the pieces right are counted again with the same
labels (converted alike). A rule fitted to one presentation shows up as pieces lost.

Variants:
- ``traditional``: simplified pages converted to traditional script (OpenCC s2t), as Hong Kong and Taiwan mirrors print;
- ``run-together``: every line joined by a space on one line, as forum mirrors and e-paper text layers do;
- ``fullwidth``: ASCII punctuation as full-width (，：；！？ and brackets holding no pinyin), as most HTML pages print;
- ``html``: the text as an HTML page of <p> elements, through the HTML extractor (the same splitter is meant to read
  both: issue 18).

    .venv/bin/python bench/roundup_variants.py [--variant NAME] [--verbose]
"""

from __future__ import annotations

import argparse
import html
import re
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from extraction import LabelledPiece, Roundup, half_of, load_roundups, piece_right  # noqa: E402

from monitor.extract.extractor import extract_article, extract_text_page  # noqa: E402
from monitor.normalise import looks_traditional  # noqa: E402

_PUNCT = dict(zip(",:;!?", "，：；！？", strict=True))
_BRACKETS = re.compile(r"\(([^()a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]*)\)")  # not pinyin ruby '(guó)'


def _traditional() -> Callable[[str], str]:
    import opencc

    return opencc.OpenCC("s2t").convert


def _fullwidth(text: str) -> str:
    return _BRACKETS.sub(r"（\1）", "".join(_PUNCT.get(c, c) for c in text))


def _same(text: str) -> str:
    return text


def variant_page(variant: str, text: str) -> tuple[str, Callable[[str], str]] | None:
    """The page in the variant's presentation and the conversion its labels need, or None when it does not apply."""
    if variant == "traditional":
        if looks_traditional(text):
            return None
        convert = _traditional()
        return convert(text), convert
    if variant == "run-together":
        return " ".join(line.strip() for line in text.splitlines() if line.strip()), _same
    if variant == "fullwidth":
        changed = _fullwidth(text)
        return (changed, _fullwidth) if changed != text else None
    if variant == "html":
        body = "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())
        return f"<html><head><title></title></head><body>{body}</body></html>", _same
    raise ValueError(f"unknown variant {variant!r}")


def pieces_right(roundup: Roundup, text: str, convert: Callable[[str], str]) -> int:
    article = (
        extract_article(text, roundup.url)
        if text.startswith("<html>")
        else extract_text_page(text, roundup.url)
    )
    got = [{"author": p.author, "author_post": p.author_post, "body": p.body} for p in article.pieces]
    golds = [
        LabelledPiece(convert(g.author), g.post and convert(g.post), convert(g.first), convert(g.last))
        for g in roundup.pieces
    ]
    return sum(any(piece_right(x, g, [o for o in golds if o is not g]) for x in got) for g in golds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--variant", choices=["traditional", "run-together", "fullwidth", "html"], action="append"
    )
    parser.add_argument("--verbose", action="store_true", help="the pages that lose pieces")
    args = parser.parse_args()
    tune = [r for r in load_roundups() if half_of(r.pid) == "tune" and not r.pid.startswith("seed")]
    print("| variant | tune pages | pieces | right as printed | right in the variant |")
    print("|---|---|---|---|---|")
    for variant in args.variant or ["traditional", "run-together", "fullwidth", "html"]:
        pages = pieces = before = after = 0
        lost = []
        for roundup in tune:
            text = roundup.path.read_text(encoding="utf-8")
            changed = variant_page(variant, text)
            if changed is None:
                continue
            right = pieces_right(roundup, text, _same)
            right_after = pieces_right(roundup, *changed)
            pages, pieces, before, after = (
                pages + 1,
                pieces + len(roundup.pieces),
                before + right,
                after + right_after,
            )
            if right_after < right:
                lost.append(f"    {roundup.pid}: {right} -> {right_after}")
        print(f"| {variant} | {pages} | {pieces} | {before} | {after} |")
        if args.verbose:
            print("\n".join(lost))


if __name__ == "__main__":
    main()
