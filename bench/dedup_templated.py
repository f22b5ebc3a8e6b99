"""False merges on templated news and grouping of related coverage (tests/data/dedup/templated.jsonl, events.jsonl).

Used by bench/dedup.py (the table) and tests/test_dedup_templated.py (the targets).

- Templated set: every story and repost goes through dedup + storage in publication order; a false
  merge is a pair of different stories in one cluster, a repost found is one in its story's cluster.
- Events: every report goes through dedup + tagging + storage; pairwise precision and recall of
  "same event" over the pairs of reports (distractors are events of their own).
"""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.items import ExtractedArticle, PublishDate, TagSet
from monitor.store import Articles, Sources
from monitor.timefmt import utcnow

__all__ = ["EVENTS", "TEMPLATED", "EventCounts", "TemplatedCounts", "evaluate_events", "evaluate_templated", "load"]

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "dedup"
TEMPLATED = DATA / "templated.jsonl"
EVENTS = DATA / "events.jsonl"


def load(path: Path, split: str | None = None) -> list[dict[str, object]]:
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [i for i in items if split is None or i["split"] == split]


def _article(item: dict[str, object]) -> ExtractedArticle:
    published = datetime.fromisoformat(str(item["published_at"]))
    return ExtractedArticle(url=f"https://eval.invalid/{item['id']}", title=str(item["title"]), body=str(item["body"]),
                            published=PublishDate(published, "second"))


@dataclass
class TemplatedCounts:
    stories: int = 0
    pairs: int = 0  # pairs of different stories from one template
    false_merges: int = 0  # pairs of different stories in one cluster
    reposts: int = 0
    reposts_found: int = 0

    @property
    def repost_recall(self) -> float:
        return self.reposts_found / self.reposts if self.reposts else 1.0


def evaluate_templated(engine: Engine, items: list[dict[str, object]], config: DedupConfig | None = None,
                       tag: bool = False) -> TemplatedCounts:
    from monitor.tag import tag_article

    counts = TemplatedCounts()
    cluster_of: dict[str, int] = {}
    with Session(engine) as session:
        articles = Articles(session)
        source = Sources(session).row("templated", "html")
        dedup = Deduplicator(session, config)
        for item in sorted(items, key=lambda i: (str(i["published_at"]), str(i["id"]))):
            article = _article(item)
            tags = tag_article(article) if tag else TagSet()
            cluster_of[str(item["id"])] = articles.store_article(article, dedup.check(article), tags, source,
                                                                 utcnow()).cluster_id
        session.commit()
    stories = [i for i in items if i["kind"] == "story"]
    counts.stories = len(stories)
    by_template: dict[str, list[str]] = defaultdict(list)
    for story in stories:
        by_template[str(story["template"])].append(str(story["id"]))
    for ids in by_template.values():
        counts.pairs += len(ids) - 1  # consecutive stories of a template: the set's pairs
    for a, b in itertools.combinations([str(s["id"]) for s in stories], 2):
        counts.false_merges += cluster_of[a] == cluster_of[b]
    for item in items:
        if item["kind"] == "repost":
            counts.reposts += 1
            counts.reposts_found += cluster_of[str(item["id"])] == cluster_of[str(item["of"])]
    return counts


@dataclass
class EventCounts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def evaluate_events(engine: Engine, items: list[dict[str, object]], config: DedupConfig | None = None) -> EventCounts:
    """Pairwise: two reports predicted together when their clusters are in one event (or one cluster)."""
    from monitor.store.models import Article, Cluster
    from monitor.tag import tag_article

    ids: dict[str, int] = {}
    with Session(engine) as session:
        articles = Articles(session)
        source = Sources(session).row("events", "html")
        dedup = Deduplicator(session, config)
        for item in sorted(items, key=lambda i: (str(i["published_at"]), str(i["id"]))):
            article = _article(item)
            ids[str(item["id"])] = articles.store_article(article, dedup.check(article), tag_article(article), source,
                                                          utcnow()).article_id
        session.commit()
        group: dict[str, int] = {}
        for key, article_id in ids.items():
            row = session.get(Article, article_id)
            assert row is not None and row.cluster_id is not None
            cluster = session.get(Cluster, row.cluster_id)
            assert cluster is not None
            group[key] = cluster.event_id or cluster.id  # type: ignore[assignment]
    counts = EventCounts()
    for a, b in itertools.combinations(sorted(ids), 2):
        expected = next(i for i in items if i["id"] == a)["event"] == next(i for i in items if i["id"] == b)["event"]
        predicted = group[a] == group[b]
        counts.tp += expected and predicted
        counts.fp += predicted and not expected
        counts.fn += expected and not predicted
    return counts
