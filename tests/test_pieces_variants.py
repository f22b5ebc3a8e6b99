"""The roundup splitter read the same page alike whatever its layout (issue 18; bench/roundup_variants.py): traditional
characters, HTML, lines run together. Each test takes a tune page's excerpt from tests/data/roundups in the other
layout, and fails on the code before its rule."""

from __future__ import annotations

from monitor.normalise import reads_traditional
from tests.pieces_helpers import assert_signed

# r202 (tune half) in traditional characters: netizens' handles in turn; the third line holds none of the cheap script
# test's telling characters ('網友“陶景洲”評論:'), the others do.
_NETIZENS_TRADITIONAL = (
    "衆網友熱\"審\"政府工作報告\n\n"
    "網友們可不管這些“高冷”的詞彙。這下好了。“寫”過工作報告,發現總理的報告裏面似乎有自己想法的影子,激起了諸多網民的澎湃之情。\n\n"
    "網友“netcat”說:“互聯網+”寫入李克強總理的政府工作報告,這意味着“互聯網+”正式被納入頂層設計,成爲國家經濟社會發展的重要戰略。"
    "這是第四次工業革命。\n\n"
    "網友“綠色王牌”說:總理在報告中專門提到“注重發揮企業家才能”時感到非常欣喜。這是歷年政府工作報告中第一次提到企業家的作用和意義。\n\n"
    "網友“陶景洲”評論:“簡政放權是政府的自我革命。比起壯士斷腕,我覺得先要胖子減胖。”\n\n"
    "網友“肖磊看市”解讀道:“政府工作報告決心很大……2014年絕對"
)


def test_every_line_of_a_traditional_page_is_read_folded_though_it_holds_no_telling_character() -> None:
    """Kind: a page in traditional script lost the speaker of a line that holds none of the characters the cheap script
    test looks for: the line was read unfolded ('評論' is no verb the reader knows), its netizen merged into the piece
    above (r202 as traditional characters, tune half). The page's script is decided once, for every line."""
    article = assert_signed(_NETIZENS_TRADITIONAL, [("netcat", "網友"), ("綠色王牌", "網友"), ("陶景洲", "網友"),
                                                    ("肖磊看市", "網友")])
    assert "簡政放權" in article.pieces[2].body and "簡政放權" not in article.pieces[1].body


def test_a_page_is_traditional_by_the_share_of_characters_folding_changes() -> None:
    """A simplified page quoting one traditional title is not a traditional page; a traditional page whose lines
    mostly hold no telling character is."""
    assert reads_traditional(_NETIZENS_TRADITIONAL)
    assert not reads_traditional("会上，专家介绍了《資治通鑑》的新版本。" + "全国人大代表就科技创新提出建议，会议审议了报告。" * 5)

