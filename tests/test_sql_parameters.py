"""SQL goes through bound parameters only (issue 9): no statement is built from strings, and text a user or a
site supplies is matched as data, on SQLite and PostgreSQL."""

from __future__ import annotations

import ast

from sqlmodel import Session, func, select

from monitor.store import db
from monitor.store.models import Article
from monitor.store.queries import ArticleFilter, list_articles
from tests.conftest import ROOT
from tests.digest_helpers import store_articles

_RAW_SQL_CALLS = {"text", "exec_driver_sql", "execute", "exec"}


def _builds_a_string(node: ast.expr) -> bool:
    """An f-string, a concatenation, a %-format or a .format() call: SQL made from values."""
    if isinstance(node, ast.JoinedStr | ast.BinOp):
        return True
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ("format", "join")


def test_no_sql_statement_is_built_from_strings() -> None:
    found = []
    for path in sorted([*(ROOT / "monitor").rglob("*.py"), *(ROOT / "scrapers").rglob("*.py")]):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in _RAW_SQL_CALLS and _builds_a_string(node.args[0]):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(node)[:120]}")
    assert found == [], "SQL built from strings (use bound parameters):\n" + "\n".join(found)


ARTICLES = [
    {"url": "http://n.example.cn/1.html", "title": "包头稀土高新区产值增长100%", "zones": ["baotouxitu"],
     "body": "包头稀土高新区前三季度稀土产业产值同比增长100%，一批项目开工。"},
    {"url": "http://n.example.cn/2.html", "title": "宝鸡高新区钛产业产值增长1000倍", "zones": ["baoji"],
     "body": "宝鸡高新区钛及钛合金产业链项目加快建设，产值增长1000倍_是笔误。"},
]


HOSTILE_SEARCHES = [
    ("'; DROP TABLE article; --", []),
    ("' OR '1'='1", []),
    ('" OR 1=1 --', []),
    ("100%", ["http://n.example.cn/1.html"]),  # found here: % was a wildcard, and "1000" matched too
    ("%", ["http://n.example.cn/1.html"]),
    ("0_", []),  # _ matched any one character
    ("倍_", ["http://n.example.cn/2.html"]),
    ("增长", ["http://n.example.cn/1.html", "http://n.example.cn/2.html"]),
    ("\\", []),  # PostgreSQL's default LIKE escape character
]


def test_search_text_is_matched_as_data(migrated_url: str) -> None:
    """`monitor articles list --q` and the public web archive's ?q= both search through list_articles."""
    store_articles(migrated_url, ARTICLES)
    engine = db.make_engine(migrated_url)
    try:
        with Session(engine) as session:
            for text, expected in HOSTILE_SEARCHES:
                found = sorted(v.url for v in list_articles(session, ArticleFilter(text=text), {}))
                by_keyword = sorted(v.url for v in list_articles(session, ArticleFilter(keywords=(text,)), {}))
                assert (found, by_keyword) == (expected, expected), text
            assert session.exec(select(func.count()).select_from(Article)).one() == 2
    finally:
        engine.dispose()


def test_the_static_check_sees_an_f_string() -> None:
    call = ast.parse('session.execute(sa.text(f"DELETE FROM article WHERE url = \'{url}\'"))').body[0].value  # type: ignore[attr-defined]
    inner = call.args[0]
    assert _builds_a_string(inner.args[0]) and not _builds_a_string(ast.parse('"SELECT 1"').body[0].value)  # type: ignore[attr-defined]
