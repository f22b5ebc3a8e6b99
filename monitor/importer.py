"""`monitor import FILE.jsonl`: bulk import through the same dedup, tag and store stages as a crawl.

Each line is one JSON object: ``url``, ``title``, ``body``, ``published_at`` (ISO 8601; a
bare date is known to the day, ``YYYY-MM`` to the month, ``YYYY`` to the year; a time without offset is Asia/Shanghai), optional ``author``,
``page_title`` (a roundup piece: the headline of the page it was printed on) and ``source``
(overrides ``--source``). A bad line yields an ``ImportOutcome`` with its
error; the other lines are still imported, in transactions of ``BATCH_LINES`` lines (one
transaction per line cost a disk flush per line: 20 lines/s on a slow disk). Importing the
same item again is ``unchanged``.

The file is read as bytes and each line decoded on its own, so one line that is not UTF-8, or
whose JSON escapes spell a lone surrogate (``"\\udfff"``, not a character: no database stores
it), is that line's error and the others are imported. A UTF-8 byte-order mark at the start
of the file is skipped (editors on Windows write one); one at the start of any other line is
that line's error (it is what ``cat a.jsonl b.jsonl`` makes of two such files, and a
mark inside the data is worth a look). A file that starts with a UTF-16 mark is refused whole.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.dedup import DedupConfig, Deduplicator
from monitor.errors import ConfigError, DatabaseError
from monitor.items import ExtractedArticle, PublishDate
from monitor.normalise import clean_paragraphs, clean_text, split_paragraphs
from monitor.store import Articles, Sources, StoreResult, db
from monitor.store.models import Article, Source
from monitor.tag import shared_tagger, tag_article
from monitor.timefmt import SHANGHAI, utcnow

__all__ = ["ImportOutcome", "decode_line", "parse_item", "import_file"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_MONTH = re.compile(r"^\d{4}-\d{2}$")
_YEAR = re.compile(r"^\d{4}$")


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    line: int
    url: str | None = None
    id: int | None = None
    status: str | None = None
    cluster_id: int | None = None
    duplicate_of: str | None = None  # URL of the cluster's canonical article; None for the canonical one
    similarity: float | None = None
    error: str | None = None


def _published(value: object) -> PublishDate | None:
    if value in (None, ""):
        return None
    if not isinstance(value, str):
        raise ValueError("published_at must be an ISO 8601 string")
    if _DAY.match(value):
        return PublishDate(datetime.fromisoformat(value).replace(tzinfo=SHANGHAI), "day")
    if _MONTH.match(value) or _YEAR.match(value):  # known to the month or the year (as `articles export` writes it)
        return PublishDate(datetime.fromisoformat(f"{value}-01-01"[:10]).replace(tzinfo=SHANGHAI),
                           "month" if _MONTH.match(value) else "year")
    moment = datetime.fromisoformat(value)
    return PublishDate(moment if moment.tzinfo else moment.replace(tzinfo=SHANGHAI), "second")


_FIELDS = ("url", "title", "body", "published_at", "author", "source", "page_title")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")  # PostgreSQL stores no NUL; no URL or name holds any of these


def decode_line(raw: bytes, number: int) -> str:
    """One line of the file as text; ValueError naming the first bad byte when it is not UTF-8. Line 1 may
    start with a byte-order mark, which is skipped; any other line that does is refused."""
    if raw.startswith(codecs.BOM_UTF8):
        if number != 1:
            raise ValueError("starts with a byte-order mark (U+FEFF), which belongs only at the start of the file "
                             "(two files joined with cat?): remove it")
        raw = raw[len(codecs.BOM_UTF8):]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        bad = " ".join(f"0x{byte:02x}" for byte in raw[exc.start:exc.end])
        raise ValueError(f"not valid UTF-8 at byte {exc.start + 1} of the line ({bad}: {exc.reason}); "
                         "save the file as UTF-8") from None


def parse_item(line: str) -> tuple[ExtractedArticle, str | None]:
    """The article of one JSON line and its source name (if the line names one); ValueError when bad."""
    if line.startswith("\ufeff"):
        raise ValueError("starts with a byte-order mark (U+FEFF): remove it")
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc}") from None
    except RecursionError:
        raise ValueError("not JSON this importer reads: nested too deeply") from None
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    for field in _FIELDS:  # checked first: an error message must not carry a lone surrogate either
        value = data.get(field)
        surrogate = _SURROGATE.search(value) if isinstance(value, str) else None
        if surrogate is not None:
            raise ValueError(f"field {field!r} is not valid Unicode: a lone surrogate "
                             f"(\\u{ord(surrogate.group()):04x} escape without its pair) at character {surrogate.start() + 1}")
    for field in ("url", "source"):  # stored as given (title, body and author are cleaned of control characters)
        value = data.get(field)
        control = _CONTROL.search(value) if isinstance(value, str) else None
        if control is not None:
            raise ValueError(f"field {field!r} contains the control character U+{ord(control.group()):04X} "
                             f"at character {control.start() + 1}")
    for field in ("url", "title", "body"):
        if not isinstance(data.get(field), str) or not data[field].strip():
            raise ValueError(f"field {field!r} is missing or empty")
    if not re.match(r"^https?://[^/\s]+", data["url"]):
        raise ValueError(f"field 'url' is not an http(s) URL: {data['url']!r}")
    body = "\n\n".join(clean_paragraphs(split_paragraphs(data["body"])))
    source = data.get("source")
    if source is not None and not isinstance(source, str):
        raise ValueError("field 'source' must be a string")
    author = data.get("author")
    page_title = data.get("page_title")
    if page_title is not None and not isinstance(page_title, str):
        raise ValueError("field 'page_title' must be a string")
    article = ExtractedArticle(url=data["url"].strip(), title=clean_text(data["title"]), body=body,
                               published=_published(data.get("published_at")),
                               author=clean_text(author) if isinstance(author, str) and author.strip() else None,
                               page_title=clean_text(page_title) if page_title is not None else None)
    return article, source


BATCH_LINES = 100  # lines per transaction


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    article: ExtractedArticle | None  # None: the line is bad
    source: str
    error: str | None = None


def import_file(engine: Engine, path: Path, default_source: str, config: DedupConfig,
                priorities: Mapping[str, int] | None = None, batch_lines: int = BATCH_LINES,
                source_zones: Mapping[str, Sequence[str]] | None = None) -> Iterator[ImportOutcome]:
    """Import the lines of ``path`` in transactions of ``batch_lines`` lines, yielding each line's outcome, in
    order, once its transaction is committed: what was reported is stored, and a line stored before a crash
    is ``unchanged`` when the file is imported again. A full or read-only database stops the import with
    nothing of the current batch stored. `source_zones`: the zones of each source of the sources file, which
    tag a line of that source as they tag its crawled articles."""
    try:
        handle = path.open("rb")
        start = handle.peek(2)[:2]
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    if start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        handle.close()
        raise ConfigError(f"{path} is UTF-16 (it starts with a UTF-16 byte-order mark); import reads UTF-8 "
                          f"JSON lines: convert it first (iconv -f UTF-16 -t UTF-8)")
    tagger, zones_of = shared_tagger(), source_zones or {}
    with handle, Session(engine, expire_on_commit=False) as session:
        articles, source_rows = Articles(session, priorities), Sources(session)
        dedup = Deduplicator(session, config)
        batch: list[_Line] = []

        def store(lines: list[_Line]) -> list[StoreResult | None]:
            sources: dict[str, Source] = {}  # per attempt: a retried batch finds its new sources rolled back
            results: list[StoreResult | None] = []
            for line in lines:
                if line.article is None:
                    results.append(None)
                    continue
                if line.source not in sources:
                    sources[line.source] = (session.exec(select(Source).where(Source.name == line.source)).first()
                                            or source_rows.row(line.source, "import"))
                verdict = dedup.check(line.article)
                tags = tag_article(line.article, zones_of.get(line.source, ()), url=line.article.url, tagger=tagger)
                results.append(articles.store_article(line.article, verdict, tags, sources[line.source], utcnow()))
            return results

        def outcomes(lines: list[_Line], results: list[StoreResult | None]) -> Iterator[ImportOutcome]:
            canonical = _urls(session, {r.duplicate_of for r in results if r is not None and r.duplicate_of})
            for line, result in zip(lines, results, strict=True):
                if line.article is None or result is None:
                    yield ImportOutcome(line.number, error=line.error)
                else:
                    yield ImportOutcome(line.number, line.article.url, result.article_id, result.status,
                                        result.cluster_id, canonical.get(result.duplicate_of or 0), result.similarity)

        def flush_batch() -> Iterator[ImportOutcome]:
            try:
                results = db.commit_retrying(session, lambda: store(batch),
                                             f"importing lines {batch[0].number}-{batch[-1].number}")
            except DatabaseError:
                # Full or read-only: line by line, so the lines that fit are stored and reported and the
                # error names the line that did not.
                for line in batch:
                    doing = f"importing line {line.number} ({line.article.url if line.article else ''})"
                    yield from outcomes([line], db.commit_retrying(session, lambda line=line: store([line]), doing))
            else:
                yield from outcomes(batch, results)
            batch.clear()

        for number, raw in enumerate(handle, start=1):  # bytes split at b"\n" only, as JSON lines are
            try:
                line = decode_line(raw, number)
                if not line.strip():
                    continue
                article, source_name = parse_item(line)
                batch.append(_Line(number, article, source_name or default_source))
            except ValueError as exc:  # UnicodeDecodeError included
                batch.append(_Line(number, None, "", str(exc)))
            if len(batch) >= batch_lines:
                yield from flush_batch()
        if batch:
            yield from flush_batch()


def _urls(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {int(i): u for i, u in session.exec(select(Article.id, Article.url).where(col(Article.id).in_(ids))).all()}
