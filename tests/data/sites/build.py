"""Writes the fixture sites of the link-discovery tests and bench (run once; its output is committed).

One folder per CMS family Chinese official and news sites run on, each with two list pages in that
system's own list-page markup and URL scheme (header menus, breadcrumbs, sidebars with hot and
recommended lists, friend-link footers, paging blocks), GBK where those systems are usually run in
GBK, and ``site.json``: the list pages, the article URLs each lists (the truth), its next page, a
hand-written selector config, and the tune / held-out half the family belongs to.

The markup follows what these systems publish (TRS WCM's ``createPageHTML`` paging and
``./YYYYMM/tYYYYMMDD_id.html`` links, Hanweb's ``<script type="text/xml"><datastore>`` records and
``pageNum`` paging, DedeCMS ``list_tid_n.html`` and ``dede_pages``, PHPCMS ``m=content&c=index``
URLs and ``#pages``, WordPress ``page-numbers`` and feeds, Founder e-paper ``node_N.htm``/
``content_N.htm``, people.cn ``/n1/YYYY/MMDD/cNNNN-id.html``). ``{{ORIGIN}}`` stands for the site's
origin in absolute links; the server (or the bench) replaces it.

Run: python tests/data/sites/build.py
"""

from __future__ import annotations

import hashlib
import json
import random
from datetime import date, timedelta
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent

ZONES = ["中关村科技园区", "张江高新区", "深圳高新区", "合肥高新区", "武汉东湖高新区", "西安高新区", "成都高新区", "苏州工业园区",
         "杭州高新区", "南京高新区", "长沙高新区", "宁波高新区", "青岛高新区", "济南高新区", "郑州高新区", "贵阳高新区",
         "宝鸡高新区", "包头稀土高新区", "洛阳高新区", "株洲高新区", "绵阳高新区", "襄阳高新区", "芜湖高新区", "无锡高新区"]
EVENTS = ["召开{}工作推进会", "举办{}专题培训", "出台支持{}发展若干措施", "{}项目集中签约", "开展{}调研活动",
          "发布{}三年行动计划", "{}企业获评国家级专精特新", "组织{}政策宣讲会", "{}产业园正式开园", "{}重点项目集中开工",
          "召开{}领导小组会议", "启动{}申报工作", "{}创新联合体揭牌成立", "公布{}认定名单"]
TOPICS = ["科技创新", "招商引资", "营商环境", "高新技术企业", "知识产权", "人才引进", "集成电路", "生物医药", "新能源汽车",
          "数字经济", "安全生产", "优化营商环境", "孵化器建设", "产学研合作", "科技金融", "双创示范"]


def titles(seed: str, count: int) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(ZONES) + rng.choice(EVENTS).format(rng.choice(TOPICS)) for _ in range(count)]


def dates(seed: str, count: int, start_day: int = 22) -> list[tuple[int, int, int]]:
    """Newest first, a few a day, from November 2022 going back."""
    rng = random.Random(seed + "d")
    day, out = date(2022, 11, start_day), []
    for _ in range(count):
        out.append((day.year, day.month, day.day))
        day -= timedelta(days=rng.choice((0, 0, 1, 1, 2)))
    return out


def ids(seed: str, count: int, start: int, step: tuple[int, int] = (3, 40)) -> list[int]:
    rng = random.Random(seed + "i")
    out, value = [], start
    for _ in range(count):
        out.append(value)
        value -= rng.randint(*step)
    return out


def split_of(family: str) -> str:
    """Tune or held-out, fixed by hash of the family name before any tuning."""
    return "tune" if int(hashlib.sha1(family.encode()).hexdigest(), 16) % 2 == 0 else "heldout"


def write_site(family: str, meta: dict[str, Any], files: dict[str, tuple[str, str]], split: str | None = None) -> None:
    """files: request path -> (text, encoding); written as numbered files, mapped in site.json. split: "fresh" for
    the families built after the discovery rules were frozen (a second held-out set); else by hash."""
    folder = HERE / family
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    routes = {}
    for number, (path, (text, encoding)) in enumerate(files.items()):
        suffix = ".xml" if path.endswith((".xml", "/feed/")) else ".txt" if path.endswith(".txt") else ".html"
        name = f"{number:02d}{suffix}"
        (folder / name).write_bytes(text.encode(encoding))
        routes[path] = {"file": name, "encoding": encoding}
    meta = {"family": family, "split": split or split_of(family), **meta, "routes": routes}
    (folder / "site.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def gov_footer(host_links: list[tuple[str, str]]) -> str:
    friends = "".join(f'<option value="http://www.{d}.gov.cn">{n}</option>' for d, n in
                      (("gov", "中国政府网"), ("most", "科学技术部"), ("miit", "工业和信息化部"), ("ndrc", "国家发展改革委")))
    own = " | ".join(f'<a href="{h}" target="_blank">{t}</a>' for h, t in host_links)
    return (f'<div class="footer"><div class="yqlj"><span>友情链接：</span><select onchange="window.open(this.value)">'
            f'<option>--中央部委网站--</option>{friends}</select></div><div class="foot-nav">{own}</div>'
            f'<p>主办：高新技术产业开发区管理委员会 承办：管委会办公室 ICP备案号：<a href="https://beian.miit.gov.cn/">京ICP备05070218号</a></p>'
            f'<p><a href="http://bszs.conac.cn/sitename?method=show&amp;id=0A1B2C3D"><img src="/images/dzjg.png" alt="党政机关"></a>'
            f' 网站标识码：1101080001 <a href="http://www.beian.gov.cn/portal/registerSystemInfo?recordcode=11010802020001">京公网安备 11010802020001号</a></p></div>')


# ---- TRS WCM -------------------------------------------------------------------------------------
def trs() -> None:
    family, per_page, pages = "trs", 20, 2
    t, d, n = titles(family, per_page * pages + 10), dates(family, per_page * pages), ids(family, per_page * pages + 10, 4821828)
    col = "/xwzx/gzdt"
    articles = [f"./{y}{m:02d}/t{y}{m:02d}{dd:02d}_{i}.html" for (y, m, dd), i in zip(d, n, strict=False)]

    def page(number: int) -> str:
        rows = range(number * per_page, (number + 1) * per_page)
        groups = []
        for start in range(rows.start, rows.stop, 5):  # TRS list templates print five records per <ul>, a rule between
            items = "".join(f'<li><a href="{articles[k]}" target="_blank" title="{t[k]}">{t[k]}</a><span>{d[k][0]}-{d[k][1]:02d}-{d[k][2]:02d}</span></li>'
                            for k in range(start, min(start + 5, rows.stop)))
            groups.append(f'<ul class="list-con">{items}</ul><div class="line"></div>')
        hot = "".join(f'<li><a href="./{d[k][0]}{d[k][1]:02d}/t{d[k][0]}{d[k][1]:02d}{d[k][2]:02d}_{n[k]}.html" target="_blank">{t[k][:16]}...</a></li>'
                      for k in (3, 7, 11, 25, 30))
        other = "".join(f'<li><a href="../tzgg/202211/t2022112{k}_{4821000 + k * 37}.html">{t[per_page * pages + k]}</a></li>' for k in range(5))
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>工作动态_高新区管委会</title>
<meta name="ColumnName" content="工作动态"><meta name="SiteName" content="高新区管委会"></head><body>
<div class="top"><a href="/">首页</a> | <a href="/zwgk/">政务公开</a> | <a href="/wzdt/">网站地图</a> | <a href="/wza/">无障碍</a></div>
<div class="nav"><ul><li><a href="../../">首页</a></li><li><a href="../">新闻中心</a></li><li><a href="../../zwgk/">政务公开</a></li>
<li><a href="../../tzzn/">投资指南</a></li><li><a href="../../zmhd/">政民互动</a></li><li><a href="../../bsfw/">办事服务</a></li></ul></div>
<div class="main"><div class="left"><div class="lm-tit">新闻中心</div><ul class="lm-list"><li><a href="../tpxw/">图片新闻</a></li>
<li class="on"><a href="./">工作动态</a></li><li><a href="../tzgg/">通知公告</a></li><li><a href="../mtbd/">媒体报道</a></li></ul>
<div class="sidebox"><h3>点击排行</h3><ol class="hot">{hot}</ol></div><div class="sidebox"><h3>通知公告</h3><ul class="tz">{other}</ul></div></div>
<div class="right"><div class="position">当前位置：<a href="../../">首页</a> &gt; <a href="../">新闻中心</a> &gt; <a href="./">工作动态</a></div>
<div class="list">{''.join(groups)}</div>
<div class="page"><script type="text/javascript">
var currentPage = {number};var countPage = 5
createPageHTML(countPage, currentPage, "index", "html");
</script></div></div></div>
{gov_footer([("../../gywm/", "关于我们"), ("../../lxwm/", "联系我们"), ("../../wzdt/", "网站地图"), ("../../mzsm/", "免责声明")])}
</body></html>"""

    def absolute(k: int) -> str:
        return f"{col}/{articles[k][2:]}"
    write_site(family, {
        "system": "TRS WCM (拓尔思), gov.cn sites", "start": f"{col}/index.html",
        "pages": [{"path": f"{col}/index.html", "articles": [absolute(k) for k in range(0, per_page)], "next": f"{col}/index_1.html"},
                  {"path": f"{col}/index_1.html", "articles": [absolute(k) for k in range(per_page, 2 * per_page)], "next": f"{col}/index_2.html"}],
        "selectors": {"links": "div.list ul.list-con li > a", "next_page": None},
    }, {f"{col}/index.html": (page(0), "utf-8"), f"{col}/index_1.html": (page(1), "utf-8")})


# ---- Hanweb (大汉) -------------------------------------------------------------------------------
def hanweb() -> None:
    family, per_page = "hanweb", 15
    t, d, n = titles(family, per_page * 2 + 8), dates(family, per_page * 2), ids(family, per_page * 2 + 8, 2398765)
    paths = [f"/art/{y}/{m}/{dd}/art_1229_{i}.html" for (y, m, dd), i in zip(d, n, strict=False)]

    def page(number: int) -> str:
        records = "".join(
            f'<record><![CDATA[\n<li><a href="{paths[k]}" target="_blank" title="{t[k]}">{t[k]}</a><span class="bt-data-time">{d[k][0]}-{d[k][1]:02d}-{d[k][2]:02d}</span></li>]]></record>\n'
            for k in range(number * per_page, (number + 1) * per_page))
        side = "".join(f'<li><a href="/col/col{c}/index.html">{name}</a></li>' for c, name in
                       ((1229, "高新动态"), (1230, "通知公告"), (1231, "部门动态"), (1232, "媒体关注"), (1233, "专题专栏")))
        focus = "".join(f'<li><a href="/art/2022/11/{20 - k}/art_1233_{2398000 + k}.html" title="{t[per_page * 2 + k]}">{t[per_page * 2 + k]}</a></li>' for k in range(5))
        nxt = f'<a class="default_pgBtn default_pgNext" href="/col/col1229/index.html?uid=5678&amp;pageNum={number + 2}">下一页</a>' if number == 0 else ""
        prev = f'<a class="default_pgBtn default_pgPrev" href="/col/col1229/index.html?uid=5678&amp;pageNum={number}">上一页</a>' if number else ""
        return f"""<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>高新动态 高新区管委会</title><meta name="SiteName" content="高新区管委会"><meta name="ColumnName" content="高新动态">
<script type="text/javascript" src="/module/jslib/jquery/jquery.js"></script></head><body>
<div class="header"><div class="nav"><a href="/index.html">首页</a><a href="/col/col1228/index.html">走进高新</a><a href="/col/col1229/index.html">新闻资讯</a>
<a href="/col/col1240/index.html">政务公开</a><a href="/col/col1250/index.html">投资服务</a><a href="/col/col1260/index.html">互动交流</a></div></div>
<div class="container"><div class="sidebar"><h2>新闻资讯</h2><ul class="sub-nav">{side}</ul>
<div class="focus"><h3>专题聚焦</h3><ul>{focus}</ul></div></div>
<div class="content"><div class="bt-position">当前位置：<a href="/index.html">首页</a> &gt; <a href="/col/col1229/index.html">高新动态</a></div>
<div id="5678"><script type="text/xml"><datastore>
<nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1&webid=1&path=/&columnid=1229&unitid=5678&webname=%E9%AB%98%E6%96%B0&permissiontype=0"></a>]]></nextgroup>
<recordset>
{records}</recordset></datastore></script>
<script language="javascript" src="/module/web/jpage/jpage.js"></script>
<script>$(document).ready(function(){{ $('#5678').jpage({{perPage: {per_page}, totalRecord: 75}}); }});</script></div>
<div class="default_pgContainer">{prev}<span class="default_pgCurrentPage">{number + 1}</span>{nxt}<span class="default_pgTotalPage">5</span></div>
</div></div>
<div class="footer"><a href="/col/col1300/index.html">网站地图</a> | <a href="/col/col1301/index.html">联系我们</a> | <a href="/col/col1302/index.html">网站声明</a>
<p>主办单位：高新技术产业开发区管理委员会 <a href="https://beian.miit.gov.cn">浙ICP备12003456号-1</a></p>
<p><script type="text/javascript">document.write(unescape("%3Cspan id='_ideConac' %3E%3C/span%3E"));</script></p></div>
</body></html>"""
    write_site(family, {
        "system": "Hanweb jcms (大汉), provincial and city gov sites", "start": "/col/col1229/index.html",
        "pages": [{"path": "/col/col1229/index.html", "articles": paths[:per_page], "next": "/col/col1229/index.html?uid=5678&pageNum=2"},
                  {"path": "/col/col1229/index.html?uid=5678&pageNum=2", "articles": paths[per_page:], "next": None}],
        "selectors": {"links": "div.datastore li > a", "next_page": "a.default_pgNext"},
        "note": "the hand-written selector reads records as a browser shows them (after jpage writes them out); the raw page holds them in a text/xml script",
    }, {"/col/col1229/index.html": (page(0), "utf-8"), "/col/col1229/index.html?uid=5678&pageNum=2": (page(1), "utf-8")})


# ---- gov.cn style content_NNN.htm ---------------------------------------------------------------
def govcn() -> None:
    family, per_page = "govcn", 20
    t, d, n = titles(family, per_page * 2 + 12), dates(family, per_page * 2), ids(family, per_page * 2 + 12, 5728209, (40, 900))
    paths = [f"/xinwen/{y}-{m:02d}/{dd:02d}/content_{i}.htm" for (y, m, dd), i in zip(d, n, strict=False)]

    def page(number: int) -> str:
        items = "".join(f'<li><h4><a href="{paths[k]}" target="_blank">{t[k]}</a><span class="date">{d[k][0]}-{d[k][1]:02d}-{d[k][2]:02d}</span></h4></li>'
                        for k in range(number * per_page, (number + 1) * per_page))
        hot = "".join(f'<li><a href="/zhengce/2022-11/{21 - k:02d}/content_{5727000 + k * 91}.htm" target="_blank">{t[per_page * 2 + k]}</a></li>' for k in range(6))
        special = "".join(f'<li><a href="/zhuanti/{s}/index.htm"><img src="/images/zt{k}.jpg" alt="{name}"></a></li>'
                          for k, (s, name) in enumerate((("gaoxinqu", "国家高新区建设"), ("yshj", "优化营商环境"), ("kjcx", "科技创新"))))
        next_link = f'<a href="home_{number + 1}.htm">下一页</a>' if number == 0 else ""
        prev_link = '<a href="home.htm">上一页</a>' if number else ""
        return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>要闻_中国政府网</title></head><body>
<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zhengce/">政策</a></li><li><a href="/xinwen/">新闻</a></li>
<li><a href="/hudong/">互动</a></li><li><a href="/fuwu/">服务</a></li><li><a href="/shuju/">数据</a></li><li><a href="/guoqing/">国情</a></li></ul></div>
<div class="BreadcrumbNav"><a href="/">首页</a> &gt; <a href="/xinwen/">新闻</a> &gt; 要闻</div>
<div class="main"><div class="list list_1 list_2"><ul>{items}</ul>
<div class="page"><a href="home.htm">首页</a>{prev_link}{next_link}<a href="home_33.htm">尾页</a></div></div>
<div class="side"><div class="box"><h3>最新政策</h3><ul class="hotlist">{hot}</ul></div><div class="box"><h3>专题</h3><ul>{special}</ul></div></div></div>
<div class="footer"><ul><li><a href="/guanyu/index.htm">关于本网</a></li><li><a href="/wzdt/index.htm">网站地图</a></li><li><a href="/lianxi/index.htm">联系我们</a></li></ul>
<p>版权所有：中国政府网 <a href="https://beian.miit.gov.cn">京ICP备05070218号</a></p></div></body></html>"""
    write_site(family, {
        "system": "gov.cn-style content_NNN.htm under dated folders", "start": "/xinwen/yaowen/home.htm",
        "pages": [{"path": "/xinwen/yaowen/home.htm", "articles": paths[:per_page], "next": "/xinwen/yaowen/home_1.htm"},
                  {"path": "/xinwen/yaowen/home_1.htm", "articles": paths[per_page:], "next": None}],
        "selectors": {"links": "div.list ul li h4 a", "next_page": "div.page a:-soup-contains('下一页')"},
    }, {"/xinwen/yaowen/home.htm": (page(0), "utf-8"), "/xinwen/yaowen/home_1.htm": (page(1), "utf-8")})


# ---- /c/YYYY-MM-DD/NNN.shtml -----------------------------------------------------------------
def cdate() -> None:
    family, per_page = "cdate", 25
    t, d, n = titles(family, per_page * 2 + 10), dates(family, per_page * 2), ids(family, per_page * 2 + 10, 1123456, (1, 60))
    paths = [f"/c/{y}-{m:02d}-{dd:02d}/{i}.shtml" for (y, m, dd), i in zip(d, n, strict=False)]

    def page(number: int) -> str:
        rows = "".join(f'<tr><td class="dot">·</td><td class="title"><a href="{paths[k]}" target="_blank">{t[k]}</a></td><td class="time">[{d[k][1]:02d}-{d[k][2]:02d}]</td></tr>'
                       for k in range(number * per_page, (number + 1) * per_page))
        rank = "".join(f'<li><em>{k + 1}</em><a href="/c/2022-11-{20 - k}/{1120000 + k}.shtml">{t[per_page * 2 + k]}</a></li>' for k in range(8))
        channels = "".join(f'<a href="/{c}/">{name}</a>' for c, name in (("news", "要闻"), ("gn", "国内"), ("cj", "财经"), ("kj", "科技"), ("yq", "园区"), ("pl", "评论")))
        pager = "".join(f'<a href="/yq/list{"" if p == 1 else f"_{p}"}.shtml">{p}</a>' if p != number + 1 else f"<span>{p}</span>" for p in range(1, 6))
        nxt = f'<a href="/yq/list_{number + 2}.shtml">下一页</a>'
        return f"""<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>园区动态-新闻网</title></head><body>
<table width="1000" align="center" class="topnav"><tr><td>{channels}</td><td align="right"><a href="/about/">关于我们</a> <a href="/rss/">RSS</a></td></tr></table>
<table width="1000" align="center"><tr><td width="680" valign="top">
<div class="crumb">您的位置：<a href="/">首页</a> &gt;&gt; <a href="/yq/">园区动态</a></div>
<table class="newslist" width="100%">{rows}</table>
<div class="pages">{pager}{nxt}</div></td>
<td width="300" valign="top"><div class="rank"><h3>排行榜</h3><ul>{rank}</ul></div>
<div class="ad"><a href="http://ad.example-media.cn/click?id=77"><img src="/ad/300x250.jpg"></a></div></td></tr></table>
<div class="bottom"><a href="/about/">关于我们</a> - <a href="/ad/">广告服务</a> - <a href="/jobs/">招聘信息</a> - <a href="/contact/">联系方式</a> - <a href="/sitemap/">网站地图</a>
<br>互联网新闻信息服务许可证 违法和不良信息举报电话</div></body></html>"""
    write_site(family, {
        "system": "news portals with /c/YYYY-MM-DD/NNN.shtml (table layout, GB2312)", "start": "/yq/list.shtml",
        "pages": [{"path": "/yq/list.shtml", "articles": paths[:per_page], "next": "/yq/list_2.shtml"},
                  {"path": "/yq/list_2.shtml", "articles": paths[per_page:], "next": "/yq/list_3.shtml"}],
        "selectors": {"links": "table.newslist td.title a", "next_page": "div.pages a:-soup-contains('下一页')"},
    }, {"/yq/list.shtml": (page(0), "gb18030"), "/yq/list_2.shtml": (page(1), "gb18030")})


# ---- DedeCMS -----------------------------------------------------------------------------------
def dedecms() -> None:
    family, per_page = "dedecms", 12
    t, d, n = titles(family, per_page * 2 + 12), dates(family, per_page * 2), ids(family, per_page * 2 + 12, 1876, (1, 5))
    paths = [f"/a/xinwen/{y}/{m:02d}{dd:02d}/{i}.html" for (y, m, dd), i in zip(d, n, strict=False)]

    def page(number: int) -> str:
        items = "".join(
            f'<li><a href="{paths[k]}" class="preview"><img src="/uploads/allimg/221122/1-22112210{k:02d}.jpg"/></a>'
            f'<a href="{paths[k]}" class="title">{t[k]}</a><span class="info"><small>日期：</small>{d[k][0]}-{d[k][1]:02d}-{d[k][2]:02d} 10:{k:02d}:12'
            f'<small>点击：</small>{100 + k * 7}<small>好评：</small>0</span><p class="intro">{t[k]}。近日，{t[k][:6]}召开会议，研究部署下一步重点工作...</p></li>'
            for k in range(number * per_page, (number + 1) * per_page))
        rec = "".join(f'<li><a href="/a/xinwen/2022/11{20 - k:02d}/{1700 + k}.html">{t[per_page * 2 + k]}</a></li>' for k in range(6))
        hot = "".join(f'<li><a href="/a/tongzhi/2022/11{18 - k:02d}/{1600 + k}.html">{t[per_page * 2 + 6 + k]}</a></li>' for k in range(6))
        total = 5
        pages = "".join(f"<li><a href='list_5_{p}.html'>{p}</a></li>" if p != number + 1 else f'<li class="thisclass">{p}</li>' for p in range(1, total + 1))
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>新闻动态_高新区网</title><meta name="keywords" content="新闻动态" /><link href="/templets/default/style/dedecms.css" rel="stylesheet" media="screen" type="text/css" /></head><body class="articlelist">
<div class="header"><div class="top w960 center"><div class="title"><h1><a href="/">高新区网</a></h1></div></div>
<div class="module blue mT10 wrapper w963"><div id="navMenu"><ul><li><a href='/'><span>主页</span></a></li><li><a href='/a/xinwen/' ><span>新闻动态</span></a></li>
<li><a href='/a/tongzhi/' ><span>通知公告</span></a></li><li><a href='/a/zhengce/' ><span>政策法规</span></a></li><li><a href='/a/zhaoshang/' ><span>招商引资</span></a></li>
<li><a href='/plus/guestbook.php'><span>留言板</span></a></li></ul></div></div></div>
<div class="w960 center clear mt1"><div class="pleft"><div class="place"><strong>当前位置:</strong> <a href='/'>主页</a> > <a href='/a/xinwen/'>新闻动态</a> > </div>
<div class="listbox"><ul class="e2">{items}</ul></div>
<div class="dede_pages"><ul class="pagelist"><li><a>首页</a></li>{pages}<li><a href='list_5_{number + 2}.html'>下一页</a></li><li><a href='list_5_{total}.html'>末页</a></li>
<li><span class="pageinfo">共 <strong>{total}</strong>页<strong>58</strong>条</span></li></ul></div></div>
<div class="pright"><div class="commend mt1"><dl class="tbox light"><dt class='light'><strong>推荐内容</strong></dt><dd class='light'><ul class="d4">{rec}</ul></dd></dl></div>
<div class="commend mt1"><dl class="tbox light"><dt class='light'><strong>热点内容</strong></dt><dd class='light'><ul class="c1 ico2">{hot}</ul></dd></dl></div></div></div>
<div class="footer w960 center mt1 clear"><div class="footer_left"></div><div class="footer_body"><p class="powered">Powered by <a href="http://www.dedecms.com" title="织梦内容管理系统" target="_blank"><strong>DedeCMS</strong></a> &copy; 2004-2022 <a href="http://www.desdev.cn/" target="_blank">DesDev</a> Inc.<br /></p>
<div class="copyright">Copyright &copy; 2002-2022 DEDECMS. 织梦科技 版权所有&nbsp;&nbsp;<a href="/a/about/">关于我们</a> <a href="/a/lianxi/">联系方式</a> <a href="/data/sitemap.html">网站地图</a></div></div></div>
</body></html>"""
    write_site(family, {
        "system": "DedeCMS (织梦), GB2312", "start": "/a/xinwen/",
        "pages": [{"path": "/a/xinwen/", "articles": paths[:per_page], "next": "/a/xinwen/list_5_2.html"},
                  {"path": "/a/xinwen/list_5_2.html", "articles": paths[per_page:], "next": "/a/xinwen/list_5_3.html"}],
        "selectors": {"links": "div.listbox ul.e2 li a.title", "next_page": "ul.pagelist a:-soup-contains('下一页')"},
    }, {"/a/xinwen/": (page(0), "gb18030"), "/a/xinwen/list_5_2.html": (page(1), "gb18030")})


# ---- PHPCMS v9 -----------------------------------------------------------------------------------
def phpcms() -> None:
    family, per_page = "phpcms", 20
    t, d, n = titles(family, per_page * 2 + 10), dates(family, per_page * 2), ids(family, per_page * 2 + 10, 3456, (1, 4))
    show = "/index.php?m=content&c=index&a=show&catid=9&id={}"
    paths = [show.format(i) for i in n[:per_page * 2]]
    lists = "/index.php?m=content&c=index&a=lists&catid=9"

    def page(number: int) -> str:
        items = "".join(f'<li><span class="rt">{d[k][0]}-{d[k][1]:02d}-{d[k][2]:02d}</span>·<a href="{paths[k].replace("&", "&amp;")}" target="_blank">{t[k]}</a></li>'
                        for k in range(number * per_page, (number + 1) * per_page))
        hits = "".join(f'<li>·<a href="{show.format(3300 + k).replace("&", "&amp;")}" target="_blank">{t[per_page * 2 + k]}</a></li>' for k in range(8))
        cats = "".join(f'<a href="{lists.replace("catid=9", f"catid={c}").replace("&", "&amp;")}">{name}</a>' for c, name in ((9, "园区新闻"), (10, "通知公告"), (11, "政策文件"), (12, "企业风采")))
        pages = "".join(f'<a href="{lists}&amp;page={p}">{p}</a>' if p != number + 1 else f"<span>{p}</span>" for p in range(1, 4))
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=gbk" /><title>园区新闻 - 高新区</title>
<link href="/statics/css/reset.css" rel="stylesheet" type="text/css" /></head><body>
<div class="header"><div class="logo"><a href="/"><img src="/statics/images/v9/logo.jpg" /></a></div>
<div class="nav-bar"><map><ul class="nav-site"><li><a href="/"><span>首页</span></a></li><li class="line">|</li><li>{cats}</li></ul></map></div></div>
<div class="main"><div class="col-left"><div class="crumbs"><a href="/">首页</a><span> &gt; </span><a href="{lists.replace("&", "&amp;")}">园区新闻</a> &gt;  列表</div>
<ul class="list lh24 f14">{items}</ul>
<div id="pages" class="text-c"><a class="a1">58条</a> <a href="{lists}&amp;page={max(number, 1)}" class="a1">上一页</a> {pages} <a href="{lists}&amp;page={number + 2}" class="a1">下一页</a></div></div>
<div class="col-auto"><div class="box"><h5 class="title-2">点击排行</h5><ul class="content digg">{hits}</ul></div></div></div>
<div class="footer"><p class="info">Powered by <strong><a href="http://www.phpcms.cn" target="_blank">PHPCMS</a></strong> <em>V9</em> &copy; 2022 <img src="/statics/images/copyright.gif"/></p>
<p><a href="/index.php?m=content&amp;c=index&amp;a=lists&amp;catid=20">关于我们</a> | <a href="/index.php?m=link">友情链接</a> | <a href="/index.php?m=guestbook">留言</a></p></div>
</body></html>"""
    write_site(family, {
        "system": "PHPCMS v9 dynamic URLs (GBK)", "start": lists,
        "pages": [{"path": lists, "articles": paths[:per_page], "next": f"{lists}&page=2"},
                  {"path": f"{lists}&page=2", "articles": paths[per_page:], "next": f"{lists}&page=3"}],
        "selectors": {"links": "div.col-left ul.list li a", "next_page": "#pages a:-soup-contains('下一页')"},
    }, {lists: (page(0), "gbk"), f"{lists}&page=2": (page(1), "gbk")})


# ---- WordPress -----------------------------------------------------------------------------------
def wordpress() -> None:
    family, per_page = "wordpress", 10
    t, d, _n = titles(family, per_page * 2 + 10), dates(family, per_page * 2), ids(family, 1, 1)
    rng = random.Random("wp-slugs")
    words = ["gaoxinqu", "keji", "chuangxin", "qiye", "zhaoshang", "xiangmu", "qianyue", "fazhan", "huiyi", "zhengce", "rencai", "chanye"]
    slugs = ["-".join(rng.sample(words, 4)) for _ in range(per_page * 2 + 10)]
    paths = [f"/{y}/{m:02d}/{dd:02d}/{s}/" for (y, m, dd), s in zip(d, slugs, strict=False)]

    def head() -> str:
        return ('<link rel="alternate" type="application/rss+xml" title="高新观察 &raquo; Feed" href="{{ORIGIN}}/feed/" />'
                '<link rel="alternate" type="application/rss+xml" title="高新观察 &raquo; 评论Feed" href="{{ORIGIN}}/comments/feed/" />'
                "<link rel='https://api.w.org/' href='{{ORIGIN}}/wp-json/' />")

    def sidebar() -> str:
        recent = "".join(f'<li><a href="{{{{ORIGIN}}}}{paths[k]}">{t[k]}</a></li>' for k in range(5))
        cats = "".join(f'<li class="cat-item cat-item-{c}"><a href="{{{{ORIGIN}}}}/category/{s}/">{name}</a></li>' for c, s, name in ((3, "news", "园区新闻"), (4, "policy", "政策解读"), (5, "data", "数据")))
        archives = "".join(f"<li><a href='{{{{ORIGIN}}}}/2022/{m:02d}/'>2022年{m}月</a></li>" for m in (11, 10, 9))
        tags = "".join(f'<a href="{{{{ORIGIN}}}}/tag/{w}/" class="tag-cloud-link">{w}</a>' for w in words[:8])
        return (f'<aside id="secondary" class="widget-area"><section id="recent-posts-2" class="widget widget_recent_entries"><h2 class="widget-title">近期文章</h2><ul>{recent}</ul></section>'
                f'<section id="categories-2" class="widget widget_categories"><h2 class="widget-title">分类</h2><ul>{cats}</ul></section>'
                f'<section id="archives-2" class="widget widget_archive"><h2 class="widget-title">归档</h2><ul>{archives}</ul></section>'
                f'<section id="tag_cloud-2" class="widget widget_tag_cloud"><div class="tagcloud">{tags}</div></section></aside>')

    def page(number: int) -> str:
        posts = "".join(
            f'<article id="post-{900 - k}" class="post-{900 - k} post type-post status-publish format-standard hentry category-news">'
            f'<header class="entry-header"><h2 class="entry-title"><a href="{{{{ORIGIN}}}}{paths[k]}" rel="bookmark">{t[k]}</a></h2>'
            f'<div class="entry-meta"><span class="posted-on"><a href="{{{{ORIGIN}}}}{paths[k]}" rel="bookmark"><time class="entry-date published" datetime="{d[k][0]}-{d[k][1]:02d}-{d[k][2]:02d}T09:30:00+08:00">{d[k][0]}年{d[k][1]}月{d[k][2]}日</time></a></span>'
            f'<span class="byline"> <a class="url fn n" href="{{{{ORIGIN}}}}/author/admin/">编辑部</a></span></div></header>'
            f'<div class="entry-summary"><p>{t[k]}。[&hellip;]</p></div><footer class="entry-footer"><span class="cat-links"><a href="{{{{ORIGIN}}}}/category/news/" rel="category tag">园区新闻</a></span>'
            f'<span class="comments-link"><a href="{{{{ORIGIN}}}}{paths[k]}#respond">发表评论</a></span></footer></article>'
            for k in range(number * per_page, (number + 1) * per_page))
        nav = ('<nav class="navigation pagination" aria-label="文章分页"><div class="nav-links">'
               + ('<a class="prev page-numbers" href="{{ORIGIN}}/category/news/">上一页</a>' if number else "")
               + "".join(f'<span aria-current="page" class="page-numbers current">{p}</span>' if p == number + 1 else
                         f'<a class="page-numbers" href="{{{{ORIGIN}}}}/category/news/{"" if p == 1 else f"page/{p}/"}">{p}</a>' for p in range(1, 4))
               + f'<a class="next page-numbers" href="{{{{ORIGIN}}}}/category/news/page/{number + 2}/">下一页</a></div></nav>')
        return f"""<!doctype html><html lang="zh-CN"><head><meta charset="UTF-8"><title>园区新闻 &#8211; 高新观察</title>{head()}</head>
<body class="archive category category-news"><div id="page" class="site"><header id="masthead" class="site-header"><p class="site-title"><a href="{{{{ORIGIN}}}}/" rel="home">高新观察</a></p>
<nav id="site-navigation" class="main-navigation"><ul id="primary-menu" class="menu"><li class="menu-item"><a href="{{{{ORIGIN}}}}/">首页</a></li>
<li class="menu-item"><a href="{{{{ORIGIN}}}}/category/news/">园区新闻</a></li><li class="menu-item"><a href="{{{{ORIGIN}}}}/category/policy/">政策解读</a></li><li class="menu-item"><a href="{{{{ORIGIN}}}}/about/">关于</a></li></ul></nav></header>
<div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main"><header class="page-header"><h1 class="page-title">分类：<span>园区新闻</span></h1></header>
{posts}{nav}</main></div>{sidebar()}</div>
<footer id="colophon" class="site-footer"><div class="site-info"><a href="https://cn.wordpress.org/">由WordPress强力驱动</a></div></footer></div></body></html>"""

    home = page(0).replace("<title>园区新闻 &#8211; 高新观察</title>", "<title>高新观察</title>")
    items = "".join(f"<item><title>{t[k]}</title><link>{{{{ORIGIN}}}}{paths[k]}</link><pubDate>{['Tue', 'Mon', 'Sun', 'Sat', 'Fri', 'Thu', 'Wed'][(22 - d[k][2]) % 7]}, {d[k][2]:02d} Nov 2022 09:30:00 +0800</pubDate>"
                    f"<guid isPermaLink=\"false\">{{{{ORIGIN}}}}/?p={900 - k}</guid><description><![CDATA[{t[k]}]]></description></item>" for k in range(per_page))
    feed = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>高新观察</title><link>{{{{ORIGIN}}}}</link><description>高新区新闻</description>{items}</channel></rss>")
    robots = "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n\nSitemap: {{ORIGIN}}/wp-sitemap.xml\n"
    write_site(family, {
        "system": "WordPress (theme archive pages, RSS feed)", "start": "/category/news/", "home": "/", "feed": "/feed/",
        "home_articles": paths[:per_page],
        "pages": [{"path": "/category/news/", "articles": paths[:per_page], "next": "/category/news/page/2/"},
                  {"path": "/category/news/page/2/", "articles": paths[per_page:], "next": "/category/news/page/3/"}],
        "selectors": {"links": "h2.entry-title a", "next_page": "a.next.page-numbers"},
    }, {"/category/news/": (page(0), "utf-8"), "/category/news/page/2/": (page(1), "utf-8"), "/": (home, "utf-8"),
        "/feed/": (feed, "utf-8"), "/robots.txt": (robots, "utf-8")})


# ---- Founder e-paper ---------------------------------------------------------------------------
def epaper() -> None:
    family = "epaper"
    t = titles(family, 40)
    n = ids(family, 40, 912345, (1, 3))
    per = [7, 8]
    day = "/html/2022-11/22"

    def page(number: int) -> str:
        start = sum(per[:number])
        own = range(start, start + per[number])
        areas = "".join(f'<area shape="polygon" coords="10,{k * 40},600,{k * 40},600,{k * 40 + 38},10,{k * 40 + 38}" href="content_{n[k]}.htm">' for k in own)
        titles_nav = "".join(f'<tr><td><img src="../../../images/dot.gif"><a href="content_{n[k]}.htm"><div style="display:inline" id=mp{n[k]}>{t[k]}</div></a></td></tr>' for k in own)
        editions = "".join(f'<tr><td><a id=pageLink href="node_{2 + p}.htm">第{p + 1:02d}版：{name}</a></td><td><a href="../../../page/1/2022-11/22/{p + 1:02d}/2022112201{p:02d}_pdf.pdf"><img src="../../../images/pdf.gif"></a></td></tr>'
                           for p, name in enumerate(("要闻", "综合", "园区", "科技", "区域", "产业", "视点", "专刊")))
        nxt = f'<a id=nextpage href="node_{3 + number}.htm">下一版</a>'
        prev = f'<a id=prepage href="node_{1 + number}.htm">上一版</a>' if number else ""
        return f"""<HTML><HEAD><TITLE>科技日报-数字报刊</TITLE><META http-equiv=Content-Type content="text/html; charset=utf-8">
<link href="../../../style/css.css" type=text/css rel=stylesheet></HEAD><BODY>
<table width=1000 align=center><tr><td><a href="../../../html/2022-11/22/node_2.htm">首页</a> <a href="../../../html/2022-11/21/node_2.htm">前一期</a>
<a href="http://www.stdaily.com/">中国科技网</a> <a href="../../../period.htm">往期回顾</a></td></tr></table>
<table width=1000 align=center><tr><td width=360 valign=top>
<div><img src="../../../page/1/2022-11/22/0{number + 1}/2022112201_b.jpg" usemap="#PagePicMap" border=0><map name=PagePicMap>{areas}</map></div>
<div>{prev} {nxt}</div></td>
<td width=300 valign=top><table class="title-list"><tr><td class="default">第{number + 1:02d}版：{("要闻", "综合")[number]}</td></tr>{titles_nav}</table></td>
<td width=300 valign=top><table id=bmdh class="edition-list">{editions}</table></td></tr></table>
<table width=1000 align=center class="bottom"><tr><td>科技日报社版权所有 <a href="http://www.stdaily.com/about.htm">关于我们</a> <a href="mailto:webmaster@stdaily.com">联系我们</a></td></tr></table>
</BODY></HTML>"""
    def arts(number: int) -> list[str]:
        start = sum(per[:number])
        return [f"{day}/content_{n[k]}.htm" for k in range(start, start + per[number])]
    write_site(family, {
        "system": "Founder (方正) e-paper, node_N.htm pages / content_N.htm articles", "start": f"{day}/node_2.htm",
        "pages": [{"path": f"{day}/node_2.htm", "articles": arts(0), "next": f"{day}/node_3.htm"},
                  {"path": f"{day}/node_3.htm", "articles": arts(1), "next": f"{day}/node_4.htm"}],
        "selectors": {"links": "table.title-list a", "next_page": "a#nextpage"},
    }, {f"{day}/node_2.htm": (page(0), "utf-8"), f"{day}/node_3.htm": (page(1), "utf-8")})


# ---- people.cn -------------------------------------------------------------------------------------
def peoplecn() -> None:
    family, per_page = "peoplecn", 30
    t, d, n = titles(family, per_page * 2 + 12), dates(family, per_page * 2), ids(family, per_page * 2 + 12, 32572013, (10, 400))
    paths = [f"/n1/{y}/{m:02d}{dd:02d}/c1004-{i}.html" for (y, m, dd), i in zip(d, n, strict=False)]

    def page(number: int) -> str:
        items = "".join(f'<li><a href="{paths[k]}" target="_blank">{t[k]}</a>{d[k][0]}年{d[k][1]:02d}月{d[k][2]:02d}日 10:{k % 60:02d}</li>'
                        for k in range(number * per_page, (number + 1) * per_page))
        mid = len(items) // 2
        split_at = items.index("<li>", mid)
        hot = "".join(f'<li><a href="/n1/2022/11{20 - k:02d}/c1004-{32570000 + k * 3}.html" target="_blank">{t[per_page * 2 + k]}</a></li>' for k in range(6))
        pics = "".join(f'<li><a href="/n1/2022/11{19 - k:02d}/c1004-{32569000 + k * 5}.html"><img src="/NMediaFile/2022/1122/MAIN{k}.jpg"></a><a href="/n1/2022/11{19 - k:02d}/c1004-{32569000 + k * 5}.html">{t[per_page * 2 + 6 + k][:10]}</a></li>' for k in range(4))
        pager = "".join(f'<a href="index{p}.html">{p}</a>' if p != number + 1 else f'<a href="index{p}.html" class="common_current_page">{p}</a>' for p in range(1, 8))
        return f"""<!DOCTYPE html><html><head><meta http-equiv="content-type" content="text/html;charset=GB2312"/><title>经济·科技--人民网</title></head><body>
<div class="w1000 nav_top"><a href="http://www.people.com.cn/" target="_blank">人民网首页</a>|<a href="http://cpc.people.com.cn/" target="_blank">共产党新闻</a>|<a href="http://politics.people.com.cn/" target="_blank">时政</a>|<a href="http://finance.people.com.cn/" target="_blank">财经</a></div>
<div class="w1000 route"><a href="/">经济·科技</a>&gt;&gt;<a href="/GB/1004/">滚动</a></div>
<div class="w1000 columWrap"><div class="left"><div class="ej_list_box clear"><ul class="list_ej2 ">{items[:split_at]}</ul><ul class="list_ej2 ">{items[split_at:]}</ul></div>
<div class="page_n clearfix">{pager}<a href="index{number + 2}.html">下一页</a></div></div>
<div class="right"><div class="tit2">热点推荐</div><ul class="list_14 p2j_list">{hot}</ul><div class="tit2">图片新闻</div><ul class="pic_list">{pics}</ul></div></div>
<div class="w1000 copyright"><a href="http://www.people.com.cn/GB/50142/104580/index.html" target="_blank">人民日报社概况</a>|<a href="http://www.people.com.cn/GB/50142/352525/index.html" target="_blank">关于人民网</a>|<a href="http://job.people.com.cn/GB/index.html" target="_blank">招聘英才</a>
<br>人民网版权所有，未经书面授权禁止使用</div></body></html>"""
    write_site(family, {
        "system": "people.cn channel lists (/n1/YYYY/MMDD/cNNNN-id.html, GB2312)", "start": "/GB/1004/index1.html",
        "pages": [{"path": "/GB/1004/index1.html", "articles": paths[:per_page], "next": "/GB/1004/index2.html"},
                  {"path": "/GB/1004/index2.html", "articles": paths[per_page:], "next": "/GB/1004/index3.html"}],
        "selectors": {"links": "div.ej_list_box ul.list_ej2 li a", "next_page": "div.page_n a:-soup-contains('下一页')"},
    }, {"/GB/1004/index1.html": (page(0), "gb18030"), "/GB/1004/index2.html": (page(1), "gb18030")})


# ---- JEECMS ----------------------------------------------------------------------------------------
def jeecms() -> None:
    family, per_page = "jeecms", 15
    t, d, n = titles(family, per_page * 2 + 12), dates(family, per_page * 2), ids(family, per_page * 2 + 12, 8765, (1, 6))
    paths = [f"/xwzx/{i}.jhtml" for i in n[:per_page * 2]]

    def page(number: int) -> str:
        items = "".join(f'<div class="news-item"><div class="news-date"><span class="day">{d[k][2]:02d}</span><span class="ym">{d[k][0]}-{d[k][1]:02d}</span></div>'
                        f'<div class="news-text"><a href="{paths[k]}" title="{t[k]}" target="_blank"><h4>{t[k]}</h4></a><p>{t[k]}。为进一步推动工作落实……</p></div></div>'
                        for k in range(number * per_page, (number + 1) * per_page))
        notices = "".join(f'<li><a href="/tzgg/{8700 + k}.jhtml" title="{t[per_page * 2 + k]}">{t[per_page * 2 + k]}</a><span>11-{20 - k:02d}</span></li>' for k in range(6))
        links = "".join(f'<a href="/{c}/index.jhtml">{name}</a>' for c, name in (("gywm", "关于我们"), ("xwzx", "新闻中心"), ("tzgg", "通知公告"), ("zcfg", "政策法规"), ("qyfc", "企业风采"), ("lxwm", "联系我们")))
        pager = "".join(f'<a href="index_{p}.jhtml">{p}</a>' if p != number + 1 else f'<a class="current">{p}</a>' for p in range(1, 5))
        return f"""<!DOCTYPE html><html><head><meta charset="UTF-8"><title>新闻中心 - 高新技术产业开发区</title></head><body>
<div class="top-bar"><div class="w1200"><a href="/">网站首页</a><a href="/member/login.jspx">登录</a><a href="/search.jspx">站内搜索</a></div></div>
<div class="main-nav"><div class="w1200">{links}</div></div>
<div class="w1200 inner"><div class="inner-left"><div class="left-title">新闻中心</div><ul class="left-menu"><li class="active"><a href="/xwzx/index.jhtml">园区要闻</a></li><li><a href="/tzgg/index.jhtml">通知公告</a></li><li><a href="/mtbd/index.jhtml">媒体报道</a></li></ul>
<div class="left-box"><div class="box-title">最新公告</div><ul class="notice-list">{notices}</ul></div></div>
<div class="inner-right"><div class="crumbs">当前位置：<a href="/">首页</a> &gt; <a href="/xwzx/index.jhtml">新闻中心</a></div>
<div class="news-list">{items}</div>
<div class="pagination"><a href="index.jhtml">首页</a>{pager}<a href="index_{number + 2}.jhtml" class="next">下一页</a><a href="index_4.jhtml">尾页</a></div></div></div>
<div class="footer"><div class="w1200"><div class="foot-links">{links}</div><p>Copyright &copy; 2022 高新技术产业开发区管理委员会 Powered by JEECMS</p></div></div></body></html>"""
    write_site(family, {
        "system": "JEECMS (.jhtml), zone and park sites", "start": "/xwzx/index.jhtml",
        "pages": [{"path": "/xwzx/index.jhtml", "articles": paths[:per_page], "next": "/xwzx/index_2.jhtml"},
                  {"path": "/xwzx/index_2.jhtml", "articles": paths[per_page:], "next": "/xwzx/index_3.jhtml"}],
        "selectors": {"links": "div.news-list div.news-text > a", "next_page": "div.pagination a.next"},
    }, {"/xwzx/index.jhtml": (page(0), "utf-8"), "/xwzx/index_2.jhtml": (page(1), "utf-8")})


# ---- fresh held-out families: built after the discovery rules were frozen (commit 2f568f8) ----------
def xinhua() -> None:
    family, per_page = "xinhua", 20
    t, d, n = titles(family, per_page * 2 + 14), dates(family, per_page * 2), ids(family, per_page * 2 + 14, 1129150007, (300, 9000))
    paths = [f"/politics/{y}-{m:02d}/{dd:02d}/c_{i}.htm" for (y, m, dd), i in zip(d, n, strict=False)]

    def page(number: int) -> str:
        focus = "".join(f'<li><a href="/politics/2022-11/{22 - k}/c_{1129160000 + k}.htm"><img src="/titlepic/112916/{k}.jpg"></a><p><a href="/politics/2022-11/{22 - k}/c_{1129160000 + k}.htm">{t[per_page * 2 + k][:12]}</a></p></li>' for k in range(4))
        items = "".join(f'<li class="clearfix"><h3><a href="{paths[k]}" target="_blank">{t[k]}</a></h3><p class="summary">{t[k]}。记者从{t[k][:5]}获悉……</p>'
                        f'<div class="info"><span class="time">{d[k][0]}-{d[k][1]:02d}-{d[k][2]:02d} 1{k % 10}:20:11</span><span class="source">来源：新华网</span></div></li>'
                        for k in range(number * per_page, (number + 1) * per_page))
        hot = "".join(f'<li><span>{k + 1}</span><a href="/politics/2022-11/{21 - k}/c_{1129140000 + k * 7}.htm">{t[per_page * 2 + 4 + k]}</a></li>' for k in range(10))
        chan = "".join(f'<a href="/{c}/">{name}</a>' for c, name in (("politics", "时政"), ("local", "地方"), ("legal", "法治"), ("world", "国际"), ("fortune", "财经"), ("tech", "科技"), ("photo", "图片"), ("video", "视频")))
        nxt = f'<a href="index_{number + 2}.htm" class="next">下一页</a>'
        return f"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>高层-新华网</title></head><body>
<div class="topBar"><a href="/">新华网首页</a> <a href="/english/">English</a> <a href="/mobile/">客户端</a></div><div class="nav">{chan}</div>
<div class="focus"><ul class="focusList">{focus}</ul></div>
<div class="container clearfix"><div class="main-left"><div class="breadcrumb"><a href="/">首页</a> &gt; <a href="/politics/">时政</a> &gt; 高层</div>
<ul class="dataList">{items}</ul><div id="pageNav">{nxt}</div></div>
<div class="main-right"><div class="box"><h2>热点排行</h2><ol class="rankList">{hot}</ol></div></div></div>
<div class="foot"><a href="/xhs/">关于我们</a> | <a href="/contact/">联系我们</a> | <a href="/jubao/">违法和不良信息举报</a><p>Copyright &copy; 2000-2022 XINHUANET.com All Rights Reserved.</p></div></body></html>"""
    write_site(family, {
        "system": "Xinhua-style channel lists (/YYYY-MM/DD/c_id.htm)", "start": "/politics/leaders/index.htm",
        "pages": [{"path": "/politics/leaders/index.htm", "articles": paths[:per_page], "next": "/politics/leaders/index_2.htm"},
                  {"path": "/politics/leaders/index_2.htm", "articles": paths[per_page:], "next": "/politics/leaders/index_3.htm"}],
        "selectors": {"links": "ul.dataList li h3 a", "next_page": "#pageNav a.next"},
    }, {"/politics/leaders/index.htm": (page(0), "utf-8"), "/politics/leaders/index_2.htm": (page(1), "utf-8")}, split="fresh")


def empirecms() -> None:
    family, per_page = "empirecms", 25
    t, d, n = titles(family, per_page * 2 + 12), dates(family, per_page * 2), ids(family, per_page * 2 + 12, 6543, (1, 5))
    paths = [f"/news/{y}-{m:02d}-{dd:02d}/{i}.html" for (y, m, dd), i in zip(d, n, strict=False)]

    def page(number: int) -> str:
        rows = "".join(f'<tr><td width="85%" class="title">&middot; <a href="{paths[k]}" target="_blank" title="{t[k]}">{t[k]}</a></td><td width="15%" class="date">{d[k][0]}-{d[k][1]:02d}-{d[k][2]:02d}</td></tr>'
                       for k in range(number * per_page, (number + 1) * per_page))
        hot = "".join(f'<tr><td><a href="/news/2022-11-{20 - k:02d}/{6400 + k}.html" title="{t[per_page * 2 + k]}">{t[per_page * 2 + k][:14]}</a></td></tr>' for k in range(8))
        pages = "&nbsp;".join(f'<a href="/news/index{"" if p == 1 else f"_{p}"}.html">{p}</a>' if p != number + 1 else f"<b>{p}</b>" for p in range(1, 6))
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" /><title>新闻中心 - 高新区门户</title></head><body>
<table width="960" border="0" align="center" class="header"><tr><td><a href="/">网站首页</a> | <a href="/news/">新闻中心</a> | <a href="/notice/">通知公告</a> | <a href="/policy/">政策法规</a> | <a href="/e/member/login/">会员登录</a></td></tr></table>
<table width="960" border="0" align="center"><tr><td width="250" valign="top" class="left">
<table width="100%" class="box"><tr><td class="boxtitle">热门信息</td></tr>{hot}</table>
<table width="100%" class="box"><tr><td class="boxtitle">栏目导航</td></tr><tr><td><a href="/news/gxdt/">高新动态</a><br><a href="/news/qydt/">企业动态</a><br><a href="/news/mtjj/">媒体聚焦</a></td></tr></table></td>
<td width="710" valign="top"><table width="100%" class="position"><tr><td>现在的位置：<a href="/">首页</a>&nbsp;>&nbsp;<a href="/news/">新闻中心</a></td></tr></table>
<table width="100%" border="0" cellpadding="3" cellspacing="0" class="list">{rows}</table>
<div class="epages"><a title="Total record">&nbsp;<b>125</b> </a>&nbsp;&nbsp;{pages}&nbsp;<a href="/news/index_{number + 2}.html">下一页</a>&nbsp;<a href="/news/index_5.html">尾页</a></div></td></tr></table>
<table width="960" align="center" class="footer"><tr><td><a href="/about/">关于我们</a> | <a href="/contact/">联系方式</a> | <a href="/sitemap/">网站地图</a><br>Powered by <a href="http://www.phome.net" target="_blank"><strong>EmpireCMS</strong></a></td></tr></table>
</body></html>"""
    write_site(family, {
        "system": "EmpireCMS (帝国CMS), table layout, GB2312", "start": "/news/",
        "pages": [{"path": "/news/", "articles": paths[:per_page], "next": "/news/index_2.html"},
                  {"path": "/news/index_2.html", "articles": paths[per_page:], "next": "/news/index_3.html"}],
        "selectors": {"links": "table.list td.title a", "next_page": "div.epages a:-soup-contains('下一页')"},
    }, {"/news/": (page(0), "gb18030"), "/news/index_2.html": (page(1), "gb18030")}, split="fresh")


def aspnet() -> None:
    family, per_page = "aspnet", 18
    t, d, n = titles(family, per_page * 2 + 12), dates(family, per_page * 2), ids(family, per_page * 2 + 12, 23456, (1, 9))
    paths = [f"/NewsDetail.aspx?id={i}" for i in n[:per_page * 2]]

    def page(number: int) -> str:
        items = "".join(f'<li><a href="NewsDetail.aspx?id={n[k]}" target="_blank" title="{t[k]}">{t[k]}</a><span class="time">[{d[k][0]}-{d[k][1]:02d}-{d[k][2]:02d}]</span></li>'
                        for k in range(number * per_page, (number + 1) * per_page))
        notices = "".join(f'<li><a href="NewsDetail.aspx?id={23000 + k}">{t[per_page * 2 + k]}</a></li>' for k in range(7))
        pager = "".join(f'<a href="NewsList.aspx?classid=3&amp;page={p}">{p}</a>' if p != number + 1 else f'<span class="cpb">{p}</span>' for p in range(1, 7))
        prev = '<a disabled="disabled">首页</a><a disabled="disabled">上一页</a>' if number == 0 else '<a href="NewsList.aspx?classid=3">首页</a><a href="NewsList.aspx?classid=3">上一页</a>'
        return f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" /><title>园区动态</title></head><body>
<form name="form1" method="post" action="./NewsList.aspx?classid=3" id="form1"><input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKMTM0NjQ2NDk2Mw9kFgICAw9kFgQCAQ8WAh4LXyFJdGVtQ291bnQCChYUZg9kFgJmDxUDBTIzNDU2" />
<div class="head"><ul class="menu"><li><a href="Default.aspx">首页</a></li><li><a href="About.aspx">园区概况</a></li><li><a href="NewsList.aspx?classid=3">园区动态</a></li>
<li><a href="NewsList.aspx?classid=4">通知公告</a></li><li><a href="NewsList.aspx?classid=5">招商引资</a></li><li><a href="Contact.aspx">联系我们</a></li></ul></div>
<div class="wrap"><div class="left"><div class="ltit">通知公告</div><ul class="notice">{notices}</ul>
<div class="ltit">联系方式</div><p>电话：0000-12345678<br>地址：高新区创新大道1号</p></div>
<div class="right"><div class="rtit"><span>当前位置：<a href="Default.aspx">首页</a> &gt; 园区动态</span></div>
<ul class="newslist">{items}</ul>
<div id="AspNetPager1" class="pager">{prev}{pager}<a href="NewsList.aspx?classid=3&amp;page={number + 2}">下一页</a><a href="NewsList.aspx?classid=3&amp;page=6">尾页</a></div></div></div>
<div class="foot">版权所有：高新技术产业开发区管理委员会 技术支持：某某网络 <a href="Admin/Login.aspx">管理登录</a></div></form></body></html>"""
    write_site(family, {
        "system": "ASP.NET sites (NewsDetail.aspx?id=, AspNetPager)", "start": "/NewsList.aspx?classid=3",
        "pages": [{"path": "/NewsList.aspx?classid=3", "articles": paths[:per_page], "next": "/NewsList.aspx?classid=3&page=2"},
                  {"path": "/NewsList.aspx?classid=3&page=2", "articles": paths[per_page:], "next": "/NewsList.aspx?classid=3&page=3"}],
        "selectors": {"links": "ul.newslist li a", "next_page": "#AspNetPager1 a:-soup-contains('下一页')"},
    }, {"/NewsList.aspx?classid=3": (page(0), "utf-8"), "/NewsList.aspx?classid=3&page=2": (page(1), "utf-8")}, split="fresh")


def siteserver() -> None:
    family, per_page = "siteserver", 12
    t, d, n = titles(family, per_page * 2 + 10), dates(family, per_page * 2), ids(family, per_page * 2 + 10, 4567, (1, 7))
    paths = [f"/contents/12/{i}.html" for i in n[:per_page * 2]]

    def page(number: int) -> str:
        cards = "".join(f'<div class="col-md-4"><div class="news-card"><a href="{paths[k]}"><img src="/upload/images/2022/11/{k}.jpg" class="card-img-top"></a>'
                        f'<div class="card-body"><h5 class="card-title"><a href="{paths[k]}">{t[k]}</a></h5><p class="card-text">{t[k]}。为深入贯彻落实……</p>'
                        f'<span class="date">{d[k][0]}.{d[k][1]:02d}.{d[k][2]:02d}</span></div></div></div>'
                        for k in range(number * per_page, (number + 1) * per_page))
        rec = "".join(f'<li class="list-group-item"><a href="/contents/12/{4400 + k}.html">{t[per_page * 2 + k]}</a></li>' for k in range(5))
        pager = "".join(f'<li class="page-item{" active" if p == number + 1 else ""}"><a class="page-link" href="/channels/12{"" if p == 1 else f"_{p}"}.html">{p}</a></li>' for p in range(1, 5))
        return f"""<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>新闻动态 - 科技园</title></head><body>
<nav class="navbar navbar-expand-lg"><a class="navbar-brand" href="/">科技园</a><ul class="navbar-nav"><li class="nav-item"><a class="nav-link" href="/">首页</a></li>
<li class="nav-item"><a class="nav-link" href="/channels/11.html">园区介绍</a></li><li class="nav-item active"><a class="nav-link" href="/channels/12.html">新闻动态</a></li>
<li class="nav-item"><a class="nav-link" href="/channels/13.html">入驻企业</a></li><li class="nav-item"><a class="nav-link" href="/channels/14.html">服务平台</a></li></ul></nav>
<div class="container"><nav aria-label="breadcrumb"><ol class="breadcrumb"><li class="breadcrumb-item"><a href="/">首页</a></li><li class="breadcrumb-item active">新闻动态</li></ol></nav>
<div class="row"><div class="col-lg-9"><div class="row">{cards}</div>
<nav><ul class="pagination">{pager}<li class="page-item"><a class="page-link" href="/channels/12_{number + 2}.html">下一页</a></li></ul></nav></div>
<div class="col-lg-3"><div class="card"><div class="card-header">推荐阅读</div><ul class="list-group list-group-flush">{rec}</ul></div></div></div></div>
<footer class="footer"><div class="container"><a href="/channels/15.html">联系我们</a> · <a href="/channels/16.html">法律声明</a> · Powered by SiteServer CMS</div></footer></body></html>"""
    write_site(family, {
        "system": "SiteServer CMS, Bootstrap card grid", "start": "/channels/12.html",
        "pages": [{"path": "/channels/12.html", "articles": paths[:per_page], "next": "/channels/12_2.html"},
                  {"path": "/channels/12_2.html", "articles": paths[per_page:], "next": "/channels/12_3.html"}],
        "selectors": {"links": "div.news-card h5.card-title a", "next_page": "ul.pagination li:last-child a"},
    }, {"/channels/12.html": (page(0), "utf-8"), "/channels/12_2.html": (page(1), "utf-8")}, split="fresh")


# ---- known limits: layouts the rules are expected to get wrong, measured, not tuned on -------------------------
def limit_samebox() -> None:
    """Main list and sidebar hot list printed by one box template (same tag path, same URL pattern, both dated)."""
    family, per_page = "limit-samebox", 15
    t, d, n = titles(family, per_page + 8), dates(family, per_page + 8), ids(family, per_page + 8, 98765, (1, 9))
    paths = [f"/info/{y}{m:02d}/{i}.html" for (y, m, dd), i in zip(d, n, strict=False)]

    def box(title: str, rows: range) -> str:
        items = "".join(f'<li><a href="{paths[k]}">{t[k]}</a><span>{d[k][0]}-{d[k][1]:02d}-{d[k][2]:02d}</span></li>' for k in rows)
        return f'<div class="box"><div class="box-hd">{title}</div><ul>{items}</ul></div>'
    text = (f'<html><head><meta charset="utf-8"><title>新闻</title></head><body><div class="wrap">{box("新闻动态", range(per_page))}'
            f'{box("热点新闻", range(per_page, per_page + 8))}<div class="page"><a href="/info/list_2.html">下一页</a></div></div></body></html>')
    write_site(family, {
        "system": "limit: one box template for list and sidebar", "start": "/info/list.html",
        "pages": [{"path": "/info/list.html", "articles": paths[:per_page], "next": "/info/list_2.html"}],
        "selectors": {"links": "div.box:first-child ul li a", "next_page": None},
    }, {"/info/list.html": (text, "utf-8")}, split="limits")


def limit_homepage() -> None:
    """A zone's home page with no feed and no sitemap: news, notices and policies in three lists."""
    family = "limit-homepage"
    t, d = titles(family, 24), dates(family, 24)
    columns = (("xwdt", "新闻动态", 0), ("tzgg", "通知公告", 8), ("zcwj", "政策文件", 16))
    blocks, truth = [], []
    for code, name, start in columns:
        rows = []
        for k in range(start, start + 8):
            path = f"/{code}/{d[k][0]}{d[k][1]:02d}/t{d[k][0]}{d[k][1]:02d}{d[k][2]:02d}_{700000 + k * 13}.html"
            truth.append(path)
            rows.append(f'<li><a href="{path}">{t[k]}</a><span>{d[k][1]:02d}-{d[k][2]:02d}</span></li>')
        blocks.append(f'<div class="col {code}"><div class="tit"><a href="/{code}/">{name}</a><a class="more" href="/{code}/">更多</a></div><ul>{"".join(rows)}</ul></div>')
    text = (f'<html><head><meta charset="utf-8"><title>高新区管委会</title></head><body><div class="nav"><a href="/">首页</a><a href="/xwdt/">新闻动态</a>'
            f'<a href="/tzgg/">通知公告</a><a href="/zcwj/">政策文件</a></div><div class="main">{"".join(blocks)}</div></body></html>')
    write_site(family, {
        "system": "limit: home page with three lists, no feed, no sitemap", "start": "/",
        "pages": [{"path": "/", "articles": truth, "next": None}],
        "selectors": {"links": "div.main ul li a", "next_page": None},
    }, {"/": (text, "utf-8")}, split="limits")


FAMILIES = (trs, hanweb, govcn, cdate, dedecms, phpcms, wordpress, epaper, peoplecn, jeecms, xinhua, empirecms, aspnet, siteserver,
            limit_samebox, limit_homepage)

if __name__ == "__main__":
    for build in FAMILIES:
        build()
    print(", ".join(b.__name__ for b in FAMILIES))
