"""What a subscriber reads in a digest, a feed or the demo's output, in Chinese: every such string is here.

One place, so that the translation catalogue (gettext via Babel) can take these strings over by wrapping
them, rather than hunting literals through builders and templates. The functions put numbers and names
into the sentences; dates are written as Chinese readers expect them (``2022年11月14日 09:30``), in the
reader's timezone and only as precisely as they are known.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from monitor.items import PublishDate

__all__ = [
    "BRAND", "SUBJECT_PREFIX", "OTHER_GROUP", "PEOPLE_LABEL", "local_date", "subject_line", "summary_line",
    "greeting", "also_published", "more_line", "footer", "FOOTER_LINKS", "feed_title", "FEED_NOT_FOUND", "FEED_SUBSCRIPTION", "FEED_LATEST",
    "DEMO_LINES", "CHANNEL_TEST",
]

BRAND = "高新区动态"
SUBJECT_PREFIX = f"【{BRAND}】"
OTHER_GROUP = "其他"
PEOPLE_LABEL = "人物"
# the footer's links: read in the browser, change the filters, unsubscribe
FOOTER_LINKS = ("在浏览器中阅读", "修改订阅条件", "退订")
# what `monitor channels test` posts to a group
CHANNEL_TEST = "测试消息：本群已接入高新区动态推送"


def local_date(published: PublishDate | None, tz: ZoneInfo) -> str | None:
    """``2022年11月14日 09:30`` in `tz`; ``2022年11月14日``, ``2022年11月`` or ``2022年`` when only that much is known."""
    if published is None:
        return None
    local = published.value.astimezone(tz)
    day = f"{local.year}年{local.month}月{local.day}日"
    return {"year": f"{local.year}年", "month": f"{local.year}年{local.month}月", "day": day}.get(
        published.precision, f"{day} {local:%H:%M}")


def subject_line(count: int, top_zones: list[str]) -> str:
    """``【高新区动态】12篇新文章：中关村科技园区、张江高新区``"""
    return f"{SUBJECT_PREFIX}{count}篇新文章" + (f"：{'、'.join(top_zones)}" if top_zones else "")


def summary_line(count: int) -> str:
    return f"本期有{count}篇关于国家高新区的新文章符合您的订阅条件。"


def greeting(name: str | None) -> str:
    return f"{name}，您好：" if name else "您好："


def also_published(count: int) -> str:
    """The start of the line that lists the sites which published a story too (their names follow)."""
    return f"另有{count}家网站刊发："


def related_reports(count: int) -> str:
    """The start of the line that lists an event's other, independent reports (their outlets follow)."""
    return f"另有{count}篇报道："


def more_line(count: int) -> str:
    return f"……另有{count}篇，见文章库"


def footer(email: str) -> str:
    return f"您收到这封邮件，是因为{email}订阅了{BRAND}。"


def feed_title(what: str | None) -> str:
    """A feed's title: the brand, and what the feed follows (a zone, a topic, a subscription) when it is one."""
    return f"{BRAND} · {what}" if what else BRAND


FEED_NOT_FOUND = {
    "zone": "没有这个高新区：{value}。请用 `monitor zones list` 列出的编号或名称。 / unknown zone {value!r}",
    "topic": "没有这个主题：{value}。可用的主题：{choices} / unknown topic {value!r}",
    "subscription": "这个订阅源链接无效，或订阅已删除。 / this feed link is not valid, or its subscription was removed",
}
FEED_SUBSCRIPTION = "我的订阅"
FEED_LATEST = "最新文章"

# `monitor demo`: its progress lines, Chinese first (the English after a slash for operators)
DEMO_LINES = {
    "upgrade": "数据库升级 / database upgrade ({url})",
    "revision": "     数据库版本 {after}{was}",
    "was": "（原为 {before}）",
    "serving": "演示网站已启动：{a}（UTF-8）和 {b}（GBK） / demo sites serving",
    "moved": "     [yellow]上次演示的端口 {ports} 已被占用：演示网站地址改变，文章将作为重复文章再次存储 / "
             "port(s) of the last demo run in use[/yellow]",
    "crawling": "抓取 {count} 个来源 / crawling {count} sources",
    "result": "     {name}：列出 {listed}，抓取 {fetched}，新增 {new}，重复 {duplicates}，错误 {errors}",
    "failed": " [red]失败 / FAILED：{error}[/red]",
    "subscriber": "订阅者 {email}（每日，全部高新区） / subscriber (daily, every zone)",
    "digests": "摘要邮件：已写出 {sent} 封，{where}",
    "via_smtp": "经 SMTP 发送 / via SMTP",
    "to_outbox": "写入 {outbox} / to the outbox",
    "already": "，今天已发送 {count} 封 / already sent today",
    "summary": "[bold green]汇总 / summary[/bold green]：来源 {sources}，文章 {articles}，重复 {duplicates}，"
               "高新区标签 {tags}，邮件 {sent}",
}
