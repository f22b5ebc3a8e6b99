"""The tag stage: each disambiguation rule on real-looking text, the seed page, the evaluation floors."""

from __future__ import annotations

import importlib.util
import json
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlmodel import Session, create_engine, select

from monitor.items import ExtractedArticle, New
from monitor.store.articles import Articles
from monitor.store.models import Article, ArticlePerson, ArticlePlace, ArticleTopic, ArticleZone
from monitor.tag.tagger import ZoneTagger

from .conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_tagging", ROOT / "bench" / "tagging.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
sys.modules["bench_tagging"] = bench
_spec.loader.exec_module(bench)


@pytest.fixture(scope="module")
def tagger() -> ZoneTagger:
    return ZoneTagger()


def roles(tags, role: str) -> set[str]:  # type: ignore[no-untyped-def]
    return {z.zone_id for z in tags.zones if z.role == role}


def test_bare_gaoxinqu_is_the_sources_zone(tagger: ZoneTagger) -> None:
    tags = tagger.tag("我区企业获省科技进步奖", "近日，省政府公布科技奖励名单，高新区6家企业获奖，高新区科技局表示将加大奖励力度。",
                      default_zones=("weifang",))
    assert roles(tags, "subject") == {"weifang"} and not roles(tags, "mentioned")


def test_bare_gaoxinqu_without_source_zone_takes_the_nearest_city(tagger: ZoneTagger) -> None:
    text = "本报讯 12月5日，绵阳市召开科技创新大会。会上，高新区12家企业获得表彰，高新区企业研发投入增长两成。"
    assert roles(tagger.tag("", text), "subject") == {"mianyang"}


def test_category_and_unknown_zones_are_not_resolved(tagger: ZoneTagger) -> None:
    text = "全国178家国家高新区中，省级高新区数量更多。衡水高新区近日举行项目签约。"
    assert tagger.tag("", text, default_zones=("baoding",)).zones == tuple(
        z for z in tagger.tag("", text, default_zones=("baoding",)).zones if z.zone_id == "baoding")
    assert not tagger.tag("", text).zones


def test_other_kinds_of_zone_are_not_high_tech_zones(tagger: ZoneTagger) -> None:
    tags = tagger.tag("昆明经开区与自贸试验区昆明片区联合推出稳外贸措施",
                      "昆明经开区、昆明综合保税区和天津经济技术开发区的企业参加对接会。会后高新区企业也将参与。")
    assert not tags.zones
    assert any(t.topic_id == "opening-free-trade" for t in tags.topics)


def test_suzhou_industrial_park_is_the_one_exception(tagger: ZoneTagger) -> None:
    assert roles(tagger.tag("苏州工业园区生物医药产值破千亿", "苏州工业园区生物医药企业超过2000家。"), "subject") == {"suzhou-sip"}
    assert not tagger.tag("无锡工业园区新项目开工", "无锡工业园区与常州经开区签约。").zones


def test_a_zone_inside_a_longer_name_is_not_counted(tagger: ZoneTagger) -> None:
    tags = tagger.tag("马鞍山慈湖高新区新材料产业园开工", "马鞍山高新区党工委书记王华出席。")
    assert {z.zone_id for z in tags.zones} == {"cihu"}  # not 鞍山高新区
    assert {(p.province, p.city) for p in tags.places} == {("安徽省", "马鞍山市")}  # 鞍山 is not a place here


def test_ambiguous_torch_zone_needs_a_city(tagger: ZoneTagger) -> None:
    assert roles(tagger.tag("", "威海市火炬高新区医疗器械产业集群入选国家级试点。"), "subject") == {"weihaihuoju"}
    assert roles(tagger.tag("", "厦门市召开大会，火炬高新区作交流发言。"), "subject") == {"xiamenhuoju"}
    assert not tagger.tag("", "第七届创新创业大赛决赛在火炬高新区举行。").zones


def test_traditional_characters_are_folded(tagger: ZoneTagger) -> None:
    tags = tagger.tag("包頭稀土高新區項目集中開工", "包頭稀土高新區黨工委副書記、管委會主任郭軍軍表示，將延伸稀土產業鏈。")
    assert roles(tags, "subject") == {"baotouxitu"}
    assert [(p.name, p.post, p.zone_id) for p in tags.people] == [("郭军军", "包头稀土高新区党工委副书记、管委会主任", "baotouxitu")]


def test_subject_and_mentioned(tagger: ZoneTagger) -> None:
    tags = tagger.tag("光谷集中签约12个重大项目", "武汉东湖高新区举行签约活动。业内人士认为，光谷与上海张江高新区在集成电路领域错位发展。")
    assert roles(tags, "subject") == {"donghu"} and roles(tags, "mentioned") == {"zhangjiang"}
    both = tagger.tag("成都高新区与重庆高新区签署协同发展合作协议", "双方将共建产业协作园。")
    assert roles(both, "subject") == {"chengdu", "chongqing"}


def test_generic_political_phrasing_triggers_no_topic(tagger: ZoneTagger) -> None:
    text = ("党的二十大报告提出，加快发展数字经济，构建新一代信息技术、人工智能、生物技术、新能源、新材料、高端装备等增长引擎。"
            "我们将坚持创新驱动发展战略，人才是第一资源、创新是第一动力，推动高质量发展，加快构建新发展格局。")
    assert tagger.tag("", text).topics == ()


def test_relevance_and_content_type(tagger: ZoneTagger) -> None:
    assert not tagger.tag("市领导调研春运工作", "春运期间要保障旅客安全出行。").relevant
    assert tagger.tag("关于印发《佛山高新区促进科技金融发展若干措施》的通知", "各有关单位：现印发给你们。").content_type == "policy"
    signed = tagger.tag("以改革激发活力", "刘晓明 石家庄高新区党工委书记、管委会主任\n\n今年以来，我们深化改革。")
    assert signed.content_type == "commentary"


def test_seed_page_pieces_get_their_zone_and_author(tagger: ZoneTagger) -> None:
    cases = [c for c in bench.load_cases() if c["id"].startswith("seed-")]
    assert len(cases) == 6
    for case in cases:
        tags = tagger.tag(case["title"], case["text"])
        assert roles(tags, "subject") == set(case["subject"]), case["id"]
        assert {(p.name, p.post) for p in tags.people} == {(p["name"], p["post"]) for p in case["people"]}, case["id"]


def test_evaluation_floors(tagger: ZoneTagger) -> None:
    cases = bench.load_cases()
    assert len(cases) >= 60
    ours, _, _ = bench.evaluate(cases, tagger)
    assert ours["subject"].f1 >= 0.95
    assert ours["mentioned"].f1 >= 0.90
    assert ours["people"].f1 >= 0.90
    assert ours["topics"].f1 >= 0.80


def test_store_writes_every_tag(tmp_path: Path, tagger: ZoneTagger) -> None:
    from sqlmodel import SQLModel

    from monitor.store.models import Source

    engine = create_engine(f"sqlite:///{tmp_path / 't.db'}")
    SQLModel.metadata.create_all(engine)
    tags = tagger.tag("包头稀土高新区稀土永磁项目开工", "包头稀土高新区管委会主任郭军军表示，将延伸稀土永磁产业链，提高稀土就地转化率。")
    with Session(engine) as session:
        source = Source(name="s", kind="html")
        session.add(source)
        session.flush()
        now = datetime(2022, 11, 14, tzinfo=UTC)
        result = Articles(session).store_article(ExtractedArticle(url="https://x.test/1", title="t", body="b"), New("h"),
                                                 tags, source, now)
        session.commit()
        aid = result.article_id
        assert session.exec(select(ArticleZone.zone_id).where(ArticleZone.article_id == aid)).all() == ["baotouxitu"]
        assert "rare-earth-new-materials" in session.exec(select(ArticleTopic.topic_id).where(ArticleTopic.article_id == aid)).all()
        assert session.exec(select(ArticlePerson.name).where(ArticlePerson.article_id == aid)).all() == ["郭军军"]
        assert session.exec(select(ArticlePlace.city).where(ArticlePlace.article_id == aid)).all() == ["包头市"]
        row = session.get(Article, aid)
        assert row is not None and row.relevant and row.content_type == "news"


def test_cli_tag_and_topics(tmp_path: Path) -> None:
    page = tmp_path / "piece.txt"
    page.write_text("内江高新区党工委副书记、管委会主任肖从亮表示，内江高新区将大力发展电子信息、集成电路和智能制造产业，建设智能工厂。",
                    encoding="utf-8")
    done = run_cli("tag", str(page), "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout.splitlines()[0])
    assert set(record) >= {"path", "zones", "people", "places", "topics"}
    # The salience rule (monitor/tag/tagger.py): title +3, byline +3, lead +1 (once), each mention +0.5; 6 is a
    # score of 1. A .txt page has no title or byline here; 内江高新区 is named twice, both times in the lead.
    expected_score = round((1.0 + 2 * 0.5) / 6, 3)
    assert record["zones"][0] == {"id": "neijiang", "name": "内江高新技术产业开发区", "role": "subject",
                                  "score": expected_score}
    assert {"name": "肖从亮", "post": "内江高新区党工委副书记、管委会主任", "zone_id": "neijiang", "former": False,
            "org": {"name": "内江高新区党工委", "zone_id": "neijiang", "city": "内江市", "province": "四川省"}} in record["people"]
    assert {"province": "四川省", "city": "内江市"} in record["places"]
    assert {t["id"] for t in record["topics"]} >= {"electronic-information", "intelligent-manufacturing"}
    listed = [json.loads(line) for line in run_cli("topics", "list", "--json", cwd=tmp_path).stdout.splitlines()]
    assert len(listed) >= 16 and all({"id", "label", "label_en"} <= set(t) for t in listed)


def test_short_names_and_cities_in_the_title(tagger: ZoneTagger) -> None:
    # a distinctive short name of the gazetteer (张江, 光谷, 中关村) in the title makes a subject
    tags = tagger.tag("张江集成电路设计企业营收首破千亿", "本报讯 记者从上海张江高新区管委会获悉，园区集成电路设计企业营收同比增长18%。")
    assert roles(tags, "subject") == {"zhangjiang"}
    # a bare city in the title is weaker evidence: it counts only when the body names the city's zone
    corroborated = tagger.tag("深圳出台科技金融新政", "近日，深圳市发布科技金融十条措施，深圳高新区将设立专项贷款风险补偿资金池。")
    assert roles(corroborated, "subject") == {"shenzhen"}
    alone = tagger.tag("深圳企业赴武汉考察", "考察团参观了武汉东湖高新区的光电子企业，东湖高新区介绍了招商政策。")
    assert roles(alone, "subject") == {"donghu"} and "shenzhen" not in {z.zone_id for z in alone.zones}


def test_a_headline_partner_named_far_less_is_mentioned(tagger: ZoneTagger) -> None:
    title = "光谷与中关村联合举办人工智能创新大赛"
    text = ("本报讯 11月20日，人工智能创新大赛在东湖高新区开幕。东湖高新区管委会介绍，光谷人工智能企业已超过300家，"
            "大赛决赛将在光谷举行，中关村将组织企业参赛。")
    tags = tagger.tag(title, text)
    assert roles(tags, "subject") == {"donghu"} and roles(tags, "mentioned") == {"zhongguancun"}


def test_topics_from_the_shared_scan_equal_a_separate_scan(tagger: ZoneTagger) -> None:
    """The tagger's one scan over title|byline|body scores topics as a scan of title|body alone would."""
    from monitor.normalise import match_key, to_simplified

    for case in bench.load_cases():
        title, text = case.get("title") or "", case["text"]
        alone = tagger.topics.match(match_key(to_simplified(title)), match_key(to_simplified(text)))
        assert tagger.tag(title, text).topics == alone, case["id"]
        assert tagger.tag(title, text, byline="数字经济 集成电路 生物医药 党的二十大报告").topics == alone, case["id"]


_PLAIN_INVISIBLE = "[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\ufff9-\ufffb]"


@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from(
    list(" \t\n\u3000\u00a0\u200b\u00ad\ufeff，：；（）！？ＡＢａ１①㎡ﬁ…é\u0301\u0338<高新区區İßΣ\u1100\u1161\u11a8가")))))
@settings(max_examples=400, deadline=None)
def test_match_key_equals_its_plain_definition(text: str) -> None:
    """match_key's shortcuts (content_hash depends on it) give exactly NFKC + casefold - whitespace - invisibles."""
    import re
    import unicodedata

    from monitor.normalise import is_plain, is_usual, looks_traditional, match_key

    plain = "".join(re.sub(r"\s+", "", unicodedata.normalize("NFKC", re.sub(_PLAIN_INVISIBLE, "", text)).casefold()))
    assert match_key(text) == plain
    if is_usual(text):  # the tagger's shortcut for a text it has tested once for every rarer character
        assert match_key(text, usual=True) == plain and not looks_traditional(text)
    if is_plain(text):  # and for a text without a character NFKC or casefold changes or that combines
        assert is_usual(text) and match_key(text, usual=True, plain=True) == plain


def test_match_key_remembers_the_last_long_text_only_as_that_object() -> None:
    """The last long text's key is kept for a second fold of the very same object (dedup, then the tagger):
    another text, even one made equal, is folded on its own."""
    from monitor.normalise import match_key

    body = "东湖高新区 ＡＢＣ，\u200b新闻。\n" * 60
    again = body[:-1] + body[-1:]
    other = "中关村 ＸＹＺ。\n" * 80
    key = match_key(body)
    assert key == "东湖高新区abc,新闻。" * 60
    assert match_key(body) == key and match_key(again) == key and again is not body
    assert match_key(other) == "中关村xyz。" * 80
    assert match_key(body) == key


@given(st.lists(st.text(alphabet=st.one_of(st.characters(), st.sampled_from(
    list("郭军军包头稀土高新区管委会主任作者文/： \t\u3000\u00a0\r\x0b\x1c\u2028\u200b")))), max_size=6))
@settings(max_examples=300, deadline=None)
def test_a_text_may_sign_refuses_holds_no_signature(lines: list[str]) -> None:
    """may_sign, the tagger's shortcut past find_bylines: a text it refuses has no signature line."""
    from monitor.tag.people import find_bylines, may_sign

    text = "\n".join(lines)
    signatures = find_bylines([line for line in map(str.strip, text.splitlines()) if line])
    assert may_sign(text) or not signatures
    assert may_sign("郭军军 包头稀土高新区管委会主任\n正文") and find_bylines(["郭军军 包头稀土高新区管委会主任"])
