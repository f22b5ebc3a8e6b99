"""How often a text page is folded to simplified script (OpenCC, the extractor's costliest call per character read):
once per page for its script, once per run-together line for the words around its spaces (review of the extractor,
issue 18). Counted in calls, not seconds; the outputs are those the code gave before."""

from __future__ import annotations

from unittest import mock

from monitor import normalise
from monitor.extract import extractor
from monitor.extract.extractor import _HAN_GAP, _unrun, extract_text_page
from tests.test_pieces_variants import REPORTERS_RUN_TOGETHER

# datecheck, haochake.cn (tune half): a traditional page with pinyin ruby left in, one article and no pieces (its
# place name 海口 restored where the page decoded it as "?趪").
_TRADITIONAL_ARTICLE = (
    "海口國(guó)家高新區(qū):名企云集氣象新\n"
    "2022年05月31日 07:18 來(lái)源:海南日報(bào)\n\n"
    "5月30日,在海口國(guó)家高新區(qū)藥谷工業(yè)園的齊魯制藥(海南)有限公司,工作人員在固體制劑車(chē)間操控設(shè)備。\n\n"
    "  海口國(guó)家高新區(qū)于1991年經(jīng)國(guó)務(wù)院批準(zhǔn)成立,是我國(guó)第一批國(guó)家級(jí)高新區(qū)。2021年,該園區(qū)固定資產(chǎn)投資完成73.9億元,"
    "同比增長(zhǎng)36.3%;稅收完成62.31億元,同比增長(zhǎng)31%。\n\n"
    "  《海南自由貿(mào)易港建設(shè)總體方案》發(fā)布以來(lái),海口國(guó)家高新區(qū)新簽約項(xiàng)目85個(gè),投資總額151億元;新開(kāi)工項(xiàng)目111個(gè),"
    "總投資181.3億元;供應(yīng)土地超2000畝。目前,海口國(guó)家高新區(qū)已吸引中國(guó)電信、大唐集團(tuán)、艾昆瑋、華熙生物等一批知名企業(yè)"
    "相繼落戶。本報(bào)記者 李天平 通訊員 陳慧玲 圖/文\n\n"
    "編輯:李奧迪"
)


def test_a_run_together_line_is_folded_once_not_once_per_space() -> None:
    """Review: the run-together readers read the words around every space between Han characters folded, an OpenCC
    call per space (and again per part): a 200 KB simplified page took about twice its time. The line is folded once
    and each window is a slice of it; the line is cut as before."""
    assert len(_HAN_GAP.findall(REPORTERS_RUN_TOGETHER)) >= 5
    with mock.patch.object(extractor, "to_simplified", wraps=extractor.to_simplified) as folded:
        parts = _unrun(REPORTERS_RUN_TOGETHER)
    assert folded.call_count == 1
    assert parts == [
        "今年两会,选择搭乘公共交通的政协委员明显增多,40多名港澳委员更是连续20年集体乘车赴会。",
        "据统计,大会召开的第一天,乘坐专线大巴参加开幕会议的委员有395人,占了全部参会委员的绝大多数。",
        "本报记者 张龙 摄影报道",
        "一位代表 在一次小组会上,有位代表让我印象深刻。他是一家大企业的老总,说的是“二次供水”的问题。",
        "采访中,他表示不要写他的名字,只要让老百姓喝上干净水,就满足了。",
        "本报记者 邵宁",
        "一个点子 今年在农工医卫组听会,市政协委员束蓉的一番“吐槽”,让记者感到耳目一新。",
        "对此,主持分组讨论的市政协委员王龙兴非常赞同,他说,会把这个建议提上去。",
        "本报记者 潘高峰",
    ]

def test_a_traditional_page_without_pieces_is_read_for_its_script_once() -> None:
    """Review: a traditional page in which the splitter finds no pieces had its script decided twice, by the splitter
    and by the speaker fallback (each an OpenCC pass over the whole page). It is decided once and passed on; the page
    reads as before."""
    page_chars = len(_TRADITIONAL_ARTICLE)
    with mock.patch.object(normalise, "to_simplified", wraps=normalise.to_simplified) as folded:
        article = extract_text_page(_TRADITIONAL_ARTICLE, "http://www.haochake.cn/hnnew/2022-05-31/641135.html")
    whole_page = [call for call in folded.call_args_list if len(call.args[0]) > page_chars // 2]
    assert len(whole_page) == 1
    assert article.pieces == () and article.author == "李天平 陳慧玲"
    assert "5月30日,在海口國家高新區藥谷工業園" in article.body
