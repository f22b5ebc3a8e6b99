"""Saying what happened (issue 21): which fields came from a selector, what a crawl listed, a source that lists
nothing, and what `sources list` shows."""

from __future__ import annotations

import json
from pathlib import Path

from monitor.pipeline import crawl
from monitor.service import health
from monitor.sourcesfile import parse_sources
from monitor.store import db
from tests.conftest import run_cli
from tests.fixture_server import Response, fixture_server

HTML = {"Content-Type": "text/html; charset=utf-8"}
LIST = """<html><head><meta charset="utf-8"></head><body><ul class="news">
<li><a href="/a/1.html">一</a></li><li><a href="/a/2.html">二</a></li></ul></body></html>""".encode()
EMPTY_LIST = b"<html><body><div class='redesigned'><a href='/about.html'>about</a></div></body></html>"


BODIES = {1: ("武汉东湖高新区光谷科创大走廊建设提速，今年新增高新技术企业一千余家。",
              "园区负责人介绍，今年将新建孵化载体和中试平台，服务更多科技型中小企业。"),
          2: ("苏州工业园区发布人工智能产业扶持政策，对首台套装备给予最高五百万元奖励。",
              "政策同时提出建设算力公共服务平台，降低中小企业使用大模型的门槛。")}


def _article(n: int) -> bytes:
    first, second = BODIES[n]
    return (f"<html><head><meta charset='utf-8'><title>第{n}条</title></head><body>"
            f"<h1 class='title'>高新区新闻第{n}条</h1><div class='meta'>发布时间：2024-05-2{n}</div>"
            f"<div class='content'><p>{first}</p><p>{second}</p></div></body></html>").encode()


ROUTES = {"/list.html": Response(200, LIST, HTML), "/empty.html": Response(200, EMPTY_LIST, HTML),
          "/a/1.html": Response(200, _article(1), HTML), "/a/2.html": Response(200, _article(2), HTML),
          "/robots.txt": Response(404, b"")}


def _sources(base: str) -> str:
    return f"""sources:
  - name: zone-news
    kind: html
    url: {base}/list.html
    links: "ul.news a"
    rate_limit: 200
    verified: false
    selectors: {{title: "h1.title", date: ".no-such-date", body: ".content"}}
  - name: zone-empty
    kind: html
    url: {base}/empty.html
    links: "ul.news a"
    rate_limit: 200
"""


def _env(tmp_path: Path, database_url: str, base: str) -> dict[str, str]:
    (tmp_path / "sources.yaml").write_text(_sources(base), encoding="utf-8")
    return {"MONITOR_DATABASE_URL": database_url, "MONITOR_SOURCES": str(tmp_path / "sources.yaml"),
            "MONITOR_ALLOW_PRIVATE_HOSTS": "1"}


def test_sources_test_says_which_fields_came_from_a_selector_and_why_others_fell_back(tmp_path: Path) -> None:
    with fixture_server(ROUTES) as site:  # type: ignore[arg-type]
        env = _env(tmp_path, f"sqlite:///{tmp_path / 'm.db'}", site.base)
        result = run_cli("sources", "test", "zone-news", "--json", "--limit", "1", env=env, cwd=tmp_path)
        text = run_cli("sources", "test", "zone-news", "--limit", "1", env={**env, "COLUMNS": "200"}, cwd=tmp_path)
        empty = run_cli("sources", "test", "zone-empty", env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    _head, item = (json.loads(line) for line in result.stdout.splitlines())
    assert item["fields"]["title"] == {"from": "selector", "why": "selector 'h1.title'"}
    assert item["fields"]["date"]["from"] == "fallback" and "'.no-such-date' matched nothing" in item["fields"]["date"]["why"]
    assert item["fields"]["author"] == {"from": "detected", "why": "no selector configured"}
    assert item["published_at"].startswith("2024-05-21")  # the fallback found it
    assert "date: fallback (selector '.no-such-date' matched nothing on the page; detected instead)" in text.stdout
    assert empty.returncode == 1 and "named no item URL" in empty.stderr


def test_crawl_reports_listed_new_known_failed(migrated_url: str, tmp_path: Path) -> None:
    url = migrated_url
    with fixture_server(ROUTES) as site:  # type: ignore[arg-type]
        env = _env(tmp_path, url, site.base)
        first = run_cli("crawl", "--json", env=env, cwd=tmp_path)
        second = run_cli("crawl", env={**env, "COLUMNS": "80"}, cwd=tmp_path)
        listing = run_cli("sources", "list", "--json", env=env, cwd=tmp_path)
    rows = {row["name"]: row for row in map(json.loads, first.stdout.splitlines())}
    assert {k: rows["zone-news"][k] for k in ("listed", "new", "known", "failed")} == {
        "listed": 2, "new": 2, "known": 0, "failed": 0}
    assert {k: rows["zone-empty"][k] for k in ("listed", "new", "known", "failed")} == {
        "listed": 0, "new": 0, "known": 0, "failed": 0}
    assert {"fetched", "duplicates", "errors", "error", "budget_exhausted", "left_pending"} <= set(rows["zone-news"])
    lines = second.stderr.splitlines()
    assert "zone-news: listed 2, new 0, known 2, failed 0 (fetched 0, duplicates 0)" in lines, second.stderr
    assert any(line.startswith("zone-empty: listed 0,") and "named no item URL" in line for line in lines)
    shown = {row["name"]: row for row in map(json.loads, listing.stdout.splitlines())}
    assert shown["zone-news"]["verified"] is False and shown["zone-empty"]["verified"] is True
    assert shown["zone-news"]["last_new_item_at"] and shown["zone-news"]["last_run_at"]
    assert shown["zone-empty"]["last_new_item_at"] is None


def test_a_source_that_never_listed_an_item_is_alerted_after_three_runs(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    with fixture_server(ROUTES) as site:  # type: ignore[arg-type]
        settings = settings_for(migrated_url, alert_after_zero_yield=3)
        source = parse_sources(_sources(site.base)).get("zone-empty")
        engine = db.make_engine(migrated_url)
        try:
            verdicts = [health.record_run(engine, settings, crawl(settings, [source], engine)[0]) for _ in range(3)]
        finally:
            engine.dispose()
    assert [v.health for v in verdicts] == ["ok", "ok", "silent"]
    assert "named no item URL" in verdicts[2].reasons[0] and "never listed any" in verdicts[2].reasons[0]
