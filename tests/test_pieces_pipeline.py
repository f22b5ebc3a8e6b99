"""A multi-piece e-paper page is crawled into one stored article per signed piece."""

from __future__ import annotations

import json
from pathlib import Path

from sqlmodel import Session, select

from monitor.pipeline import SourceRunResult, crawl
from monitor.settings import Settings
from monitor.sourcesfile import parse_sources
from monitor.store import db
from monitor.store.models import Article
from tests.conftest import run_cli
from tests.fixture_server import Response, fixture_server

PAGE = (Path(__file__).parent / "data" / "extraction" / "epaper-page.html").read_bytes()
SEED = (Path(__file__).parent / "data" / "seed" / "newspaper-page-2022.txt").read_bytes()
HTML = {"Content-Type": "text/html"}
HEADLINES = {"/page5.html": "聚焦主责主业 建设一流园区", "/page6": "打造科技创新高地 构建经济新增长极"}


def _crawl_edition(database_url: str, settings: Settings, pages: dict[str, Response]) -> tuple[SourceRunResult, list[Article], str]:
    """Crawl an edition page linking to ``pages`` (path -> response) on a 127.0.0.1 server: the run's result,
    the stored articles (by id) and the server's base URL."""
    links = "".join(f'<a href="{path}">{path}</a>' for path in pages)
    edition = f'<html><head><meta charset="utf-8"></head><body><div id="list">{links}</div></body></html>'.encode()
    with fixture_server({"/edition.html": Response(200, edition, {"Content-Type": "text/html; charset=utf-8"}),
                         **pages}) as site:
        sources = parse_sources(f"""sources:
  - name: paper
    kind: html
    url: {site.base}/edition.html
    links: "#list a"
    rate_limit: 100
""").sources
        engine = db.make_engine(database_url)
        result = crawl(settings, list(sources), engine)[0]
    with Session(engine) as session:
        rows = list(session.exec(select(Article).order_by(Article.id)).all())
    engine.dispose()
    return result, rows, site.base


def test_each_piece_is_its_own_article(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    result, rows, _base = _crawl_edition(migrated_url, settings_for(migrated_url),
                                         {"/page5.html": Response(200, PAGE, HTML)})
    assert result.error is None and result.errors == 0
    rows.sort(key=lambda r: r.url)
    assert len(rows) >= 2 and result.new == len(rows)
    assert [r.url.rsplit("#", 1)[1] for r in rows] == [f"piece-{n}" for n in range(1, len(rows) + 1)]
    assert all(r.title and r.author and r.body for r in rows)
    bodies = [r.body for r in rows]
    assert len(set(bodies)) == len(bodies)  # no piece's text repeated as another piece


def test_each_piece_keeps_its_page_headline(migrated_url: str, settings_for, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An HTML roundup page and a plain-text one: every stored piece carries the headline of its own page,
    and `articles list --json` / `articles show --json` print it."""
    result, rows, base = _crawl_edition(migrated_url, settings_for(migrated_url), {
        "/page5.html": Response(200, PAGE, HTML),
        "/page6": Response(200, SEED, {"Content-Type": "text/plain; charset=utf-8"})})
    assert result.error is None and result.errors == 0
    stored = {(r.url.split("#")[0].removeprefix(base), r.page_title) for r in rows}
    assert stored == set(HEADLINES.items())
    assert sum(r.url.startswith(f"{base}/page6#piece-") for r in rows) == 6  # the seed page's six pieces
    assert all(r.title and r.title != r.page_title for r in rows)  # the piece keeps its own headline as title

    env = {"MONITOR_DATABASE_URL": migrated_url}
    listed = run_cli("articles", "list", "--json", env=env, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    printed = {item["url"]: item["page_title"] for item in map(json.loads, listed.stdout.splitlines())}
    assert printed == {r.url: r.page_title for r in rows}
    shown = run_cli("articles", "show", str(rows[0].id), "--json", env=env, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["page_title"] == rows[0].page_title


def test_import_keeps_page_title(migrated_url: str, tmp_path: Path) -> None:
    """`monitor import`: an optional `page_title` is stored and printed back; a line without one stores none,
    a revision brings a new one, and a page_title that is not a string is that line's error."""
    pieces = [json.loads(line) for line in run_cli("extract", "--json", "--url", "https://paper.example/p6.html",
                                                    str(Path(__file__).parent / "data" / "seed" / "newspaper-page-2022.txt"),
                                                    cwd=tmp_path).stdout.splitlines()][0]["pieces"]
    lines = [{k: piece[k] for k in ("url", "title", "page_title", "author", "published_at", "body")}
             for piece in pieces[:3]]
    lines[1]["page_title"] = "  第 5 版：\u200b要闻  "  # cleaned like a title
    del lines[2]["page_title"]
    lines.append(dict(lines[0], url="https://paper.example/p7.html#piece-1", page_title=["not", "text"]))
    path = tmp_path / "pieces.jsonl"
    path.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    env = {"MONITOR_DATABASE_URL": migrated_url}
    imported = run_cli("import", str(path), "--source", "paper", "--json", env=env, cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    outcomes = [json.loads(line) for line in imported.stdout.splitlines()]
    assert [o.get("status") for o in outcomes[:3]] == ["new", "new", "new"]
    assert outcomes[3] == {"line": 4, "error": "field 'page_title' must be a string"}

    revised = dict(lines[2], body=lines[2]["body"] + "\n\n（本报记者整理）", page_title=pieces[0]["page_title"])
    path.write_text(json.dumps(revised, ensure_ascii=False) + "\n", encoding="utf-8")
    again = run_cli("import", str(path), "--source", "paper", "--json", env=env, cwd=tmp_path)
    assert [json.loads(line)["status"] for line in again.stdout.splitlines()] == ["revision"], again.stderr

    listed = run_cli("articles", "list", "--json", env=env, cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    printed = {item["url"]: item["page_title"] for item in map(json.loads, listed.stdout.splitlines())}
    assert printed == {pieces[0]["url"]: "打造科技创新高地 构建经济新增长极", pieces[1]["url"]: "第 5 版：要闻",
                       pieces[2]["url"]: "打造科技创新高地 构建经济新增长极"}
