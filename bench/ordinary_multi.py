"""Ordinary multi-speaker reports the roundup splitter must leave whole (tests/data/ordinary_multi, issue 18).

Every page is labelled one article. Each goes through the text path (``extract_text_page``) and, built as
``bench/roundup_variants.py`` builds its HTML variant (one ``<p>`` per line), through the HTML path
(``extract_article``); a page is wrongly cut when either returns a piece.

    .venv/bin/python bench/ordinary_multi.py [--verbose]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from roundup_variants import variant_page  # noqa: E402

from monitor.extract.extractor import extract_article, extract_text_page  # noqa: E402

PAGES = ROOT / "tests" / "data" / "ordinary_multi"


def cut_pages() -> tuple[int, list[tuple[str, int]], list[tuple[str, int]]]:
    """The number of pages, and the pages cut into pieces as text and as HTML with their piece counts."""
    labels = json.loads((PAGES / "labels.json").read_text(encoding="utf-8"))["pages"]
    as_text, as_html = [], []
    for page in labels:
        text = (PAGES / page["file"]).read_text(encoding="utf-8")
        url = page["url"]
        if n := len(extract_text_page(text, url).pieces):
            as_text.append((page["file"], n))
        html_page, _ = variant_page("html", text)
        if n := len(extract_article(html_page, url).pieces):
            as_html.append((page["file"], n))
    return len(labels), as_text, as_html


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="name the pages cut")
    args = parser.parse_args()
    total, as_text, as_html = cut_pages()
    print(f"ordinary multi-speaker reports cut into pieces: text {len(as_text)} of {total}, HTML {len(as_html)} of {total}")
    if args.verbose:
        for kind, rows in (("text", as_text), ("html", as_html)):
            for name, n in rows:
                print(f"  {kind}: {name} ({n} pieces)")


if __name__ == "__main__":
    main()
