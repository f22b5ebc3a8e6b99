"""`monitor articles export` (issue 21): export, then import into an empty database, gives the same corpus."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

from monitor.store import db
from tests.conftest import POSTGRES_URL, run_cli

ZGC = ("中关村科学城今年将新建一批概念验证中心和中试平台，推动高校院所科技成果在海淀就地转化。",
       "海淀区负责人表示，中关村科学城将对首次落地的硬科技企业给予房租补贴和场景开放支持。",
       "截至目前，中关村科学城已有国家高新技术企业一万余家，独角兽企业数量居全国前列。")
EAST_LAKE = ("武汉东湖高新区发布光谷科创大走廊建设方案，提出三年内新增科技型中小企业五千家。",
             "方案明确，东湖高新区将围绕光电子信息、生命健康两大主导产业建设创新联合体。")
SUZHOU = ("苏州工业园区人工智能产业规模突破千亿元，园区将建设公共算力平台降低企业使用门槛。",
          "园区管委会介绍，对首台套装备和首批次新材料给予最高五百万元奖励。")

LINES = [
    {"url": "https://news.example.cn/zgc/1.html", "title": "中关村科学城建设概念验证中心", "body": "\n\n".join(ZGC),
     "published_at": "2024-05-20", "author": "张三", "source": "zgc-news"},
    {"url": "https://reprint.example.cn/a/9.html", "title": "中关村科学城建设概念验证中心（转载）",
     "body": "\n\n".join(ZGC[:2]), "published_at": "2024-05-21T09:30:00+08:00", "source": "reprints"},
    {"url": "https://paper.example.cn/c/2.htm#piece-1", "title": "光谷科创大走廊建设方案发布", "body": "\n\n".join(EAST_LAKE),
     "published_at": "2024-05", "page_title": "高新区巡礼", "source": "paper"},
    {"url": "https://news.example.cn/sip/3.html", "title": "苏州工业园区人工智能产业突破千亿", "body": "\n\n".join(SUZHOU),
     "published_at": "2024", "source": "zgc-news"},
    {"url": "https://news.example.cn/sip/4.html", "title": "园区公共算力平台", "body": "\n\n".join(SUZHOU[::-1]),
     "source": "zgc-news"},
]


@contextmanager
def _empty_database_like(url: str, tmp_path: Path) -> Iterator[str]:
    """A second empty database of the same kind as ``url`` (SQLite file, or a PostgreSQL database dropped after)."""
    if url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'second.db'}"
        return
    name = f"zm_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield sa.engine.make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def _export(url: str, tmp_path: Path, *filters: str) -> list[dict]:  # type: ignore[type-arg]
    result = run_cli("articles", "export", *filters, env={"MONITOR_DATABASE_URL": url}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def _import(url: str, path: Path, tmp_path: Path) -> None:
    result = run_cli("import", str(path), "--json", env={"MONITOR_DATABASE_URL": url}, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert all(json.loads(line).get("error") is None for line in result.stdout.splitlines()), result.stdout


def _corpus(records: list[dict]) -> list[dict]:  # type: ignore[type-arg]
    """What a corpus is, without where it sits: each record less its storage time and cluster number."""
    return [{k: v for k, v in r.items() if k != "stored_at"} | {"cluster": {"canonical_url": r["cluster"]["canonical_url"]}}
            for r in records]


def test_export_then_import_into_an_empty_database_gives_the_same_corpus(migrated_url: str, tmp_path: Path) -> None:
    given = tmp_path / "given.jsonl"
    given.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in LINES), encoding="utf-8")
    _import(migrated_url, given, tmp_path)
    first = _export(migrated_url, tmp_path)
    assert [r["url"] for r in first] == [line["url"] for line in LINES]  # in the order they were stored
    reprint = next(r for r in first if r["url"].startswith("https://reprint."))
    assert reprint["verdict"]["status"] == "duplicate" and reprint["verdict"]["duplicate_of"] == LINES[0]["url"]
    assert reprint["cluster"]["canonical_url"] == LINES[0]["url"]
    assert any(z["id"] == "zhongguancun" for z in first[0]["tags"]["zones"])
    assert [r["published_at"] for r in first[2:]] == ["2024-05", "2024", None]
    assert first[2]["page_title"] == "高新区巡礼"
    exported = tmp_path / "export.jsonl"
    exported.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in first), encoding="utf-8")
    with _empty_database_like(migrated_url, tmp_path) as second:
        db.upgrade(second)
        _import(second, exported, tmp_path)
        again = _export(second, tmp_path)
        only_zgc = _export(second, tmp_path, "--source", "zgc-news", "--zone", "zhongguancun")
    assert _corpus(again) == _corpus(first)
    assert [r["url"] for r in only_zgc] == [LINES[0]["url"]]
