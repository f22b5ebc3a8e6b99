"""Issue 17: the gazetteer's websites column as data. Every host is a well-formed hostname, and no host
belongs to two zones: the tagger walks a page's host up to its parent domains (news.wehdz.gov.cn ->
wehdz.gov.cn), so a host listed under one zone that equals, or sits under, another zone's host would make
one zone's pages speak for the other."""

from __future__ import annotations

import re

import pytest

from monitor.tag.gazetteer import Gazetteer, Zone, load_gazetteer

# Lower-case LDH labels (RFC 1123), at least two of them, an alphabetic top-level label, no scheme, path,
# port or trailing dot. Upper case is refused because the column is compared after lower-casing only in
# the tagger; the catalogue builds URLs from the host as written.
_LABEL = r"(?!-)[a-z0-9-]{1,63}(?<!-)"
_HOST = re.compile(rf"^(?=.{{1,253}}$){_LABEL}(?:\.{_LABEL})*\.[a-z]{{2,63}}$")


def _bare(host: str) -> str:
    return host[4:] if host.startswith("www.") else host


def host_problems(zones: tuple[Zone, ...] | list[Zone]) -> list[str]:
    """Every way the column breaks the one-host-one-zone rule, as readable lines (empty when sound)."""
    problems: list[str] = []
    owner: dict[str, str] = {}
    for zone in zones:
        for host in zone.websites:
            if not _HOST.match(host):
                problems.append(f"{zone.id}: {host!r} is not a lower-case hostname")
                continue
            bare = _bare(host)
            if bare in owner and owner[bare] != zone.id:
                problems.append(f"{host} is listed under both {owner[bare]} and {zone.id}")
            elif bare in owner:
                problems.append(f"{zone.id}: {host} is listed twice")
            owner[bare] = zone.id
    for bare, zone_id in owner.items():
        parent = bare
        while parent.count(".") > 1:
            parent = parent.partition(".")[2]
            if parent in owner and owner[parent] != zone_id:
                problems.append(f"{bare} ({zone_id}) sits under {parent} ({owner[parent]})")
    return problems


def _zone(zone_id: str, websites: tuple[str, ...]) -> Zone:
    return Zone(zone_id, f"{zone_id}高新技术产业开发区", f"{zone_id}高新区", (), "某省", "某市", None, "",
                websites=websites)


def test_every_host_is_a_hostname_and_belongs_to_one_zone() -> None:
    gazetteer = load_gazetteer()
    assert host_problems(gazetteer.zones) == []
    # and the tagger's lookup gives each listed host back to the zone that lists it
    for zone in gazetteer.zones:
        for host in zone.websites:
            assert gazetteer.zone_for_host(host) is zone, host


@pytest.mark.parametrize(
    ("websites_a", "websites_b", "expected"),
    [
        (("gxq.a.gov.cn",), ("www.gxq.a.gov.cn",), "listed under both a and b"),  # www. is the same site
        (("a-hitech.gov.cn",), ("news.a-hitech.gov.cn",), "sits under a-hitech.gov.cn (a)"),
        (("http://gxq.a.gov.cn/",), (), "is not a lower-case hostname"),
        (("gxq.a.gov.cn/zone",), (), "is not a lower-case hostname"),
        (("GXQ.A.gov.cn",), (), "is not a lower-case hostname"),
        (("localhost",), (), "is not a lower-case hostname"),
        (("10.0.0.1",), (), "is not a lower-case hostname"),
        (("-gxq.a.gov.cn",), (), "is not a lower-case hostname"),
        (("gxq.a.gov.cn.",), (), "is not a lower-case hostname"),
    ],
)
def test_the_check_refuses_shared_and_malformed_hosts(
    websites_a: tuple[str, ...], websites_b: tuple[str, ...], expected: str
) -> None:
    problems = host_problems([_zone("a", websites_a), _zone("b", websites_b)])
    assert any(expected in line for line in problems), problems


def test_hosts_added_from_the_zones_own_reports() -> None:
    """The hosts of the session of 2026-12-07 (taghosts), each named by the zone's own 政府信息公开年报 or 管委会 document
    (evidence in national-hitech-zones.notes.md); the city portals they sit under stay zoneless."""
    gazetteer = load_gazetteer()
    for host, zone_id in (
        ("gxq.changzhi.gov.cn", "changzhi"),
        ("gxq.anshan.gov.cn", "anshan"),
        ("gxq.jxfz.gov.cn", "fuzhou-jx"),
        ("www.xyhdz.gov.cn", "xinyu"),
        ("xthtz.xiangtan.gov.cn", "xiangtan"),
        ("cdgxq.changde.gov.cn", "changde"),
        ("www.hyhdz.gov.cn", "heyuan"),
        ("gxq.neijiang.gov.cn", "neijiang"),
        ("ft.panzhihua.gov.cn", "fantai"),
        ("www.cmc.gov.cn", "taizhouyiyao"),
        ("xmtorch.xm.gov.cn", "xiamenhuoju"),
        ("innovation.jinan.gov.cn", "jinan"),  # a 管委会 document served from it (medium)
        ("www.dhp.gov.cn", "daqing"),  # an encyclopedia entry's 官网 (medium)
        ("china-cnz.com", "changshu"),  # a page under the 管委会's banner (medium)
    ):
        assert gazetteer.zone_for_host(host).id == zone_id, host  # type: ignore[union-attr]
    for host in (
        "www.changzhi.gov.cn",
        "www.anshan.gov.cn",
        "www.jxfz.gov.cn",
        "www.xiangtan.gov.cn",
        "www.changde.gov.cn",
        "www.neijiang.gov.cn",
        "www.panzhihua.gov.cn",
        "tz.panzhihua.gov.cn",  # the Panzhihua host that served the 钒钛 report is not the zone's
        "www.xm.gov.cn",
        "www.jinan.gov.cn",
        "www.daqing.gov.cn",
        "www.changshu.gov.cn",
        "gxq.hld.gov.cn",  # 葫芦岛高新区 is provincial
        "kfq.suqian.gov.cn",  # an economic-development zone
    ):
        assert gazetteer.zone_for_host(host) is None, host


def test_a_gazetteer_with_a_shared_host_gives_it_to_the_first_zone_only() -> None:
    """Why the data check matters: the lookup itself cannot refuse a shared host, it silently keeps one."""
    gazetteer = Gazetteer([_zone("a", ("gxq.a.gov.cn",)), _zone("b", ("www.gxq.a.gov.cn",))])
    assert gazetteer.zone_for_host("gxq.a.gov.cn").id == "a"  # type: ignore[union-attr]
