"""One tagging call: an article gets the same tags whether it was crawled, backfilled, imported or retagged."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from tests.conftest import run_cli
from tests.fixture_server import Response, fixture_server

# No zone is named: the bare 高新区 and the post of 李明 mean the source's zone, which only the sources file says.
ARTICLE = """<html><head><meta charset="utf-8"><title>科技创新大会召开</title></head><body>
<h1>科技创新大会召开</h1><div class="time">2022-11-14 10:00</div><div class="author">作者：王芳</div>
<div class="content"><p>11月14日，高新区科技创新大会召开，高新区管委会主任李明出席会议并讲话。</p>
<p>李明表示，高新区将围绕稀土新材料产业延伸产业链，建设稀土功能材料中试基地，服务中小企业研发。</p>
<p>会议还表彰了一批科技创新先进企业和个人，高新区今年新签约项目十二个，总投资超过八十亿元。</p></div></body></html>"""
LISTING = '<html><body><ul class="news"><li><a href="/a/1.html">科技创新大会召开</a></li></ul></body></html>'


def _tags(path: Path) -> dict[str, object]:
    """Every tag of the one article stored in the database at `path`."""
    with sqlite3.connect(path) as conn:
        (article_id, content_type, relevant), = conn.execute("select id, content_type, relevant from article").fetchall()

        def rows(sql: str) -> list[tuple[object, ...]]:
            return sorted(conn.execute(sql, (article_id,)).fetchall(), key=repr)

        return {"zones": rows("select zone_id, role, score from articlezone where article_id = ?"),
                "people": rows("select name, post, zone_id from articleperson where article_id = ?"),
                "places": rows("select province, city from articleplace where article_id = ?"),
                "topics": rows("select topic_id, score from articletopic where article_id = ?"),
                "content_type": content_type, "relevant": relevant}


def _article(path: Path) -> dict[str, str]:
    with sqlite3.connect(path) as conn:
        (url, title, body, author), = conn.execute("select url, title, body, author from article").fetchall()
    return {"url": url, "title": title, "body": body, "author": author, "published_at": "2022-11-14T10:00:00+08:00",
            "source": "zone-news"}


def test_crawl_backfill_import_and_retag_give_one_article_the_same_tags(tmp_path: Path) -> None:
    routes = {"/list.html": Response(200, LISTING.encode()), "/a/1.html": Response(200, ARTICLE.encode())}
    with fixture_server(routes) as site:  # type: ignore[arg-type]
        sources = tmp_path / "sources.yaml"
        sources.write_text(f"sources:\n  - name: zone-news\n    kind: html\n    url: {site.base}/list.html\n"
                           f"    links: 'ul.news a'\n    rate_limit: 100\n    zones: [baotouxitu]\n", encoding="utf-8")
        databases = {way: tmp_path / f"{way}.db" for way in ("crawl", "backfill", "import")}
        env = {way: {"MONITOR_SOURCES": str(sources), "MONITOR_DATABASE_URL": f"sqlite:///{path}",
                     "MONITOR_ALLOW_PRIVATE_HOSTS": "true"} for way, path in databases.items()}
        for way in databases:
            assert run_cli("db", "upgrade", env=env[way], cwd=tmp_path).returncode == 0
        done = run_cli("crawl", env=env["crawl"], cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        done = run_cli("backfill", "--source", "zone-news", "--since", "2022-01-01", env=env["backfill"], cwd=tmp_path)
        assert done.returncode == 0, done.stderr
    crawled = _tags(databases["crawl"])
    assert ("baotouxitu", "subject") in {(zone, role) for zone, role, _ in crawled["zones"]}  # type: ignore[attr-defined]
    assert ("李明", "高新区管委会主任", "baotouxitu") in crawled["people"]  # type: ignore[operator]

    lines = tmp_path / "items.jsonl"
    lines.write_text(json.dumps(_article(databases["crawl"]), ensure_ascii=False) + "\n", encoding="utf-8")
    done = run_cli("import", str(lines), env=env["import"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr

    assert _tags(databases["backfill"]) == crawled
    assert _tags(databases["import"]) == crawled
    for way in ("crawl", "import"):
        done = run_cli("retag", "--json", env=env[way], cwd=tmp_path)
        assert done.returncode == 0 and json.loads(done.stdout) == {"retagged": 1}, done.stderr
        assert _tags(databases[way]) == crawled, way


def test_retag_refuses_without_a_valid_sources_file(tmp_path: Path) -> None:
    """Retag would otherwise re-tag every article as if no source gave it a zone."""
    sources = tmp_path / "sources.yaml"
    database = tmp_path / "m.db"
    env = {"MONITOR_SOURCES": str(sources), "MONITOR_DATABASE_URL": f"sqlite:///{database}"}
    assert run_cli("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    lines = tmp_path / "items.jsonl"
    lines.write_text(json.dumps({"url": "https://zone.test/a/1.html", "title": "科技创新大会召开", "source": "zone-news",
                                 "body": "高新区科技创新大会召开，高新区管委会主任李明出席会议并讲话。"}, ensure_ascii=False) + "\n",
                     encoding="utf-8")
    sources.write_text("sources:\n  - name: zone-news\n    kind: feed\n    url: https://zone.test/feed.xml\n"
                       "    zones: [baotouxitu]\n", encoding="utf-8")
    assert run_cli("import", str(lines), env=env, cwd=tmp_path).returncode == 0
    tagged = _tags(database)
    assert tagged["zones"] and tagged["people"] == [("李明", "高新区管委会主任", "baotouxitu")]

    sources.unlink()
    missing = run_cli("retag", "--json", env=env, cwd=tmp_path)
    assert missing.returncode == 2, missing.stderr
    assert missing.stdout == ""
    assert "does not exist" in " ".join(missing.stderr.split()) and "Traceback" not in missing.stderr

    sources.write_text("sources:\n  - name: zone-news\n    kind: nonsense\n", encoding="utf-8")
    invalid = run_cli("retag", env=env, cwd=tmp_path)
    assert invalid.returncode == 2, invalid.stderr
    assert "zone-news" in invalid.stderr and "Traceback" not in invalid.stderr
    assert _tags(database) == tagged  # nothing was retagged
