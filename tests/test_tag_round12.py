"""Issue 17, round 12: rules from the tune halves of the real set after the fifteenth batch (tests/data/tagging_real
README, round 12): a name that ends its line, a zone in the bracket that says what a count includes, 市高新区 opening
a sentence, rarer compound surnames, no veto of the model under a headline speaking as a zone. Each test fails on the
tagger before round 12 (de9dba3)."""

from __future__ import annotations

from monitor.tag.tagger import shared_tagger

from .test_tag_people_rules import people
from .test_tagging_real import roles


def test_a_name_that_ends_its_line() -> None:
    # o016: a subheading 宜都市委书记夏明海, the next paragraph right after it in the match key (夏明海新春伊始…)
    body = ("2月28日，宜昌市创新发展大会举行。\n宜都市委书记夏明海\n新春伊始，市委市政府高规格召开创新发展大会。\n"
            "枝江市委书记王新华\n今年，枝江将聚力创新。")
    assert people(body) == {"夏明海": "宜都市委书记", "王新华": "枝江市委书记"}
    # p013: a roster line whose last name ends the line
    body = "临沂高新区始终高举发展高科技的旗帜。\n管委会副主任：马腾飞、杨明\n临沂高新区位于临沂市西南部。"
    assert people(body) == {"马腾飞": "管委会副主任", "杨明": "管委会副主任"}
    # a line ending with a word that is no name after its office word: no one
    assert people("会议名单如下。\n副理事长单位\n各会员单位参加会议。") == {}


def test_a_zone_in_the_bracket_of_what_a_count_includes_is_one_member() -> None:
    # o016: 14个县市区委书记(含宜昌高新区) under a headline naming the city: the zone is one of fourteen, no subject
    title = "创新发展大会后，宜昌14县市区委书记集中发声"
    body = ("2月28日，宜昌市创新发展大会举行。这是宜昌首次全面聚焦“创新发展”这个主题。\n"
            "14个县市区委书记（含宜昌高新区）表示，要坚决落实党中央决策部署和省委工作要求，聚创新之势、提创新之能。")
    tags = shared_tagger().tag(title, body)
    assert roles(tags, "subject") == set() and roles(tags, "mentioned") == {"yichang"}
    # the zone named plainly under the same headline is still its subject
    body = "2月28日，宜昌市创新发展大会举行。宜昌高新区党工委书记表示，要聚创新之势、提创新之能。"
    assert roles(shared_tagger().tag(title, body), "subject") == {"yichang"}


def test_shi_gaoxinqu_opening_a_sentence_is_the_citys_own_zone() -> None:
    # q008 (a wiki entry, pinyin ruby): 市高新區成立于1994年…近年來，景德鎮高新區大力推進轉型發展: 市高新区 is not a kind of
    # zone (各市, 全市高新区) but the city's own, the zone the text names once after it
    body = ("市(shi)高新(xin)區成立于1994年，是全(quan)省省級(ji)開發區。2010年，國務(wu)院批準(zhun)升級(ji)為(wei)"
            "國家高新(xin)技術(shu)產業(ye)開發區，園(yuan)區工業(ye)規劃面積30.85平方公里。\n"
            "近年(nian)來，景德鎮(zhen)高新(xin)區大(da)力推進轉型發展(zhan)，初步形成了以航(hang)空產業(ye)為主導的產業格局。")
    assert roles(shared_tagger().tag("", body), "subject") == {"jingdezhen"}
    # 我市高新区 is the city's zone too; 全市高新区 and 各市高新区 name a set, no zone
    assert roles(shared_tagger().tag("", "近日，我市高新区召开项目推进会。景德镇市副市长出席会议并讲话。"), "subject") \
        == {"jingdezhen"}
    for words in ("全市", "各市"):
        body = f"近日，{words}高新区召开项目推进会。景德镇市副市长出席会议并讲话，要求加快项目建设，推进产业发展。"
        assert not shared_tagger().tag("", body).zones


def test_rarer_compound_surnames() -> None:
    # q024 (traditional): 華瑞公司董事長顓孫宗亮陪同調研
    assert people("高新区党工委副书记黄乔坤，华瑞公司董事长颛孙宗亮陪同调研。") == {
        "黄乔坤": "高新区党工委副书记", "颛孙宗亮": "华瑞公司董事长"}
    assert people("市政协副主席司徒文出席。") == {"司徒文": "市政协副主席"}


def test_the_model_does_not_veto_the_zone_of_a_headline_speaking_as_a_zone() -> None:
    # d017 (tune): under 来区, the zone wrote the text about itself; the rules make its one zone the subject and the model
    # (which reads a zone named once, late, as a passing mention) no longer takes it away
    title = "国家高新区联合调查组来区考察"
    body = ("4月1日，由中办调研室副主任于维栋、国务院发展研究中心技术经济部局长邓寿鹏和国家科委火炬办副主任刘振堂、开发区管理处"
            "处长张超英、条件财务基建处处长范金凤等8人组成的国家高新技术产业开发区联合调查组，考察了开发区的高新技术企业、"
            "基础设施建设和第三产业的发展情况。\n刘振堂说：“大庆开发区发展很快，很有后劲，很有希望。”\n")
    assert roles(shared_tagger().tag(title, body), "subject") == {"daqing"}
    # the same text under a headline that does not speak as the zone is left to the model as before
    tags = shared_tagger().tag("国家高新区联合调查组赴东北考察", body)
    assert roles(tags, "subject") == set() and roles(tags, "mentioned") == {"daqing"}
