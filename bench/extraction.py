"""Extraction benchmark: this project's extractor against trafilatura, readability-lxml and GNE.

Usage: python bench/extraction.py [--data ../shared/eval/extraction/cwce] [--verbose]

The metric is that of ``shared/eval/score_extraction.py`` (re-implemented here identically so
the benchmark runs without it): body character F1 after dropping whitespace, punctuation and
symbols (mean and 10th percentile by nearest rank, every page counts); date accuracy to the
precision of the annotation; author recall (every annotated name in author + post); pages
whose annotation starts with ``UNKN`` are left out of the date/author figures. Every
extractor gets the same decoded text (``monitor.fetch.decoding.decode_html``; trafilatura
mis-decodes GB2312 when given raw bytes). Time per page is wall time on one core.
"""

from __future__ import annotations

import argparse
import collections
import math
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from monitor.errors import MonitorError  # noqa: E402
from monitor.extract.extractor import extract_article  # noqa: E402
from monitor.fetch.decoding import decode_html  # noqa: E402
from monitor.timefmt import format_published  # noqa: E402

_SKIP = re.compile(r"[\s\u3000]+")


@dataclass(frozen=True)
class Page:
    pid: str
    html: str
    body: str
    author: str
    date: str


@dataclass(frozen=True)
class Output:
    body: str
    author: str | None
    published_at: str | None


def _chars(text: str) -> collections.Counter[str]:
    text = unicodedata.normalize("NFKC", text or "")
    return collections.Counter(c for c in _SKIP.sub("", text)
                               if not unicodedata.category(c).startswith(("P", "S", "Z", "C")))


def char_f1(pred: str, gold: str) -> float:
    p, g = _chars(pred), _chars(gold)
    if not p and not g:
        return 1.0
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def date_ok(pred: str | None, gold: str) -> bool:
    if not pred:
        return False
    g = re.findall(r"\d+", gold.split(" ")[0])
    p = re.findall(r"\d+", pred)
    return len(p) >= len(g) and all(int(a) == int(b) for a, b in zip(g, p[: len(g)], strict=False))


def load(data: Path) -> list[Page]:
    pages = []
    for path in sorted((data / "original").glob("*.html")):
        pid = path.stem

        def read(kind: str, pid: str = pid) -> str:
            return (data / kind / f"{pid}.txt").read_text(encoding="utf-8", errors="replace").strip()

        try:
            html, _ = decode_html(path.read_bytes())
        except MonitorError:
            html = path.read_bytes().decode("gb18030", errors="replace")
        pages.append(Page(pid, html, read("cleaned"), read("author"), read("date")))
    return pages


def ours(page: Page) -> Output:
    article = extract_article(page.html, f"file:///{page.pid}.html")
    return Output(article.body, " ".join(filter(None, [article.author, article.author_post])) or None,
                  format_published(article.published))


def trafilatura_(page: Page) -> Output:
    import trafilatura

    doc = trafilatura.bare_extraction(page.html, with_metadata=True)
    got = doc if isinstance(doc, dict) else (doc.as_dict() if doc else {})
    return Output(got.get("text") or "", got.get("author"), got.get("date"))


def readability_(page: Page) -> Output:
    import lxml.html
    from readability import Document

    return Output(lxml.html.fromstring(Document(page.html).summary()).text_content(), None, None)


def gne_(page: Page) -> Output:
    from gne import GeneralNewsExtractor

    doc = GeneralNewsExtractor().extract(page.html)
    return Output(doc.get("content", ""), doc.get("author"), doc.get("publish_time"))


EXTRACTORS: dict[str, Callable[[Page], Output]] = {
    "zone-monitor": ours, "trafilatura": trafilatura_, "readability-lxml": readability_, "GNE": gne_}


@dataclass(frozen=True)
class Score:
    mean: float
    p10: float
    date_acc: float | None
    author_recall: float | None
    pages_per_s: float
    rows: tuple[tuple[str, float, bool | None, bool | None, str], ...]


def score(extractor: Callable[[Page], Output], pages: list[Page], has_meta: bool) -> Score:
    f1s: list[float] = []
    dates: list[bool] = []
    authors: list[bool] = []
    rows = []
    started = time.perf_counter()
    outputs: list[tuple[Output, str]] = []
    for page in pages:
        try:
            outputs.append((extractor(page), ""))
        except Exception as exc:  # noqa: BLE001 - a failing extractor scores zero on that page
            outputs.append((Output("", None, None), repr(exc)[:80]))
    elapsed = time.perf_counter() - started
    for page, (out, error) in zip(pages, outputs, strict=True):
        f1 = char_f1(out.body, page.body)
        f1s.append(f1)
        d = a = None
        if page.date and not page.date.upper().startswith("UNKN") and re.match(r"\d{4}", page.date):
            d = date_ok(out.published_at, page.date)
            dates.append(d)
        if page.author and not page.author.upper().startswith("UNKN"):
            got = out.author or ""
            a = all(n in got for n in re.split(r"[\s、,，;；]+", page.author) if n)
            authors.append(a)
        rows.append((page.pid, f1, d, a, error))
    ranked = sorted(f1s)
    p10 = ranked[max(0, math.ceil(len(ranked) * 0.1) - 1)]
    return Score(statistics.mean(f1s), p10, sum(dates) / len(dates) if has_meta else None,
                 sum(authors) / len(authors) if has_meta else None, len(pages) / elapsed, tuple(rows))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    root = Path(__file__).resolve().parents[1]
    parser.add_argument("--data", type=Path, default=root.parent / "shared" / "eval" / "extraction" / "cwce")
    parser.add_argument("--only", choices=sorted(EXTRACTORS), action="append")
    parser.add_argument("--verbose", action="store_true", help="one row per page for this project's extractor")
    args = parser.parse_args()
    pages = load(args.data)
    names = args.only or list(EXTRACTORS)
    results = {name: score(EXTRACTORS[name], pages, name != "readability-lxml") for name in names}
    if args.verbose and "zone-monitor" in results:
        for pid, f1, d, a, error in results["zone-monitor"].rows:
            print(f"{pid[:8]} f1={f1:.3f} date={d} author={a} {error}")

    def fmt(value: float | None) -> str:
        return "none" if value is None else f"{value:.3f}"

    print(f"\n{len(pages)} pages from {args.data}\n")
    print("| extractor | body F1 mean | body F1 p10 | date accuracy | author recall | pages/s |")
    print("|---|---|---|---|---|---|")
    for name, s in results.items():
        print(f"| {name} | {s.mean:.3f} | {s.p10:.3f} | {fmt(s.date_acc)} | {fmt(s.author_recall)} | {s.pages_per_s:.1f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
