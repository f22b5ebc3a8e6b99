"""`monitor articles export [filters] > file.jsonl`: stored articles as the JSON lines `monitor import` reads.

Each line holds the fields import reads (``url``, ``title``, ``body``, ``published_at`` as precisely as it is
known, ``author``, ``page_title``, ``source``) and what the pipeline gave the article, which import works out
again rather than reads: ``author_post``, ``tags`` (zones, topics, people, content type, relevant), ``cluster``
(its id here and its canonical article's URL) and ``verdict`` (new or duplicate, of which URL, at which level
and similarity; revision). Lines come in the order the articles were stored, so importing the file into an
empty database reaches the same verdicts and clusters.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session

from monitor.store.queries import ArticleFilter, ExportedArticle, export_articles
from monitor.timefmt import format_published, format_timestamp

__all__ = ["export_lines", "export_record"]


def export_record(item: ExportedArticle) -> dict[str, Any]:
    return {
        "url": item.url, "title": item.title, "body": item.body, "published_at": format_published(item.published),
        "author": item.author, "page_title": item.page_title, "source": item.source, "author_post": item.author_post,
        "tags": {"zones": [{"id": z, "role": role, "score": score} for z, role, score in item.zones],
                 "topics": [{"id": t, "score": score} for t, score in item.topics],
                 "people": [{"name": name, "post": post, "zone_id": zone} for name, post, zone in item.people],
                 "content_type": item.content_type, "relevant": item.relevant},
        "cluster": {"id": item.cluster_id, "canonical_url": item.canonical},
        "verdict": {"status": "duplicate" if item.duplicate_of else "new", "duplicate_of": item.duplicate_of,
                    "level": item.dedup_level, "similarity": item.similarity, "revision": item.revision},
        "stored_at": format_timestamp(item.stored_at),
    }


def export_lines(engine: Engine, filters: ArticleFilter) -> Iterator[dict[str, Any]]:
    with Session(engine) as session:
        for item in export_articles(session, filters):
            yield export_record(item)
