"""Roundup shapes from the eighth batch's tune half (r69, r71), each rule with a made-up page too: one explicit and
one weak signature of the same shape, a summary line repeating the page's start, a list page of teasers."""

from __future__ import annotations

from monitor.extract.pieces import split_signed
from tests.test_pieces_shapes_second import _page, _signed

_EXPLICIT = "走进某某大学教育学院院长王红梅代表的房间：桌上摆着厚厚一摞材料，都是她这一年走访学校时记下的问题。"
_EXPLICIT_MORE = "王红梅说，今年她带来了三份建议，都和乡村教师的待遇与培训有关，希望能被采纳。"
_WEAK = "连续三届当选全国人大代表的某某县城关镇党委书记赵长江，对今年会风的变化感受更深，一路上没有鲜花和锣鼓。"
_WEAK_MORE = "赵长江告诉记者，今年的材料少了，会期短了，代表们更能把心思放在建议上。"


def _pairs(texts: list[str]) -> list[tuple[str | None, str | None]]:
    return [(p.author, p.author_post) for p in split_signed(texts).pieces]


def test_one_explicit_and_one_weak_signature_of_the_same_shape_split_a_page() -> None:
    """r69: '走进…院长孙玉秋代表的房间：…' and, three paragraphs on, '连续四届当选全国人大代表的…党委书记叶昌保，…',
    each person named again in their piece: two pieces."""
    assert _signed(_page("r69-jzhcpw-subheads-deputies-rooms.txt")) == [
        ("孙玉秋", "长江大学信息与数学学院院长"), ("叶昌保", "洪湖市新堤办事处洪林村党委书记")]
    assert _pairs(["记者探营代表驻地。", _EXPLICIT, _EXPLICIT_MORE, _WEAK, _WEAK_MORE]) == [
        ("王红梅", "某某大学教育学院院长"), ("赵长江", "某某县城关镇党委书记")]


def test_a_weak_signature_unlike_the_explicit_one_does_not_split() -> None:
    """The safety conditions: a second person named once and never again, named after a first sentence, or given
    a piece far shorter than the explicit one's, is someone the piece mentions, not a signer."""
    assert _pairs(["记者探营代表驻地。", _EXPLICIT, _EXPLICIT_MORE, _WEAK, "今年的材料少了，会期短了。"]) == []
    assert _pairs(["记者探营代表驻地。", _EXPLICIT, _EXPLICIT_MORE, "会风变了。" + _WEAK, _WEAK_MORE]) == []
    long_piece = [_EXPLICIT, _EXPLICIT_MORE * 4, "她说，这些问题一个个都要落实到建议里。" * 6]
    assert _pairs(["记者探营代表驻地。", *long_piece, "某某县城关镇党委书记赵长江，也来了。", "赵长江点头。"]) == []


def test_a_summary_line_repeating_the_page_start_is_no_piece() -> None:
    """r69: the page's first line repeats its start run together ('抵京已经两天…谈建议。 更清新 更体贴 走进…');
    the signature in it is not read a second time."""
    summary = "记者探营代表驻地。 走进某某大学教育学院院长王红梅代表的房间：桌上摆着厚厚一摞材料"
    pieces = split_signed([summary, "记者探营代表驻地。", _EXPLICIT, _EXPLICIT_MORE, _WEAK, _WEAK_MORE]).pieces
    assert [p.author for p in pieces] == ["王红梅", "赵长江"]
    assert pieces[0].body.startswith("走进某某大学") and pieces[1].body.startswith("连续三届当选")


def test_a_list_page_of_teasers_each_about_one_person() -> None:
    """r71: teasers joined by '....', each about one person named at its start ('post NAME在…', 'NAME说，…',
    '2003年，NAME第一次以全国人大代表的身份…'); an item naming no one is no piece, and each piece ends where the
    next item starts."""
    article = _page("r71-jxqcjlb-teasers-dotted.txt")
    assert _signed(article) == [("朱良玉", "全國人大代表、北京市保安服務總公司副總經理"), ("謝智波", None), ("宗慶后", None)]
    assert "人民推選我" not in article.pieces[1].body and "部長通道" not in article.pieces[2].body
    items = ["某某县县长王红梅在接受记者采访时表示，今年要把乡村道路修到每个村口。",
             "....赵长江说，当选全国人大代表五年来，他一直关注农民工子女上学。",
             "....会场外，记者们早早排起了长队。",
             "....2015年，孙海涛第一次以全国人大代表的身份参会，带来了六份建议。"]
    assert _pairs(items) == [("王红梅", "某某县县长"), ("赵长江", None), ("孙海涛", None)]
    assert [p.body[:3] for p in split_signed(items).pieces] == ["某某县", "赵长江", "201"]


def test_a_list_whose_items_mostly_name_no_one_is_no_roundup() -> None:
    """Fewer than half the items about a person (a list of points in an article), or one person in every item:
    not a list of teasers."""
    points = ["....会场外，记者们早早排起了长队。", "....赵长江说，今年的会风更实在。", "....今年的材料少了。",
              "....会期也短了。", "....王红梅说，代表们更能把心思放在建议上。"]
    assert _pairs(points) == []
    one_person = ["....赵长江说，今年的会风更实在，代表们都说好。", "....赵长江说，今年的材料少了，代表们都说好。",
                  "....赵长江说，会期也短了，代表们都说好。"]
    assert _pairs(one_person) == []


def test_paragraphs_closing_with_their_speakers_words() -> None:
    """r78 (ninth batch, tune half): a lead, then paragraphs introducing '委员NAME' after a lead sentence and closing
    '…”NAME说。': one piece per paragraph, the post from the introduction; '委员陆续向大会报到' names no one."""
    from monitor.extract.bylines import name_at

    assert name_at("陆续向大会报到", 0) is None
    article = _page("r78-zjphol-members-proposals-lead.txt")
    assert _signed(article) == [("燕燕", "委员"), ("俞震", "委员")]
    assert article.pieces[0].body.endswith("更好地讲好平湖西瓜的故事。”")  # the closing '燕燕说' is the signature
    made_up = ["本报讯 昨天，市政协会议开幕，委员陆续向大会报到。",
               "交通拥堵一直是热点。为此，委员王红梅带来了提案。“希望增设停车位，解决停车难。”王红梅说。",
               "教育也受关注。某某中学校长赵长江带来了减负的建议。“书包太沉了，要真正减负。”赵长江表示。"]
    assert _pairs(made_up) == [("王红梅", "委员"), ("赵长江", "某某中学校长")]
    assert split_signed(made_up).lead == ("本报讯 昨天，市政协会议开幕，委员陆续向大会报到。",)


def test_quote_closers_need_a_post_and_enough_people() -> None:
    """A closing '”NAME说。' with no post printed for the name, or one person only, or two on an article page
    (`min_weak` 3: an ordinary report quotes two people in turn), splits nothing."""
    no_post = ["交通拥堵一直是热点。王红梅带来了提案。“希望增设停车位。”王红梅说。",
               "教育也受关注。赵长江带来了减负的建议。“书包太沉了。”赵长江表示。"]
    assert _pairs(no_post) == []
    two = ["交通拥堵一直是热点。为此，委员王红梅带来了提案。“希望增设停车位。”王红梅说。",
           "教育也受关注。为此，委员赵长江带来了减负的建议。“书包太沉了。”赵长江表示。"]
    assert len(split_signed(two).pieces) == 2 and split_signed(two, min_weak=3).pieces == ()
