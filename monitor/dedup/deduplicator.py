"""The dedup stage: is this article already stored, as itself or as a copy of another?

``Deduplicator(session, config).check(article)`` returns a verdict with its evidence;
storage records it (duplicates are stored and linked, never dropped). Levels, first match wins:

1. same canonical URL: ``Unchanged`` (same body hash) or ``Revision`` (the body changed);
2. same hash of the normalised body: ``DuplicateOf(level="hash", similarity=1.0)``;
3. candidates from the index in ONE statement: LSH band hashes of the MinHash signature
   (``ArticleBand``; of the articles sharing a band value, the ``max_band_rows`` newest) and shared
   sentence fingerprints (``ParagraphFingerprint``), best first;
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

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from sqlalchemy import delete
from sqlmodel import Session, col

from monitor.dedup.facts import StoryFacts, compare, fact_tagger
from monitor.dedup.memo import FACTS as _facts
from monitor.dedup.memo import PARSED as _parsed
from monitor.dedup.minhash import (
    NUM_PERM,
    ParsedSentence,
    TextFingerprint,
    overlap,
)
from monitor.dedup.prepared import KNOWN_STOCK, PreparedBody, Probe, probe_of
from monitor.dedup.stored_candidates import StoredCandidates
from monitor.dedup.stored_facts import encode
from monitor.items import (
    DedupEvidence,
    DedupVerdict,
    DuplicateOf,
    ExtractedArticle,
    Fingerprint,
    New,
    Revision,
    Unchanged,
)
from monitor.normalise import content_hash
from monitor.settings import Settings
from monitor.store.models import Article, ArticleBand, ParagraphFingerprint
from monitor.store.rawsql import RawSql, marks, pg_array

__all__ = ["Deduplicator", "DedupConfig", "DedupIndex", "MIN_SHINGLES", "pg_index_ctes", "pg_index_params",
           "warm_known_stock"]

MIN_SHINGLES = 50  # below this many shingles (~50 characters) only the exact levels apply: a brief is no copy
_IN_CHUNK = 500  # parameters per IN list (SQLite's limit is 32766; keep statements small)


@dataclass(frozen=True, slots=True)
class DedupConfig:
    near_threshold: float = 0.5
    containment_threshold: float = 0.8
    stock_min_docs: int = 5
    min_numbers_agreement: float = 0.5
    max_candidates: int = 8
    # a pair whose facts disagree still merges at this Jaccard: the texts are the same words, one edited
    verbatim_threshold: float = 0.9
    verify_facts: bool = True  # False: shingles alone decide (the behaviour before fact verification, for benchmarks)
    # Of the stored articles sharing one LSH band value, the newest this many are candidates from it. A
    # recurring report's template gives every issue of it the same bands, so without a bound the rows read per
    # templated article grow with the corpus (bench/ingest_scale.py: ~800 at 50k stored, ~1,200 at 100k);
    # a copy shares its original's rarer bands and sentences too, which are read whole.
    max_band_rows: int = 64

    @classmethod
    def from_settings(cls, settings: Settings) -> DedupConfig:
        return cls(settings.dedup_near_threshold, settings.dedup_containment_threshold, settings.dedup_stock_min_docs,
                   settings.dedup_min_numbers_agreement, settings.dedup_max_candidates)


@dataclass(frozen=True, slots=True)
class _Candidate:
    article_id: int
    band_hits: int
    shared: int  # characters of the sentences it shares with the probe
    signature: bytes | None
    body_chars: int


@dataclass(frozen=True, slots=True)
class _CandidateQuery:
    query: str
    params: tuple[object, ...]
    band_weight: float
    shared_weight: float


class Deduplicator:
    def __init__(self, session: Session, config: DedupConfig | None = None) -> None:
        self.session = session
        self.config = config or DedupConfig()
        self._sql = RawSql(session)
        if self.config.verify_facts:
            fact_tagger()

    def check(self, article: ExtractedArticle, prepared: PreparedBody | None = None) -> DedupVerdict:
        """``prepared``: ``prepare_body(article.body, ...)``, computed ahead (in a worker process); the verdict is
        the same with it or without it."""
        self.session.flush()  # once: the statements below go to the connection, without autoflush
        if prepared is None:
            digest, parsed = content_hash(article.body), _parsed(article.body)
        else:
            digest, parsed = prepared.content_hash, prepared.parsed
            # as if checked here: a later copy of this body finds its sentences and facts at hand
            _parsed.put(article.body, parsed)
            _facts.put(article.body, prepared.facts)
        hashes = {h for _, h, _ in parsed}
        # the candidates of the prepared probe, read in the same statement: they are this article's when the stock
        # sentences it assumed are the ones found (the statement reads what a statement after it would)
        ahead = None if prepared is None else self._candidate_query(prepared.probe)
        read: tuple[_CandidateQuery, list[tuple[Any, ...]]] | None = None
        if self._sql.postgres or 0 < len(hashes) <= _IN_CHUNK:  # same URL, same text and stock sentences at once
            statement, params = ((_PG_LOOKUP, [article.url, digest, pg_array(sorted(hashes)), self.config.stock_min_docs])
                                 if self._sql.postgres else
                                 (_LOOKUP.replace("{in}", marks(len(hashes))),
                                  [article.url, digest, *sorted(hashes), self.config.stock_min_docs]))
            if ahead is not None:
                statement += _WITH_CANDIDATES.replace("{candidates}", ahead.query)
                params += [article.url, digest, *ahead.params]
            found = self._sql.all(statement, params)
            same_url = next(((int(r[1]), r[2]) for r in found if r[0] == 0), None)
            same_text = next((int(r[1]) for r in found if r[0] == 1), None)
            stock = {int(r[1]) for r in found if r[0] == 2}
            if ahead is not None:
                read = ahead, [(r[1], *r[3:]) for r in found if r[0] == 3]
            KNOWN_STOCK.add(stock)
        else:
            same_url = self._sql.one(_SAME_URL, [article.url])
            same_text = stock = None
        if same_url is not None:
            if same_url[1] == digest:
                return Unchanged(int(same_url[0]))
            return Revision(int(same_url[0]), digest, _with_facts(self._probe(article.body, parsed, stock, prepared)))
        if same_text is None and stock is None:
            found_text = self._sql.one(_SAME_TEXT, [digest])
            same_text = None if found_text is None else int(found_text[0])
        probe = self._probe(article.body, parsed, stock, prepared)
        if prepared is None or probe is not prepared.probe:  # another probe: its own candidates
            read = None
        return self._check_body(probe, digest, same_text, read)

    def check_stored(self, article_id: int, body: str) -> New | DuplicateOf:
        """The verdict for a stored article against the articles indexed so far (``monitor dedup rebuild``)."""
        self.session.flush()
        digest = content_hash(body)
        found = self._sql.one(_SAME_TEXT_INDEXED, [digest, article_id])
        return self._check_body(self.probe(body), digest, None if found is None else int(found[0]))

    def _check_body(self, probe: Probe, digest: str, same_text: int | None,
                    read: tuple[_CandidateQuery, list[tuple[Any, ...]]] | None = None) -> New | DuplicateOf:
        """``read``: the probe's candidate statement and its rows, when read already."""
        if same_text is not None:
            evidence = DedupEvidence("hash", same_text, 1.0, 1.0, 1.0, stock_sentences=probe.stock_count,
                                     reason="same normalised body")
            return DuplicateOf(same_text, 1.0, "hash", digest, _with_facts(probe), evidence)
        best_rejected: DedupEvidence | None = None
        for evidence in self._verify(probe, self._candidates(probe, read)):
            if evidence.level in ("near", "contained"):
                similarity = evidence.jaccard if evidence.level == "near" else evidence.containment
                assert evidence.candidate_id is not None and similarity is not None
                return DuplicateOf(evidence.candidate_id, round(similarity, 4), evidence.level,  # type: ignore[arg-type]
                                   digest, _with_facts(probe), evidence)
            if best_rejected is None:
                best_rejected = evidence
        return New(digest, _with_facts(probe), best_rejected or DedupEvidence("none", stock_sentences=probe.stock_count))

    # fingerprints ---------------------------------------------------------------------
    def probe(self, body: str) -> Probe:
        return self._probe(body, _parsed(body), None)

    def _probe(self, body: str, parsed: list[ParsedSentence], stock: set[int] | None,
               prepared: PreparedBody | None = None) -> Probe:
        """``stock``: the body's stock sentences when already looked up. ``prepared``: its fingerprint is taken
        when it left out exactly these sentences."""
        if stock is None:
            stock = self._stock({digest for _, digest, _ in parsed})
        if prepared is not None:
            if prepared.probe.stock == stock:
                KNOWN_STOCK.held += 1
                return prepared.probe
            KNOWN_STOCK.failed += 1
        return probe_of(body, parsed, frozenset(stock))

    def _stock(self, hashes: set[int]) -> set[int]:
        """The sentences among ``hashes`` that are stock phrases."""
        if not hashes:
            return set()
        if self._sql.postgres:
            found = {int(r[0]) for r in self._sql.all(_PG_STOCK, [pg_array(sorted(hashes)), self.config.stock_min_docs])}
            KNOWN_STOCK.add(found)
            return found
        stock: set[int] = set()
        ordered = sorted(hashes)
        for start in range(0, len(ordered), _IN_CHUNK):
            chunk = ordered[start:start + _IN_CHUNK]
            stock.update(r[0] for r in self._sql.all(_STOCK.replace("{in}", marks(len(chunk))),
                                                     [*chunk, self.config.stock_min_docs]))
        KNOWN_STOCK.add(stock)
        return stock

    # candidates -----------------------------------------------------------------------
    def _candidate_query(self, probe: Probe) -> _CandidateQuery | None:
        """The statement reading the probe's best candidates (None: it has no bands and no sentences to look up)."""
        fp = probe.fingerprint
        stock_free = [h for h in fp.sentence_hashes if h not in probe.stock][:_IN_CHUNK]
        if not fp.bands and not stock_free:
            return None
        postgres = self._sql.postgres
        parts, params = [], []
        if fp.bands and postgres:
            parts.append(_PG_BAND_HITS)
            params += [pg_array(range(len(fp.bands))), pg_array(fp.bands), self.config.max_band_rows]
        elif fp.bands:
            parts.append(" UNION ALL ".join([_BAND_HIT] * len(fp.bands)))
            params += [x for band, digest in enumerate(fp.bands) for x in (band, digest, self.config.max_band_rows)]
        if stock_free and postgres:  # an array: the statement's text stays the same (prepared once)
            parts.append(_PG_SENTENCE_HITS)
            params.append(pg_array(stock_free))
        elif stock_free:
            parts.append(_SENTENCE_HITS.replace("{in}", marks(len(stock_free))))
            params += stock_free
        band_weight, shared_weight = 1.0 / len(fp.bands or (1,)), 1.0 / max(probe.text.kept_chars, 1)
        params += [band_weight, shared_weight, self.config.max_candidates]
        return _CandidateQuery(_CANDIDATES.replace("{hits}", " UNION ALL ".join(parts)), tuple(params), band_weight,
                               shared_weight)

    def _candidates(self, probe: Probe, read: tuple[_CandidateQuery, list[tuple[Any, ...]]] | None = None,
                    ) -> list[_Candidate]:
        """Best first, from one statement (with each candidate's stored signature and body length); ``read``: that
        statement and its rows, when read already."""
        if read is None:
            query = self._candidate_query(probe)
            if query is None:
                return []
            rows = self._sql.all(query.query, query.params)
        else:
            query, rows = read
        found = [_Candidate(int(a), int(h or 0), int(n or 0), signature, int(size or 0))
                 for a, h, n, signature, size in rows]
        found.sort(key=lambda c: (-(c.band_hits * query.band_weight + c.shared * query.shared_weight), c.article_id))
        return found

    # verification ---------------------------------------------------------------------
    def _verify(self, probe: Probe, candidates: list[_Candidate]) -> list[DedupEvidence]:
        """Judge candidates: a cheap bound from stored signatures and shared sentences first, then exact.

        Only a candidate whose estimated Jaccard, estimated containment or share of shared
        sentences comes near a threshold (``_MARGIN`` below it, several standard errors of a
        128-value estimate) has its body fingerprinted for the exact verdict."""
        if not candidates:
            return []
        cfg, mine = self.config, probe.text
        exact: list[_Candidate] = []
        results: list[DedupEvidence] = []
        for candidate in candidates:
            estimated = _estimated(probe.values, candidate.signature)
            size = max(candidate.body_chars, 1)  # body characters: about (a little above) its shingle count
            share = candidate.shared / max(min(mine.kept_chars, size), 1)
            inside = 0.0
            if estimated is not None and len(mine.shingles):
                common = estimated * (len(mine.shingles) + size) / (1 + estimated)
                inside = common / min(len(mine.shingles), size)
            if (estimated is None or estimated >= cfg.near_threshold - _MARGIN
                    or inside >= cfg.containment_threshold - _MARGIN or share >= cfg.containment_threshold / 2):
                exact.append(candidate)
                continue
            results.append(DedupEvidence("none", candidate.article_id, None, None, round(estimated, 4),
                                         candidate.band_hits, 0, probe.stock_count, None,
                                         "estimated similarity far below thresholds"))
        if exact:
            stored = StoredCandidates(self._sql, [c.article_id for c in exact], cfg.stock_min_docs)
            for candidate in exact:
                other = stored.facts.get(candidate.article_id)
                if other is not None:
                    results.append(self._judge(probe, candidate.article_id, candidate.band_hits, other.text,
                                               candidate.signature, lambda i=candidate.article_id: stored.story(i)))
            stored.write_back()
        order = {"near": 0, "contained": 0}
        results.sort(key=lambda e: (order.get(e.level, 1), e.jaccard is None,
                                    -max(e.jaccard or 0, e.containment or 0, e.estimated_jaccard or 0)))
        return results

    def _judge(self, probe: Probe, article_id: int, band_hits: int, other: TextFingerprint,
               other_signature: bytes | None, other_story: Callable[[], StoryFacts]) -> DedupEvidence:
        mine = probe.text
        exact, inside = overlap(mine.shingles, other.shingles)
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
            level, reason = "near", "shingle Jaccard above threshold"
        elif inside >= cfg.containment_threshold:
            level, reason = "contained", "smaller body contained in the other"
        else:
            return _replace(base, reason="below thresholds")
        if not cfg.verify_facts:
            return _replace(base, level=level, reason=reason)
        # Shingles say copy; the facts in a template's slots say whether it is the same story.
        check = compare(_facts(probe.body), other_story())
        facts = tuple(k.as_json() for k in check.kinds)
        conflicts = check.conflicts
        if conflicts and (check.zone_conflict or exact < cfg.verbatim_threshold):
            return _replace(base, facts=facts, conflicts=conflicts,
                            reason=f"{level} by shingles, but the facts differ: {', '.join(conflicts)}")
        if conflicts:
            reason += f"; near-verbatim, so the differing {', '.join(conflicts)} are an edit"
        return _replace(base, level=level, reason=reason, facts=facts, conflicts=conflicts)


def warm_known_stock(session: Session, config: DedupConfig) -> int:
    """Fill ``KNOWN_STOCK`` with the database's stock sentences, most frequent first, once per process; returns how
    many it holds. A process met stock sentences only in its own lookups, so the first pages of a crawl were
    prepared assuming none: each article with a stock sentence (a template's, a policy slogan) was fingerprinted
    again at its check, on the database thread (387 of the first 2,000 at 10k stored, bench/ingest_scale.py)."""
    if not KNOWN_STOCK.warmed:
        found = RawSql(session).all(_KNOWN_STOCK, [config.stock_min_docs, KNOWN_STOCK.limit])
        KNOWN_STOCK.add(int(r[0]) for r in found)
        KNOWN_STOCK.warmed = True
    return len(KNOWN_STOCK.snapshot())


def _with_facts(probe: Probe) -> Fingerprint:
    """The probe's fingerprint with what the exact check of it as a candidate will read (its story facts when at
    hand: prepared in a worker, or computed for a verification)."""
    return replace(probe.fingerprint, facts=encode(probe.text, probe.stock, _facts.peek(probe.body)))


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
# a scan of the counts (no index on doc_count: written at every new story, read once per process)
_KNOWN_STOCK = "SELECT hash FROM sentencefrequency WHERE doc_count >= ? ORDER BY doc_count DESC, hash LIMIT ?"
_PG_STOCK = "SELECT hash FROM sentencefrequency WHERE hash = ANY(?::bigint[]) AND doc_count >= ?"
# PostgreSQL: same URL (kind 0), same text (1) and the body's stock sentences (2), one round trip; with a prepared
# probe, its candidates too (3: ``_WITH_CANDIDATES``, the columns after the third theirs).
_PG_LOOKUP = (f"SELECT 0, id::bigint, content_hash, NULL::bigint, NULL::bigint, NULL::bytea, NULL::bigint "
              f"FROM article WHERE url = ? "
              f"UNION ALL SELECT 1, id::bigint, NULL, NULL, NULL, NULL, NULL FROM ({_SAME_TEXT}) AS same_text "
              f"UNION ALL SELECT 2, hash, NULL, NULL, NULL, NULL, NULL FROM ({_PG_STOCK}) AS stock")
# SQLite: the same in one statement (each statement through SQLAlchemy costs ~50 µs of Python besides its own time).
_LOOKUP = (f"SELECT 0, id, content_hash, NULL, NULL, NULL, NULL FROM article WHERE url = ? "
           f"UNION ALL SELECT 1, id, NULL, NULL, NULL, NULL, NULL FROM ({_SAME_TEXT}) "
           f"UNION ALL SELECT 2, hash, NULL, NULL, NULL, NULL, NULL FROM ({_STOCK})")
# a statement's fewer on PostgreSQL for each prepared article (of ~5.8 per article, each ~0.35 ms of client CPU). Read
# only when they can be used: a URL stored before (unchanged, revised) or a text stored before is decided without
# them, and a re-fetch must not pay the search (both guards are uncorrelated: each database tests them once, first)
_WITH_CANDIDATES = (" UNION ALL SELECT 3, found.article_id, NULL, found.hits, found.shared, found.signature, "
                    "found.body_chars FROM (SELECT 1 AS open WHERE NOT EXISTS (SELECT 1 FROM article WHERE url = ?) "
                    "AND NOT EXISTS (SELECT 1 FROM article WHERE content_hash = ?)) AS gate CROSS JOIN ({candidates}) AS found")
# One band's newest ``max_band_rows`` articles (SQLite: one per band, joined by UNION ALL): a backward walk of
# the (band, hash, article_id) index, which holds all the lookup reads.
_BAND_HIT = ("SELECT article_id, 1 AS hits, 0 AS shared FROM (SELECT article_id FROM articleband "
             "WHERE band = ? AND hash = ? ORDER BY article_id DESC LIMIT ?)")
# PostgreSQL: a nested loop of index probes over the (band, hash) pairs, about half the time of
# the BitmapOr of 32 conditions (0.57 against 1.05 ms at 10k articles, measured).
_PG_BAND_HITS = ("SELECT band_hit.article_id, 1 AS hits, 0 AS shared FROM unnest(?::int[], ?::bigint[]) AS probe(b, h) "
                 "CROSS JOIN LATERAL (SELECT article_id FROM articleband WHERE band = probe.b AND hash = probe.h "
                 "ORDER BY article_id DESC LIMIT ?) AS band_hit")
_SENTENCE_HITS = "SELECT article_id, 0 AS hits, length AS shared FROM paragraphfingerprint WHERE hash IN ({in})"
_PG_SENTENCE_HITS = "SELECT article_id, 0 AS hits, length AS shared FROM paragraphfingerprint WHERE hash = ANY(?::bigint[])"
# The best candidates, then their stored signature and body length (the caller orders them again).
_CANDIDATES = ("SELECT best.article_id, best.hits, best.shared, article.signature, length(article.body) AS body_chars "
               "FROM "
               "(SELECT article_id, sum(hits) AS hits, sum(shared) AS shared FROM ({hits}) AS candidate "
               "GROUP BY article_id ORDER BY sum(hits) * ? + sum(shared) * ? DESC, article_id LIMIT ?) AS best "
               "JOIN article ON article.id = best.article_id")


def _replace(evidence: DedupEvidence, **changes: object) -> DedupEvidence:
    return replace(evidence, **changes)  # type: ignore[arg-type]


class DedupIndex:
    """Writes what the dedup stage looks up: signature, band hashes, sentence fingerprints, stock counts."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._sql = RawSql(session)

    def add(self, row: Article, fp: Fingerprint, *, learn: bool, evidence: DedupEvidence | None) -> None:
        """Index a flushed article. ``learn``: it starts a new story, so its sentences count once more."""
        assert row.id is not None
        if self.describe(row, fp, evidence):
            self.session.add(row)
        if self._sql.postgres:
            # one statement, one round trip, the same text every time (prepared once per connection)
            self._sql.all(_PG_INDEX_WRITE, [row.id, *pg_index_params(fp, learn=learn)])
            return
        self.add_rows(row.id, fp, learn=learn)

    def add_rows(self, article_id: int, fp: Fingerprint, *, learn: bool) -> None:
        """SQLite: the index rows of an inserted article (executemany runs in-process, one call per table)."""
        if fp.bands:
            self._sql.many(_INSERT_BAND, [(article_id, band, digest) for band, digest in enumerate(fp.bands)])
        if fp.sentence_hashes:
            self._sql.many(_INSERT_SENTENCE, [
                (article_id, i, h, n)
                for i, (h, n) in enumerate(zip(fp.sentence_hashes, fp.sentence_lengths, strict=True))])
        if learn and fp.sentence_hashes:
            self.learn(fp.sentence_hashes)

    @staticmethod
    def describe(row: Article, fp: Fingerprint, evidence: DedupEvidence | None) -> bool:
        """Set the row's signature and evidence (before its INSERT, when storage can); True if they changed."""
        described = evidence.to_json() if evidence else None
        if row.signature == fp.signature and row.dedup_evidence == described and row.dedup_facts == fp.facts:
            return False
        row.signature, row.dedup_evidence, row.dedup_facts = fp.signature, described, fp.facts
        return True

    def remove(self, article_id: int) -> None:
        self.session.execute(delete(ArticleBand).where(col(ArticleBand.article_id) == article_id))
        self.session.execute(delete(ParagraphFingerprint).where(col(ParagraphFingerprint.article_id) == article_id))

    def learn(self, hashes: tuple[int, ...]) -> None:
        """Count one more story for each sentence (an upsert on SQLite and PostgreSQL alike)."""
        # Sorted: two writers lock the same rows in the same order (no deadlock on PostgreSQL).
        self._sql.many(_UPSERT_SENTENCE, [(h,) for h in sorted(set(hashes))])


_INSERT_BAND = "INSERT INTO articleband (article_id, band, hash) VALUES (?, ?, ?)"
_INSERT_SENTENCE = "INSERT INTO paragraphfingerprint (article_id, position, hash, length) VALUES (?, ?, ?, ?)"


def pg_index_ctes(article_id: str) -> str:
    """PostgreSQL: CTEs writing an article's bands, paragraph fingerprints and (for a new story) sentence
    counts, for one statement with the article's own INSERT or alone. ``article_id``: an expression over
    a CTE ``ids`` (column ``a``) defined before these. Parameters: ``pg_index_params``."""
    return (
        f"bands AS (INSERT INTO articleband (article_id, band, hash) "
        f"SELECT {article_id}, b, h FROM ids, unnest(?::int[], ?::bigint[]) AS t(b, h)), "
        f"paragraphs AS (INSERT INTO paragraphfingerprint (article_id, position, hash, length) "
        f"SELECT {article_id}, p, h, n FROM ids, unnest(?::int[], ?::bigint[], ?::int[]) AS t(p, h, n)), "
        "counted AS (INSERT INTO sentencefrequency (hash, doc_count) SELECT h, 1 FROM unnest(?::bigint[]) AS t(h) "
        "ON CONFLICT (hash) DO UPDATE SET doc_count = sentencefrequency.doc_count + 1 RETURNING 1)")


def pg_index_params(fp: Fingerprint, *, learn: bool) -> list[object]:
    # Sorted: two writers lock the same sentence rows in the same order (no deadlock).
    return [pg_array(range(len(fp.bands))), pg_array(fp.bands), pg_array(range(len(fp.sentence_hashes))),
            pg_array(fp.sentence_hashes), pg_array(fp.sentence_lengths),
            pg_array(sorted(set(fp.sentence_hashes)) if learn else ())]


# Data-modifying CTEs all run, whether or not the outer query reads them.
_PG_INDEX_WRITE = f"WITH ids AS (SELECT ?::int AS a), {pg_index_ctes('ids.a')} SELECT count(*) FROM counted"
_UPSERT_SENTENCE = ("INSERT INTO sentencefrequency (hash, doc_count) VALUES (?, 1) "
                    "ON CONFLICT (hash) DO UPDATE SET doc_count = sentencefrequency.doc_count + 1")
