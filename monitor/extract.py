"""The extract stage: decoded HTML -> ExtractedArticle. A pure function; no I/O.

Cascade, first hit wins for each field:
1. per-source CSS selectors (title, date, author, body);
2. title: <h1>, og:title, <title> with the site name cut off;
3. date: publish-date meta tags, a date printed near the title, a date in the URL;
4. author: '作者：', '记者 X', '文/X' lines, or a byline 'NAME POST';
5. body: the element whose paragraphs hold the most text with the least link text.
"""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Tag

from .errors import TooShort
from .items import ExtractedArticle, Precision, PublishDate
from .normalise import clean_paragraphs, clean_text
from .sourcesfile import Selectors
from .timefmt import SHANGHAI

__all__ = ["extract_article", "parse_date", "split_byline", "MIN_BODY_CHARS"]

MIN_BODY_CHARS = 40

_DATE = re.compile(
    r"(?P<y>(?:19|20)\d{2})\s*[-/.年]\s*(?P<m>\d{1,2})\s*(?:[-/.月]\s*(?P<d>\d{1,2})\s*日?)?"
    r"(?:\s*(?P<H>\d{1,2})\s*[:：时]\s*(?P<M>\d{2})(?:\s*[:：分]\s*(?P<S>\d{2}))?)?"
)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})-?(\d{2})/?(\d{2})/|[/_]t?((?:19|20)\d{2})(\d{2})(\d{2})[_/]")
_DATE_META = ("article:published_time", "publishdate", "pubdate", "publish_date", "og:release_date",
              "firstpublishedtime", "dc.date", "date")
_AUTHOR_LINE = re.compile(r"(?:(?:作者|记者|撰文)\s*[:：]?|文\s*[/／|｜])\s*([\u4e00-\u9fa5]{2,4}(?:[、\s]+[\u4e00-\u9fa5]{2,4})*)")
_ROLE_PREFIX = re.compile(r"^(本报|本网|特约|实习|首席)?(记者|通讯员|实习生|摄影|编辑)")
_POST_WORDS = re.compile(r"(主任|书记|市长|区长|局长|院长|县长|省长|主席|委员|部长|厅长|董事长|总经理|负责人|处长|科长|专家|教授|研究员)$")
_SITE_SEPARATORS = re.compile(r"\s*[-_|—–·]+\s*[^-_|—–·]{1,30}$")


def parse_date(text: str, tz: ZoneInfo = SHANGHAI) -> PublishDate | None:
    """The first plausible date in a text; a naive time is in `tz` (Asia/Shanghai by default)."""
    for match in _DATE.finditer(text):
        year, month = int(match["y"]), int(match["m"])
        day = int(match["d"]) if match["d"] else None
        precision: Precision = "month" if day is None else "day"
        hour = minute = second = 0
        if day is not None and match["H"] is not None:
            hour, minute = int(match["H"]), int(match["M"])
            second = int(match["S"]) if match["S"] else 0
            precision = "second" if match["S"] else "minute"
        try:
            value = datetime(year, month, day or 1, hour, minute, second, tzinfo=tz)
        except ValueError:
            continue
        return PublishDate(value, precision)
    return None


def _date_from_url(url: str, tz: ZoneInfo) -> PublishDate | None:
    match = _URL_DATE.search(url)
    if not match:
        return None
    y, m, d = (g for g in match.groups() if g is not None)
    try:
        return PublishDate(datetime(int(y), int(m), int(d), tzinfo=tz), "day")
    except ValueError:
        return None


def split_byline(text: str) -> tuple[str | None, str | None]:
    """'郭军军 包头稀土高新区管委会主任' -> (name, post); '作者：张三' -> (name, None)."""
    text = clean_text(" ".join(text.split()))
    if not text:
        return None, None
    parts = text.split(" ", 1)
    if len(parts) == 2 and re.fullmatch(r"[\u4e00-\u9fa5]{2,4}", parts[0]) and _POST_WORDS.search(parts[1]):
        return parts[0], parts[1].replace(" ", "")
    match = _AUTHOR_LINE.search(text)
    if match:
        names = [_ROLE_PREFIX.sub("", n) for n in re.split(r"[、，,\s]+", match.group(1))]
        kept = [n for n in names if len(n) >= 2]
        if kept:
            return " ".join(kept), None
    if re.fullmatch(r"[\u4e00-\u9fa5]{2,4}", text):
        return text, None
    return None, None


def _select_text(soup: BeautifulSoup, selector: str | None) -> str | None:
    if not selector:
        return None
    node = soup.select_one(selector)
    return clean_text(node.get_text(" ")) if node else None


def _title(soup: BeautifulSoup, selectors: Selectors) -> str:
    chosen = _select_text(soup, selectors.title)
    if chosen:
        return chosen
    h1 = soup.find("h1")
    if isinstance(h1, Tag) and clean_text(h1.get_text(" ")):
        return clean_text(h1.get_text(" "))
    og = soup.find("meta", attrs={"property": "og:title"})
    if isinstance(og, Tag) and og.get("content"):
        return clean_text(str(og["content"]))
    if soup.title and soup.title.string:
        return _SITE_SEPARATORS.sub("", clean_text(soup.title.string))
    return ""


def _published(soup: BeautifulSoup, selectors: Selectors, url: str, tz: ZoneInfo) -> PublishDate | None:
    chosen = _select_text(soup, selectors.date)
    if chosen and (found := parse_date(chosen, tz)):
        return found
    for meta in soup.find_all("meta"):
        key = str(meta.get("name") or meta.get("property") or meta.get("itemprop") or "").lower()
        if key in _DATE_META and meta.get("content"):
            found = parse_date(str(meta["content"]), tz)
            if found:
                return found
    for node in soup.select(".time, .date, .pubtime, .publish-time, .info, .meta, time"):
        found = parse_date(node.get_text(" "), tz)
        if found:
            return found
    return _date_from_url(url, tz)


def _author(soup: BeautifulSoup, selectors: Selectors) -> tuple[str | None, str | None]:
    chosen = _select_text(soup, selectors.author)
    if chosen:
        return split_byline(chosen)
    for node in soup.select(".author, .byline, .editor-name, .source"):
        name, post = split_byline(node.get_text(" "))
        if name:
            return name, post
    return None, None


def _paragraphs(node: Tag) -> list[str]:
    blocks = node.find_all(["p", "div"], recursive=True)
    texts = [b.get_text(" ") for b in blocks if b.name == "p" or not b.find(["p", "div"])]
    return texts or [line for line in node.get_text("\n").split("\n")]


def _body_node(soup: BeautifulSoup) -> Tag | None:
    """The element with the most paragraph text and little link text."""
    best: tuple[float, Tag | None] = (0.0, None)
    for node in soup.find_all(["div", "article", "section", "td"]):
        paragraphs = node.find_all("p", recursive=False) or node.find_all("p")
        text = sum(len(p.get_text(strip=True)) for p in paragraphs)
        if not text:
            continue
        links = sum(len(a.get_text(strip=True)) for a in node.find_all("a"))
        score = text * (1 - min(1.0, links / max(text, 1))) - 0.1 * len(node.get_text(strip=True))
        if score > best[0]:
            best = (score, node)
    return best[1]


def _source_name(soup: BeautifulSoup) -> str | None:
    match = re.search(r"来源\s*[:：]\s*([^\s|]{2,30})", soup.get_text(" "))
    return match.group(1) if match else None


def extract_article(html: str, url: str, selectors: Selectors = Selectors(), tz: ZoneInfo = SHANGHAI) -> ExtractedArticle:
    """Extract one article from decoded HTML. Raises TooShort when no usable body is found."""
    soup = BeautifulSoup(html, "lxml")
    for junk in soup(["script", "style", "noscript", "iframe", "form"]):
        junk.decompose()
    title = _title(soup, selectors)
    published = _published(soup, selectors, url, tz)
    author, post = _author(soup, selectors)
    node = soup.select_one(selectors.body) if selectors.body else _body_node(soup)
    paragraphs = clean_paragraphs(_paragraphs(node)) if node else []
    paragraphs = [p for p in paragraphs if not re.match(r"^(责任编辑|编辑|审核|校对)\s*[:：]", p)]
    body = "\n\n".join(paragraphs)
    if len(body) < MIN_BODY_CHARS:
        raise TooShort(f"{url}: body has {len(body)} characters, fewer than {MIN_BODY_CHARS}")
    return ExtractedArticle(url=url, title=title, body=body, published=published, author=author,
                            author_post=post, source_name=_source_name(soup))
