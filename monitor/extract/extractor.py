"""The extract stage: decoded HTML -> ExtractedArticle. A pure function; no I/O.

Cascade, first hit wins for each field:
1. per-source CSS selectors (title, date, author, body) win over detection;
2. body: the page is cut into text blocks (paragraphs, table cells, lines between ``<br>``);
   each block weighs its non-link text when it reads as prose (punctuation, length) and a
   penalty when it is link lists or short chrome; the element whose blocks weigh most is the
   article; inside it link lists, editor lines, share/print chrome and the title/byline/date
   lines are dropped, and repeats collapsed (:mod:`monitor.normalise`);
3. title: an ``<h1>``–``<h3>`` that the ``<title>`` also carries, og:title, ``<title>`` with
   the site name cut off;
4. date (:mod:`monitor.extract.dates`): publish-date meta tags and JSON-LD, then a labelled date
   (``发布时间：``) near the start of the article, then any date there, then the URL; a date
   not found stays None (never the fetch time);
5. author (:mod:`monitor.extract.bylines`): selector, labelled bylines around the body, a
   ``NAME POST`` byline, ``<meta name=author>`` when it holds a name;
6. source: ``来源：`` near the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import lxml.html
from lxml import etree

from monitor.errors import TooShort
from monitor.extract.bylines import (
    EDITOR_LINE,
    PROFILE_CARD,
    REPORTER_WORDS,
    SIGNATURE_POST_END,
    USER_CARD,
    WRITER_LABELS,
    citation_authors,
    copyright_person,
    credited_writers,
    editor,
    find_author,
    introduces_person,
    is_common_word,
    name_at,
    names_only,
    names_under_label,
    office_signature,
    opens_with_office,
    people_only,
    person_source,
    reference_line,
    role_line,
    signed_names,
    signing_line,
    site_name,
    split_byline,
    user_name,
    writer_line,
)
from monitor.extract.dates import DATE_LABEL, date_from_url, day_first_hint, parse_date, script_day_first
from monitor.extract.pieces import (
    PageSplit,
    may_have_pieces,
    split_pieces,
    split_signed,
    split_text_blocks,
    strip_ruby,
)
from monitor.extract.romanised import pinyin_names
from monitor.extract.speakers import split_by_speakers
from monitor.items import ExtractedArticle, PublishDate
from monitor.normalise import (
    clean_paragraphs,
    clean_text,
    looks_traditional,
    reads_traditional,
    split_paragraphs,
    to_simplified,
)
from monitor.sourcesfile import Selectors
from monitor.timefmt import SHANGHAI

__all__ = ["extract_article", "extract_text_page", "extract_usable_text_page", "parse_date", "split_byline", "MIN_BODY_CHARS"]

MIN_BODY_CHARS = 40

_DROP = ("script", "style", "noscript", "iframe", "select", "option", "textarea", "button", "head", "object", "embed",
         "svg", "template", "map")
_BLOCK = frozenset({"p", "div", "td", "th", "tr", "li", "ul", "ol", "table", "tbody", "thead", "tfoot", "h1", "h2",
                    "h3", "h4", "h5", "h6", "section", "article", "blockquote", "pre", "dl", "dt", "dd", "center",
                    "form", "header", "footer", "nav", "aside", "main", "body", "html", "figure", "figcaption",
                    "fieldset", "address", "hr", "text"})
_PUNCT = re.compile(r"[，。！？；：、“”,.!?;]")
_DATE_META = ("article:published_time", "publishdate", "pubdate", "publish_date", "publishtime", "publish-date",
              "og:release_date", "firstpublishedtime", "dc.date", "dc.date.issued", "dcterms.created", "date",
              "datepublished", "sailthru.date", "weibo: article:create_at", "release_date", "created")
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"([^"]+)"')
# When a page was last changed (an encyclopedia entry's only date): after every publication date.
_MODIFIED_META = ("article:modified_time", "datemodified", "dateupdate", "og:updated_time", "last-modified")
# A date a reference list gives for when a source was read ('引用日期2014-05-19'): never the page's
# own date, though '日期' labels it (annotated page baike.baidu.com, tune half).
_CITED_DATE = re.compile(r"(?:引用|访问|检索|查阅|浏览)日期\s*[:：]?\s*\S{0,20}")
_MARKUP = re.compile(r"<(?:[a-zA-Z][a-zA-Z0-9]*[\s/>]|!)")
# JSON-LD author: "author": {"@type": "Person", "name": "张三"} or "author": "张三".
_JSON_LD_AUTHOR = re.compile(r'"author"\s*:\s*(?:\[\s*)?(?:\{[^{}]*?"name"\s*:\s*"([^"]{2,40})"|"([^"]{2,40})")')
_YEAR_LAST_HINT = re.compile(r"(?<![\d/.:-])\d{1,2}[/.-]\d{1,2}[/.-](?:19|20)\d\d(?![\d/.-])")
_CHROME = re.compile(
    r"^(?:上一篇|下一篇|上一页|下一页|返回|打印|关闭|分享|收藏|【?字号|【?字体|推荐给|相关(?:阅读|新闻|文章|链接)|"
    r"版权|Copyright|©|网友评论|我要评论|发表评论|点击|本文地址|原文链接|扫一扫|举报|顶部|TOP|top)"
)
# Site footer lines (licence numbers, rights notices, report hotlines): chrome wherever they stand.
_FOOTER = re.compile(r"ICP[备证]|版权所有(?!者)|All Rights Reserved|许可证(?:编号|号)|举报(?:电话|邮箱)|违法和不良信息|"
                     r"您是本文第\s*\d+\s*个|已被(?:阅读|浏览)\s*\d+\s*次", re.I)
# What is left of a line that holds only a date: its digits, date words, weekdays, English words.
_DATE_RESIDUE = re.compile(r"[\W\d_A-Za-z年月日时分秒星期周一二三四五六七八九十〇天上下午晚早]+")
_META_LINE = re.compile(r"(来源|作者|记者|发布|发表|时间|日期|点击|浏览|编辑|字号|阅读)")
# Where one item ends and comments or the next post begin: a comments heading, a reply
# header, a post header/footer carrying a date and time.
_BARRIER = re.compile(r"^(?:(?:网友|读者|相关|最新|热门|全部|精彩)?(?:评论|留言|跟帖|回复)(?:列表|区|线索)?\s*[:：(（\d]|"
                      r"(?:网友|读者|相关|最新|热门|全部|精彩)?(?:评论|留言|跟帖)$|#?\s*re\s*[:：]|Comments?\b|我要评论|发表评论)"
                      r"|[|｜]?\s*(?:评论|留言|跟帖|回复)(?:列表|区|线索)\s*[:：]?\s*$"
                      r"|(?:已有|共有?)\s*\d+\s*[条件个篇]?\s*(?:评论|留言|回复|跟帖)|\d+\s*(?:Comments?|Responses?|Replies)\b",
                      re.I)
# A post header or footer: a date with a time, also year-less ('08-11 16:06') as reply lists
# print it, or an English one ('September 19th, 2005 at 7:32 pm').
_DATE_TIME = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?\s*\d{1,2}[:：]\d{2}"
                        r"|(?<![\d:.-])\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?![\d.-])"
                        r"|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+"
                        r"(?:19|20)\d\d(?:\s+at)?\s+\d{1,2}:\d{2}"
                        r"|\b\d{1,2}/\d{1,2}/(?:19|20)\d\d\s+\d{1,2}:\d{2}")
# Short lines that are page furniture whatever punctuation they hold: a rights line, an author
# label standing alone (its name is read by the byline rules), an audio/video player's label.
_SHORT_CHROME = re.compile(r"(?:©|\(c\)\s|Copyright\b|(?:作者|撰文|撰稿)\s*[:：]\s*\S{0,12}$|(?:音频|视频|Podcast)\s*\d{1,2}:\d{2}$)",
                           re.I)
_BARRIER_WEIGHT = -150.0
_POST_SHARE = 0.25  # the first post of a thread/blog index counts when it weighs this share of the longest
_MIN_ITEM_WEIGHT = 100.0  # prose weight (about characters) a post holds before its footer can end it
_SOURCE = re.compile(r"来源\s*[:：]\s*([^\s|｜【\[（(]{2,30})")
_SITE_SEPARATORS = re.compile(r"\s*(?:[_|｜»]|\s[-—–·]\s|--|——)\s*")


@dataclass(slots=True)
class _Block:
    text: str
    chars: int
    link_chars: int
    owner: lxml.html.HtmlElement
    index: int = 0

    @property
    def link_ratio(self) -> float:
        return self.link_chars / self.chars if self.chars else 0.0

    def weight(self) -> float:
        if self.chars < 90 and (_BARRIER.match(self.text) or _DATE_TIME.search(self.text)):
            return _BARRIER_WEIGHT
        if self.link_ratio > 0.5:
            return -0.5 * self.chars - 3
        prose = self.chars - self.link_chars
        punct = len(_PUNCT.findall(self.text))
        if punct >= 2 or prose >= 60:
            return float(prose)
        if punct == 1 or prose >= 20:
            return 0.3 * prose
        return -2.0


def _visible_len(text: str) -> int:
    return len(text) - text.count(" ")


def _blocks(root: lxml.html.HtmlElement) -> list[_Block]:
    """The page as text blocks in reading order, each with its link share and owning element."""
    blocks: list[_Block] = []
    parts: list[str] = []
    link = 0
    in_link = 0
    owners: list[lxml.html.HtmlElement] = [root]

    def flush() -> None:
        nonlocal link
        raw = "".join(parts)
        text = clean_text(raw) if not raw.isspace() else ""
        if text:
            visible = _visible_len(text)
            blocks.append(_Block(text, visible, min(link, visible), owners[-1], len(blocks)))
        parts.clear()
        link = 0

    # The walk runs once per element start and end (most of a page's extraction time): text is
    # added inline and a flush with nothing gathered is skipped before the call.
    for event, el in etree.iterwalk(root, events=("start", "end")):
        tag = el.tag
        if tag.__class__ is not str:
            tag = ""
        if event == "start":
            block = tag in _BLOCK
            if (block or tag == "br") and parts:
                flush()
            if block:
                owners.append(el)
            if tag == "a":
                in_link += 1
            text = el.text
        else:
            if tag == "a":
                in_link -= 1
            if tag in _BLOCK:
                if parts:
                    flush()
                owners.pop()
            text = el.tail
        if text:
            parts.append(text)
            if in_link:
                link += len(text.strip())
    if parts:
        flush()
    return blocks


def _kadane(weights: list[float], lo: int, hi: int) -> list[tuple[float, int, int]]:
    """Maximum-sum runs (weight, first, last) of weights[lo:hi], each ended where the sum turns non-positive."""
    runs: list[tuple[float, int, int]] = []
    best, span = 0.0, (lo, lo - 1)
    total, start = 0.0, lo
    for i in range(lo, hi):
        if total <= 0:
            if best > 0:
                runs.append((best, *span))
            best, total, start = 0.0, 0.0, i
        total += weights[i]
        if total > best:
            best, span = total, (start, i)
    if best > 0:
        runs.append((best, *span))
    return runs


def _split_at_barriers(weights: list[float], run: tuple[float, int, int]) -> list[tuple[float, int, int]]:
    """A run cut at each comment heading or dated post header that follows an item's worth of prose.

    A blog index or a forum thread is one long run of posts whose headers and footers
    (a date with a time, a comment count) weigh too little to end it; each post is its own item."""
    _, first, last = run
    cuts: list[int] = []
    prose = 0.0
    for i in range(first, last + 1):
        if weights[i] == _BARRIER_WEIGHT and prose >= _MIN_ITEM_WEIGHT:
            cuts.append(i)
            prose = 0.0
        elif weights[i] > 0:
            prose += weights[i]
    if not cuts:
        return [run]
    pieces: list[tuple[float, int, int]] = []
    for lo, hi in zip([first, *(c + 1 for c in cuts)], [*cuts, last + 1], strict=True):
        pieces.extend(_kadane(weights, lo, hi))
    return pieces


def _best_run(blocks: list[_Block]) -> list[_Block]:
    """The article: the first run of consecutive blocks that weighs at least half the heaviest.

    Runs are found by maximum-sum segments (Kadane) over block weights; comment headings and
    dated post headers weigh so little that a run rarely crosses them, and a run that does
    is cut there once it holds an item's worth of prose (:func:`_split_at_barriers`), so a
    blog page or a forum thread yields one run per post; the first post that weighs a quarter
    of the longest is the item (an index page's annotation is its first post).
    """
    weights = [block.weight() for block in blocks]
    runs = _kadane(weights, 0, len(blocks))
    if not runs:
        return []
    heaviest = max(run[0] for run in runs)
    chosen = next(run for run in runs if run[0] >= 0.5 * heaviest)
    # The posts of one run: the first that is not a mere fragment of the longest is the item.
    posts = _split_at_barriers(weights, chosen)
    longest = max(post[0] for post in posts)
    _, first, last = next(post for post in posts if post[0] >= _POST_SHARE * longest)
    return blocks[first: last + 1]


def _edge_line(block: _Block, edge: _Block, title: str) -> bool:
    """Whether `block`, next to the run's edge block `edge`, is a line of the same text: in the same container,
    no link in it, no post header or comment heading, no page furniture."""
    return block.owner.getparent() is edge.owner.getparent() and block.link_chars == 0 \
        and block.weight() != _BARRIER_WEIGHT and not _is_chrome(block, title)


def _with_edge_lines(blocks: list[_Block], run: list[_Block], title: str) -> list[_Block]:
    """The run with the short lines right above and below it that its own container holds.

    A short line without punctuation weighs less than nothing (_Block.weight), so the heaviest run starts after the
    text's first lines and ends before its last ones when they are short: a page whose text opens with a name and post
    line ('李言榮中國工程院院士四川大學校長' above the piece it signs) or closes with a speaker's 'NAME:' and a short
    answer lost them (roundups r09, r04 as HTML pages: bench/roundup_variants.py html, tune half). Lines in the same
    container as the run's first (last) paragraph, carrying no link and no furniture, are the text's."""
    if not run or title:
        return run
    first, last = run[0].index, run[-1].index
    while first > 0 and _edge_line(blocks[first - 1], blocks[first], title):
        first -= 1
    while last + 1 < len(blocks) and _edge_line(blocks[last + 1], blocks[last], title):
        last += 1
    return blocks[first: last + 1]


def _inside(node: lxml.html.HtmlElement, blocks: list[_Block]) -> list[_Block]:
    members = set(node.iter())
    return [b for b in blocks if b.owner in members]


def _is_chrome(block: _Block, title: str) -> bool:
    text = block.text
    if block.link_ratio > 0.5 and block.chars < 300:
        return True
    if EDITOR_LINE.match(text) or (len(text) < 40 and _CHROME.match(text)):
        return True
    if title and len(text) <= len(title) + 4 and text.replace(" ", "") == title.replace(" ", ""):
        return True
    if block.chars < 200 and "。" not in text and _FOOTER.search(text):
        return True
    if block.chars < 120 and _SHORT_CHROME.match(text):
        return True  # a rights line ('© 2022 RFI – 版权所有…'), an author label alone, a player's label
    if block.chars < 60 and not _DATE_RESIDUE.sub("", text) and parse_date(text) is not None:
        return True  # a line that is only a date (and a weekday, a time)
    # A byline/date line: short, labelled, and no sentence in it.
    return len(text) < 80 and bool(_META_LINE.search(text)) and parse_date(text) is not None and "。" not in text


# characters of a headline printed as a line, as of an <h1> _title takes
_MIN_HEADLINE = 4
_MAX_HEADLINE = 80
# A first line that is no headline though short and above a date line (review of h-lowfix): a label and its value
# ('会议名称：…', '编者按：…'), a subtitle ('——记…'), a photo's caption ('图为…'), an exclamation or a question
# ('…热潮涌动！'): a headline prints none of these.
_NO_HEADLINE = re.compile(r"：|^(?:——|图为|编者按)|^[\u4e00-\u9fff]{0,6}(?:名称|时间|地点|主题|日期):|[！？!?…]\W*$")


def _headline_above_date(inside: list[_Block]) -> _Block | None:
    """The headline of a page without a title, printed as a plain line at the top of the article, right above its
    date line, if there is one: the first line of the article that is no furniture, short, no sentence ('。') and no
    byline or line of names, with a date line (furniture holding a date: _is_chrome) under it.

    Review of issue 18: such a line stayed in the body of the untitled page and left that of the same story with a
    <title> (its block printing the title is furniture), so the two got other content hashes and dedup missed the
    repost. A page without a headline keeps its first paragraph: a sentence, or no date line under it."""
    for at, block in enumerate(inside[:3]):
        if _is_chrome(block, ""):
            continue  # furniture above the headline (a date line first, a print button)
        text = block.text
        if not _MIN_HEADLINE <= len(text) <= _MAX_HEADLINE or "。" in text or block.link_chars \
                or _NO_HEADLINE.search(text) or find_author(text) or names_only(text):
            return None
        below = inside[at + 1] if at + 1 < len(inside) else None
        return block if below is not None and _is_chrome(below, "") and parse_date(below.text) is not None else None
    return None


def _select_text(root: lxml.html.HtmlElement, selector: str | None) -> str | None:
    if not selector:
        return None
    found = root.cssselect(selector)
    return clean_text(found[0].text_content()) if found else None


def _meta(root: lxml.html.HtmlElement) -> dict[str, str]:
    found: dict[str, str] = {}
    for meta in root.iter("meta"):
        key = (meta.get("name") or meta.get("property") or meta.get("itemprop") or "").strip().lower()
        if key and meta.get("content") and key not in found:
            found[key] = meta.get("content", "")
    return found


def _title(root: lxml.html.HtmlElement, meta: dict[str, str], selectors: Selectors) -> str:
    chosen = _select_text(root, selectors.title)
    if chosen:
        return chosen
    page_title = clean_text(root.findtext(".//title") or "")
    for tag in ("h1", "h2", "h3"):
        for heading in root.iter(tag):
            text = clean_text(heading.text_content())
            if _MIN_HEADLINE <= len(text) <= _MAX_HEADLINE and (tag == "h1" or (page_title and text in page_title)):
                return text
    if meta.get("og:title"):
        return clean_text(meta["og:title"])
    parts = [p for p in _SITE_SEPARATORS.split(page_title) if p]
    if "»" in page_title and parts:  # a breadcrumb: 'site » section » title'
        return parts[-1]
    return parts[0] if parts else page_title


def _published(meta: dict[str, str], html: str, near: list[_Block], far: list[_Block], url: str,
               tz: ZoneInfo, page: list[_Block], published_mark: str | None = None,
               header: list[_Block] | None = None) -> PublishDate | None:
    """Meta tags and JSON-LD first; then a date near the title and byline (a labelled one first),
    which wins over one in the body's end, the footer or a related-articles list; then the URL.

    Issue 18 (the publication date near the title or byline beats body, footer and list dates): a date in a
    sentence of the body ('2019年3月5日，高新区召开…': an event's) and an unlabelled date above the title (`header`,
    a site header's 'today') count only after a labelled date at the article's end and after the URL; a list
    entry's date never counts (:func:`_listed`)."""
    marked = next((found for key in _DATE_META if key in meta and (found := parse_date(meta[key], tz))), None)
    if marked is None and (match := _JSON_LD_DATE.search(html)):
        marked = parse_date(match[1], tz)
    if marked is None and published_mark:
        marked = parse_date(published_mark, tz)
    if marked is not None:
        return _to_the_minute(marked, near, tz)
    day_first = None  # the page's own order of day and month, read only when a candidate needs it
    by_script = False
    if any(b.chars < 200 and _YEAR_LAST_HINT.search(b.text) for b in (*near, *far)):
        whole = "\n".join(b.text for b in page)
        day_first, by_script = day_first_hint(whole), script_day_first(whole)
    month_only: PublishDate | None = None  # '2004年12月 (1)': an archive list's month, the last resort
    modified = next((found for key in _MODIFIED_META if key in meta and (found := parse_date(meta[key], tz))), None)
    above_title = {b.index for b in header or ()}

    def aside(block: _Block) -> bool:  # a body sentence's date or a site header's
        return block.index in above_title or _in_sentence(block)

    def first(blocks: list[_Block], labelled: bool, keep: Callable[[_Block], bool]) -> PublishDate | None:
        nonlocal month_only
        for block in blocks:
            text = _CITED_DATE.sub(" ", block.text) if "日期" in block.text else block.text
            if block.chars < 200 and (not labelled or DATE_LABEL.search(text)) and not _listed(block) \
                    and keep(block) and (found := parse_date(text, tz, day_first, by_script)):
                if found.precision != "month":
                    return found
                month_only = month_only or found
        return None

    if found := first(near, True, lambda b: b.index not in above_title):  # a labelled date first, nearest the title first
        return found
    if modified:
        # a page marking when it was changed and printing no labelled date: an unlabelled
        # date in its text is an event's (baike.baidu.com, tune half)
        return modified
    if found := (first(near, False, lambda b: not aside(b)) or first(header or [], True, lambda b: True)
                 or first(far, True, lambda b: True)
                 or first(far, False, lambda b: not _in_sentence(b)) or date_from_url(url, tz)
                 or first(near, False, aside)):
        return found
    return month_only


def _to_the_minute(marked: PublishDate, near: list[_Block], tz: ZoneInfo) -> PublishDate:
    """A date marked up to the day only ('<meta name=publishdate content=2020-01-02>'), and the same day printed
    with its time on the page's date line near the title: the printed time completes it."""
    if marked.precision != "day":
        return marked
    for block in near:
        if block.chars < 120 and not _in_sentence(block) and not _listed(block) \
                and (found := parse_date(block.text, tz)) and found.value.date() == marked.value.date():
            return found if found.precision in ("minute", "second") else marked
    return marked


def _in_sentence(block: _Block) -> bool:
    """A block of running text (a sentence of the body), not a date or byline line."""
    return "。" in block.text or ("，" in block.text and block.chars >= 25)


# An entry of a list of other articles: a bullet, a title, its date ('· 高新区召开大会 2019-03-01').
_LIST_ENTRY = re.compile(r"^\s*[·•▪■□◆◇●○►▶>»]\s*\S")


def _listed(block: _Block) -> bool:
    """A block of a related-articles or navigation list (issue 18: a date there is another article's): mostly
    link text, or a bulleted entry."""
    return (block.link_ratio > 0.5 and block.chars > 12) or bool(_LIST_ENTRY.match(block.text))


def _published_mark(root: lxml.html.HtmlElement) -> str | None:
    """A publish date marked up in the page: itemprop=datePublished, or the first <time datetime>."""
    for element in root.iterfind('.//*[@itemprop="datePublished"]'):
        value = element.get("content") or element.get("datetime") or element.text_content()
        if value and value.strip():
            return value.strip()
    for found in root.iterfind(".//time[@datetime]"):
        # a <time> in a list, a link, a menu or a sidebar dates another article (issue 18: related-list dates)
        if not any(a.tag in _LISTING_TAGS for a in found.iterancestors()):
            return found.get("datetime")
    return None


_LISTING_TAGS = frozenset({"li", "a", "nav", "aside", "footer", "dd"})


def _title_index(blocks: list[_Block], title: str, start: int) -> int | None:
    """The block printing the page's title above the article, or among the article's first lines when the
    article's run starts with it (issue 18: the date near the title; the blocks above it are then the site's
    header and lists, not the article's date line), if any."""
    key = title.replace(" ", "")
    for i in [*range(start, min(len(blocks), start + 3)), *range(start - 1, max(-1, start - 40), -1)]:
        text = blocks[i].text.replace(" ", "")
        if key and len(text) <= len(key) + 12 and key in text:
            return i
    return None


def _user_card(blocks: list[_Block], start: int, end: int) -> str | None:
    """A user name printed alone with its card's follow button or counters right after it
    (platform columns, forums) above the article, nearest first; else one with a link to the
    author's profile after the article."""
    for i in range(start - 1, max(0, start - 25) - 1, -1):
        if USER_CARD.match(blocks[i + 1].text) and (found := user_name(blocks[i].text)):
            return found
    for i in range(end + 1, min(len(blocks) - 1, end + 25)):
        if PROFILE_CARD.match(blocks[i + 1].text) and (found := user_name(blocks[i].text)):
            return found
    return None


def _author(meta: dict[str, str], context: list[_Block], inside: list[_Block], near: list[_Block],
            title: str, blocks: list[_Block], source: str | None, json_ld_author: str = "") -> tuple[str | None, str | None]:
    """Tiers, each over the context (nearest the article first): author labels (also on a short
    line whose name is a link); reporter labels; 'NAME POST' bylines; names closing a paragraph;
    a line of names at the article's start; a reference line; a user card above the article;
    <meta name=author>; a '来源：' that is a person; a rights line naming a person; the editor
    as last resort."""
    labelled = [b for b in context if b.chars < 300 and (b.link_ratio <= 0.5 or b.chars <= 100)
                and not EDITOR_LINE.match(b.text)]
    for strength in (1, 2):
        for block in labelled:
            if found := find_author(block.text, strength=strength):
                return found, None
    context = [b for b in context if b.link_ratio <= 0.5]
    short = [b for b in context if b.chars < 300 and not EDITOR_LINE.match(b.text)]
    for block in short:
        # only a 'NAME post' byline gives both (bylines._split_byline): a name of 2-4 characters, then more
        if not _NAME_THEN_MORE.match(block.text):
            continue
        name, post = split_byline(block.text)
        if name and post:
            return name, post
    for block in inside[::-1]:
        if found := find_author(block.text[-40:], allow_user=False, strength=3):
            return found, None
    for block in context:  # a reporter signing alone with a pen name ('本报记者  佳华/报道'), as on text pages
        if block.chars <= 24 and (found := signing_line(block.text)):
            return found, None
    for block in near:
        # names the text speaks of (a name-only headline, the people interviewed) or a poem's author are none
        if block.text != title and block.link_ratio == 0 and not _CHROME.match(block.text) \
                and (found := names_only(block.text)) \
                and not _spoken_of(found, [b.text for b in blocks[max(block.index - 1, 0): block.index + 13]],
                                   min(block.index, 1), title):
            return found, None
    for block in inside[:12]:
        if block.chars < 400 and (found := citation_authors(block.text)):
            return found, None
    if inside and (found := _user_card(blocks, inside[0].index, inside[-1].index)):
        return found, None
    for name in (clean_text(meta.get("author", "")), clean_text(meta.get("article:author", "")), json_ld_author):
        names = re.split(r"[\s、,，]+", name) if name else []
        if re.fullmatch(r"[\u4e00-\u9fa5]{2,4}(?:[\s、,，][\u4e00-\u9fa5]{2,4})*", name) \
                and not any(site_name(n) for n in names):  # <meta name=author content=新华网> names a site
            return " ".join(names), None
    if found := person_source(source):
        return found, None
    for block in blocks[-12:]:
        if block.chars < 40 and (found := copyright_person(block.text)):
            return found, None
    for block in context:
        if block.chars < 100 and (found := editor(block.text)):
            return found, None
    return None, None


def _html_parser() -> lxml.html.HTMLParser:
    """lxml.html's parser with every element an HtmlElement chosen in C: lxml.html's own lookup
    calls Python for each element (a form's special classes, which extraction never uses) and took
    about a twentieth of the extraction time (cProfile on the annotated pages)."""
    parser = lxml.html.HTMLParser()
    parser.set_element_class_lookup(etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement, comment=lxml.html.HtmlComment, pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity))
    return parser


_PARSER = _html_parser()
# The start of a 'NAME post' byline in either script (any CJK ideograph: a superset of the names it takes).
_NAME_THEN_MORE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,4}\s+\S")


# A page's whitespace before its markup: a template's blank lines can run past the 4,000 characters read for markup, and
# the HTML page was read as plain text, its tags and all in the body (bad input, review of issue 18).
_LEADING_SPACE = re.compile(r"\s*")
_HTML_END = re.compile(r"</html\s*>", re.I)


def _after_html_end(html: str) -> str | None:
    """`html` as a browser reads it when text follows its ``</html>`` (each ``</html>`` taken out), else None.

    libxml2 drops all that follows ``</html>``; a browser puts it in the body. Only the fallback for a page whose
    document before ``</html>`` holds no article (a header include that is a whole document, then the article): after
    a whole article, what follows is a second article, a PHP warning or a footer, and must not join the body (review
    of h-lowfix)."""
    end = _HTML_END.search(html)
    if end is None or not html[end.end():].strip():  # nearly every page: at its end, nothing after it
        return None
    return _HTML_END.sub("", html)


def extract_article(html: str, url: str, selectors: Selectors = Selectors(), tz: ZoneInfo = SHANGHAI) -> ExtractedArticle:
    """Extract one article from decoded HTML. Raises TooShort when no usable body is found."""
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)
    lead = _LEADING_SPACE.match(html).end()  # type: ignore[union-attr]  # (it matches the empty string)
    if not _MARKUP.search(html, lead, lead + 4000):  # a text page (a forum mirror, a text layer): no markup to read
        return extract_usable_text_page(html, url, tz)
    if "\x00" in html:  # a browser ignores NUL characters; libxml2 makes each a U+FFFD, a paragraph of its own
        html = html.replace("\x00", "")
    try:
        return _extract_markup(html, url, selectors, tz)
    except TooShort:
        # the document as libxml2 reads it holds no article: read it as a browser does, text after </html> included
        if (browsers := _after_html_end(html)) is None:
            raise
        return _extract_markup(browsers, url, selectors, tz)


def _extract_markup(html: str, url: str, selectors: Selectors, tz: ZoneInfo) -> ExtractedArticle:
    """extract_article for a page of markup (decoded, NUL characters out). Raises TooShort when no usable body is found."""
    try:
        root = lxml.html.document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise TooShort(f"{url}: not an HTML page ({exc})") from None
    meta = _meta(root)
    title = _title(root, meta, selectors)
    published_mark = _published_mark(root) if "datePublished" in html or "<time" in html else None
    etree.strip_elements(root, etree.Comment, *_DROP, with_tail=False)
    blocks = _blocks(root)
    found = root.cssselect(selectors.body) if selectors.body else []
    inside = _inside(found[0], blocks) if found else _with_edge_lines(blocks, _best_run(blocks), title)
    start = inside[0].index if inside else 0
    end = inside[-1].index if inside else len(blocks) - 1
    # Where a byline or date sits: just before the body (nearest first), its first and last
    # lines, then just after it.
    context = (blocks[max(0, start - 25): start][::-1] + inside[:3] + [b for b in inside[3:-3] if b.chars < 60]
               + inside[-3:][::-1] + blocks[end + 1: end + 8])
    near = blocks[max(0, start - 3): start][::-1] + inside[:3]
    # the page's title line leaves the body (the block printing it: _is_chrome); a page without a title prints its
    # headline as a plain line above its date line, and that line leaves the body too
    headline = None if title else _headline_above_date(inside)
    texts = [b.text for b in inside if b is not headline and not _is_chrome(b, title)]
    paragraphs = clean_paragraphs(texts)
    if headline is not None and len("\n\n".join(paragraphs)) < MIN_BODY_CHARS:
        # a short notice under its first line: the line stays its text rather than the page be refused (review)
        headline = None
        texts = [b.text for b in inside if not _is_chrome(b, title)]
        paragraphs = clean_paragraphs(texts)
    body = "\n\n".join(paragraphs)
    if not paragraphs:  # no prose anywhere but furniture: a channel, list or navigation page (bad input review)
        raise TooShort(f"{url}: no article text: the page holds only links, short lines and page furniture "
                       "(a list or navigation page?)")
    _refuse_short(url, body)
    date_text = _select_text(root, selectors.date)
    # Where the publication date sits: from the title down to the article (a site header above
    # the title prints today's date), then above the title, then the article's first lines.
    title_at = _title_index(blocks, title, start)
    above = blocks[max(0, start - 25): start][::-1]
    header: list[_Block] = []
    if title_at is not None:
        header = blocks[max(0, title_at - 10): title_at][::-1]
        above = blocks[title_at: start] + header
    date_near = above + inside[:3] + [b for b in inside[3:-3] if b.chars < 60]
    date_far = inside[-3:][::-1] + blocks[end + 1: end + 8]
    published = (parse_date(date_text, tz) if date_text else None) or _published(meta, html, date_near, date_far,
                                                                                  url, tz, blocks, published_mark,
                                                                                  header)
    source = None
    for block in context:
        if (match := _SOURCE.search(block.text)) and block.chars < 200:
            source = match[1]
            break
    author_text = _select_text(root, selectors.author)
    json_ld = _JSON_LD_AUTHOR.search(html) if '"author"' in html else None
    author, post = split_byline(author_text) if author_text else _author(
        meta, context, inside, near, title, blocks, source, (json_ld[1] or json_ld[2]) if json_ld else "")
    split = split_pieces(_element_texts(blocks)) if may_have_pieces([b.text for b in blocks if b.chars <= 120]) \
        else PageSplit(None, ())
    if split.pieces:
        return _multi_piece(url, split, published, source)
    # the splitter reads the text's lines as printed: a short line printed again down the page ('区人大代表' above each
    # deputy's name) is the page's signature shape, not a repeat to drop as the body drops it (r126 as an HTML page)
    lines = [part for text in texts for part in _unrun(text)]  # block texts are cleaned already (_blocks)
    split = split_signed(lines, title, min_weak=3)
    # A roundup inside an article: the article's own title, byline and body stay as they are.
    return ExtractedArticle(url=url, title=title or (headline.text if headline else ""), body=body, published=published,
                            author=author, author_post=post, source_name=source, pieces=split.pieces)


def _element_texts(blocks: list[_Block]) -> list[str]:
    """Block texts for piece splitting: lines of one element (a byline broken by <br>) kept together."""
    texts: list[str] = []
    owner = None
    for block in blocks:
        if block.link_ratio > 0.5 or EDITOR_LINE.match(block.text):
            owner = None
            continue
        if owner is not None and block.owner is owner:
            texts[-1] += "\n" + block.text
        else:
            texts.append(block.text)
        owner = block.owner
    return texts


def _multi_piece(url: str, split: PageSplit, published: PublishDate | None, source: str | None) -> ExtractedArticle:
    body = "\n\n".join(piece.body for piece in split.pieces)
    return ExtractedArticle(url=url, title=split.banner or "", body=body, published=published,
                            source_name=source, pieces=split.pieces)


# Where a run-together line breaks: a space after a sentence's end, or a space between a Han character and a dash
# signature or an opening quotation (Chinese prose puts no space there, a lost line break does: '…”——post NAME “next
# quotation…'; kind: dash closers run together, no piece found; the tune pages run together on one line, r15, r106).
# These are the only breaks an article's body keeps (_body_paragraphs); the other cuts of _unrun (after a dash line, an
# ellipsis, a date; spaces between Han characters, around a reporter's signature) find the signatures of a page run
# together, and in one article's body would break sentences that OCR or an e-paper's text layer printed with a space
# where a line wrapped ('…坚持把科技创新 作为推动…': review).
_BODY_BREAKS = r"(?<=[。！？!?”」』])\s+(?=\S)|(?<=[\u4e00-\u9fff])\s+(?=——|[“「][\u4e00-\u9fff])"
_RUN_ON_BREAKS = (_BODY_BREAKS + r"|(?<=[\u4e00-\u9fff][—―]{2})\s+(?=[\u4e00-\u9fff])"
                  r"|(?P<ellipsis>(?<=…))\s+(?=\S)"
                  r"|(?P<date>(?<=\d[-/]\d\d)|(?<=\d[-/]\d)|(?<=\d:\d\d))\s+(?=[\u4e00-\u9fff])")
# Every break starts at a space: '(?=\s)' first fails at once everywhere else, where each arm's look-behind was tried
# (the same matches; a 200 KB line run together: 10 ms of finditer down to about 1.3).
_BODY_RUN_ON = re.compile(rf"(?=\s)(?:{_BODY_BREAKS})")
_RUN_ON = re.compile(rf"(?=\s)(?:{_RUN_ON_BREAKS})")
# A date or a time standing alone before the space (a line's dateline or time stamp: '2025-02-25 ', '发布时间:2024-11-22
# 04:18:28 ', '2005年03月15日03:48 '), not one a sentence holds ('会议于2024-05-01 上午在光谷召开', '全区约 1/2 企业'):
# a date stands alone with its year after a space, a line's start, a sentence's end or a label's colon; a time after a
# date, a label's colon or 日 ('发布会定于 10:30 在管委会举行' is a sentence: review).
_STANDALONE_DATE = re.compile(r"(?:^|(?<=[\s。！？!?”」』:：]))\d{4}[-/]\d{1,2}[-/]\d{1,2}(?:\s+\d{1,2}:\d\d(?::\d\d)?)?$"
                              r"|(?:^|(?<=[:：日]))\d{1,2}:\d\d(?::\d\d)?$")
_DATE_REACH = 24


def _run_on_parts(paragraph: str) -> list[str]:
    """`paragraph` cut where _RUN_ON finds a lost line break; an ellipsis breaks a line only outside a quotation ('“…充满
    信心…… 我们要…”' is one speaker's sentence: review), a date or a time only standing alone (see _STANDALONE_DATE)."""
    cuts = []
    for match in _RUN_ON.finditer(paragraph):
        at = match.start()
        if match.group("ellipsis") is not None and _in_quotation(paragraph, at):
            continue
        if match.group("date") is not None and not _STANDALONE_DATE.search(paragraph, max(0, at - _DATE_REACH), at):
            continue
        cuts.append(match)
    if not cuts:
        return [paragraph]
    bounds = [0, *(at for m in cuts for at in m.span()), len(paragraph)]
    return [paragraph[a:b] for a, b in zip(bounds[::2], bounds[1::2], strict=True)]


_QUOTATION_REACH = 400  # characters back to a quotation's opening mark: a quoted speech runs a paragraph at most


def _in_quotation(text: str, at: int) -> bool:
    """Whether `text[at]` sits inside a quotation opened before it on the line (an opening mark not closed since)."""
    return _within_marks(text, at, "“「", "”」", _QUOTATION_REACH)


def _within_marks(text: str, at: int, opening: str, closing: str, reach: int) -> bool:
    """Whether one of the `opening` marks stands at most `reach` characters before `text[at]` with none of the `closing`
    marks after it (looking back to the line's start would make a long line's every position cost its length)."""
    since = max(0, at - reach)
    opened = max(text.rfind(mark, since, at) for mark in opening)
    return opened >= 0 and max(text.rfind(mark, opened, at) for mark in closing) < 0


# A space between two Han characters (or after a closing bracket or colon) in a long run-together line: a lost line
# break too, where a sub-headline or a 'NAME post' line without a sentence's end ran into the next paragraph
# ('…。 黄浩明：加快落实概念 地产及建造界黄浩明提出…'). Chinese prose puts no space there; names spaced in a byline
# ('记者 刘 畅') sit inside a bracket or are short, a space before 'NAME：' is inside a signature ('全国政协委员 张三：'),
# and a line holding only a few such spaces is no page run together
# (kind: signature lines inside a run-together line, no piece found; tune pages run together, bench/roundup_variants.py).
_HAN_GAP = re.compile(r"(?<=[\u4e00-\u9fff：:」』）)])[ \t\u3000]+(?=[\u4e00-\u9fff【（(“「●■])")
_NAME_COLON = re.compile(r"[\u4e00-\u9fff·]{2,4}[:：]")
_POST_BEFORE_GAP = re.compile(f"(?:{SIGNATURE_POST_END.pattern})$")
_MIN_HAN_GAPS = 3
_ANY_SPACE = re.compile(r"\s")
_MIN_SEGMENT = 5


# A forum's anti-copy 'jammer': runs of one- or two-character ASCII tokens, most of them with a symbol, set between a
# post's sentences or at their ends by the board software ('…开门红。(梁富盈): J: H1 P( i+ p/ g2 p& M( Y8 }2 B'; a line of it
# alone: '4 G\' t( J; R7 M* C% s'): no text of the page. Kind: a signature read only when nothing follows it, so not behind
# the junk (datecheck twentieth batch, tsrchy.com, tune half).
_JAMMER = re.compile(r"(?:^|(?<=\S))\s*(?:[!-~]{1,2}\s+){4,}[!-~]{1,2}\s*$")
# The symbols a jammer mixes into its tokens and text never sets between short tokens ('}9', 'K$', "G'", 't(', 'J;'):
# '+-%.:&' alone stand in a text's own short tokens ('5G 4K 3D AI & VR', '9 : 00 - 17 : 00', '5% 6% 7%', 'A+ A A- B+',
# 'A. B. C.', 'x + y = z - 1'), so they never make a jammer (review of round seven).
_JAMMER_SYMBOL = re.compile(r"[^0-9A-Za-z+\-%.:&]")
# A token that is no word and no number: a letter or digit mixed with a symbol ('p&', '}2'), or a letter with a digit ('F6').
_JAMMER_TOKEN = re.compile(r"(?=.*[0-9A-Za-z])(?=.*[^0-9A-Za-z])|[A-Za-z]\d|\d[A-Za-z]")


def _unjammed(paragraph: str) -> str:
    """`paragraph` without a trailing run of jammer tokens (the whole of it when it is one): at least half its tokens
    mix a letter or digit with a symbol or with each other, and some hold a symbol only jammers use."""
    if not paragraph or paragraph[-1] > "~" or " " not in paragraph[-12:]:  # most lines end in Han text or a word
        return paragraph
    offset = max(0, len(paragraph) - 80)  # a jammer's run is short: read the line's end only
    match = _JAMMER.search(paragraph, offset)
    tokens = match[0].split() if match else []
    mixed = sum(bool(_JAMMER_TOKEN.match(token)) for token in tokens)
    if not match or 2 * mixed < len(tokens) or not any(_JAMMER_SYMBOL.search(token) for token in tokens):
        return paragraph
    closing = match[0].lstrip()[:1] if match[0].lstrip()[:1] in ")）" else ""  # '(梁富盈): J:': the bracket is the text's
    return paragraph[: match.start()].rstrip() + closing


def _unrun(paragraph: str) -> list[str]:
    """A forum mirror's paragraphs run together on one line, kept apart by a space after a
    sentence's end: each on its own again (a long line only; a short one is a byline or a title)."""
    if len(paragraph) <= 120 or not _ANY_SPACE.search(paragraph):  # every cut below is at a space
        return [paragraph]
    parts = _run_on_parts(paragraph)
    parts = [piece for part in parts for piece in _cut_reporters(part)]
    # the words around each space are read folded: the line is folded once for all of them (an OpenCC call per space
    # cost a run-together page more than all the folding: review), and each part's folding is a slice of it
    simple = _folded_line(paragraph) if _HAN_GAP.search(paragraph) else None
    gaps = [m for m in _HAN_GAP.finditer(paragraph) if _breaks(paragraph, simple, m)]
    bounds = [0, *(at for m in gaps for at in m.span()), len(paragraph)]
    sizes = [b - a for a, b in zip(bounds[::2], bounds[1::2], strict=True)]  # the text between two gaps
    folded = _folded_parts(paragraph, simple, parts)
    if sum(before >= _MIN_SEGMENT and after >= _MIN_SEGMENT for before, after in zip(sizes, sizes[1:], strict=False)) \
            < _MIN_HAN_GAPS:  # spaced names ('本报记者 李天平 通讯员 陈慧玲'): short segments, no page run together
        return [piece for part, fold in zip(parts, folded, strict=True) for piece in _cut_head(part, fold)]
    return [piece for part, fold in zip(parts, folded, strict=True)
            for piece in ([part] if _REPORTER_SIGNATURE.fullmatch(part) else _split_gaps(part, fold))]


# A reporter's signature line run into the text around it ('…就满足了。本报记者 邵宁 一个点子 今年在…'): after a sentence's
# end or at the part's start, the role, the names each followed by a space, maybe '摄影报道' (matched on the simplified text).
_REPORTER_RUN = re.compile(r"(?:^|(?<=[。！？!?…”」\s]))\s*((?:本报|本台|本刊|本网|特派|首席|特约)+(?:记者|通讯员)"
                           r"(?:\s*[\u4e00-\u9fa5]{2,3}(?=\s))+(?:\s*(?:摄影报道|报道|摄影|摄)(?=\s))?"
                           # a photo credit after a caption: any outlet's reporter, the name, '摄' ('东北网记者 魏义松 摄': r55)
                           r"|(?<=[。！？!?…”」])[\u4e00-\u9fa5]{1,8}?记者\s*[\u4e00-\u9fa5]{2,3}\s*(?:摄影|摄)(?=\s))\s+(?=\S)")


# A reporter's signature cut out by _cut_reporters: its spaces part names, not lines.
_REPORTER_SIGNATURE = re.compile(r"(?:本[报報]|本台|本刊|本[网網]|特派|首席|特约|特約)+(?:[记記]者|通[讯訊][员員])"
                                 r"(?:\s+[\u4e00-\u9fa5]{2,3})+(?:\s*(?:摄影报道|攝影報道|报道|報道|摄影|攝影|摄|攝))?")


def _cut_reporters(part: str) -> list[str]:
    """A part of a run-together line cut around each reporter's signature it holds: a closing signature line lost its
    breaks on both sides (kind: pieces closed by '本报记者 NAME' lines run together: no piece found; r03, tune half)."""
    simple = to_simplified(part, force=True) if looks_traditional(part) else part
    if len(simple) != len(part) or "记者" not in simple and "通讯员" not in simple:
        return [part]
    bounds = [0]
    for match in _REPORTER_RUN.finditer(simple):
        bounds += [match.start(1), match.end(1)]
    bounds.append(len(part))
    return [piece for a, b in zip(bounds, bounds[1:], strict=False) if (piece := part[a:b].strip())]


# The words a run-together line opens with, before its first sentence mark: a heading or a signature line run onto
# the text it heads ('李言榮中國工程院院士四川大學校長 愛因斯坦曾經說過,…', '■建言献策 霍建国: 建议…').
_HEAD_WORDS = re.compile(r"[^，,。！？!?；;：:“”「」（）()]{1,60}")
_MIN_HEAD = 4


def _cut_head(part: str, simple: str | None) -> list[str]:
    """A part of a run-together line cut at the last space between Han characters in the words before its first
    sentence mark: a sentence holds no such space, so the words before it are a line of their own that lost its break,
    a heading or a 'name post' line above the text (kind: the signature lines of a page run together, read as the
    first words of the paragraph under them: no piece found; r09, r04 run together, tune half). `simple`: `part` folded
    (:func:`_folded_parts`)."""
    head = _HEAD_WORDS.match(part)
    if not head or head.end() == len(part):
        return [part]
    gaps = [m for m in _HAN_GAP.finditer(part, 0, head.end()) if m.start() >= _MIN_HEAD and _breaks(part, simple, m)
            and _signature_gap(part, simple, m)]
    if not gaps:
        return [part]
    at = gaps[-1]
    return [part[: at.start()].strip(), part[at.end():].strip()]


def _folded_line(text: str) -> str | None:
    """`text` folded to simplified script once for every space read on it (:func:`_breaks`, :func:`_signature_gap`),
    or None when folding changes its length (positions would not map back: each window is then folded alone)."""
    simple = to_simplified(text, force=True)
    return simple if len(simple) == len(text) else None


def _folded_parts(line: str, simple: str | None, parts: list[str]) -> list[str | None]:
    """Each of `parts` (the pieces of `line` in order, cut at spaces) folded: its slice of `simple`, `line` folded, or
    None when there is none. A part is found from where the one before it ended; only spaces lie between them."""
    if simple is None:
        return [None] * len(parts)
    folded: list[str | None] = []
    at = 0
    for part in parts:
        at = line.find(part, at)
        folded.append(simple[at: at + len(part)] if at >= 0 else None)
        at = at + len(part) if at >= 0 else 0
    return folded


def _window(text: str, simple: str | None, start: int, end: int) -> str:
    """`text[start:end]` (`start` clipped at 0) in simplified script: a slice of the line folded once, `simple`, when
    there is one."""
    start = max(0, start)
    return simple[start:end] if simple is not None else to_simplified(text[start:end], force=True)


def _breaks(text: str, simple: str | None, gap: re.Match[str]) -> bool:
    """Whether a space between Han characters is a lost line break: not inside a bracket, nor between a post and the
    name it introduces, signing ('全国政协委员 张三：') or opening a sentence ('全国人大代表 孙飘扬表示,…': r33, tune half,
    a page run together lost that speaker). `simple`: `text` folded (:func:`_folded_line`)."""
    if _in_bracket(text, gap.start()):
        return False
    before = _window(text, simple, gap.start() - 12, gap.start())
    return not (_POST_BEFORE_GAP.search(before)
                and name_at(_window(text, simple, gap.end(), gap.end() + 6), 0) is not None)


def _signature_gap(text: str, simple: str | None, gap: re.Match[str]) -> bool:
    """Whether a space in a line's first words parts a signature from the text: a 'name post' line ended by its post
    before the text it signs ('…四川大學校長 愛因斯坦曾經說過'), or a speaker's 'NAME：' after a heading ('■建言献策 霍建国:').
    A post followed by a name is one sentence ('全国人大代表 孙飘扬表示,…': r33), and a dateline before the text
    ('香港文匯報訊 據…報道,') is no signature (r57)."""
    after = _window(text, simple, gap.end(), gap.end() + 6)
    if (colon := _NAME_COLON.match(after)) and name_at(after, 0, until_end=False) == (0, colon.end() - 1):
        return True
    before = _window(text, simple, gap.start() - 12, gap.start())
    return bool(_POST_BEFORE_GAP.search(before)) and name_at(after, 0) is None and not _GOES_ON.match(after)


# Words that carry a sentence on after its subject: a post before them is the sentence's subject ('东湖高新区管委会主任
# 在会上介绍，…'), not a signature line above the text (review).
_GOES_ON = re.compile("在|对|于|向|从|为|与|和|就|将|要|已|也|还|则|又|都|是|表示|介绍|说|指出|强调|认为|提出|称|告诉|谈")


_BRACKET_REACH = 80  # characters back to a bracket's opening: a bracketed signature is short (_SIGNED_BRACKET: 30)


def _in_bracket(text: str, at: int) -> bool:
    """Whether `text[at]` sits inside an open round bracket ('（经济日报记者 刘 畅）') opened at most `_BRACKET_REACH`
    characters before it."""
    return _within_marks(text, at, "（(", "）)", _BRACKET_REACH)


def _split_gaps(part: str, simple: str | None) -> list[str]:
    cuts = [m.end() for m in _HAN_GAP.finditer(part) if _breaks(part, simple, m)]
    bounds = [0, *cuts, len(part)]
    return [piece for a, b in zip(bounds, bounds[1:], strict=False) if (piece := part[a:b].strip())]


_REPORTER_LINE = re.compile(r"(?:记者|記者|通讯员|通訊員)")
# A bracket holding a signature, maybe with more text after it on the line: '(王宇平 劉喜攝影報道) 通聯:…'.
_SIGNED_BRACKET = re.compile(r"[（(]([^（()）]{4,30})[)）]")
# Names alone in a bracket closing a line: '（卫琦）', '(戴文昕 李青)'.
_NAMES_BRACKET = re.compile(r"[（(]\s*([\u4e00-\u9fa5]{2,4}(?:[\s、，,]+[\u4e00-\u9fa5]{2,4}){0,3})\s*[)）]\s*$")
# Names closed by a bracket whose opening is lost: '刘永欢、蒋鹏)'.
_UNOPENED_NAMES = re.compile(r"^\s*([\u4e00-\u9fa5]{2,4}(?:[\s、，,]+[\u4e00-\u9fa5]{2,4}){0,3})\s*[)）]\s*$")
_CLOSING_BRACKET = re.compile(r"[（(][^（()）]{4,40}[)）]\s*$")


# A related-articles list's heading: the text has ended above it, and the list's dates are other articles'.
_RELATED = re.compile(r"^[【\[]?(?:相关新闻|相关阅读|相关文章|相关链接|相关报道|相关信息|推荐阅读|延伸阅读|热点推荐|精彩推荐|"
                      r"最新新闻|最新文章|猜你喜欢|更多新闻|相關新聞|相關閱讀|相關文章|相關信息)[】\]]?\s*[:：>]*$")


def _text_end(paragraphs: list[str]) -> list[str]:
    """The lines of a text page up to its related-articles list, when one follows the text (a heading below its first
    paragraph of prose); all of them otherwise. Kind: a signature closing the text above a list of more than five lines
    never read, and the list's dates taken for the page's (datecheck twentieth batch, gyxww.net, tune half). A sidebar's
    heading above the text ('推荐阅读' over the title and the date line) ends nothing (review of round seven)."""
    first = _first_prose(paragraphs)
    for at in range(len(paragraphs) - 1, first, -1):
        if len(paragraphs[at]) <= 12 and _RELATED.match(paragraphs[at].strip()):
            return paragraphs[:at]
    return paragraphs


def _is_prose(line: str) -> bool:
    """A paragraph of the text's prose, not a title, a menu or a date line: a sentence, or a long line with commas."""
    return (len(line) >= 20 and _SENTENCE_END.search(line) is not None) or (len(line) >= 50 and _PROSE.search(line) is not None)


def _first_prose(lines: list[str]) -> int:
    """The index of the first paragraph of prose in `lines` (their count when none is)."""
    return next((at for at, line in enumerate(lines) if _is_prose(line)), len(lines))


def _writer_line(paragraphs: list[str]) -> tuple[str | None, str | None]:
    """The general fallback when no rule names a writer: a short line of names only (:func:`writer_line`, maybe after
    a role word) where a writer signs a text page, above its first paragraph of prose, on the three lines under it,
    or among its last three lines. Kind: most tune-half misses as the batches arrived were such a line, each shape
    then fixed by a rule of its own that no later batch needed (datecheck batches four to twenty-two). Returns
    (author, the line)."""
    first = _first_prose(paragraphs[:30])
    if first == len(paragraphs[:30]):
        return None, None  # no prose: a list or a menu, whose names are not its writers
    # under the lead paragraph only a line with a role word or a credit signs it: bare names there, with the text
    # going on below them, are people it speaks of ('张伟、李红' between two paragraphs: third round's guard); at the
    # end, only lines below the last sentence close the text
    last = max(at for at, line in enumerate(paragraphs) if _is_prose(line) or _SENTENCE_END.search(line))
    # at the end too only a credited line signs: bare names closing a page are a list (winners, contacts, leaders
    # signing a notice, editors after '（完）': review)
    places = [*range(first), *(at for at in [*range(first + 1, min(first + 4, len(paragraphs))),
                                             *range(max(len(paragraphs) - 3, last + 1), len(paragraphs))]
                               if _CREDITED.search(paragraphs[at]))]
    for at in dict.fromkeys(places):
        if len(paragraphs[at]) <= 30 and (found := writer_line(paragraphs[at])) and not _spoken_of(found, paragraphs, at):
            return found, paragraphs[at]
    return None, None


_CREDITED = re.compile(rf"{REPORTER_WORDS}|作者|撰文|文\s*[/／:：|｜丨]")


# What makes a line of names a credit rather than bare names: a role word or a writer's label.
_CREDIT_WORD = re.compile(rf"{REPORTER_WORDS}|{WRITER_LABELS}|报道|報道|[文图圖]\s*[/／:：|｜丨]|By\b|by\b")
# Where a page credits its people in its text: a role word or a field's label and what follows it ('（记者 张三）',
# '摄影：刘祺'), a bracket ('(卫琦)'), the names before a caption's credit ending a line ('图为签约现场。刘祺 摄'), a
# signature after a dash opening a line ('——李娜 写于青龙山下'). Kind: a writer's bare name line under the title lost,
# its name read in a picture's credit or the signature below as the text speaking of it (review of round nine).
_CREDIT_SPAN = re.compile(rf"(?:{REPORTER_WORDS}|{WRITER_LABELS}|[文图圖摄攝]\s*[/／:：]"
                          r"|(?:摄影|攝影|摄像|攝像|图片|圖片|视频|視頻|供图|供圖|编辑|編輯)\s*[/／:：|｜])[^，。,；;\n]{0,16}"
                          r"|[（(][^（()）]{1,30}[)）]"
                          r"|[\u4e00-\u9fa5]{2,4}[ \u3000]*(?:摄影?|攝影?|供图|供圖)(?=\s*[)）]?\s*$)"
                          r"|^\s*(?:——|—|--)\s*[^，。,；;\n]{0,16}", re.M)
# A clause of verse: four to seven Han characters, then a mark ('床前明月光，', '疑是地上霜。').
_VERSE_CLAUSE = re.compile(r"([\u4e00-\u9fa5]{4,7})[，,。！？!?；;、]")
_VERSE_LINES = 4  # a quatrain's: one paragraph of two clauses of one length is a couplet of prose ('春风送暖，万象更新。')


def _verse_clauses(line: str) -> list[str]:
    """The clauses of a paragraph that is nothing but clauses of verse (four to seven characters each), else none."""
    clauses = _VERSE_CLAUSE.findall(line.strip())
    return clauses if sum(len(c) + 1 for c in clauses) == len(line.strip()) else []


def _verse_follows(paragraphs: list[str], at: int) -> bool:
    """Whether verse follows line ``at``: the paragraphs under it hold at least a quatrain's lines, all of one length,
    and nothing else (kind: one paragraph of two equal clauses, '春风送暖，万象更新。', taken for verse: review of round
    nine)."""
    clauses: list[str] = []
    for line in paragraphs[at + 1: at + 9]:
        if not (found := _verse_clauses(line)):
            break
        clauses += found
    return len(clauses) >= _VERSE_LINES and len({len(c) for c in clauses}) == 1


# A poem's own title above its author's name: a short heading, no date, no label, no sentence ('静夜思', '七绝·秋思').
_POEM_TITLE = re.compile(r"^[^\d:：。！？，,]{2,16}$")


def _quoted_poem(paragraphs: list[str], at: int, title: str | None) -> bool:
    """Whether the names on line ``at`` sign a poem the page quotes: its own title above them (not the page's title, nor
    its date line: a poet's own poem page is the poet's writing) and verse under them."""
    above = paragraphs[at - 1].strip() if at >= 1 else ""
    page_title = (title if title is not None else paragraphs[0]).strip()
    return at >= 2 - (title is not None) and bool(_POEM_TITLE.match(above)) and above != page_title \
        and _verse_follows(paragraphs, at)


# A mark or a word right before a name that sets it off as a whole name: a preposition or a conjunction ('对马云说').
_BEFORE_NAME = frozenset("对向和与同跟给让把被叫是由请及、")
_POST_BEFORE = re.compile(rf"(?:{SIGNATURE_POST_END.pattern})$")
_HAN = re.compile(r"[\u4e00-\u9fa5]")


def _named_in(name: str, text: str) -> bool:
    """Whether ``name`` stands in ``text`` as a whole name, not as the end of a longer word ('高峰' in '出行高峰'): three
    characters and more, or two set off before by a mark, a preposition or a post ('校长张桂梅')."""
    for match in re.finditer(re.escape(name), text):
        before = text[max(match.start() - 8, 0): match.start()]
        if len(name) >= 3 or not before or not _HAN.match(before[-1]) or before[-1] in _BEFORE_NAME \
                or _POST_BEFORE.search(before):
            return True
    return False


def _bare(line: str, names: str) -> bool:
    """Whether ``line`` holds nothing but ``names`` and the marks between them: no label ('楼主：', '发布者：'), no role
    word, no date."""
    rest = re.sub(r"\s", "", line)
    for name in names.split(" "):
        rest = rest.replace(name.replace("\u3000", ""), "", 1)
    return not re.sub(r"[、，,;；·□■●◆◎]", "", rest)


def _spoken_of(names: str, paragraphs: list[str], at: int, title: str | None = None) -> bool:
    """Whether the names on line ``at`` are whom the text is about, not its writers. Only a bare line of names is asked
    (:func:`_bare`): a label or a role word there credits a writer, whatever the text says of him ('楼主：李娜' over a
    post she signs). The names are spoken of when they come back in the text under them as whole names (outside a
    credit: '（记者 张三）', '刘祺 摄' and '——李娜' are the writer's own), or when they sign a poem the page quotes
    (:func:`_quoted_poem`; ``title`` the page's, the first line when None). Kind: a name-only headline ('张桂梅' over her
    profile), the people interviewed listed above the text ('任正非 马云'), a poem's author line (review of round eight:
    each taken for the page's writer); a forum's author field, a writer's name under the title lost (review of round
    nine)."""
    if not _bare(paragraphs[at], names):
        return False
    if _quoted_poem(paragraphs, at, title):
        return True
    below = _CREDIT_SPAN.sub("\n", "\n".join(paragraphs[at + 1: at + 12]))
    return any(_named_in(name.replace("\u3000", ""), below) for name in names.split(" ") if len(name) >= 2)


def _closing_reporter(paragraphs: list[str], editors: set[str]) -> tuple[str | None, str | None]:
    """A text page's reporter signing at its end, on a line of its own ('本报记者 李倩' above the
    page's footer links): the author when none is named above the text (datecheck, qlwb.com.cn,
    tune half). Returns (author, the line)."""
    for line in _text_end(paragraphs)[::-1][:5]:
        if len(line) <= 24 and _REPORTER_LINE.search(line):
            name, _ = split_byline(line)
            if name and _REPORTER_LINE.search(line.split(name.split(" ")[0])[0]):
                return name, line
            if found := signing_line(line):  # a pen name ('本报记者  佳华/报道')
                return found, line
        elif len(line) <= 30 and (found := signed_names(line)):  # names and what they did ('张三 李四 摄影报道')
            return found, line
        elif len(line) <= 20 and (found := office_signature(line)):  # an office, then its writer ('宣传科 韩 娇')
            return found, line
        # an author's label closing the page on a line of its own ('文字:杨春明' above '摄像:陈伟良': datecheck fifteenth
        # batch, 527zhanggui.com, tune half)
        elif len(line) <= 24 and _AUTHOR_LINE.match(line) and (found := split_byline(line)[0]):
            return found, line
        # a bracket closing the last paragraph that names the writers by role: '…（记者 张辉、通讯员 杨霖潇）'
        # (datecheck, big5.www.gov.cn, tune half)
        elif (bracket := _CLOSING_BRACKET.search(line)) and _REPORTER_LINE.search(bracket[0]):
            name, _ = split_byline(bracket[0])
            if name:
                return name, None
        # names in a bracket with what they did, other credits after it ('(王宇平 劉喜攝影報道) 通聯:縣人武部政工科'): kind: a
        # signature read only when nothing follows it (datecheck seventeenth batch, 1miao.net.cn, tune half)
        elif (bracket := _SIGNED_BRACKET.search(line)) and (found := signed_names(bracket[1])):
            return found, None
        # a bracket of names alone closing the text's last paragraph ('…有关情况。(卫琦)', '(戴文昕 李青)'): its writers
        # sign there, with no role word (kind: a closing signature found only while a short page's end fell within the
        # head's lines; datecheck eleventh and seventeenth batches, slqncy.com, sxxycmw.com, tune half)
        elif (bracket := _NAMES_BRACKET.search(line)) and (found := people_only(bracket[1])):
            return found, None
        # ... its opening bracket lost ('…发挥着重要作用。刘永欢、蒋鹏)': datecheck nineteenth batch, hengyang.gov.cn, tune
        # half): names alone after the last sentence, closed by a bracket
        elif (tail := _AFTER_LAST_SENTENCE.search(line)) and (names := _UNOPENED_NAMES.match(tail[1])) \
                and (found := people_only(names[1])):
            return found, None
        # a signature after the paragraph's last sentence, its bracket unclosed or none at all ('…建设好昆明。(记者吴洁报道',
        # '…。记者 吴洁 报道': datecheck ninth batch, meihao618.com, tune half)
        elif (tail := _AFTER_LAST_SENTENCE.search(line)) and _REPORTER_LINE.search(tail[1]):
            name, _ = split_byline(tail[1])
            if name:
                return name, None
        # a credit for the text (and pictures) after the paragraph's last sentence ('…早春曲。文/图 王培珂': datecheck
        # sixteenth batch, xihaiannews.com, tune half)
        elif (tail := _AFTER_LAST_SENTENCE.search(line)) and (credit := _TAIL_CREDIT.match(tail[1].strip())) \
                and (found := people_only(credit[1])):
            return found, None
        # the general credit reader (:func:`credited_writers`) on the brackets closing the text, or on a short line of
        # its own: roles, labels and names however many, an editor's or a photographer's part dropped
        elif found := _closing_credit(line, editors):
            return found, None
    return None, None


# The brackets after a paragraph's last sentence (or making up a line): '…稳定。(門主峰 呂朋剛) (作者:柴晶晶)'.
_TAIL_BRACKETS = re.compile(r"(?:^|[。！？])\s*((?:[（(][^（()）]{2,40}[)）]\s*)+)$")
# A contact's marks: a word for a phone or for getting in touch, a phone number ('（经发局 陈海燕 电话：0579-85123456）').
_CONTACT = re.compile(r"联系|聯系|聯繫|电话|電話|手机|手機|传真|傳真|邮箱|郵箱|\d{3,4}-\d{7,8}|(?<!\d)1[3-9]\d{9}(?!\d)")


def _closing_credit(line: str, editors: set[str]) -> str | None:
    """The writers a credit closing the text names (:func:`credited_writers`): in the brackets after its last sentence,
    or on a short line of its own with a role word or a writer's label; a name the page labels as its editor is none
    ('(作者:柴晶晶)' where '編輯:柴晶晶' heads the page). A contact's phone or a word for getting in touch there makes an
    office's names, or a name in the contact's own bracket, one to call, no writer, unless a writer's role or label
    credits it ('（经发局 陈海燕）（电话：0579-85123456）': review of round eleven)."""
    if (brackets := _TAIL_BRACKETS.search(line)) is not None:
        tail = brackets[1]
        candidates = re.findall(r"[（(]([^（()）]{2,40})[)）]", tail)  # a picture's credit names none ('（王明 供图）')
    elif len(line) <= 30 and _CREDIT_WORD.search(line) and not _SENTENCE_END.search(line):
        tail = line
        candidates = [line]
    elif not _CAPTION_END.search(line) and (after := _AFTER_LAST_SENTENCE.search(line)):
        # what follows the last sentence, its brackets lost or unclosed ('…昆明。(记者吴洁报道', '…作用。刘永欢、蒋鹏)'), or
        # other credits after the signature ('…(王宇平 劉喜攝影報道) 通聯:縣人武部政工科'): each bracketed part; a
        # photo's caption is none ('…千龍網記者 劉陽(yáng)攝': a mirror's reading in brackets inside a name)
        tail = after[1]
        candidates = [part for part in re.split(r"[（()）]", tail) if part.strip()]
    else:
        return None
    if _CONTACT.search(tail):
        # a hotline in a bracket of its own leaves a bare credit before it the text's ('（李晓东）（监督电话：12345）': second
        # review of round eleven); a bracket holding the contact itself, or an office before its names, names one to call
        candidates = [candidate for candidate in candidates if _CREDIT_WORD.search(candidate)
                      or not (_CONTACT.search(candidate) or opens_with_office(candidate))]
    for candidate in candidates:
        found = credited_writers(candidate)
        names = [name for name in (found or "").split(" ") if name and name not in editors]
        if names:
            return " ".join(names)
    return None


def _head_credit(line: str) -> str | None:
    """The writers a credit in a text page's head names (:func:`credited_writers`): a short line with a role word or a
    writer's label ('□ 记者 咸明', '每經記者|肖純 每經編輯|楊歡'), or a dateline's bracket, which credits writers by its
    place, with a role word or none ('本報訊(記者劉瑞鳳通訊員趙菠)', '本报讯 (王文 肖兆力)')."""
    if len(line) <= 30 and not _SENTENCE_END.search(line):
        return credited_writers(line) if _CREDIT_WORD.search(line) else None
    return credited_writers(bracket[1]) if (bracket := _DATELINE_CREDIT.search(line)) else None


def _fuller_credit(author: str, below: list[str]) -> str:
    """A bare line of names over the text (a site's author field) whose names a dateline's credit just under it repeats
    with more writers ('姜永涛' over '广州日报讯(全媒体记者姜永涛 通讯员钟工信)'): the credit's writers (datecheck
    twenty-third batch, gzdaily.dayoo.com, tune half)."""
    for line in below:
        if (bracket := _DATELINE_CREDIT.search(line[:60])) and (credited := credited_writers(bracket[1])) \
                and set(author.split()) < set(credited.split()):
            return credited
    return author


# A dateline's bracket: '本报讯(记者 NAME)', '…电（记者 NAME）'.
_DATELINE_CREDIT = re.compile(r"(?:电|電|讯|訊)\s*[（(]([^（()）]{2,40})[)）]")
# The last character of an office written in an author field ('驻郑办', '宣传部'): no person's name ends so.
_OFFICE_FINAL = frozenset("办局委厅处部")


def _not_a_writer(author: str, editors: set[str], paragraphs: list[str]) -> bool:
    """An author field that names no writer: an office ('作者:驻郑办'), or only the page's own editors when a credit closing
    the text names other writers ('作者:柴晶晶' = '編輯:柴晶晶' over '(門主峰 呂朋剛)'); with no such credit the field's
    name is the writer's, who edited the page as well (kind: '作者：李明' dropped for '编辑：李明' under a county page's
    text, no other credit: review of round nine)."""
    names = author.split(" ")
    if all(to_simplified(name[-1:], force=True) in _OFFICE_FINAL for name in names):
        return True
    if not all(n in editors for n in names):
        return False
    closing, _ = _closing_reporter(paragraphs, editors)
    return bool(closing and set(closing.split(" ")) - set(names))


_EDITOR_NAMED = re.compile(r"(?:责任编辑|責任編輯|编辑|編輯|责编|責編)\s*[:：]\s*([\u4e00-\u9fa5]{2,4})")


def _editors(paragraphs: list[str]) -> set[str]:
    """The names a page labels as its editors ('編輯:柴晶晶')."""
    return {match[1] for line in paragraphs for match in _EDITOR_NAMED.finditer(line)}


# A credit for the text, maybe with the pictures, then the names: '文/图 王培珂', '作者：李四'.
_TAIL_CREDIT = re.compile(r"^(?:文\s*[/／]\s*图|图\s*[/／]\s*文|文字|文|作者|撰文)\s*[/／:：|｜丨]?\s*(\S.{1,20})$")
# A line that starts with an author's label ('作者：', '文字:', '文/').
_AUTHOR_LINE = re.compile(r"^(?:作者|撰文|撰稿|文字|文)\s*[:：/／|｜丨]")
# What follows a paragraph's last sentence, when it is short: a signature, if anything.
_AFTER_LAST_SENTENCE = re.compile(r"[。！？]\s*([^。！？]{4,30})$")


# A paragraph of prose: the text has started, and a line of names after it is no byline.
_PROSE = re.compile(r"[。！？；，,]")
_SENTENCE_END = re.compile(r"[。！？]")


_DATE_LINE = re.compile(r"\b(?:19|20)\d{2}\b|\d{1,2}:\d{2}|\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d")


def _at_byline_place(paragraphs: list[str], at: int) -> bool:
    """Line ``at`` is where a byline sits: among the first lines under the title, or beside a line with a date."""
    return at < 3 or any(_DATE_LINE.search(paragraphs[n]) for n in (at - 1, at + 1) if 0 <= n < len(paragraphs))


def _head_names(paragraphs: list[str]) -> tuple[str | None, str | None]:
    """A line of names alone in a text page's head, above its first paragraph of prose (a journal article's
    author line under its title, past a site's menu: '閆軍印,侯孟陽', '陈伟东、孔娜娜、张大维、舒小虎', '刘祺';
    datecheck seventh batch, tune half). Returns (author, the line)."""
    for at, line in enumerate(paragraphs[:30]):
        # ... or romanised, on an English-language page: one name alone under the title ('Li Qian'), a list of them
        # after a separator ('• Ma Yujie,Li Qianwei', commas and all); kind: no writer read on English pages with no
        # 'By' (datecheck seventeenth and eighteenth batches, shine.cn, today.line.me, tune half). Only where a byline
        # sits: right under the title or next to the date line; further down a name alone is a tag or a caption
        # ('Xi Jinping' in a page's topic list: review)
        if len(line) <= 120 and _at_byline_place(paragraphs, at) and (found := pinyin_names(line)):
            return found, line
        if (len(line) >= 20 and _SENTENCE_END.search(line)) or (len(line) >= 50 and _PROSE.search(line)):
            break
        if len(line) <= 40 and (found := names_only(line)) and not _spoken_of(found, paragraphs, at):
            return found, line
    return None, None


def _prose_byline(line: str) -> tuple[str | None, str | None]:
    """The byline a paragraph of prose carries: in its first sentence (a dateline: '本报讯（记者 张婷）昨日…') or in the
    bracket closing it; a reporter only mentioned further on ('…、闽东日报记者刘岩生,将新闻标题…') writes nothing here
    (datecheck fourteenth batch, ndwww.cn, tune half); the bracket after a dateline ('…電（記者 盧哲）') anywhere."""
    first = _SENTENCE_END.search(line)
    author, post = split_byline(line[: first.end()] if first else line)
    # a dateline's bracket after photo captions ('…（中評社 盧哲攝） 中評社香港2月26日電（記者 盧哲）…')
    for part in (_DATELINE_BRACKET.search(line), _CLOSING_BRACKET.search(line), _AFTER_LAST_SENTENCE.search(line)):
        if author is None and part:
            author, post = split_byline(part[0])
    return author, post


_DATELINE_BRACKET = re.compile(r"(?:电|電|讯|訊|消息)\s*[（(][^（()）]{2,40}[)）]")
# A photo's caption (it may stand above the text, a sentence or two like prose): it ends with the photographer's credit.
_CAPTION_END = re.compile(r"(?:摄|攝|供图|供圖|摄影|攝影)\s*[)）]?\s*$|\[Photo[^\]]*\]\s*$")


def _head(paragraphs: list[str]) -> list[str]:
    """A text page's head, where its own byline sits: the lines above its first paragraph of prose and that paragraph
    (its dateline), however many lines of menus, calendars or captions come first; a caption is no paragraph of the
    text. Kind: a byline missed below a fixed count of lines (a calendar's rows above an e-paper's '本报讯（记者 NAME）';
    datecheck seventeenth batch, tongliaowang.com, tune half), and a closing photo credit read as the head's byline on a
    short page ('图/王锐' under the text, its writer signing '文/沈平' below: zhishi5.com, tune half)."""
    captions: list[str] = []
    for index, line in enumerate(paragraphs[:30]):
        if _CAPTION_END.search(line):
            captions.append(line)
        # a caption printed twice, once with its credit and once without (the picture's alt text: datecheck nineteenth
        # batch, zhongxiangwang.co, tune half), is a caption still, not the text's first paragraph
        elif ((len(line) >= 20 and _SENTENCE_END.search(line)) or (len(line) >= 50 and _PROSE.search(line))) \
                and not any(caption.startswith(line) for caption in captions):
            return paragraphs[: index + 1]
    return paragraphs[:30]


# A line that starts with a photo's credit ('图/王锐', '摄影：李四'): it names who took the pictures.
_PHOTO_LINE = re.compile(r"^[（(]?\s*(?:图|圖|摄影|攝影|摄|攝)\s*[/／|｜:：]")


def _byline_lines(paragraphs: list[str]) -> list[tuple[int, str]]:
    """Where a text page's own byline may stand, with each line's index: its head (:func:`_head`), then, among the first
    eight lines, a short line of its own under a lead paragraph ('文/广州日报全媒体记者何道岚、全杰' below an e-paper's
    introduction: datecheck fourth batch, gzdaily.dayoo.com, tune half); a photo's credit there is no byline."""
    head = _head(paragraphs)
    lines = list(enumerate(head))
    for index in range(len(head), min(len(paragraphs), 8)):
        line = paragraphs[index]
        if len(line) <= 40 and not _SENTENCE_END.search(line) and not _PHOTO_LINE.match(line):
            lines.append((index, line))
    return lines


def _text_published(text: str, paragraphs: list[str], url: str, tz: ZoneInfo) -> PublishDate | None:
    """A text page's date: a labelled one ('发布时间：', '发表于') in its head, above the first paragraph of prose,
    else the first date near its start, a list entry's excepted; then the URL. A year-last date is ordered by the
    page's other dates and its script (:func:`monitor.extract.dates._day_first`)."""
    head = text[:300]
    if any(_ticker(line) for line in head.split("\n")):  # a news ticker's line of dated headlines heads the page: the page's own text is under it
        head = "\n".join(line for line in text[:1500].split("\n") if not _ticker(line))[:300]
    day_first, by_script = None, False
    if _YEAR_LAST_HINT.search(text[:1200]):
        day_first, by_script = day_first_hint(text), script_day_first(text)
    lines: list[str] = []
    for line in paragraphs[:30]:
        if _ticker(line):
            continue
        lines.append(line)
        if _is_prose(line):
            break
    for line in lines:
        if len(line) < 200 and DATE_LABEL.search(line) and not _LIST_ENTRY.match(line) \
                and (found := parse_date(line, tz, day_first, by_script)) and found.precision != "month":
            return found
    rows = _text_end(head.split("\n"))
    listed = _date_rows(rows)
    unlisted = "\n".join(line for at, line in enumerate(rows) if not _LIST_ENTRY.match(line) and at not in listed)
    return parse_date(unlisted, tz, day_first, by_script) or date_from_url(url, tz)


# A full date with its year ('2025-03-13', '2019年06月17日').
_FULL_DATE = re.compile(r"(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")


# A date's label next to a full date ('【发布日期】2024-05-06', '成文日期：2024年04月28日'): a page's own field, no headline's.
_LABELLED_DATE = re.compile(DATE_LABEL.pattern + r"[】\]]?\s*[:：]?\s*" + _FULL_DATE.pattern)


def _ticker(line: str) -> bool:
    """A line of three dates or more between headline fragments: a ticker of dated headlines or a list run together on
    one line, other articles' dates, never the page's first paragraph nor its date. Kind: a site's rolling ticker above
    a page ('-杜特地抵海牙…(2025-03-13 03:09:50)-…'), its first date taken for the page's (datecheck twenty-first batch,
    shangbao.com.ph, tune half). A line of sentences ('第一批2024年5月10日开始，第二批…。') is the text's, and a line of
    labelled dates ('成文日期：… 发布日期：… 有效期至：…') is the page's own fields (review of round seven)."""
    return len(_FULL_DATE.findall(line)) >= 3 and not _SENTENCE_PUNCTUATION.search(line) \
        and not _LABELLED_DATE.search(line)


# What a sentence has and a ticker's headline fragments do not.
_SENTENCE_PUNCTUATION = re.compile(r"[。，]")


# A line that starts with a full date ('2025-09-18,11970|', '2023/05/01 标题').
_DATE_LED = re.compile(r"^\s*(?:19|20)\d\d\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}")


def _date_rows(rows: list[str]) -> set[int]:
    """The rows of a list of dated entries below the text's first paragraph: three or more lines in a row, each led by a
    date (an e-paper's list of its issues under the text, a related-articles list): their dates are other pages'. Above
    it dated rows are the page's head or a timeline under its own date (review of round seven). Kind: a list's date taken for the
    page's own (datecheck nineteenth batch, dzb.zzrbnews.com, tune half: '2025-09-18,11970|' row after row)."""
    listed: set[int] = set()
    run: list[int] = []
    first = _first_prose(rows)  # above the text the dated rows are the page's own head ('2024年05月06日 第A01版：要闻')
    for at, row in enumerate([*rows, ""]):
        if at > first and _DATE_LED.match(row):
            run.append(at)
            continue
        if len(run) >= 3:
            listed.update(run)
        run = []
    return listed


# A line led by a role word, maybe after a paper's name ('通讯员 明康 刘晓林', '极目新闻记者 关前裕').
_ROLE_LED = re.compile(r"^\S{0,12}?(?:记者|記者|通讯员|通訊員|实习生|實習生)")


def _stacked(author: str | None, paragraphs: list[str], index: int, step: int) -> str | None:
    """The writers of a byline set one role a line ('极目新闻记者 关前裕' over '通讯员 明康 刘晓林', or a closing '记者 NAME'
    over '通讯员 NAME NAME'): the names of the role-led lines next to the byline's (below it in the head, `step` 1; above
    it at the end, -1) join its own, in the page's order. Kind: the next role's writers dropped (datecheck seventeenth
    batch, 163.com, tune half)."""
    if not author:
        return author
    names = author.split(" ")
    for at in (index + step, index + 2 * step):
        line = paragraphs[at] if 0 <= at < len(paragraphs) else ""
        if not (len(line) <= 30 and _ROLE_LED.match(line) and not _SENTENCE_END.search(line)):
            break
        found = [n for n in (split_byline(line)[0] or "").split(" ") if n and n not in names]
        if not found:
            break
        names = names + found if step > 0 else found + names
    return " ".join(names)


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def extract_usable_text_page(text: str, url: str, tz: ZoneInfo = SHANGHAI) -> ExtractedArticle:
    """:func:`extract_text_page`, refusing a page with no usable body (TooShort) as :func:`extract_article` refuses one:
    an empty or near-empty .txt file was an article of no text for `monitor extract` (bad input, review of issue 18)."""
    article = extract_text_page(text, url, tz)
    if not article.pieces:
        _refuse_short(url, article.body)
    return article


def _refuse_short(url: str, body: str) -> None:
    """TooShort when `body` is too short to be an article's (fewer than MIN_BODY_CHARS characters): one rule and one
    message for the HTML and the text paths."""
    if len(body) < MIN_BODY_CHARS:
        raise TooShort(f"{url}: body has {len(body)} characters, fewer than {MIN_BODY_CHARS}")


def extract_text_page(text: str, url: str, tz: ZoneInfo = SHANGHAI) -> ExtractedArticle:
    """The plain text of a page (OCR, e-paper text layer, forum mirror): split into signed pieces
    when it holds several (the seed's layout first, then :func:`split_signed`), else one body."""
    if _LONE_SURROGATE.search(text):  # bytes a reader kept undecoded: the script converter cannot encode them
        text = _LONE_SURROGATE.sub("\ufffd", text)
    text = strip_ruby(text)
    split = split_pieces(split_text_blocks(text))
    cut = [(unjammed, _unrun(unjammed)) for paragraph in split_paragraphs(text) if (unjammed := _unjammed(paragraph))]
    paragraphs = [part for _, parts in cut for part in parts]
    published = _text_published(text, paragraphs, url, tz)
    if split.pieces:
        return _multi_piece(url, split, published, None)
    # the page's script decided once for both readers (a whole-page OpenCC pass: a traditional page without pieces
    # was folded twice, review)
    traditional = reads_traditional("".join(paragraphs))
    split = split_signed(paragraphs, traditional=traditional)
    if not split.pieces:  # no shape rule fits: where the speaker changes (monitor.extract.speakers)
        split = PageSplit(None, split_by_speakers(paragraphs, traditional=traditional))
    author, post = None, None
    byline = None
    editors = _editors(paragraphs[:60])
    for index, line in _byline_lines(paragraphs):  # the page's own byline ('记者 张三'), above any piece
        if split.pieces and split.pieces[0].body.startswith(line[:20]):
            break
        if found := names_under_label(paragraphs[index: index + 5]):  # '作者|' alone, the names under it
            author, byline = found, line
            break
        if len(line) <= 40 and introduces_person(line):
            # a short line ending with a name and a colon introduces whom the text is about or who speaks
            # ('周口廣播電視臺記者田宜森:' above a profile's title): no byline (datecheck twelfth batch, 761503.com, tune half)
            continue
        author, post = _prose_byline(line) if len(line) >= 50 and _SENTENCE_END.search(line) else split_byline(line)
        if author and post is None and author == line.strip() and is_common_word(author):
            author = None  # a bare '高新', '公示', '王牌' above the text: a heading or a menu item, no writer (review)
        if len(line) <= 40 and (listed := role_line(line)) and len(listed) > len(author or ""):
            author, post = listed, None  # role words and names only: every role's names ('通讯员 刘家一郎 郝世杰')
        if author is None and len(line) <= 30 and (signed := signed_names(line)):  # '华东区:王春玉 报道'
            author, post = signed, None
        if author is None and (cited := reference_line(line)):  # '张三, 李四. 标题[J]. 期刊' heading a journal mirror
            author, post = cited, None
        if author and post is None and len(line) <= 40 and _spoken_of(author, paragraphs, index):
            author = None  # names the text speaks of, or a poem's author: no byline
            continue
        if author and post is None and _not_a_writer(author, editors, paragraphs):
            author = None  # an office in the author field ('作者:驻郑办'), or the page's editor ('作者:柴晶晶' = '编辑:柴晶晶')
            continue
        # the general credit reader on a short line of roles and names the shape rules do not read ('□ 记者 咸明'), and
        # on a dateline's bracket naming more writers than they read ('本報訊(記者劉瑞鳳通訊員趙菠)')
        known = (author or "").split()
        if (credited := _head_credit(line)) and len(credited.split()) > len(known) and set(known) <= set(credited.split()):
            author, post = credited, None
        if author:
            byline = line if len(line) <= 40 and not re.search(r"[。！？]", line) else None
            if byline and post is None:
                author = _stacked(author, paragraphs, index, 1)
                author = _fuller_credit(author, paragraphs[index + 1: index + 4]) if not _CREDIT_WORD.search(line) \
                    else author
            break
    if author is None and not split.pieces:
        author, byline = _head_names(paragraphs)
        if author and byline is not None and author == byline.strip() and is_common_word(author):
            author, byline = None, None  # a bare '高新', '公示' in the head: a heading or a menu item (review)
    if author is None and not split.pieces:
        author, byline = _closing_reporter(paragraphs, editors)
        if byline:
            author = _stacked(author, paragraphs, paragraphs.index(byline), -1)
    if author is None and not split.pieces:
        author, byline = _writer_line(paragraphs)
    if split.pieces:
        body = "\n\n".join([*split.lead, *(piece.body for piece in split.pieces)])
        return ExtractedArticle(url=url, title=split.banner or "", body=body, published=published, author=author,
                                author_post=post, pieces=split.pieces)
    return ExtractedArticle(url=url, title="", body="\n\n".join(_body_paragraphs(cut, byline)),
                            published=published, author=author, author_post=post)




def _body_paragraphs(cut: list[tuple[str, list[str]]], byline: str | None) -> list[str]:
    """The paragraphs of a text page's body (one article): each as printed, cut only at a sentence's end where a long
    line ran paragraphs together; the line read as the byline left out (taken out of its paragraph's text when the
    byline ran into the text)."""
    out: list[str] = []
    for paragraph, parts in cut:
        if byline is not None and byline in parts:
            paragraph = paragraph.replace(byline, "", 1).strip()
        if not paragraph:
            continue
        if len(paragraph) > 120 and _BODY_RUN_ON.search(paragraph):
            out += [part for part in _BODY_RUN_ON.split(paragraph) if part]
        else:
            out.append(paragraph)
    return out
