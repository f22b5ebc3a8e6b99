"""`monitor import FILE.jsonl`: bulk import through the same dedup, tag and store stages as a crawl.

Each line is one JSON object: ``url``, ``title``, ``body``, ``published_at`` (ISO 8601; a
bare date is known to the day; a time without offset is Asia/Shanghai), optional ``author``
and ``source`` (overrides ``--source``). A bad line yields an ``ImportOutcome`` with its
error; the other lines are still imported, each in its own transaction. Importing the same
item again is ``unchanged``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from . import db
from .dedup import DedupConfig, Deduplicator
from .errors import ConfigError
from .items import ExtractedArticle, PublishDate
from .models import Article, Source
from .normalise import clean_paragraphs, clean_text, split_paragraphs
from .store import Storage, StoreResult
from .tag import shared_tagger
from .timefmt import SHANGHAI, utcnow

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


def import_file(engine: Engine, path: Path, default_source: str, config: DedupConfig,
                priorities: Mapping[str, int] | None = None) -> Iterator[ImportOutcome]:
    try:
        handle = path.open(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from None
    tagger = shared_tagger()
    with handle, Session(engine, expire_on_commit=False) as session:
        storage = Storage(session, priorities)
        dedup = Deduplicator(session, config)
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                article, source_name = parse_item(line)
            except (ValueError, UnicodeDecodeError) as exc:
                yield ImportOutcome(number, error=str(exc))
                continue
            name = source_name or default_source

            def store(article: ExtractedArticle = article, name: str = name) -> StoreResult:
                source = session.exec(select(Source).where(Source.name == name)).first() or storage.source(name, "import")
                verdict = dedup.check(article)
                tags = tagger.tag(article.title, article.body, (), article.author_post or "")
                return storage.store_article(article, verdict, tags, source, utcnow())

            # One transaction per line: a full or read-only database stops the import with nothing half-stored.
            result = db.commit_retrying(session, store, f"importing line {number} ({article.url})")
            row = session.get(Article, result.article_id)
            assert row is not None
            canonical_url = None
            if result.duplicate_of is not None:
                canonical_url = session.exec(select(Article.url).where(Article.id == result.duplicate_of)).first()
            yield ImportOutcome(number, article.url, result.article_id, result.status, result.cluster_id, canonical_url,
                                row.similarity)
