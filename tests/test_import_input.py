"""`monitor import` with bad bytes (issue 15): a line that is not UTF-8, spells a lone surrogate or
starts with a byte-order mark is that line's error, with its number and the reason, and every other
line is imported. A byte-order mark at the start of the file is skipped (Windows editors write one)."""

from __future__ import annotations

import codecs
import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func
from sqlmodel import Session, select

from monitor.dedup.deduplicator import DedupConfig
from monitor.importer import import_file
from monitor.normalise import MAX_TITLE_CHARS
from monitor.store import db
from monitor.store.models import Article
from tests.conftest import run_cli

LABELLED = Path(__file__).parent / "data" / "dedup" / "labelled.jsonl"
BOM = codecs.BOM_UTF8


def _bodies() -> list[str]:
    items = [json.loads(line) for line in LABELLED.read_text(encoding="utf-8").splitlines()]
    return [item["body"] for item in items if item["kind"] == "original" and item["id"].startswith(("seed-", "cwce-"))]


def _line(number: int, **fields: Any) -> bytes:
    body = _bodies()[number]
    item = {"url": f"https://zone.example/a/{number}.html", "title": body[:20], "body": body,
            "published_at": "2022-11-14"} | fields
    return json.dumps(item, ensure_ascii=False).encode("utf-8")


def _bad_file(path: Path) -> Path:
    lines = [
        BOM + _line(1),  # 1: the file's byte-order mark: skipped
        _line(2),  # 2
        _line(3).replace(_bodies()[3][:4].encode(), b"\xff\xfe\xb8\xdf", 1),  # 3: GBK bytes in a UTF-8 title
        _line(4).replace(b'"title": "', b'"title": "\\udfff', 1),  # 4: a lone (low) surrogate escape
        BOM + _line(5),  # 5: a byte-order mark inside the file
        _line(6, title="高新区\U0001f680发布"),  # 6: a surrogate pair escape is a real character
        _line(7).replace(b'"body": "', b'"body": "\\ud800', 1),  # 7: a lone high surrogate in the body
        b"[" * 100_000 + b"]" * 100_000,  # 8: nested past any recursion limit
        _line(9, title="包头稀土高新区" * 15_000),  # 9: a title of 105,000 characters, stored cut
        _line(10, url="https://zone.example/a/10\u0000.html"),  # 10: NUL, which PostgreSQL cannot store
        _line(11, source="bulk\u0000"),  # 11
    ]
    lines[5] = lines[5].replace("\U0001f680".encode(), b"\\ud83d\\ude80")
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def _errors(outcomes: list[Any]) -> dict[int, str]:
    return {o.line: o.error for o in outcomes if o.error is not None}


def test_bad_bytes_are_that_lines_error_and_the_rest_is_imported(migrated_url: str, tmp_path: Path) -> None:
    path = _bad_file(tmp_path / "items.jsonl")
    engine = db.make_engine(migrated_url)
    try:
        first = list(import_file(engine, path, "bulk", DedupConfig(), batch_lines=3))
        assert [o.line for o in first] == list(range(1, 12))
        assert [o.status for o in first] == ["new", "new", None, None, None, "new", None, None, "new", None, None]
        errors = _errors(first)
        assert "not valid UTF-8" in errors[3] and "(0xff: invalid start byte)" in errors[3]
        assert "'title'" in errors[4] and "lone surrogate" in errors[4] and "\\udfff" in errors[4]
        assert "byte-order mark" in errors[5]
        assert "'body'" in errors[7] and "\\ud800" in errors[7]
        assert "nested too deeply" in errors[8]
        assert errors[10] == "field 'url' contains the control character U+0000 at character 26"
        assert errors[11] == "field 'source' contains the control character U+0000 at character 5"
        for error in errors.values():
            error.encode("utf-8")  # printable and storable: no surrogate carried into the message
        again = list(import_file(engine, path, "bulk", DedupConfig()))
        assert [o.status for o in again if o.error is None] == ["unchanged"] * 4 and _errors(again) == errors
        with Session(engine) as session:
            assert session.exec(select(func.count()).select_from(Article)).one() == 4
            titles = set(session.exec(select(Article.title)).all())
            assert "高新区\U0001f680发布" in titles and _bodies()[1][:20] in titles  # the BOM did not reach line 1
            assert max(map(len, titles)) == MAX_TITLE_CHARS
    finally:
        engine.dispose()


def _cli_env(migrated_url: str, tmp_path: Path) -> dict[str, str]:
    return {"MONITOR_DATABASE_URL": migrated_url, "MONITOR_SOURCES": str(tmp_path / "none.yaml")}


def test_import_cli_reports_bad_lines_in_text_and_json(migrated_url: str, tmp_path: Path) -> None:
    if not migrated_url.startswith("sqlite"):
        pytest.skip("the output does not depend on the database; the importer is tested on both above")
    path = _bad_file(tmp_path / "items.jsonl")
    with path.open("ab") as handle:  # 12: text the message quotes that would be rich markup
        handle.write(_line(12, url="[/red][bold]x") + b"\n")
    env = _cli_env(migrated_url, tmp_path)
    as_json = run_cli("import", str(path), "--json", env=env, cwd=tmp_path)
    assert as_json.returncode == 0, as_json.stderr
    rows = [json.loads(line) for line in as_json.stdout.splitlines()]
    assert [row.get("status") for row in rows] == ["new", "new", None, None, None, "new", None, None, "new", None, None,
                                                   None]
    errors = {row["line"]: row["error"] for row in rows if "error" in row}
    assert sorted(errors) == [3, 4, 5, 7, 8, 10, 11, 12]
    assert all(set(row) == {"line", "error"} for row in rows if "error" in row)
    assert "UTF-8" in errors[3] and "surrogate" in errors[4] and "byte-order mark" in errors[5]
    assert "[/red][bold]x" in errors[12]

    text = run_cli("import", str(path), env=env, cwd=tmp_path)
    assert text.returncode == 0 and "Traceback" not in text.stderr, text.stderr
    lines = text.stderr.splitlines()
    for number, error in errors.items():  # each error on one line of its own, exactly as in --json
        assert f"line {number}: {error}" in lines
    assert lines[-1] == "new 0, duplicate 0, revision 0, unchanged 4, error 8"


def test_a_utf16_file_is_refused_whole_with_exit_2(migrated_url: str, tmp_path: Path) -> None:
    if not migrated_url.startswith("sqlite"):
        pytest.skip("refused before the database is written")
    path = tmp_path / "items.jsonl"
    path.write_bytes(codecs.BOM_UTF16_LE + _line(1).decode("utf-8").encode("utf-16-le"))
    result = run_cli("import", str(path), env=_cli_env(migrated_url, tmp_path), cwd=tmp_path)
    assert result.returncode == 2 and "UTF-16" in result.stderr and "Traceback" not in result.stderr
