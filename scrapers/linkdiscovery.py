"""Which links of a list page are its articles, found without a selector (``kind: html`` without ``links``).

List pages of Chinese official and news sites (TRS WCM, Hanweb, DedeCMS, PHPCMS, WordPress,
Founder e-papers ...) all print their articles the same way: one repeated block (``ul > li``,
``table > tr``, ``div.item``) whose records each hold a link whose URL has the site's article
shape (``./202211/t20221122_4821828.html``, ``/art/2022/11/22/art_1229_123.html``) and usually a
date beside it. Navigation, category lists, hot lists in the sidebar and footers full of links are
blocks too, but their links are short, undated, of another URL shape or fewer.

So links are grouped by (the tag path of the link in the page, the shape of its URL), each group is
scored (records x dated share x title length x does the URL end in an item id), and the best group
is the list. Pure functions: a page's text in, a :class:`ListDiscovery` out (with its reasons).
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from bs4 import BeautifulSoup, Tag

from monitor.fetch.urls import canonical_url, resolve

from .pagination import NextPage, find_next_page

__all__ = ["FoundLink", "ListBlock", "ListDiscovery", "discover_list", "expand_datastore", "url_shape"]

# Hanweb prints its list records inside <script type="text/xml"><datastore>...<record><![CDATA[<li>..</li>]]>:
# a browser's script writes them out; here they are written out before parsing.
_DATASTORE = re.compile(r"<script[^>]*type=[\"']text/xml[\"'][^>]*>(.*?)</script>", re.S | re.I)
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S | re.I)

_DIGITS = re.compile(r"\d+")
_SLUG = re.compile(r"^(?=.*[a-z%])[a-z0-9%]+(?:-[a-z0-9%]+){2,}$", re.I)  # WordPress-style title slugs
_LONG_ID = re.compile(r"\d{3,}")
_FULL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})(?!\d)")
# A big day over a small year-month, as many gov list templates print it: "22 2022-11".
_DAY_THEN_MONTH = re.compile(r"(?<![\d-])(\d{1,2})\s+((?:19|20)\d{2})[-/.年](\d{1,2})(?![\d-])")
_SHORT_DATE = re.compile(r"(?<![\d-])(\d{1,2})[-/](\d{1,2})(?![\d-])")
_URL_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2})[-/]?(\d{2})[-/]?(\d{2})(?!\d)")
_PAGER_TEXT = re.compile(r"^(\d{1,4}|上一页|下一页|上页|下页|首页|尾页|末页|前页|后页|[<>«»‹›]+|next|prev(ious)?|more|更多|更多>>|>>更多)$", re.I)
_EDITION_LABEL = re.compile(r"第\s*[0-9A-Za-z]+\s*版")  # an e-paper's page list (第01版：要闻), not its articles


@dataclass(frozen=True, slots=True)
class FoundLink:
    url: str  # canonical
    text: str
    date: str | None  # the date printed beside the link (or in its URL), YYYY-MM-DD or MM-DD


@dataclass(frozen=True, slots=True)
class ListBlock:
    path: str  # the tag path of the block's links, e.g. "div.list-con > ul > li > a"
    pattern: str  # the URL shape its links share, e.g. "/col/col#/#/t#_#.html"
    records: int
    dated: int
    score: float
    item_ids: bool = True  # do most of its URLs end in an item id (number, dated path, slug)


@dataclass(frozen=True, slots=True)
class ListDiscovery:
    links: tuple[FoundLink, ...]
    block: ListBlock | None
    runner_up: ListBlock | None  # the next best block left out, to see how clear the choice was
    next_page: NextPage | None
    also: tuple[ListBlock, ...] = ()  # on a home page: the other news lists taken besides the best block

    def reasons(self) -> tuple[str, ...]:
        """Lines for `sources test`: which block, which pattern, how many dated, where the next page is."""
        lines: list[str] = []
        if self.block is None:
            lines.append("no repeated block of article-like links found")
        else:
            b = self.block
            lines.append(f"list block: {b.path} ({b.records} links, {b.dated} dated, score {b.score:.1f})")
            lines.append(f"article URL pattern: {b.pattern}")
        for other in self.also:
            lines.append(f"also taken (a home page lists several columns): {other.path} pattern {other.pattern} "
                         f"({other.records} links, {other.dated} dated, score {other.score:.1f})")
        if self.runner_up is not None:
            r = self.runner_up
            lines.append(f"next best block, left out: {r.path} pattern {r.pattern} ({r.records} links, score {r.score:.1f})")
        lines.append(f"next list page: {self.next_page.url} (from {self.next_page.how})" if self.next_page
                     else "next list page: none found")
        return tuple(lines)


def expand_datastore(text: str) -> str:
    """Hanweb list records written out of their ``<script type="text/xml">`` as HTML."""
    def written_out(match: re.Match[str]) -> str:
        records = _RECORD.findall(match.group(1))
        return f"<div class=\"datastore\">{''.join(records)}</div>" if records else match.group(0)
    return _DATASTORE.sub(written_out, text)


def url_shape(url: str) -> str:
    """The pattern a site's article URLs share: digits as ``#``, title slugs as ``{slug}``, query values of digits as ``#``."""
    parts = urlsplit(url)
    segments = []
    for segment in parts.path.split("/"):
        stem = segment.rsplit(".", 1)[0]
        segments.append("{slug}" + segment[len(stem):] if _SLUG.match(stem) else _DIGITS.sub("#", segment))
    shape = "/".join(segments)
    if parts.query:
        shape += "?" + "&".join(f"{k}={_DIGITS.sub('#', v)}" for k, v in sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return shape


def _has_item_id(url: str) -> bool:
    """Does the URL end in something that names one item: a number of 3+ digits, a dated path, a slug, an id parameter."""
    parts = urlsplit(url)
    last = parts.path.rstrip("/").rsplit("/", 1)[-1]
    if _LONG_ID.search(last) or _SLUG.match(last.rsplit(".", 1)[0]):
        return True
    return any(_LONG_ID.fullmatch(v) or (k.lower() in ("id", "p", "aid", "articleid", "newsid") and v.isdigit())
               for k, v in parse_qsl(parts.query))


def _step(tag: Tag) -> str:
    classes = ".".join(sorted(c for c in tag.get("class") or () if not _DIGITS.search(c)))
    ident = str(tag.get("id") or "")
    step = tag.name
    if ident and not _DIGITS.search(ident):
        step += f"#{ident}"
    return step + (f".{classes}" if classes else "")


def _tag_path(anchor: Tag) -> str:
    steps = [_step(anchor)]
    for parent in anchor.parents:
        if not isinstance(parent, Tag) or parent.name in ("[document]", "html"):
            break
        steps.append(_step(parent))
    return " > ".join(reversed(steps))


def _short_path(path: str) -> str:
    steps = path.split(" > ")
    return " > ".join(steps[-4:])


_RECORD_STOP = frozenset({"body", "html", "ul", "ol", "table", "tbody"})


def _records(anchors: list[Tag]) -> list[Tag]:
    """Per anchor, the element that is its list record: the highest ancestor (up to 3 levels, not a list or
    table itself) holding no other anchor of the block. Counted once per ancestor, not searched per anchor."""
    chains = []
    for anchor in anchors:
        chain = []
        for parent in anchor.parents:
            if len(chain) == 3 or not isinstance(parent, Tag) or parent.name in _RECORD_STOP:
                break
            chain.append(parent)
        chains.append(chain)
    holding: dict[int, int] = defaultdict(int)
    for chain in chains:
        for parent in chain:
            holding[id(parent)] += 1
    records = []
    for anchor, chain in zip(anchors, chains, strict=True):
        record = anchor
        for parent in chain:
            if holding[id(parent)] > 1:
                break
            record = parent
        records.append(record)
    return records


def _date_of(text: str, url: str) -> str | None:
    full = _FULL_DATE.search(text)
    if full:
        return f"{full.group(1)}-{int(full.group(2)):02d}-{int(full.group(3)):02d}"
    split = _DAY_THEN_MONTH.search(text)
    if split and 1 <= int(split.group(3)) <= 12 and 1 <= int(split.group(1)) <= 31:
        return f"{split.group(2)}-{int(split.group(3)):02d}-{int(split.group(1)):02d}"
    short = _SHORT_DATE.search(text)
    if short and 1 <= int(short.group(1)) <= 12 and 1 <= int(short.group(2)) <= 31:
        return f"{int(short.group(1)):02d}-{int(short.group(2)):02d}"
    in_url = _URL_DATE.search(urlsplit(url).path)
    if in_url and 1 <= int(in_url.group(2)) <= 12 and 1 <= int(in_url.group(3)) <= 31:
        return f"{in_url.group(1)}-{in_url.group(2)}-{in_url.group(3)}"
    return None


@dataclass(frozen=True, slots=True)
class _Candidate:
    anchor: Tag
    url: str
    text: str


def _candidates(soup: BeautifulSoup, page_url: str, hosts: frozenset[str]) -> list[_Candidate]:
    base = soup.find("base", href=True)
    base_url = resolve(page_url, str(base["href"])) if isinstance(base, Tag) else None
    found = []
    page = canonical_url(page_url)
    for anchor in soup.find_all("a", href=True):
        url = resolve(base_url or page_url, str(anchor["href"]))
        if url is None or (urlsplit(url).hostname or "").lower() not in hosts:
            continue
        text = " ".join(anchor.get_text(" ", strip=True).split()) or str(anchor.get("title") or "").strip()
        if _PAGER_TEXT.match(text) or canonical_url(url) == page:
            continue
        found.append(_Candidate(anchor, url, text))
    return found


def _score(links: list[_Candidate], dated: int, shape_has_ids: bool) -> float:
    urls = {c.url for c in links}
    texts = [c.text for c in links]
    mean_title = sum(len(t) for t in texts) / max(1, len(texts))
    # Titles of articles run 10-40 characters; menus and page lists 2-6.
    title_factor = min(1.0, mean_title / 12)
    editions = sum(1 for t in texts if _EDITION_LABEL.search(t)) / max(1, len(texts))
    return (len(urls) * (1.0 + dated / max(1, len(urls))) * (0.2 + title_factor)
            * (1.0 if shape_has_ids else 0.3) * (1.0 - 0.9 * editions))


def _another_news_list(block: ListBlock, best: ListBlock) -> bool:
    """On a home page, a block that is a news list too: dated, item URLs, not much weaker than the best."""
    return block.item_ids and block.records >= 3 and block.dated * 2 >= block.records and block.score >= 0.3 * best.score


def discover_list(page: str | BeautifulSoup, page_url: str, hosts: frozenset[str] | None = None, *,
                  several: bool = False) -> ListDiscovery:
    """The article links of a list page (its text, or its soup with Hanweb records written out), in document
    order; the block they were found in; the next list page. Links to hosts other than ``hosts`` (default:
    the page's) are never articles of it. ``several``: the page is a home page, whose columns (news, notices,
    policies) are each a list: every block that is a dated list of item URLs is taken, not only the best."""
    hosts = hosts or frozenset({(urlsplit(page_url).hostname or "").lower()})
    soup = page if isinstance(page, BeautifulSoup) else BeautifulSoup(expand_datastore(page), "lxml")
    groups: dict[tuple[str, str], list[_Candidate]] = defaultdict(list)
    for candidate in _candidates(soup, page_url, hosts):
        groups[(_tag_path(candidate.anchor), url_shape(candidate.url))].append(candidate)
    scored: list[tuple[float, ListBlock, list[FoundLink]]] = []
    for (path, shape), members in groups.items():
        if len({c.url for c in members}) < 2:  # one link is no list
            continue
        links: dict[str, FoundLink] = {}
        for c, record in zip(members, _records([c.anchor for c in members]), strict=True):
            date = _date_of(record.get_text(" ", strip=True), c.url)
            url = canonical_url(c.url)
            old = links.get(url)  # a record may link its article twice (picture and title): keep the longer text
            links[url] = (FoundLink(url, c.text, date) if old is None
                          else FoundLink(url, max(old.text, c.text, key=len), old.date or date))
        dated = sum(1 for link in links.values() if link.date)
        item_ids = sum(map(_has_item_id, links)) * 2 > len(links)
        score = _score(members, dated, item_ids)
        scored.append((score, ListBlock(_short_path(path), shape, len(links), dated, score, item_ids), list(links.values())))
    scored.sort(key=lambda entry: entry[0], reverse=True)
    next_page = find_next_page(soup, page_url)
    if not scored:
        return ListDiscovery((), None, None, next_page)
    _score_value, best, best_links = scored[0]
    taken = [entry for entry in scored[1:] if several and _another_news_list(entry[1], best)]
    left_out = [entry for entry in scored[1:] if entry not in taken]
    links = {link.url: link for entry in (scored[0], *taken) for link in entry[2]}
    return ListDiscovery(tuple(links.values()), best, left_out[0][1] if left_out else None, next_page,
                         tuple(entry[1] for entry in taken))
