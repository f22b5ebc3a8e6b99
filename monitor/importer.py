"""`monitor import FILE.jsonl`: bulk import through the same dedup, tag and store stages as a crawl.

Each line is one JSON object: ``url``, ``title``, ``body``, ``published_at`` (ISO 8601; a
bare date is known to the day; a time without offset is Asia/Shanghai), optional ``author``
and ``source`` (overrides ``--source``). A bad line yields an ``ImportOutcome`` with its
error; the other lines are still imported, in transactions of ``BATCH_LINES`` lines (one
transaction per line cost a disk flush per line: 20 lines/s on a slow disk). Importing the
same item again is ``unchanged``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.errors import ConfigError, DatabaseError
from monitor.items import ExtractedArticle, PublishDate
from monitor.normalise import clean_paragraphs, clean_text, split_paragraphs
from monitor.store import db
from monitor.store.models import Article, Source
from monitor.store.storage import Storage, StoreResult
from monitor.tag.tagger import shared_tagger
from monitor.timefmt import SHANGHAI, utcnow

__all__ = ["ImportOutcome", "parse_item", "import_file"]

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
    moment = datetime.fromisoformat(value)
    return PublishDate(moment if moment.tzinfo else moment.replace(tzinfo=SHANGHAI), "second")


def parse_item(line: str) -> tuple[ExtractedArticle, str | None]:
    """The article of one JSON line and its source name (if the line names one); ValueError when bad."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not JSON: {exc}") from None
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
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
    article = ExtractedArticle(url=data["url"].strip(), title=clean_text(data["title"]), body=body,
                               published=_published(data.get("published_at")),
                               author=clean_text(author) if isinstance(author, str) and author.strip() else None)
    return article, source


BATCH_LINES = 100  # lines per transaction


@dataclass(frozen=True, slots=True)
class _Line:
    number: int
    article: ExtractedArticle | None  # None: the line is bad
    source: str
    error: str | None = None


def import_file(engine: Engine, path: Path, default_source: str, config: DedupConfig,
                priorities: Mapping[str, int] | None = None, batch_lines: int = BATCH_LINES) -> Iterator[ImportOutcome]:
    """Import the lines of ``path`` in transactions of ``batch_lines`` lines, yielding each line's outcome, in
    order, once its transaction is committed: what was reported is stored, and a line stored before a crash
    is ``unchanged`` when the file is imported again. A full or read-only database stops the import with
    nothing of the current batch stored."""
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    tagger = shared_tagger()
    with handle, Session(engine, expire_on_commit=False) as session:
        storage = Storage(session, priorities)
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
                                            or storage.source(line.source, "import"))
                verdict = dedup.check(line.article)
                tags = tagger.tag(line.article.title, line.article.body, (), line.article.author_post or "")
                results.append(storage.store_article(line.article, verdict, tags, sources[line.source], utcnow()))
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

        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                article, source_name = parse_item(line)
                batch.append(_Line(number, article, source_name or default_source))
            except (ValueError, UnicodeDecodeError) as exc:
                batch.append(_Line(number, None, "", str(exc)))
            if len(batch) >= batch_lines:
                yield from flush_batch()
        if batch:
            yield from flush_batch()


def _urls(session: Session, ids: set[int]) -> dict[int, str]:
    if not ids:
        return {}
    return {int(i): u for i, u in session.exec(select(Article.id, Article.url).where(col(Article.id).in_(ids))).all()}
