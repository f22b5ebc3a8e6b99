"""What a subscriber reads in a digest, a feed or the demo's output: every such string is here.

A digest speaks its subscriber's language through the one translation catalogue (``monitor/i18n.py``,
gettext via Babel): ``digest_wording(language)`` gives its sentences, written in English in the source
and shown in Chinese by default. Dates are written as readers expect them (``2022年11月14日 09:30``), in
the reader's timezone and only as precisely as they are known. Feed titles and the demo's operator lines
stay Chinese-first constants below.
"""

from __future__ import annotations

from functools import lru_cache
from zoneinfo import ZoneInfo

from monitor.i18n import format_published_date, language_or_default, translator
from monitor.items import PublishDate

__all__ = [
    "BRAND", "SUBJECT_PREFIX", "OTHER_GROUP", "PEOPLE_LABEL", "DigestWording", "digest_wording", "local_date",
    "subject_line", "summary_line", "greeting", "also_published", "more_line", "footer", "FOOTER_LINKS",
    "feed_title", "FEED_NOT_FOUND", "FEED_SUBSCRIPTION", "FEED_LATEST", "DEMO_LINES", "CHANNEL_TEST",
]


class DigestWording:
    """The sentences of a digest in one language (``zh-CN`` or ``en``), from the catalogue."""

    def __init__(self, language: str | None) -> None:
        self.language = language_or_default(language)
        catalogue = translator(self.language)
        gettext = catalogue.gettext
        self.brand = gettext("Zone news")
        self.other_group = gettext("Other")
        self.people_label = gettext("People: ")
        self.separator = gettext(", ")
        self.colon = gettext(": ")
        self.link_separator = gettext("; ")  # between "name URL" pairs of a plain-text line
        self.footer_links = (gettext("Read in the browser"), gettext("Change your filters"), gettext("Unsubscribe"))
        self.catalogue = catalogue

    def local_date(self, published: PublishDate | None, tz: ZoneInfo) -> str | None:
        """``2022年11月14日 09:30`` (``14 Nov 2022 09:30``) in `tz`, only as precise as it is known."""
        return format_published_date(published, self.language, tz) or None

    def subject_line(self, count: int, top_zones: list[str]) -> str:
        """``【高新区动态】12篇新文章：中关村科技园区、张江高新区``"""
        articles = self.catalogue.ngettext("%(count)d new article", "%(count)d new articles", count) % {"count": count}
        if not top_zones:
            return self.catalogue.gettext("[%(brand)s] %(articles)s") % {"brand": self.brand, "articles": articles}
        return self.catalogue.gettext("[%(brand)s] %(articles)s: %(zones)s") % {
            "brand": self.brand, "articles": articles, "zones": self.separator.join(top_zones)}

    def summary_line(self, count: int) -> str:
        return self.catalogue.ngettext("%(count)d new article about national high-tech zones matches your subscription.",
                              "%(count)d new articles about national high-tech zones match your subscription.",
                              count) % {"count": count}

    def greeting(self, name: str | None) -> str:
        return self.catalogue.gettext("Hello %(name)s,") % {"name": name} if name else self.catalogue.gettext("Hello,")

    def also_published(self, count: int) -> str:
        """The start of the line that lists the sites which published a story too (their names follow)."""
        return self.catalogue.ngettext("Also published by %(count)d site: ", "Also published by %(count)d sites: ",
                              count) % {"count": count}

    def related_reports(self, count: int) -> str:
        """The start of the line that lists an event's other, independent reports (their outlets follow)."""
        return self.catalogue.ngettext("%(count)d other report: ", "%(count)d other reports: ", count) % {"count": count}

    def more_line(self, count: int) -> str:
        return self.catalogue.ngettext("… and %(count)d more in the archive", "… and %(count)d more in the archive",
                              count) % {"count": count}

    def footer(self, email: str) -> str:
        return self.catalogue.gettext("You receive this because %(email)s subscribed to %(brand)s.") % {
            "email": email, "brand": self.brand}


@lru_cache(maxsize=4)
def digest_wording(language: str | None) -> DigestWording:
    return DigestWording(language)


_CHINESE = DigestWording("zh-CN")
BRAND = _CHINESE.brand
SUBJECT_PREFIX = f"【{BRAND}】"
OTHER_GROUP = _CHINESE.other_group
PEOPLE_LABEL = _CHINESE.people_label.rstrip("：: ")
FOOTER_LINKS = _CHINESE.footer_links
local_date = _CHINESE.local_date
subject_line = _CHINESE.subject_line
summary_line = _CHINESE.summary_line
greeting = _CHINESE.greeting
also_published = _CHINESE.also_published
related_reports = _CHINESE.related_reports
more_line = _CHINESE.more_line
footer = _CHINESE.footer
# what `monitor channels test` posts to a group
CHANNEL_TEST = "测试消息：本群已接入高新区动态推送"


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
