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
from typing import Any

import numpy as np
from sqlalchemy import delete
from sqlmodel import Session, col

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
    BANDS,
    NUM_PERM,
    TextFingerprint,
    band_hashes,
    containment,
    fingerprint,
    jaccard,
    parse,
    signature,
)
from .models import Article, ArticleBand, ParagraphFingerprint
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
        self._sql = _Sql(session)

    def check(self, article: ExtractedArticle) -> DedupVerdict:
        digest = content_hash(article.body)
        self.session.flush()  # once: the statements below go to the connection, without autoflush
        same_url = self._sql.one(_SAME_URL, [article.url])
        if same_url is not None:
            if same_url[1] == digest:
                return Unchanged(same_url[0])
            return Revision(same_url[0], digest, self.probe(article.body).fingerprint)
        return self._check_body(article.body, digest)

    def check_stored(self, article_id: int, body: str) -> New | DuplicateOf:
        """The verdict for a stored article against the articles indexed so far (``monitor dedup rebuild``)."""
        self.session.flush()
        return self._check_body(body, content_hash(body), exclude=article_id)

    def _check_body(self, body: str, digest: str, exclude: int | None = None) -> New | DuplicateOf:
        probe = self.probe(body)
        found = (self._sql.one(_SAME_TEXT, [digest]) if exclude is None
                 else self._sql.one(_SAME_TEXT_INDEXED, [digest, exclude]))
        same_text = None if found is None else int(found[0])
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
        parsed = parse(body)
        stock = self._stock({digest for _, digest, _ in parsed})
        text = fingerprint(body, stock, parsed)
        values = signature(text.shingles)
        bands = tuple(band_hashes(values)) if len(text.shingles) else ()
        fp = Fingerprint(values.astype("<u4").tobytes(), bands, tuple(s.hash for s in text.sentences),
                         tuple(s.length for s in text.sentences))
        return _Probe(text, values, fp, frozenset(stock))

    def _stock(self, hashes: set[int]) -> set[int]:
        """The sentences among ``hashes`` that are stock phrases."""
        stock: set[int] = set()
        ordered = sorted(hashes)
        for start in range(0, len(ordered), _IN_CHUNK):
            chunk = ordered[start:start + _IN_CHUNK]
            stock.update(r[0] for r in self._sql.all(_STOCK.replace("{in}", _marks(len(chunk))),
                                                     [*chunk, self.config.stock_min_docs]))
        return stock

    # candidates -----------------------------------------------------------------------
    def _candidates(self, probe: _Probe) -> list[tuple[int, int, int]]:
        """(article id, band hits, shared sentence characters), best first, from one statement."""
        fp = probe.fingerprint
        stock_free = [h for h in fp.sentence_hashes if h not in probe.stock][:_IN_CHUNK]
        if not fp.bands and not stock_free:
            return []
        parts, params = [], []
        if fp.bands:
            parts.append(_BAND_HITS)
            params += [x for band, digest in enumerate(fp.bands) for x in (band, digest)]
        if stock_free:
            parts.append(_SENTENCE_HITS.replace("{in}", _marks(len(stock_free))))
            params += stock_free
        query = _CANDIDATES.replace("{hits}", " UNION ALL ".join(parts))
        params += [1.0 / len(fp.bands or (1,)), 1.0 / max(probe.text.kept_chars, 1), self.config.max_candidates]
        return [(int(a), int(h or 0), int(n or 0)) for a, h, n in self._sql.all(query, params)]

    # verification ---------------------------------------------------------------------
    def _verify(self, probe: _Probe, candidates: list[tuple[int, int, int]]) -> list[DedupEvidence]:
        """Judge candidates: a cheap bound from stored signatures and shared sentences first, then exact.

        Only a candidate whose estimated Jaccard, estimated containment or share of shared
        sentences comes near a threshold (``_MARGIN`` below it, several standard errors of a
        128-value estimate) has its body fingerprinted for the exact verdict."""
        if not candidates:
            return []
        ids = [c[0] for c in candidates]
        rows = {r[0]: r for r in self._sql.all(_CANDIDATE_ROWS.replace("{in}", _marks(len(ids))), ids)}
        cfg, mine = self.config, probe.text
        exact_ids: list[int] = []
        results: list[DedupEvidence] = []
        for article_id, band_hits, shared in candidates:
            row = rows.get(article_id)
            if row is None:
                continue
            estimated = _estimated(probe.values, row[1])
            size = max(int(row[2] or 0), 1)  # body characters: about (a little above) its shingle count
            share = shared / max(min(mine.kept_chars, size), 1)
            inside = 0.0
            if estimated is not None and len(mine.shingles):
                common = estimated * (len(mine.shingles) + size) / (1 + estimated)
                inside = common / min(len(mine.shingles), size)
            if (estimated is None or estimated >= cfg.near_threshold - _MARGIN
                    or inside >= cfg.containment_threshold - _MARGIN or share >= cfg.containment_threshold / 2):
                exact_ids.append(article_id)
                continue
            results.append(DedupEvidence("none", article_id, None, None, round(estimated, 4), band_hits, 0,
                                         probe.stock_count, None, "estimated similarity far below thresholds"))
        if exact_ids:
            bodies = {r[0]: r[1] for r in self._sql.all(_CANDIDATE_BODIES.replace("{in}", _marks(len(exact_ids))),
                                                         exact_ids)}
            parsed = {i: parse(body) for i, body in bodies.items()}
            stock = self._stock({digest for found in parsed.values() for _, digest, _ in found})
            hits = {c[0]: c[1] for c in candidates}
            for article_id in exact_ids:
                if article_id in bodies:
                    other = fingerprint(bodies[article_id], stock, parsed[article_id])
                    results.append(self._judge(probe, article_id, hits[article_id], other,
                                               rows[article_id][1]))
        order = {"near": 0, "contained": 0}
        results.sort(key=lambda e: (order.get(e.level, 1), e.jaccard is None,
                                    -max(e.jaccard or 0, e.containment or 0, e.estimated_jaccard or 0)))
        return results

    def _judge(self, probe: _Probe, article_id: int, band_hits: int, other: TextFingerprint,
               other_signature: bytes | None) -> DedupEvidence:
        mine = probe.text
        exact = jaccard(mine.shingles, other.shingles)
        inside = containment(mine.shingles, other.shingles)
        estimated = _estimated(probe.values, other_signature)
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


def _estimated(values: np.ndarray, other_signature: bytes | None) -> float | None:
    """Jaccard estimated from two MinHash signatures (None without a stored one)."""
    if not other_signature or len(other_signature) != NUM_PERM * 4:
        return None
    return float(np.count_nonzero(np.frombuffer(other_signature, dtype="<u4") == values)) / NUM_PERM


# Statements built once: SQLAlchemy then reuses their cache keys and compiled SQL.
_MARGIN = 0.15  # how far below a threshold an estimate may be and still get the exact check
_SAME_URL = "SELECT id, content_hash FROM article WHERE url = ?"
# The hash's rows are found first (MATERIALIZED), then the lowest id taken: as "... WHERE
# content_hash = ? ORDER BY id LIMIT 1", PostgreSQL without column statistics (autovacuum
# off or behind a bulk import) walks the primary key through the whole table (100 ms at 100k).
_SAME_TEXT = ("WITH same AS MATERIALIZED (SELECT id FROM article WHERE content_hash = ?) "
              "SELECT id FROM same ORDER BY id LIMIT 1")
_SAME_TEXT_INDEXED = ("WITH same AS MATERIALIZED (SELECT id FROM article WHERE content_hash = ? AND id != ? "
                      "AND signature IS NOT NULL) SELECT id FROM same ORDER BY id LIMIT 1")
_STOCK = "SELECT hash FROM sentencefrequency WHERE hash IN ({in}) AND doc_count >= ?"
_CANDIDATE_ROWS = "SELECT id, signature, length(body) FROM article WHERE id IN ({in})"
_CANDIDATE_BODIES = "SELECT id, body FROM article WHERE id IN ({in})"
# OR of (band, hash) pairs: both SQLite (MULTI-INDEX OR) and PostgreSQL (BitmapOr) use the
# (band, hash) index; SQLite scans the table for a row-value IN list.
_BAND_HITS = ("SELECT article_id, 1 AS hits, 0 AS shared FROM articleband WHERE "
              + " OR ".join(["(band = ? AND hash = ?)"] * BANDS))
_SENTENCE_HITS = "SELECT article_id, 0 AS hits, length AS shared FROM paragraphfingerprint WHERE hash IN ({in})"
_CANDIDATES = ("SELECT article_id, sum(hits), sum(shared) FROM ({hits}) AS candidate GROUP BY article_id "
               "ORDER BY sum(hits) * ? + sum(shared) * ? DESC, article_id LIMIT ?")


def _replace(evidence: DedupEvidence, **changes: object) -> DedupEvidence:
    return replace(evidence, **changes)  # type: ignore[arg-type]


class DedupIndex:
    """Writes what the dedup stage looks up: signature, band hashes, sentence fingerprints, stock counts."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._sql = _Sql(session)

    def add(self, row: Article, fp: Fingerprint, *, learn: bool, evidence: DedupEvidence | None) -> None:
        """Index a flushed article. ``learn``: it starts a new story, so its sentences count once more."""
        assert row.id is not None
        if self.describe(row, fp, evidence):
            self.session.add(row)
        if self._sql.postgres:
            # one statement, one round trip, the same text every time (prepared once per connection)
            hashes = sorted(set(fp.sentence_hashes)) if learn else []
            self._sql.all(_PG_INDEX_WRITE, [
                row.id, list(range(len(fp.bands))), list(fp.bands),
                row.id, list(range(len(fp.sentence_hashes))), list(fp.sentence_hashes), list(fp.sentence_lengths),
                hashes])
            return
        # Core executemany on the session's connection: one round of the driver, no ORM bulk machinery.
        if fp.bands:
            self._sql.many(_INSERT_BAND, [(row.id, band, digest) for band, digest in enumerate(fp.bands)])
        if fp.sentence_hashes:
            self._sql.many(_INSERT_SENTENCE, [
                (row.id, i, h, n)
                for i, (h, n) in enumerate(zip(fp.sentence_hashes, fp.sentence_lengths, strict=True))])
        if learn and fp.sentence_hashes:
            self.learn(fp.sentence_hashes)

    @staticmethod
    def describe(row: Article, fp: Fingerprint, evidence: DedupEvidence | None) -> bool:
        """Set the row's signature and evidence (before its INSERT, when storage can); True if they changed."""
        described = json.dumps(asdict(evidence), ensure_ascii=False) if evidence else None
        if row.signature == fp.signature and row.dedup_evidence == described:
            return False
        row.signature, row.dedup_evidence = fp.signature, described
        return True

    def remove(self, article_id: int) -> None:
        self.session.execute(delete(ArticleBand).where(col(ArticleBand.article_id) == article_id))
        self.session.execute(delete(ParagraphFingerprint).where(col(ParagraphFingerprint.article_id) == article_id))

    def learn(self, hashes: tuple[int, ...]) -> None:
        """Count one more story for each sentence (an upsert on SQLite and PostgreSQL alike)."""
        # Sorted: two writers lock the same rows in the same order (no deadlock on PostgreSQL).
        self._sql.many(_UPSERT_SENTENCE, [(h,) for h in sorted(set(hashes))])


class _Sql:
    """Hand-written SQL that SQLite and PostgreSQL both accept, run through the DB-API cursor.

    The dedup hot path runs ~8 small statements per article: SQLAlchemy's compile and
    parameter processing cost more than the statements themselves. Placeholders are
    written ``?`` and turned into the driver's style."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._style: str | None = None

    def _sql(self, sql: str) -> str:
        if self._style is None:
            self._style = self.session.connection().dialect.paramstyle
        return sql if self._style == "qmark" else sql.replace("?", "%s")

    @property
    def postgres(self) -> bool:
        return self._sql("?") != "?"

    def all(self, sql: str, params: list[object]) -> list[tuple[Any, ...]]:
        return list(self.session.connection().exec_driver_sql(self._sql(sql), tuple(params)).all())

    def one(self, sql: str, params: list[object]) -> tuple[Any, ...] | None:
        row = self.session.connection().exec_driver_sql(self._sql(sql), tuple(params)).first()
        return None if row is None else tuple(row)

    def many(self, sql: str, rows: list[tuple[object, ...]]) -> None:
        """An executemany (SQLite's runs in-process; PostgreSQL writes go through _PG_INDEX_WRITE instead)."""
        self.session.connection().exec_driver_sql(self._sql(sql), rows)


def _marks(n: int) -> str:
    return ", ".join("?" * n)


_INSERT_BAND = "INSERT INTO articleband (article_id, band, hash) VALUES (?, ?, ?)"
_INSERT_SENTENCE = "INSERT INTO paragraphfingerprint (article_id, position, hash, length) VALUES (?, ?, ?, ?)"
# PostgreSQL: bands, paragraph fingerprints and (for a new story) sentence counts of one article
# in one statement. Data-modifying CTEs all run, whether or not the outer query reads them.
_PG_INDEX_WRITE = (
    "WITH bands AS (INSERT INTO articleband (article_id, band, hash) "
    "SELECT ?, b, h FROM unnest(?::int[], ?::bigint[]) AS t(b, h)), "
    "paragraphs AS (INSERT INTO paragraphfingerprint (article_id, position, hash, length) "
    "SELECT ?, p, h, n FROM unnest(?::int[], ?::bigint[], ?::int[]) AS t(p, h, n)), "
    "counted AS (INSERT INTO sentencefrequency (hash, doc_count) SELECT h, 1 FROM unnest(?::bigint[]) AS t(h) "
    "ON CONFLICT (hash) DO UPDATE SET doc_count = sentencefrequency.doc_count + 1 RETURNING 1) "
    "SELECT count(*) FROM counted")
_UPSERT_SENTENCE = ("INSERT INTO sentencefrequency (hash, doc_count) VALUES (?, 1) "
                    "ON CONFLICT (hash) DO UPDATE SET doc_count = sentencefrequency.doc_count + 1")
