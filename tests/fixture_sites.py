"""The fixture sites of tests/data/sites (one per CMS family; see build.py there): loaded, and served on loopback."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.fixture_server import FixtureServer, Response, fixture_server

SITES = Path(__file__).parent / "data" / "sites"

__all__ = ["FixtureSite", "ListPage", "article_page", "load_sites", "serve_site"]


@dataclass(frozen=True, slots=True)
class ListPage:
    path: str
    articles: tuple[str, ...]  # paths of the articles it lists (the truth)
    next: str | None


@dataclass(frozen=True, slots=True)
class FixtureSite:
    family: str
    split: str  # "tune" or "heldout", fixed by hash of the family name
    system: str
    start: str
    pages: tuple[ListPage, ...]
    selectors: dict[str, str | None]  # the hand-written config: links, next_page
    routes: dict[str, tuple[str, str]]  # request path -> (file name, encoding)
    home: str | None
    feed: str | None
    home_articles: tuple[str, ...]
    folder: Path

    def body(self, path: str, origin: str) -> bytes:
        name, encoding = self.routes[path]
        return (self.folder / name).read_bytes().replace(b"{{ORIGIN}}", origin.encode(encoding))


def load_sites() -> list[FixtureSite]:
    sites = []
    for meta_file in sorted(SITES.glob("*/site.json")):
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        sites.append(FixtureSite(
            meta["family"], meta["split"], meta["system"], meta["start"],
            tuple(ListPage(p["path"], tuple(p["articles"]), p["next"]) for p in meta["pages"]),
            meta["selectors"], {path: (r["file"], r["encoding"]) for path, r in meta["routes"].items()},
            meta.get("home"), meta.get("feed"), tuple(meta.get("home_articles", ())), meta_file.parent))
    return sites


def article_page(title: str, date: str) -> bytes:
    """An article page of the kind the listed links lead to (enough for the extractor to find title, date, body)."""
    body = "".join(f"<p>{title}。{line}</p>" for line in (
        "会议指出，要坚持创新驱动发展，加快培育战略性新兴产业，推动园区高质量发展。",
        "会上，相关部门负责人汇报了前期工作进展，并就下一步重点任务作了部署安排。",
        "园区将进一步优化营商环境，强化要素保障，为企业发展提供全方位服务。"))
    return (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body><h1>{title}</h1>"
            f"<div class='time'>{date} 10:00</div><div class='content'>{body}</div></body></html>").encode()


def _content_type(path: str) -> str:
    if path.endswith("/feed/") or path.endswith(".xml"):
        return "application/rss+xml"
    return "text/plain" if path.endswith(".txt") else "text/html"  # no charset: pages declare theirs (GBK or UTF-8)


@contextmanager
def serve_site(site: FixtureSite, with_articles: bool = True) -> Iterator[FixtureServer]:
    """The site on 127.0.0.1: its list pages (and home, feed, robots.txt) and, with_articles, a page per listed article."""
    with fixture_server({}) as server:
        for path in site.routes:
            server.routes[path] = Response(200, site.body(path, server.base), {"Content-Type": _content_type(path)})
        if with_articles:
            listed = [a for page in site.pages for a in page.articles] + list(site.home_articles)
            for number, path in enumerate(dict.fromkeys(listed)):
                server.routes.setdefault(path, Response(200, article_page(f"{site.family}高新区第{number + 1}条新闻：项目签约落地", "2022-11-22"),
                                                        {"Content-Type": "text/html; charset=utf-8"}))
        yield server
