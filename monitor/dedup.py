"""The dedup stage: is this article already stored, as itself or as a copy of another?

``Deduplicator(session, config).check(article)`` returns a verdict with its evidence;
storage records it (duplicates are stored and linked, never dropped). Levels, first match wins:

1. same canonical URL: ``Unchanged`` (same body hash) or ``Revision`` (the body changed);
2. same hash of the normalised body: ``DuplicateOf(level="hash", similarity=1.0)``;
3. candidates from the index in ONE statement: LSH band hashes of the MinHash signature
   (``ArticleBand``) and shared sentence fingerprints (``ParagraphFingerprint``), best first;
4. each candidate verified exactly on shingles with the stock sentences left out:
   ``near`` when the Jaccard reaches ``dedup_near_threshold``; ``contained`` when the share
   of the smaller body inside the larger reaches ``dedup_containment_threshold`` (abridged
   copies, excerpts, a stored piece inside a multi-piece page);
   a candidate whose numbers disagree (two issues of a recurring report) is rejected;
5. otherwise ``New``, carrying the best rejected candidate as evidence.

Stock phrases: ``SentenceFrequency`` counts in how many stories (clusters: storage counts a
sentence when an article starts a new cluster) each sentence appears. Sentences seen in at
least ``dedup_stock_min_docs`` stories are policy quotes or slogans: they neither produce
candidates nor count towards similarity, so two pieces quoting one report do not merge.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace

import numpy as np
from sqlalchemy import and_, delete, func, insert, literal, or_, union_all
from sqlalchemy import select as sa_select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col, select

from .items import (
    DedupEvidence,
    DedupVerdict,
    DuplicateOf,
    ExtractedArticle,
    Fingerprint,
    New,
    Revision,
    Unchanged,
)
from .minhash import (
    NUM_PERM,
    TextFingerprint,
    band_hashes,
    containment,
    fingerprint,
    jaccard,
    sentences,
    signature,
)
from .models import Article, ArticleBand, ParagraphFingerprint, SentenceFrequency
from .normalise import content_hash
from .settings import Settings

__all__ = ["Deduplicator", "DedupConfig", "DedupIndex", "MIN_SHINGLES"]

MIN_SHINGLES = 50  # below this many shingles (~50 characters) only the exact levels apply: a brief is no copy
_IN_CHUNK = 500  # parameters per IN list (SQLite's limit is 32766; keep statements small)


@dataclass(frozen=True, slots=True)
class DedupConfig:
    near_threshold: float = 0.5
    containment_threshold: float = 0.8
    stock_min_docs: int = 5
    min_numbers_agreement: float = 0.5
    max_candidates: int = 8

    @classmethod
    def from_settings(cls, settings: Settings) -> DedupConfig:
        return cls(settings.dedup_near_threshold, settings.dedup_containment_threshold, settings.dedup_stock_min_docs,
                   settings.dedup_min_numbers_agreement, settings.dedup_max_candidates)


@dataclass(frozen=True, slots=True)
class _Probe:
    text: TextFingerprint
    values: np.ndarray
    fingerprint: Fingerprint
    stock: frozenset[int]  # this body's sentences that are stock phrases

    @property
    def stock_count(self) -> int:
        return len(self.stock)


class Deduplicator:
    def __init__(self, session: Session, config: DedupConfig | None = None) -> None:
        self.session = session
        self.config = config or DedupConfig()

    def check(self, article: ExtractedArticle) -> DedupVerdict:
        digest = content_hash(article.body)
        same_url = self.session.exec(select(Article).where(Article.url == article.url)).first()
        if same_url is not None:
            assert same_url.id is not None
            if same_url.content_hash == digest:
                return Unchanged(same_url.id)
            return Revision(same_url.id, digest, self.probe(article.body).fingerprint)
        return self._check_body(article.body, digest)

    def check_stored(self, article_id: int, body: str) -> New | DuplicateOf:
        """The verdict for a stored article against the articles indexed so far (``monitor dedup rebuild``)."""
        return self._check_body(body, content_hash(body), exclude=article_id)

    def _check_body(self, body: str, digest: str, exclude: int | None = None) -> New | DuplicateOf:
        probe = self.probe(body)
        query = select(Article.id).where(Article.content_hash == digest)
        if exclude is not None:
            query = query.where(col(Article.id) != exclude).where(col(Article.signature).is_not(None))
        same_text = self.session.exec(query.order_by(col(Article.id)).limit(1)).first()
        if same_text is not None:
            evidence = DedupEvidence("hash", same_text, 1.0, 1.0, 1.0, stock_sentences=probe.stock_count,
                                     reason="same normalised body")
            return DuplicateOf(same_text, 1.0, "hash", digest, probe.fingerprint, evidence)
        best_rejected: DedupEvidence | None = None
        for evidence in self._verify(probe, self._candidates(probe)):
            if evidence.level in ("near", "contained"):
                similarity = evidence.jaccard if evidence.level == "near" else evidence.containment
                assert evidence.candidate_id is not None and similarity is not None
                return DuplicateOf(evidence.candidate_id, round(similarity, 4), evidence.level,  # type: ignore[arg-type]
                                   digest, probe.fingerprint, evidence)
            if best_rejected is None:
                best_rejected = evidence
        return New(digest, probe.fingerprint, best_rejected or DedupEvidence("none", stock_sentences=probe.stock_count))

    # fingerprints ---------------------------------------------------------------------
    def probe(self, body: str) -> _Probe:
        found = sentences(body)
        stock = self._stock({digest for _, digest in found})
        text = fingerprint(body, stock)
        values = signature(text.shingles)
        bands = tuple(band_hashes(values)) if text.shingles else ()
        fp = Fingerprint(values.astype("<u4").tobytes(), bands, tuple(s.hash for s in text.sentences),
                         tuple(s.length for s in text.sentences))
        return _Probe(text, values, fp, frozenset(stock))

    def _stock(self, hashes: set[int]) -> set[int]:
        """The sentences among ``hashes`` that are stock phrases."""
        stock: set[int] = set()
        ordered = sorted(hashes)
        for start in range(0, len(ordered), _IN_CHUNK):
            chunk = ordered[start:start + _IN_CHUNK]
            stock.update(self.session.exec(
                select(SentenceFrequency.hash).where(col(SentenceFrequency.hash).in_(chunk))
                .where(SentenceFrequency.doc_count >= self.config.stock_min_docs)
            ).all())
        return stock

    # candidates -----------------------------------------------------------------------
    def _candidates(self, probe: _Probe) -> list[tuple[int, int, int]]:
        """(article id, band hits, shared sentence characters), best first, from one statement."""
        fp = probe.fingerprint
        stock_free = [(h, n) for h, n in zip(fp.sentence_hashes, fp.sentence_lengths, strict=True)
                      if h not in probe.stock][:_IN_CHUNK]
        parts = []
        if fp.bands:
            parts.append(
                sa_select(col(ArticleBand.article_id).label("article_id"), literal(1).label("hits"),
                          literal(0).label("shared"))
                # OR of (band, hash) pairs: both SQLite (MULTI-INDEX OR) and PostgreSQL (BitmapOr) use
                # the (band, hash) index; SQLite scans the table for a row-value IN list.
                .where(or_(*(and_(col(ArticleBand.band) == band, col(ArticleBand.hash) == digest)
                             for band, digest in enumerate(fp.bands))))
            )
        if stock_free:
            parts.append(
                sa_select(col(ParagraphFingerprint.article_id).label("article_id"), literal(0).label("hits"),
                          col(ParagraphFingerprint.length).label("shared"))
                .where(col(ParagraphFingerprint.hash).in_([h for h, _ in stock_free]))
            )
        if not parts:
            return []
        hits = union_all(*parts).subquery()
        kept = max(probe.text.kept_chars, 1)
        score = func.sum(hits.c.hits) * (1.0 / len(fp.bands or (1,))) + func.sum(hits.c.shared) * (1.0 / kept)
        query = (sa_select(hits.c.article_id, func.sum(hits.c.hits), func.sum(hits.c.shared))
                 .group_by(hits.c.article_id).order_by(score.desc(), hits.c.article_id)
                 .limit(self.config.max_candidates))
        return [(int(a), int(h or 0), int(s or 0)) for a, h, s in self.session.execute(query).all()]

    # verification ---------------------------------------------------------------------
    def _verify(self, probe: _Probe, candidates: list[tuple[int, int, int]]) -> list[DedupEvidence]:
        if not candidates:
            return []
        ids = [c[0] for c in candidates]
        rows = {a.id: a for a in self.session.exec(select(Article).where(col(Article.id).in_(ids))).all()}
        bodies = {i: sentences(rows[i].body) for i in ids if i in rows}
        stock = self._stock({digest for found in bodies.values() for _, digest in found})
        results = []
        for article_id, band_hits, _shared in candidates:
            row = rows.get(article_id)
            if row is None:
                continue
            other = fingerprint(row.body, stock)
            results.append(self._judge(probe, article_id, band_hits, other, row.signature))
        order = {"near": 0, "contained": 0}
        results.sort(key=lambda e: (order.get(e.level, 1), -max(e.jaccard or 0, e.containment or 0)))
        return results

    def _judge(self, probe: _Probe, article_id: int, band_hits: int, other: TextFingerprint,
               other_signature: bytes | None) -> DedupEvidence:
        mine = probe.text
        exact = jaccard(mine.shingles, other.shingles)
        inside = containment(mine.shingles, other.shingles)
        estimated = None
        if other_signature and len(other_signature) == NUM_PERM * 4:
            estimated = float(np.mean(np.frombuffer(other_signature, dtype="<u4") == probe.values))
        shared = len({s.hash for s in mine.sentences} & {s.hash for s in other.sentences})
        smaller = mine.numbers if len(mine.numbers) <= len(other.numbers) else other.numbers
        agreement = len(mine.numbers & other.numbers) / len(smaller) if len(smaller) >= 3 else None
        base = DedupEvidence("none", article_id, round(exact, 4), round(inside, 4),
                             None if estimated is None else round(estimated, 4), band_hits, shared,
                             probe.stock_count, None if agreement is None else round(agreement, 4))
        cfg = self.config
        if min(len(mine.shingles), len(other.shingles)) < MIN_SHINGLES:
            return _replace(base, reason="too short for a near-duplicate verdict")
        if agreement is not None and agreement < cfg.min_numbers_agreement:
            return _replace(base, reason="numbers differ (another issue of a recurring report?)")
        if exact >= cfg.near_threshold:
            return _replace(base, level="near", reason="shingle Jaccard above threshold")
        if inside >= cfg.containment_threshold:
            return _replace(base, level="contained", reason="smaller body contained in the other")
        return _replace(base, reason="below thresholds")


def _replace(evidence: DedupEvidence, **changes: object) -> DedupEvidence:
    return replace(evidence, **changes)  # type: ignore[arg-type]


class DedupIndex:
    """Writes what the dedup stage looks up: signature, band hashes, sentence fingerprints, stock counts."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, row: Article, fp: Fingerprint, *, learn: bool, evidence: DedupEvidence | None) -> None:
        """Index a flushed article. ``learn``: it starts a new story, so its sentences count once more."""
        assert row.id is not None
        row.signature = fp.signature
        row.dedup_evidence = json.dumps(asdict(evidence), ensure_ascii=False) if evidence else None
        self.session.add(row)
        if fp.bands:
            self.session.execute(insert(ArticleBand), [{"article_id": row.id, "band": band, "hash": digest}
                                                       for band, digest in enumerate(fp.bands)])
        if fp.sentence_hashes:
            self.session.execute(insert(ParagraphFingerprint), [
                {"article_id": row.id, "position": i, "hash": h, "length": n}
                for i, (h, n) in enumerate(zip(fp.sentence_hashes, fp.sentence_lengths, strict=True))])
        if learn and fp.sentence_hashes:
            self.learn(fp.sentence_hashes)

    def remove(self, article_id: int) -> None:
        self.session.execute(delete(ArticleBand).where(col(ArticleBand.article_id) == article_id))
        self.session.execute(delete(ParagraphFingerprint).where(col(ParagraphFingerprint.article_id) == article_id))

    def learn(self, hashes: tuple[int, ...]) -> None:
        """Count one more story for each sentence (an upsert on SQLite and PostgreSQL alike)."""
        dialect = self.session.get_bind().dialect.name
        make = pg_insert if dialect == "postgresql" else sqlite_insert
        for start in range(0, len(hashes), _IN_CHUNK):
            stmt = make(SentenceFrequency).values([{"hash": h, "doc_count": 1} for h in sorted(set(hashes[start:start + _IN_CHUNK]))])
            stmt = stmt.on_conflict_do_update(index_elements=["hash"],
                                              set_={"doc_count": SentenceFrequency.__table__.c.doc_count + 1})
            self.session.execute(stmt)
