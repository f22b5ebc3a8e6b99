"""Quality of the dedup stage on the labelled set (tests/data/dedup/labelled.jsonl), and two baselines.

Used by bench/dedup.py (full tables) and tests/test_dedup_quality.py (a pinned floor).
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session

from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.dedup.minhash import NUM_PERM, fingerprint, jaccard
from monitor.items import DuplicateOf, ExtractedArticle, PublishDate, TagSet
from monitor.store import Articles, Sources
from monitor.timefmt import utcnow

__all__ = ["LABELLED", "Counts", "load_items", "evaluate_monitor", "evaluate_baselines"]

LABELLED = Path(__file__).resolve().parent.parent / "tests" / "data" / "dedup" / "labelled.jsonl"


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, expected: bool, predicted: bool, correct_target: bool = True) -> None:
        if expected and predicted and correct_target:
            self.tp += 1
        elif predicted:
            self.fp += 1
            if expected:
                self.fn += 1
        elif expected:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_items(path: Path = LABELLED) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _article(item: dict[str, object]) -> ExtractedArticle:
    published = datetime.fromisoformat(str(item["published_at"]))
    return ExtractedArticle(url=f"https://eval.invalid/{item['id']}", title=str(item["title"]), body=str(item["body"]),
                            published=PublishDate(published, "second"))


def evaluate_monitor(engine: Engine, items: list[dict[str, object]], config: DedupConfig | None = None,
                     ) -> dict[str, Counts]:
    """Store originals and background through dedup + storage, then check every probe (not stored)."""
    counts: dict[str, Counts] = defaultdict(Counts)
    with Session(engine) as session:
        articles = Articles(session)
        source = Sources(session).row("eval", "html")
        dedup = Deduplicator(session, config)
        cluster_of: dict[str, int] = {}
        for item in items:
            if item["kind"] in ("original", "background"):
                article = _article(item)
                result = articles.store_article(article, dedup.check(article), TagSet(), source, utcnow())
                cluster_of[str(item["id"])] = result.cluster_id
        session.commit()
        for item in items:
            if item["kind"] != "probe":
                continue
            verdict = dedup.check(_article(item))
            predicted = isinstance(verdict, DuplicateOf)
            correct = True
            if predicted and item["of"]:
                from monitor.store.models import Article

                target = session.get(Article, verdict.article_id)  # type: ignore[union-attr]
                correct = target is not None and target.cluster_id == cluster_of[str(item["of"])]
            counts[str(item["variant"])].add(item["of"] is not None, predicted, correct)
    return dict(counts)


def evaluate_baselines(items: list[dict[str, object]], threshold: float = 0.5) -> dict[str, dict[str, Counts]]:
    """datasketch MinHashLSH in memory and exact shingle Jaccard (no stock phrases, no containment)."""
    from datasketch import MinHash, MinHashLSH

    from monitor.dedup.minhash import signature

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    stored: dict[str, frozenset[str]] = {}
    for item in items:
        if item["kind"] in ("original", "background"):
            shingles = fingerprint(str(item["body"])).shingles
            stored[str(item["id"])] = shingles
            lsh.insert(str(item["id"]), MinHash(num_perm=NUM_PERM, hashvalues=signature(shingles), scheme="affine32"))
    result: dict[str, dict[str, Counts]] = {"datasketch-lsh": defaultdict(Counts), "exact-jaccard": defaultdict(Counts)}
    for item in items:
        if item["kind"] != "probe":
            continue
        shingles = fingerprint(str(item["body"])).shingles
        probe = MinHash(num_perm=NUM_PERM, hashvalues=signature(shingles), scheme="affine32")
        found = lsh.query(probe)
        best = max(stored, key=lambda k: jaccard(shingles, stored[k]))
        expected = item["of"] is not None
        variant = str(item["variant"])
        result["datasketch-lsh"][variant].add(expected, bool(found), not expected or item["of"] in found)
        exact = jaccard(shingles, stored[best]) >= threshold
        result["exact-jaccard"][variant].add(expected, exact, not expected or best == item["of"])
    return {name: dict(c) for name, c in result.items()}


def total(counts: dict[str, Counts]) -> Counts:
    out = Counts()
    for c in counts.values():
        out.tp, out.fp, out.fn, out.tn = out.tp + c.tp, out.fp + c.fp, out.fn + c.fn, out.tn + c.tn
    return out
