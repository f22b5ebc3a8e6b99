"""Science and Technology Daily (科技日报) e-paper, served by a JSON API behind a single-page app.

The API, as RSSHub's route reads it (DIYgod/RSSHub lib/routes/stdaily/digitalpaper.tsx and
types.ts at commit ad7ec1613a3b842ee0e6cb256c1e0ecaa5b0969c; facts only, the code here is
our own), takes JSON POSTs under ``https://epaper.stdaily.com/stdailynewspaperapi``:

* ``/uv/article/period/date`` ``{code, date: first day of month}`` -> ``obj.dateList`` (edition dates);
* ``/uv/article/period/periodTime`` ``{code, periodTime, siteId}`` -> ``obj.editionList[] {id, editionName, editionCode}``;
* ``/uv/article/article/editionId`` ``{id, siteId}`` -> ``list[] {id}`` (the articles of one page);
* ``/uv/article/article/articleId`` ``{code, id, siteId}`` -> ``obj.articleVo {title, subtitle, content, author, periodTime, editionName}``.

Each run reads every edition published since the last successful run (``since``; the first run
reads the latest), asking for the edition dates of each month from then to now, at most the
source's ``max_editions`` editions, the newest first.

The source's ``url`` is the API root (so tests can point it at a local server). Item URLs are
``https://epaper.stdaily.com/statics/technology-site/index.html?newsId=ID&date=DATE``
(the site's own reader keeps the id after a ``#``, which canonicalisation would drop);
``fetch`` turns one into the ``articleId`` POST and ``parse`` reads the JSON answer.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from html import escape
from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

from monitor.errors import ExtractionError, FetchError, SourceError
from monitor.extract.extractor import extract_article
from monitor.fetch.fetcher import Fetcher, Validators
from monitor.items import ExtractedArticle, PublishDate, RawPage
from monitor.sourcesfile import Selectors
from monitor.timefmt import utcnow
from scrapers.plugin import PluginSource, SiteScraper

__all__ = ["StdailyScraper", "scraper", "article_url", "edition_dates", "edition_sections", "months_between", "section_articles", "API"]

log = logging.getLogger(__name__)
API = "https://epaper.stdaily.com/stdailynewspaperapi"
READER_PATH = "/statics/technology-site/index.html"
CODE = "KJRB"
SITE_ID = "811c18b08cf04e79be3b67d6902ee1a7"
HEADERS = {"X-Requested-With": "XMLHttpRequest"}


def article_url(source: PluginSource, article_id: str, period: str) -> str:
    parts = urlsplit(source.url)
    return f"{parts.scheme}://{parts.netloc}{READER_PATH}?{urlencode({'newsId': article_id, 'date': period})}"


def _json(source: PluginSource, page: RawPage) -> Any:
    try:
        answer = json.loads(page.content.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise SourceError(source.name, f"{page.url}: the e-paper API did not answer JSON ({exc})") from None
    except RecursionError:  # json's C scanner recurses once per level of nesting
        raise SourceError(source.name, f"{page.url}: the e-paper API did not answer JSON (nested too deeply)") from None
    if not isinstance(answer, dict):
        raise SourceError(source.name, f"{page.url}: the e-paper API did not answer a JSON object")
    return answer


def months_between(first: date, last: date) -> list[date]:
    """The first day of each month from ``first``'s to ``last``'s."""
    months, month = [], first.replace(day=1)
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def edition_dates(source: PluginSource, page: RawPage) -> list[str]:
    """Pure: edition dates (YYYY-MM-DD), newest first."""
    dates = (_json(source, page).get("obj") or {}).get("dateList") or []
    return sorted((str(d) for d in dates), reverse=True)


def edition_sections(source: PluginSource, page: RawPage) -> list[str]:
    """Pure: the ids of an edition's pages (版面)."""
    return [str(s["id"]) for s in (_json(source, page).get("obj") or {}).get("editionList") or [] if s.get("id")]


def section_articles(source: PluginSource, page: RawPage) -> list[str]:
    return [str(a["id"]) for a in _json(source, page).get("list") or [] if a.get("id")]


class StdailyScraper(SiteScraper):
    name = "stdaily"

    async def _post(self, source: PluginSource, fetcher: Fetcher, path: str, payload: dict[str, str]) -> RawPage:
        try:
            return await fetcher.post_json(source.url.rstrip("/") + path, payload, HEADERS)
        except FetchError as exc:
            raise SourceError(source.name, f"e-paper API {path}: {exc}") from exc

    async def _month_dates(self, source: PluginSource, fetcher: Fetcher, month: date) -> list[str]:
        page = await self._post(source, fetcher, "/uv/article/period/date", {"code": CODE, "date": month.strftime("%Y-%m-01")})
        return edition_dates(source, page)

    async def editions(self, source: PluginSource, fetcher: Fetcher, since: datetime | None) -> list[str]:
        """The edition dates to read, newest first: those on or after ``since``'s day, or the latest one."""
        today = utcnow().astimezone(source.tz).date()
        first = since.astimezone(source.tz).date() if since else None
        dates: list[str] = []
        for month in months_between(first or today, today):
            dates.extend(await self._month_dates(source, fetcher, month))
        if not dates and first is None:  # early in a month, before its first edition: the last one of the month before
            dates = await self._month_dates(source, fetcher, (today.replace(day=1) - timedelta(days=1)))
        dates = sorted({d for d in dates if first is None or d >= first.isoformat()}, reverse=True)
        if first is None:
            return dates[:1]
        if len(dates) > source.max_editions:
            log.warning("source %s: %d editions since %s; reading the newest %d (max_editions)",
                        source.name, len(dates), first.isoformat(), source.max_editions)
        return dates[: source.max_editions]

    async def discover(self, source: PluginSource, fetcher: Fetcher, since: datetime | None = None) -> list[str]:
        dates = await self.editions(source, fetcher, since)
        found: list[str] = []
        for period in dates:
            sections = await self._post(source, fetcher, "/uv/article/period/periodTime",
                                        {"code": CODE, "periodTime": period, "siteId": SITE_ID})
            for section_id in edition_sections(source, sections)[: source.max_pages]:
                listing = await self._post(source, fetcher, "/uv/article/article/editionId", {"id": section_id, "siteId": SITE_ID})
                found.extend(article_url(source, article_id, period) for article_id in section_articles(source, listing))
        return list(dict.fromkeys(found))

    async def fetch(self, source: PluginSource, fetcher: Fetcher, url: str,
                    validators: Validators | None = None) -> RawPage:
        query = parse_qs(urlsplit(url).query)
        article_id = (query.get("newsId") or [""])[0]
        answer = await fetcher.post_json(source.url.rstrip("/") + "/uv/article/article/articleId",
                                         {"code": CODE, "id": article_id, "siteId": SITE_ID}, HEADERS)
        return replace(answer, url=url, final_url=url)

    def parse(self, source: PluginSource, page: RawPage) -> list[ExtractedArticle]:
        vo = ((_json(source, page).get("obj") or {}).get("articleVo")) or {}
        if not vo.get("content"):
            raise ExtractionError(f"{page.url}: the API answer holds no article")
        title = escape(" ".join(re.sub(r"<[^>]+>", " ", str(vo.get("title") or "")).split()))
        subtitle = f"<h2>{escape(vo['subtitle'])}</h2>" if vo.get("subtitle") else ""
        html = (f"<html><head><meta charset='utf-8'><title>{title}</title></head><body>"
                f"<h1>{title}</h1>{subtitle}<div id='content'>{vo['content']}</div></body></html>")
        article = extract_article(html, page.url, Selectors(title="h1", body="#content"), source.tz)
        published = None
        if vo.get("periodTime"):
            try:
                day = datetime.strptime(str(vo["periodTime"])[:10], "%Y-%m-%d").replace(tzinfo=source.tz)
                published = PublishDate(day, "day")
            except ValueError:
                published = None
        author = " ".join(re.sub(r"本报|通讯员|实习生|记者", " ", str(vo.get("author") or "")).split()) or None
        return [replace(article, published=published or article.published, author=author or article.author,
                        source_name="科技日报")]


scraper = StdailyScraper()
