"""How often a text page is folded to simplified script (OpenCC, the extractor's costliest call per character read):
once per page for its script, once per run-together line for the words around its spaces (review of the extractor,
issue 18). Counted in calls, not seconds; the outputs are those the code gave before."""

from __future__ import annotations

from unittest import mock

from monitor.extract import extractor
from monitor.extract.extractor import _HAN_GAP, _unrun
from tests.test_pieces_variants import REPORTERS_RUN_TOGETHER


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
