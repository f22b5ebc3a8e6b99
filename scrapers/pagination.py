"""The next list page of a list page, without a selector.

Tried in order, first found wins:
1. a link saying so: ``rel="next"``, text 下一页/下页/后页/next/›/»/>, a class with "next";
2. TRS WCM's paging script ``createPageHTML(count, current, "index", "html")`` (page N+1 is
   ``index_N.html``; the newer form ``createPageHTML('div', count, current, ...)`` counts from 1);
3. the paging block: the link whose text is the page number after this one (this page's number
   read from its URL: ``index_1.html``, ``list_3_2.html``, ``?page=2``, ``pageNum=2``, ``/page/2/``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qsl, urlsplit

from bs4 import BeautifulSoup

from monitor.fetch.urls import canonical_url, resolve

__all__ = ["NextPage", "find_next_page", "page_number"]

_NEXT_TEXT = re.compile(r"^(下一页|下页|后页|下一頁|下一版|next|next\s*page|[>›»]|>>|››|下一页\s*[>›»]+|next\s*[>›»]+)$", re.I)
_CREATE_PAGE = re.compile(r"createPageHTML\s*\(([^)]*)\)")
_PAGE_IN_PATH = re.compile(r"(?:index|list|node|page)[_-](?:\d+[_-])?(\d+)\.\w+$|/page/(\d+)/?$|_(\d+)\.s?html?$", re.I)
_PAGE_PARAMS = ("page", "pagenum", "pageno", "pageindex", "p", "pn", "curpage", "currpage")


@dataclass(frozen=True, slots=True)
class NextPage:
    url: str
    how: str  # what it was found from, for `sources test`


def page_number(url: str) -> int:
    """This list page's number as its URL says it (TRS ``index_1.html`` is the 2nd page; a URL saying nothing is page 1)."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query):
        if key.lower() in _PAGE_PARAMS and value.isdigit():
            return int(value)
    match = _PAGE_IN_PATH.search(parts.path)
    if match:
        number = int(next(g for g in match.groups() if g))
        return number + 1 if re.search(r"/index_\d+\.\w+$", parts.path) else number
    return 1


def _usable(page_url: str, href: str | None) -> str | None:
    if not href:
        return None
    url = resolve(page_url, href)
    if url is None or urlsplit(url).hostname != urlsplit(page_url).hostname or canonical_url(url) == canonical_url(page_url):
        return None
    return url


def _from_link(soup: BeautifulSoup, page_url: str) -> NextPage | None:
    for element in soup.find_all(["a", "link"], href=True):
        rel = " ".join(element.get("rel") or ()).lower()
        classes = " ".join(element.get("class") or ()).lower()
        text = " ".join(element.get_text(" ", strip=True).split())
        if rel == "next" or _NEXT_TEXT.match(text) or ("next" in classes and element.name == "a"):
            url = _usable(page_url, str(element["href"]))
            if url:
                return NextPage(url, f"link <{element.name}> {text or rel or classes!r}".strip())
    return None


def _value_of(argument: str, script: str) -> str:
    """A variable's number when the call passes names (TRS templates: ``var countPage = 5 ... createPageHTML(countPage, currentPage, ...)``)."""
    if re.fullmatch(r"[A-Za-z_$][\w$]*", argument):
        assigned = re.search(rf"\b{re.escape(argument)}\s*=\s*(\d+)", script)
        if assigned:
            return assigned.group(1)
    return argument


def _from_trs_script(soup: BeautifulSoup, page_url: str) -> NextPage | None:
    for script in soup.find_all("script"):
        match = _CREATE_PAGE.search(script.get_text())
        if not match:
            continue
        script_text = script.get_text()
        raw = [a.strip() for a in match.group(1).split(",")]
        args = [a.strip("'\"") if a[:1] in "'\"" else _value_of(a, script_text) for a in raw]
        one_based = bool(args) and not args[0].isdigit()  # createPageHTML('page_div', count, current, ...)
        if one_based:
            args = args[1:]
        if len(args) < 4 or not (args[0].isdigit() and args[1].isdigit()):
            continue
        count, current, prefix, ext = int(args[0]), int(args[1]), args[2], args[3]
        index = current if one_based else current + 1  # the next page's file number
        if index >= count:
            return None
        url = resolve(page_url, f"{prefix}_{index}.{ext}")
        if url:
            return NextPage(url, f"TRS paging script createPageHTML({match.group(1).strip()})")
    return None


def _from_page_numbers(soup: BeautifulSoup, page_url: str) -> NextPage | None:
    wanted = str(page_number(page_url) + 1)
    for anchor in soup.find_all("a", href=True):
        if anchor.get_text(strip=True) == wanted:
            url = _usable(page_url, str(anchor["href"]))
            if url:
                return NextPage(url, f"page number link {wanted!r} of the paging block")
    return None


def find_next_page(soup: BeautifulSoup, page_url: str) -> NextPage | None:
    for finder in (_from_link, _from_trs_script, _from_page_numbers):
        found = finder(soup, page_url)
        if found is not None:
            return found
    return None
