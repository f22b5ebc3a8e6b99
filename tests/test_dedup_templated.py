"""Templated news: stories filled into one template about different zones, counts, dates or ordinals stay
separate clusters (fact verification, monitor/dedup/facts.py), on SQLite and PostgreSQL.

The two stories pairs of issue 19 are in tests/data/dedup/issue19_stories.json; the templated set
(tests/data/dedup/templated.jsonl) is built by tests/data/dedup/templated_build.py from real templates.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlmodel import Session

from bench.dedup_templated import TEMPLATED, evaluate_templated, load
from monitor.dedup.deduplicator import DedupConfig, Deduplicator
from monitor.dedup.facts import compare, story_facts
from monitor.items import DuplicateOf, ExtractedArticle, New, TagSet
from monitor.store import Articles, Sources, db
from monitor.timefmt import utcnow

STORIES = json.loads((Path(__file__).parent / "data" / "dedup" / "issue19_stories.json").read_text(encoding="utf-8"))


def _store_in_order(url: str, keys: list[str], bodies: dict[str, str] | None = None) -> list[object]:
    engine = db.make_engine(url)
    verdicts = []
    with Session(engine) as session:
        articles, source = Articles(session), Sources(session).row("zone-site", "html")
        dedup = Deduplicator(session, DedupConfig())
        for key in keys:
            body = (bodies or {}).get(key, STORIES[key.split("#")[0]]["body"])
            article = ExtractedArticle(url=f"https://example.invalid/{key}", title=STORIES[key.split("#")[0]]["title"],
                                       body=body)
            verdict = dedup.check(article)
            articles.store_article(article, verdict, TagSet(), source, utcnow())
            session.commit()
            verdicts.append(verdict)
    engine.dispose()
    return verdicts


@pytest.mark.parametrize(("first", "second"), [("policy_weifang", "policy_chengdu"), ("ordinal_1", "ordinal_7")])
def test_template_stories_of_two_zones_stay_apart(migrated_url: str, first: str, second: str) -> None:
    verdicts = _store_in_order(migrated_url, [first, second])
    verdict = verdicts[1]
    assert isinstance(verdict, New), verdict
    evidence = verdict.evidence
    assert evidence is not None and evidence.candidate_id is not None
    # the shingles alone would merge them: what blocks the merge is the facts
    assert (evidence.jaccard or 0) >= DedupConfig().near_threshold
    assert "zones" in evidence.conflicts
    compared = {kind[0]: kind for kind in evidence.facts}
    assert compared["zones"][4] is True and compared["zones"][2] and compared["zones"][3]


def test_the_ordinal_alone_is_a_distinguishing_fact() -> None:
    first = STORIES["ordinal_1"]["body"]
    same_zone_other_ordinal = first.replace("第1个", "第7个")
    check = compare(story_facts(first), story_facts(same_zone_other_ordinal))
    assert check.conflicts == ("ordinals",)
    assert compare(story_facts(first), story_facts(first)).conflicts == ()


def test_a_repost_and_a_near_verbatim_edit_still_merge(migrated_url: str) -> None:
    body = STORIES["policy_chengdu"]["body"]
    repost = "来源：成都高新区管委会  发布时间：2025-06-13\n\n" + body.replace("\n\n刘", "\n\n") + "\n\n责任编辑：张蕾"
    # a corrected figure in an otherwise identical text: an edit, not another story
    edited = body.replace("1000元", "1200元")
    verdicts = _store_in_order(migrated_url, ["policy_chengdu", "policy_chengdu#repost", "policy_chengdu#edit"],
                               {"policy_chengdu#repost": repost, "policy_chengdu#edit": edited})
    assert isinstance(verdicts[1], DuplicateOf) and verdicts[1].evidence is not None
    assert verdicts[1].evidence.conflicts == ()
    assert isinstance(verdicts[2], DuplicateOf), verdicts[2]
    assert verdicts[2].evidence is not None
    quantities = next(kind for kind in verdicts[2].evidence.facts if kind[0] == "quantities")
    assert quantities[2] == ["1200元"] and quantities[3] == ["1000元"]  # compared, and the difference kept


@pytest.mark.parametrize("split", ["tune", "heldout"])
def test_templated_set_has_no_false_merges(tmp_path: Path, split: str) -> None:
    url = f"sqlite:///{tmp_path / 'templated.db'}"
    db.upgrade(url)
    engine = db.make_engine(url)
    counts = evaluate_templated(engine, load(TEMPLATED, split))
    engine.dispose()
    assert counts.pairs >= 40
    assert counts.false_merges == 0
    assert counts.repost_recall >= 0.85  # short bodies, one of three reposts abridged by a third (see the note)
