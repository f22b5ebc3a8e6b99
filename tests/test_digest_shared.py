"""A digest rendered once for every subscriber who gets the same items is, for each of them, exactly the digest
built for them alone; where that cannot be sure, it says so (None) and the run builds it whole."""

from __future__ import annotations

from datetime import datetime

import pytest

from monitor.digest.build import MAX_HTML_BYTES, DigestLinks, build_digest, shared_digest
from monitor.items import DigestItem, PublishDate
from monitor.timefmt import SHANGHAI

ARCHIVE = "https://zones.example.org/archive"


def _items(count: int, related: int = 0) -> list[DigestItem]:
    body = "包头稀土高新区稀土新材料项目集中开工，总投资超百亿元。"
    return [DigestItem(i, f"高新区新闻 {i}：稀土产业链项目 <签约> & 开工", f"https://news.example.cn/{i}.html?a=1&b=2", "科技日报",
                       PublishDate(datetime(2026, 12, 6, 9, i % 60, tzinfo=SHANGHAI), "minute"), "张伟", "记者",
                       (("包头稀土高新区",) if i % 3 else ("东湖新技术开发区",)), body,
                       topic_names=("稀土新材料",), people=("王强",),
                       also_by=(("高新区新闻网", f"https://other.example.cn/{i}.html"),),
                       related=tuple((f"报道{k}", f"https://related{k}.example.cn/{i}/{k}.html") for k in range(related)))
            for i in range(1, count + 1)]


def _links(n: int) -> DigestLinks:
    return DigestLinks(unsubscribe=f"https://zones.example.org/u/tok{n}.Ab-_9", manage=f"https://zones.example.org/m/tok{n}",
                       web=f"https://zones.example.org/d/{n}.x", archive=ARCHIVE)


RECIPIENTS = [("reader1@example.org", None), ("a.b+c@example.com", "张三"), ("x@example.net", "  Li   Na "),
              ("y@example.net", "")]


@pytest.mark.parametrize("language", ["zh-CN", "en"])
@pytest.mark.parametrize("group_by", ["zone", "topic"])
@pytest.mark.parametrize("count", [1, 7, 80])
def test_each_subscriber_gets_what_a_digest_built_for_them_alone_would_be(language: str, group_by: str, count: int) -> None:
    items = _items(count)
    shared = {named: shared_digest(items=items, tz=SHANGHAI, named=named, archive=ARCHIVE, group_by=group_by,
                                   language=language) for named in (False, True)}
    for n, (email, name) in enumerate(RECIPIENTS):
        alone = build_digest(to_email=email, to_name=name, items=items, tz=SHANGHAI, links=_links(n), group_by=group_by,
                             language=language)
        got = shared[bool(name and name.strip())].personal(email, name, _links(n))
        assert got == alone, (email, name)
        assert email in got.text and _links(n).unsubscribe in got.html and "zm7q-" not in got.text + got.html


def test_a_value_html_would_escape_is_left_to_the_whole_build() -> None:
    shared = shared_digest(items=_items(3), tz=SHANGHAI, named=True, archive=ARCHIVE)
    assert shared.personal("r@example.org", "Tom & Jerry", _links(1)) is None
    assert shared.personal("o'neil@example.org", "张三", _links(1)) is None
    assert shared.personal("r@example.org", "张三", _links(1)) is not None


def test_a_digest_cut_to_fit_the_size_limit_is_left_to_the_whole_build() -> None:
    items = _items(50, related=30)  # 50 stories with 30 related reports each: over MAX_HTML_BYTES, so fewer are shown
    alone = build_digest(to_email="r@example.org", to_name=None, items=items, tz=SHANGHAI, links=_links(1))
    assert len(alone.html.encode()) <= MAX_HTML_BYTES and alone.html.count('href="https://news.example.cn/') < 50
    assert shared_digest(items=items, tz=SHANGHAI, named=False, archive=ARCHIVE).personal("r@example.org", None,
                                                                                          _links(1)) is None
