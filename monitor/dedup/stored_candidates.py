"""The stored facts of the candidates a dedup check verifies exactly, read in one statement (``StoredCandidates``);
how they are encoded: ``monitor.dedup.stored_facts``."""

from __future__ import annotations

from dataclasses import replace

from monitor.dedup.facts import StoryFacts
from monitor.dedup.memo import FACTS as _facts
from monitor.dedup.memo import PARSED as _parsed
from monitor.dedup.minhash import fingerprint
from monitor.dedup.prepared import KNOWN_STOCK
from monitor.dedup.stored_facts import COUNTS, CandidateFacts, decode, encode
from monitor.store.rawsql import RawSql, marks, pg_array

__all__ = ["StoredCandidates"]


class StoredCandidates:
    """The stored facts of the candidates to verify exactly, with their stock sentences now, in one statement.

    A candidate whose facts are missing (stored before migration 0016, bulk-loaded) or assumed other stock
    sentences than its sentences' counts say now is fingerprinted from its body as before; those facts are written
    back (``write_back``), so each row is derived again at most once per change of its stock sentences."""

    def __init__(self, sql: RawSql, ids: list[int], stock_min_docs: int) -> None:
        self._sql = sql
        if sql.postgres:
            rows = sql.all(_PG_CANDIDATE_FACTS, [pg_array(ids), pg_array(ids), stock_min_docs])
        else:
            rows = sql.all(_CANDIDATE_FACTS.replace("{in}", marks(len(ids))), [*ids, *ids, stock_min_docs])
        blobs: dict[int, bytes | None] = {}
        stock: dict[int, set[int]] = {}
        for article_id, digest, blob in rows:
            if digest is None:
                blobs[int(article_id)] = None if blob is None else bytes(blob)
            else:
                stock.setdefault(int(article_id), set()).add(int(digest))
        KNOWN_STOCK.add({h for found in stock.values() for h in found})
        self.facts: dict[int, CandidateFacts] = {}
        self._bodies: dict[int, str] = {}
        self._hashes: dict[int, str] = {}  # the content hash of each body read: the facts are written back to that text
        self._derived: set[int] = set()
        derive = []
        for article_id, blob in blobs.items():
            now = frozenset(stock.get(article_id, ()))
            found = None if blob is None else decode(blob)
            if found is not None and found.stock == now:
                self.facts[article_id] = found
                COUNTS["stored"] += 1
            else:
                COUNTS["derived"] += 1
                derive.append(article_id)
        for article_id, body in self._read_bodies(derive).items():
            now = frozenset(stock.get(article_id, ()))
            self.facts[article_id] = CandidateFacts(fingerprint(body, now, _parsed(body)), now, _facts.peek(body))
            self._derived.add(article_id)

    def _read_bodies(self, ids: list[int]) -> dict[int, str]:
        missing = [i for i in ids if i not in self._bodies]
        if missing:
            for article_id, body, content_hash in self._sql.all(
                    _CANDIDATE_BODIES.replace("{in}", marks(len(missing))), missing):
                self._bodies[int(article_id)] = body
                self._hashes[int(article_id)] = content_hash
        return {i: self._bodies[i] for i in ids if i in self._bodies}

    def story(self, article_id: int) -> StoryFacts:
        """The candidate's story facts: stored, or derived from its body (then written back with the rest)."""
        found = self.facts[article_id]
        if found.story is not None:
            return found.story
        story = _facts(self._read_bodies([article_id])[article_id])
        self.facts[article_id] = replace(found, story=story)
        self._derived.add(article_id)
        return story

    def write_back(self) -> None:
        """The facts derived here into their rows, only where the row still holds the text they were derived from (a
        revision stored by another writer since the body was read keeps its own facts). PostgreSQL: a row another
        transaction holds is left as it is (SKIP LOCKED: a probe never waits on another writer; the row is derived
        again later)."""
        rows = [(encode(f.text, f.stock, f.story), i, self._hashes[i])
                for i in sorted(self._derived) for f in (self.facts[i],)]
        if not rows:
            return
        if self._sql.postgres:
            for row in rows:
                self._sql.run(_PG_WRITE_FACTS, row)
        else:
            self._sql.many(_WRITE_FACTS, rows)


_CANDIDATE_BODIES = "SELECT id, body, content_hash FROM article WHERE id IN ({in})"
# The candidates' stored facts (hash NULL) and their stock sentences now (one row each), one statement. The
# sentences come from the candidates' paragraphfingerprint rows (its primary key starts with article_id).
_CANDIDATE_FACTS = ("SELECT id, NULL, dedup_facts FROM article WHERE id IN ({in}) "
                    "UNION ALL SELECT p.article_id, p.hash, NULL FROM paragraphfingerprint AS p "
                    "JOIN sentencefrequency AS s ON s.hash = p.hash WHERE p.article_id IN ({in}) AND s.doc_count >= ?")
_PG_CANDIDATE_FACTS = ("SELECT id::bigint, NULL::bigint, dedup_facts FROM article WHERE id = ANY(?::int[]) "
                       "UNION ALL SELECT p.article_id::bigint, p.hash, NULL FROM paragraphfingerprint AS p "
                       "JOIN sentencefrequency AS s ON s.hash = p.hash "
                       "WHERE p.article_id = ANY(?::int[]) AND s.doc_count >= ?")
_WRITE_FACTS = "UPDATE article SET dedup_facts = ? WHERE id = ? AND content_hash = ?"
_PG_WRITE_FACTS = ("UPDATE article SET dedup_facts = ? WHERE id = "
                   "(SELECT id FROM article WHERE id = ? AND content_hash = ? FOR UPDATE SKIP LOCKED)")
