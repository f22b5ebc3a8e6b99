"""Issue 17: the subject decision from evidence features (monitor/tag/subject.py), fitted on the tune halves of the
real-text set by bench/subject_fit.py. The features are read off what the tagger found (`ZoneTagger.evidence`); where
the body alone decides, the model may veto a subject the wording rules propose."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from monitor.normalise import match_key
from monitor.tag import subject
from monitor.tag.subject import FEATURES, Candidate, decide, evidence, opens_sentence
from monitor.tag.tagger import shared_tagger

from .test_tagging_real import roles

ROOT = Path(__file__).resolve().parent.parent


def features(title: str, body: str, url: str | None = None) -> dict[str, dict[str, float]]:
    return {c.zone_id: dict(zip(FEATURES, c.row, strict=True)) for c, _, _ in shared_tagger().evidence(title, body, url=url)}


# features ---------------------------------------------------------------------------------------------------------
def test_a_zone_opening_its_sentence_after_a_date_is_the_actor() -> None:
    assert opens_sentence("3月5日上午,潍坊高新区召开会议。", len("3月5日上午,"))
    assert opens_sentence("潍坊高新区召开会议。", 0)
    assert opens_sentence("会议结束。近日,潍坊高新区出台新政。", len("会议结束。近日,"))
    # something other than a date before it: the zone is not what opens the sentence
    assert not opens_sentence("会议强调,要发挥潍坊高新区的带动作用。", len("会议强调,要发挥"))
    assert not opens_sentence("记者从潍坊高新区获悉。", len("记者从"))
    assert not opens_sentence("全市上下坚持稳中求进加快推动潍坊高新区发展。", len("全市上下坚持稳中求进加快推动"))


def test_the_features_of_a_zones_own_news() -> None:
    body = ("3月5日,潍坊高新区召开重点项目推进会,部署全年项目建设工作。\n"
            "会议指出,今年潍坊高新区计划实施重点项目60个,总投资超过300亿元,要强化要素保障,确保项目早开工、早投产。")
    row = features("", body)["weifang"]
    assert row["actor"] == 1.0 and row["first_in_lead"] == 1.0 and row["first_pos"] < 0.1
    assert row["plain_share"] == 1.0 and row["list_share"] == row["post_share"] == row["side_share"] == 0.0
    assert row["top"] == 1.0 and row["mention_share"] == 1.0 and row["log_zones"] == 0.0
    assert row["title"] == row["default"] == row["other_headline"] == 0.0


def test_the_features_of_a_zone_in_a_post_a_list_and_a_headline() -> None:
    # one official of a zone in a roll of three: the zone's only mention is inside his post, and set aside
    body = ("6月3日,全市科技创新大会召开。市委常委、副市长张明,中关村管委会主任李强,市科委副主任王芳出席会议并讲话。"
            "会议部署了下半年科技创新工作。")
    row = features("", body)["zhongguancun"]
    assert row["post_share"] == 1.0 and row["aside"] == 1.0 and row["actor"] == 0.0
    # a list of zones before a count: items, no actor
    rows = features("", "克拉玛依、遵义、信阳、滁州四个高新区获批升级为国家高新区,各地正在筹备揭牌仪式。")
    assert {"kelamayi", "zunyi", "xinyang", "chuzhou"} <= rows.keys()
    assert all(r["list_share"] == 1.0 and r["listed_many"] == 1.0 and r["log_zones"] > 1 for r in rows.values())
    # a headline zone, and a body zone that is not in the headline
    rows = features("潍坊高新区与济南高新区签约", "双方将在人才、项目方面开展合作。东湖高新区派员出席。")
    assert rows["weifang"]["title"] == 1.0 and rows["weifang"]["other_headline"] == 0.0
    assert rows["donghu"]["title"] == 0.0 and rows["donghu"]["other_headline"] == 1.0


def test_evidence_from_plain_values() -> None:
    # two zones: A opens the body and is named three times, B once, late, after a comparison word
    mentions = [("a", "body", 0), ("a", "body", 20), ("b", "compare", 80), ("a", "body", 90)]
    body_k = "a高新区召开会议。" + "x" * 91
    out = {c.zone_id: dict(zip(FEATURES, c.row, strict=True))
           for c in evidence({"a": 2.5, "b": 0.5}, mentions, (), set(), {"b"}, 40, body_k, [(15, 30, False)],
                             False, False, set(), set())}
    a, b = out["a"], out["b"]
    assert a["actor"] == 1.0 and a["first_in_lead"] == 1.0 and a["top"] == 1.0 and a["mention_share"] == 0.75
    assert a["post_share"] == pytest.approx(1 / 3) and a["plain_share"] == 1.0
    assert b["side_share"] == 1.0 and b["aside"] == 1.0 and b["first_in_lead"] == 0.0 and b["score_ratio"] == 0.2
    assert b["first_pos"] == pytest.approx(0.8) and a["log_zones"] == b["log_zones"] > 0


# the decision -----------------------------------------------------------------------------------------------------
def test_decide_vetoes_but_never_adds() -> None:
    weights = (0.0,) * (len(FEATURES) - 1) + (1.0,)
    strong, weak = Candidate("a", (0.0,) * (len(FEATURES) - 1) + (5.0,)), Candidate("b", (0.0,) * len(FEATURES))
    assert decide([strong, weak], {"a", "b"}, weights, -1.0, 0.5) == {"a"}
    assert decide([strong, weak], {"b"}, weights, -1.0, 0.5) == set()
    assert decide([strong, weak], set(), weights, -1.0, 0.5) == set()


def test_the_fast_path_reads_every_weight_a_body_decided_text_can_use() -> None:
    # `confirmed` sums the weights it names (`_STEP_ONE`); the others are those of features that are 0 on a text of
    # MODEL_BRANCH (no headline zone, no default). A feature added to FEATURES must be placed in one of the two
    assert sorted(subject._STEP_ONE + subject._NOT_IN_BODY_BRANCH) == sorted(FEATURES)


_CITY_MEETING = ("12月5日,中共北京市海淀区委召开全体会议,传达学习市委全会精神,审议通过区委常委会工作报告。"
                 "会议由区委常委会主持,全体区委委员、候补委员出席会议。\n"
                 "会议指出,过去一年全区上下坚持稳中求进,经济社会发展取得新成效,民生保障持续改善,城市治理水平不断提升,"
                 "基层党建全面加强。\n"
                 "会议强调,明年要抓好稳增长、促改革、惠民生各项工作,持续优化营商环境,加快城市更新步伐,扎实推进教育医疗等"
                 "公共服务均衡发展,发挥中关村科学城的带动作用,支持中关村企业加快发展。")


def test_a_zone_named_twice_in_passing_at_the_end_of_a_city_text_is_mentioned() -> None:
    # k009's kind (a district's meeting, the zone twice near the end): the rules make a zone named twice eligible and,
    # alone, the subject; its evidence (not in the lead, late, never the actor) says mentioned
    tags = shared_tagger().tag("海淀区召开区委全会", _CITY_MEETING)
    assert roles(tags, "subject") == set() and roles(tags, "mentioned") == {"zhongguancun"}


def test_a_zones_own_news_keeps_its_subject() -> None:
    body = ("3月5日,潍坊高新区召开重点项目推进会,部署全年项目建设工作。\n"
            "会议指出,今年潍坊高新区计划实施重点项目60个,总投资超过300亿元,要强化要素保障,确保项目早开工、早投产。")
    assert roles(shared_tagger().tag("", body), "subject") == {"weifang"}
    # the same meeting text with the zone's news in its lead: the zone leads, it is the subject
    lead = "12月6日,中关村科学城召开企业座谈会,中关村管委会发布支持政策。\n"
    assert roles(shared_tagger().tag("", lead + _CITY_MEETING), "subject") == {"zhongguancun"}


def test_the_model_leaves_a_body_shorter_than_those_it_was_fitted_on_to_the_rules() -> None:
    # one sentence naming the zone halfway: its relative position reads late, but no text the model was fitted on is
    # this short (the shortest, 96 characters): the rules' subject stands (found with the refit of round 11, p = 0.39)
    body = "近日，嘉兴市秀洲区召开专题会议，部署高新区招商引资工作。高新区管委会负责人参加会议。"
    assert len(match_key(body)) < subject.MODEL_MIN_BODY
    assert roles(shared_tagger().tag("", body), "subject") == {"jiaxing"}


def test_the_model_does_not_decide_when_the_headline_or_the_site_names_the_zone() -> None:
    # MODEL_BRANCH is the body alone: a headline zone stays the subject whatever its body evidence
    assert subject.MODEL_BRANCH == "body"
    assert roles(shared_tagger().tag("中关村企业加快发展", _CITY_MEETING), "subject") == {"zhongguancun"}


# the stored weights -----------------------------------------------------------------------------------------------
def test_the_stored_weights_are_what_the_fitting_script_gives() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "subject_fit.py"), "--check"], capture_output=True,
                          text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr


# the tagger's shortcut -----------------------------------------------------------------------------------------------
def _texts() -> list[tuple[str, str, str | None]]:
    import yaml

    texts = []
    for folder in ("tagging", "tagging_real"):
        for path in sorted((ROOT / "tests" / "data" / folder).glob("*.yaml")):
            for case in yaml.safe_load(path.read_text(encoding="utf-8"))["cases"]:
                texts.append((case.get("title") or "", case["text"], case.get("url")))
    # long texts of many zones (as the throughput benchmark's): slices of all the real texts run together
    pool = "\n".join(text for _, text, _ in texts)
    texts += [(texts[i][0], pool[i * 997 % (len(pool) - 3000):][:3000], None) for i in range(0, len(texts), 3)]
    return texts


def test_the_tagger_decides_as_the_full_model_does() -> None:
    # `subject.confirmed` (what `tag` runs) skips reading a zone's mentions when its counts already settle the model's
    # answer: its subjects must be exactly those of the full evidence (`evidence` then `decide`)
    tagger = shared_tagger()
    vetoed = 0
    for title, body, url in _texts():
        rows = tagger.evidence(title, body, url=url)
        proposed = {c.zone_id for c, rule, _ in rows if rule}
        vetoes = rows and rows[0][2] == subject.MODEL_BRANCH and len(match_key(body)) >= subject.MODEL_MIN_BODY \
            and not rows[0][0].row[subject.FEATURES.index("own_title")]  # a 来区/我区 headline: the rules decide
        want = decide([c for c, _, _ in rows], proposed) if vetoes else proposed
        assert roles(tagger.tag(title, body, url=url), "subject") == want, (title, body[:60])
        vetoed += len(proposed - want)
    assert vetoed >= 20  # the shortcut was put to work on texts where the model does veto
