"""Extraction benchmark: this project's extractor against trafilatura, readability-lxml and GNE.

Usage: python bench/extraction.py [--eval ../shared/eval] [--only NAME] [--verbose]

Three tables:
1. annotated pages, tune half: what rules may be fitted to;
2. annotated pages, held-out half: never looked at when writing rules (the honest figure);
3. the roundup set (``tests/data/roundups``, multi-piece pages labelled by hand), its own
   tune and held-out halves.

Annotated pages: the cwce set and the 11 fixture pages of three extractors' test suites in
``shared/eval/extraction`` (read when present; the repository's tests never read them). Each
page goes to a half by the parity of the first byte of the SHA-1 of its id (``cwce/<uuid>``,
``fixtures/<name>``): deterministic, independent of anything the extractor does.

The metric is that of ``shared/eval/score_extraction.py`` (re-implemented here identically so
the benchmark runs without it): body character F1 after dropping whitespace, punctuation and
symbols (mean and 10th percentile by nearest rank over pages with a full expected text);
date accuracy to the precision of the annotation; author recall (every annotated name in
author + post); unknown dates/authors are left out. trafilatura's own fixtures give
snippets, not full texts: they count in a separate 'snippets' column (a 'with' snippet
found, a 'without' snippet absent). Every extractor gets the same decoded text
(``monitor.fetch.decoding.decode_html``). Pages/s is CPU time of this process (one core), so that
other work on a shared machine does not count; one warm-up page is extracted first.

Roundups: a labelled piece is right when one extracted piece carries its author and post
(punctuation and spaces ignored), its body holds the piece's first and last words, and it
holds none of the other pieces' first or last words. The reference tools do not split
pages into pieces: they score 0 there by construction; their row shows it.
"""

from __future__ import annotations

import argparse
import collections
import hashlib
import html as html_lib
import importlib.util
import json
import math
import re
import statistics
import sys
import time
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from monitor.errors import MonitorError  # noqa: E402
from monitor.extract.extractor import extract_article, extract_text_page  # noqa: E402
from monitor.fetch.decoding import decode_html  # noqa: E402
from monitor.timefmt import format_published  # noqa: E402

_SKIP = re.compile(r"[\s\u3000]+")
ROUNDUPS = ROOT / "tests" / "data" / "roundups"


@dataclass(frozen=True)
class Page:
    pid: str
    html: str
    body: str | None  # the full expected text, or None when only snippets are known
    author: str  # names separated by spaces, or UNKNOWN
    date: str  # YYYY-MM-DD..., or UNKNOWN
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()

    @property
    def half(self) -> str:
        return half_of(self.pid)


@dataclass(frozen=True)
class Output:
    body: str
    author: str | None
    published_at: str | None
    pieces: tuple[dict, ...] = ()


def half_of(pid: str) -> str:
    """'tune' or 'held-out', by the parity of the first byte of SHA-1(pid)."""
    return "tune" if hashlib.sha1(pid.encode()).digest()[0] % 2 == 0 else "held-out"


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


def _decode(raw: bytes) -> str:
    try:
        return decode_html(raw)[0]
    except MonitorError:
        return raw.decode("gb18030", errors="replace")


def load_cwce(data: Path) -> list[Page]:
    pages = []
    for path in sorted((data / "original").glob("*.html")):
        pid = path.stem

        def read(kind: str, pid: str = pid) -> str:
            return (data / kind / f"{pid}.txt").read_text(encoding="utf-8", errors="replace").strip()

        pages.append(Page(f"cwce/{pid}", _decode(path.read_bytes()), read("cleaned"), read("author"), read("date")))
    return pages


def _strip_tags(markup: str) -> str:
    return html_lib.unescape(re.sub(r"<[^>]+>", "\n", markup))


def load_fixtures(data: Path) -> list[Page]:
    """The three extractors' fixture pages, their expectations read in each upstream format.

    readability's bylines are that library's output: the person in them is taken (gmw 肖春芳;
    youth 青网校园崔宁宁 -> 崔宁宁, the site's column name dropped); pixnet's is a blog name and
    qq has none (unknown). readability publishes no dates (unknown)."""
    pages: list[Page] = []
    readability_authors = {"gmw": "肖春芳", "youth": "崔宁宁"}
    for folder in sorted((data / "readability").glob("*/")):
        pages.append(Page(f"fixtures/readability-{folder.name}", _decode((folder / "source.html").read_bytes()),
                          _strip_tags((folder / "expected.html").read_text(encoding="utf-8")),
                          readability_authors.get(folder.name, "UNKNOWN"), "UNKNOWN"))
    for html_path in sorted((data / "newspaper4k").glob("*.html")):
        meta_path = html_path.with_suffix(".json")
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        authors = " ".join(meta.get("authors") or []) or "UNKNOWN"
        pages.append(Page(f"fixtures/newspaper4k-{html_path.stem}", _decode(html_path.read_bytes()),
                          html_path.with_suffix(".txt").read_text(encoding="utf-8"), authors,
                          (meta.get("publish_date") or "UNKNOWN")[:10]))
    entries = json.loads((data / "trafilatura" / "evaldata_zh.json").read_text(encoding="utf-8"))
    for entry in entries.values():
        path = data / "trafilatura" / entry["file"]
        pages.append(Page(f"fixtures/trafilatura-{path.stem}", _decode(path.read_bytes()), None,
                          entry.get("author") or "UNKNOWN", entry.get("date") or "UNKNOWN",
                          tuple(entry["with"]), tuple(entry["without"])))
    return pages


# Extractors -----------------------------------------------------------------------------------
def ours(page: Page) -> Output:
    article = extract_article(page.html, f"file:///{page.pid}.html")
    return _our_output(article)


def _our_output(article) -> Output:  # type: ignore[no-untyped-def]
    pieces = tuple({"author": p.author, "author_post": p.author_post, "body": p.body} for p in article.pieces)
    return Output(article.body, " ".join(filter(None, [article.author, article.author_post])) or None,
                  format_published(article.published), pieces)


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
NO_METADATA = {"readability-lxml"}
MODULES = {"trafilatura": "trafilatura", "readability-lxml": "readability", "GNE": "gne"}


# Annotated pages --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Score:
    mean: float
    p10: float
    snippets: float | None
    date_acc: float | None
    author_recall: float | None
    pages_per_s: float
    rows: tuple[tuple[str, float | None, bool | None, bool | None, str], ...]


def run(extractor: Callable[[Page], Output], pages: list[Page]) -> tuple[list[tuple[Output, str]], float]:
    started = time.process_time()
    outputs: list[tuple[Output, str]] = []
    for page in pages:
        try:
            outputs.append((extractor(page), ""))
        except Exception as exc:  # noqa: BLE001 - a failing extractor scores zero on that page
            outputs.append((Output("", None, None), repr(exc)[:80]))
    return outputs, time.process_time() - started


def score(pages: list[Page], outputs: list[tuple[Output, str]], elapsed: float, has_meta: bool) -> Score:
    f1s: list[float] = []
    snippets: list[bool] = []
    dates: list[bool] = []
    authors: list[bool] = []
    rows = []
    for page, (out, error) in zip(pages, outputs, strict=True):
        f1 = None
        if page.body is not None:
            f1 = char_f1(out.body, page.body)
            f1s.append(f1)
        found = _SKIP.sub("", out.body)
        snippets += [_SKIP.sub("", s) in found for s in page.with_snippets]
        snippets += [_SKIP.sub("", s) not in found for s in page.without_snippets]
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
    p10 = ranked[max(0, math.ceil(len(ranked) * 0.1) - 1)] if ranked else 0.0
    return Score(statistics.mean(f1s) if f1s else 0.0, p10, sum(snippets) / len(snippets) if snippets else None,
                 sum(dates) / len(dates) if has_meta and dates else None,
                 sum(authors) / len(authors) if has_meta and authors else None,
                 len(pages) / elapsed if elapsed else 0.0, tuple(rows))


# Roundups ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class LabelledPiece:
    author: str
    post: str | None
    first: str
    last: str


@dataclass(frozen=True)
class Roundup:
    pid: str
    path: Path
    url: str
    shape: str
    pieces: tuple[LabelledPiece, ...]
    extra: dict = field(default_factory=dict)

    @property
    def half(self) -> str:
        return half_of(self.pid)


def load_roundups(folder: Path = ROUNDUPS) -> list[Roundup]:
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    return [Roundup(entry["file"].rsplit(".", 1)[0], folder / entry["file"], entry["url"], entry["shape"],
                    tuple(LabelledPiece(p["author"], p.get("post"), p["first"], p["last"]) for p in entry["pieces"]),
                    entry) for entry in labels["pages"]]


# Pinyin ruby left in a page's text by a scraper ('政協(xié)委員'): not part of the words compared.
_RUBY = re.compile(r"\([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+\s*\)")


def _norm(text: str | None) -> str:
    text = _RUBY.sub("", unicodedata.normalize("NFKC", text or ""))
    return "".join(c for c in text if not unicodedata.category(c).startswith(("P", "S", "Z", "C")))


def piece_right(piece: dict, gold: LabelledPiece, others: list[LabelledPiece]) -> bool:
    body = _norm(piece.get("body"))
    if _norm(piece.get("author")) != _norm(gold.author) or _norm(piece.get("author_post")) != _norm(gold.post):
        return False
    if _norm(gold.first) not in body or _norm(gold.last) not in body:
        return False
    return not any(_norm(o.first) in body or _norm(o.last) in body for o in others)


def roundup_rows(extractor: Callable[[Page], Output], roundups: list[Roundup]) -> list[tuple[Roundup, int, int, str]]:
    """(roundup, right pieces, extracted pieces, error) per page."""
    rows = []
    for roundup in roundups:
        error = ""
        try:
            if extractor is ours:
                text = roundup.path.read_text(encoding="utf-8")
                article = extract_text_page(text, roundup.url) if roundup.path.suffix == ".txt" \
                    else extract_article(text, roundup.url)
                out = _our_output(article)
            else:
                text = roundup.path.read_text(encoding="utf-8")
                if roundup.path.suffix == ".txt":  # the reference tools read HTML: give them the text as paragraphs
                    text = "<html><body>" + "".join(f"<p>{html_lib.escape(line)}</p>"
                                                    for line in text.splitlines() if line.strip()) + "</body></html>"
                out = extractor(Page(roundup.pid, text, None, "UNKNOWN", "UNKNOWN"))
        except Exception as exc:  # noqa: BLE001
            out, error = Output("", None, None), repr(exc)[:80]
        pieces = list(out.pieces)
        right = 0
        used: set[int] = set()
        for gold in roundup.pieces:
            others = [o for o in roundup.pieces if o is not gold]
            for i, piece in enumerate(pieces):
                if i not in used and piece_right(piece, gold, others):
                    used.add(i)
                    right += 1
                    break
        rows.append((roundup, right, len(pieces), error))
    return rows


# Fresh date and byline check set -------------------------------------------------------------------
DATECHECK = ROOT / "tests" / "data" / "datecheck"


def _as_html(text: str) -> str:
    """A text page as HTML paragraphs, for the reference tools (they read HTML only)."""
    return "<html><body>" + "".join(f"<p>{html_lib.escape(line)}</p>" for line in text.splitlines()
                                    if line.strip()) + "</body></html>"


def datecheck_rows(extractor: Callable[[Page], Output], pages: list[dict]) -> list[tuple[dict, Output]]:
    rows = []
    for entry in pages:
        try:
            if extractor is ours:
                out = _our_output(extract_text_page(entry["text"], entry["url"]))
            else:
                out = extractor(Page(entry["url"], _as_html(entry["text"]), None, "UNKNOWN", "UNKNOWN"))
        except Exception:  # noqa: BLE001 - a failing extractor scores zero on that page
            out = Output("", None, None)
        rows.append((entry, out))
    return rows


_NAME_SEPARATORS = re.compile(r"[,，、;；/|]+|\s+(?:and|&)\s+")
_LATIN = re.compile(r"[A-Za-z]")


def _author_names(author: str | None) -> set[str]:
    """The names of an extracted author, each whole and without spaces: a writer counts when one of them is the
    labelled name, not when the name is inside another ('Li Qian' is not 'Li Qianwei'; '张三' is not '张三丰').
    Chinese names are also separated by spaces ('何道岚 全杰'); a romanised name holds one ('Zhang Zhihao')."""
    names = set()
    for part in _NAME_SEPARATORS.split(author or ""):
        pieces = [part] if _LATIN.search(part) else part.split()
        names.update(name for piece in pieces if (name := _SKIP.sub("", piece)))
    return names


def datecheck_score(rows: list[tuple[dict, Output]]) -> tuple[str, str, str]:
    """(date accuracy, author recall on pages naming writers, false authors on pages naming none)."""
    dates = [date_ok(out.published_at, e["date"]) for e, out in rows if e["date"]]
    recall = [all(_SKIP.sub("", n) in _author_names(out.author) for n in e["authors"]) for e, out in rows if e["authors"]]
    false = [bool(out.author) for e, out in rows if not e["authors"]]

    def share(hits: list[bool]) -> str:
        return f"{sum(hits) / len(hits):.3f} ({sum(hits)}/{len(hits)})" if hits else "n/a"
    return share(dates), share(recall), share(false)


def _share_value(share: str) -> float | None:
    """0.714 from '0.714 (20/28)'; None from 'n/a'."""
    return None if share == "n/a" else float(share.split(" ")[0])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_eval = next((p for p in (ROOT.parent / "shared" / "eval", ROOT.parents[1] / "shared" / "eval") if p.exists()),
                        ROOT.parent / "shared" / "eval")
    parser.add_argument("--eval", type=Path, default=default_eval, help="shared/eval (annotated pages); skipped if absent")
    parser.add_argument("--only", choices=sorted(EXTRACTORS), action="append")
    parser.add_argument("--verbose", action="store_true", help="one row per page for this project's extractor")
    args = parser.parse_args()
    names = args.only or list(EXTRACTORS)
    # A reference tool that is not installed would score 0 on every page (each call failing): leave it
    # out and say so rather than print zeros next to it (`make bench` installs them: extra 'bench').
    missing = [name for name in names if name in MODULES and importlib.util.find_spec(MODULES[name]) is None]
    if missing:
        print(f"(not installed, left out: {', '.join(missing)}; install the 'bench' extra)")
        names = [name for name in names if name not in missing]

    def fmt(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    # the figures of the last line, for bench/summary.py (make bench): this project's, a reference tool's beside
    figures: dict[str, object] = {"bench": "extraction"}
    # Ordinary pages (annotated and date-check pages: one article each) this project split into pieces anyway
    ordinary: list[tuple[str, int]] = []
    data = args.eval / "extraction"
    pages: list[Page] = []
    if (data / "cwce").exists():
        pages += load_cwce(data / "cwce")
    if (data / "fixtures").exists():
        pages += load_fixtures(data / "fixtures")
    if pages:
        for name in names:  # imports and one-time set-up (dictionaries, models) are not timed
            run(EXTRACTORS[name], pages[:1])
        results = {name: run(EXTRACTORS[name], pages) for name in names}
        if "zone-monitor" in results:
            ordinary += [(p.pid, len(out.pieces)) for p, (out, _) in zip(pages, results["zone-monitor"][0], strict=True)]
        for half in ("tune", "held-out"):
            chosen = [i for i, p in enumerate(pages) if p.half == half]
            subset = [pages[i] for i in chosen]
            print(f"\n## annotated pages, {half} half: {len(subset)} pages "
                  f"({sum(p.pid.startswith('cwce') for p in subset)} cwce, "
                  f"{sum(p.pid.startswith('fixtures') for p in subset)} fixtures) from {data}\n")
            print("| extractor | body F1 mean | body F1 p10 | snippets | date accuracy | author recall | pages/s |")
            print("|---|---|---|---|---|---|---|")
            for name, (outputs, elapsed) in results.items():
                s = score(subset, [outputs[i] for i in chosen], elapsed * len(chosen) / len(pages),
                          name not in NO_METADATA)
                print(f"| {name} | {s.mean:.3f} | {s.p10:.3f} | {fmt(s.snippets)} | {fmt(s.date_acc)} | "
                      f"{fmt(s.author_recall)} | {s.pages_per_s:.1f} |")
                if half == "held-out" and name in ("zone-monitor", "trafilatura"):
                    key = "" if name == "zone-monitor" else "trafilatura_"
                    figures.update({f"{key}body_f1_heldout": round(s.mean, 3), f"{key}body_p10_heldout": round(s.p10, 3)})
                    if name == "zone-monitor":
                        figures.update({"dates_heldout": s.date_acc and round(s.date_acc, 3),
                                        "authors_heldout": s.author_recall and round(s.author_recall, 3)})
                if name == "zone-monitor":
                    figures["pages_per_s"] = round(s.pages_per_s, 1)
                if args.verbose and name == "zone-monitor":
                    for pid, f1, d, a, error in s.rows:
                        print(f"    {pid[:40]} f1={fmt(f1)} date={d} author={a} {error}")
    else:
        print(f"(no annotated pages at {data}: only the roundup set is scored)")

    if (DATECHECK / "pages.json").exists():
        checks = json.loads((DATECHECK / "pages.json").read_text(encoding="utf-8"))["pages"]
        for half in ("tune", "held-out"):
            subset = [e for e in checks if half_of(e["url"]) == half]
            print(f"\n## fresh date/byline check set, {half}: {len(subset)} text pages "
                  f"({DATECHECK.relative_to(ROOT)})\n")
            print("| extractor | date accuracy | author recall | false authors (pages naming none) |")
            print("|---|---|---|---|")
            for name in names:
                if name in NO_METADATA:
                    continue
                rows = datecheck_rows(EXTRACTORS[name], subset)
                if name == "zone-monitor":
                    ordinary += [(e["url"], len(out.pieces)) for e, out in rows]
                print(f"| {name} | " + " | ".join(datecheck_score(rows)) + " |")
                if name == "zone-monitor" and half == "held-out":
                    dates, recall, _ = datecheck_score(rows)
                    figures.update({"datecheck_dates_heldout": _share_value(dates),
                                    "datecheck_authors_heldout": _share_value(recall)})
                # the batches added last (each labelled before the extractor saw it) apart as well
                for batch in ("fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
                              "eleventh", "twelfth", "thirteenth",
                              "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                              "eighteenth", "nineteenth", "twentieth", "twenty-first", "twenty-second",
                              "twenty-third", "twenty-fourth", "twenty-fifth", "twenty-sixth"):
                    if newest := [row for row in rows if row[0].get("batch") == batch]:
                        print(f"| {name} ({batch} batch) | " + " | ".join(datecheck_score(newest)) + " |")
                if args.verbose and name == "zone-monitor":
                    for e, out in rows:
                        print(f"    {e['url'][:60]} date={out.published_at} gold={e['date']} "
                              f"author={out.author} gold={e['authors']}")

    if ordinary:
        split = [(pid, n) for pid, n in ordinary if n]
        print(f"\n## ordinary pages (annotated and date-check pages) split into pieces: {len(split)} of {len(ordinary)}")
        figures["ordinary_split"] = len(split)
        if args.verbose:
            for pid, n in split:
                print(f"    {pid[:70]} {n} pieces")

    if (ROUNDUPS / "labels.json").exists():
        everything = load_roundups()
        roundups = [r for r in everything if r.extra.get("source", "").startswith("published")]
        for half in ("tune", "held-out", "seed"):
            subset = [r for r in roundups if r.half == half] if half != "seed" else \
                [r for r in everything if r not in roundups]
            print(f"\n## roundup set, {half}: {len(subset)} pages, {sum(len(r.pieces) for r in subset)} "
                  f"signed pieces ({ROUNDUPS.relative_to(ROOT)})\n")
            print("| extractor | pieces right | share | pages all right | pieces extracted |")
            print("|---|---|---|---|---|")
            # the order they were added: labels.json lists the batches in that order
            batches = list(dict.fromkeys(r.extra.get("batch", "first") for r in subset))
            for name in names:
                rows = roundup_rows(EXTRACTORS[name], subset)
                # pages added later (a second batch, labelled before the splitter saw them) apart, then together
                groups = [(f" ({b} batch)", [row for row in rows if row[0].extra.get("batch", "first") == b])
                          for b in batches] + [(" (all)", rows)] if len(batches) > 1 else [("", rows)]
                for label, group in groups:
                    total = sum(len(r.pieces) for r, *_ in group)
                    right = sum(n for _, n, _, _ in group)
                    if name in ("zone-monitor", "trafilatura") and label in ("", " (all)"):
                        key = ("roundups" if name == "zone-monitor" else "trafilatura_roundups") + \
                            {"tune": "_tune", "held-out": "_heldout", "seed": "_seed"}[half]
                        figures[key] = round(right / total, 3) if total else None
                    print(f"| {name}{label} | {right}/{total} | {right / total if total else 0:.3f} | "
                          f"{sum(n == len(r.pieces) for r, n, _, _ in group)}/{len(group)} | "
                          f"{sum(k for _, _, k, _ in group)} |")
                if args.verbose and name == "zone-monitor":
                    for r, n, k, error in rows:
                        print(f"    {r.pid} [{r.shape}] {n}/{len(r.pieces)} right, {k} extracted {error}")
    # The last line is for bench/summary.py (make bench).
    print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
