"""The digest builder: a pure function from a subscriber's items to a Digest (subject, text, HTML).

Items arrive newest first, one per story cluster. They are grouped by zone (or topic), at
most MAX_ITEMS are shown with "… and N more" linking to the archive, and the HTML part is
kept under MAX_HTML_BYTES (Gmail clips longer messages) by showing fewer items. Every scraped
field an item shows is bounded first (the title at MAX_TITLE_CHARS, as stored; a URL too long
to be a link is not one), so that one oversized item, stored before those limits or not, cannot
push the others out. CSS is inlined with css-inline (remote stylesheets off); scraped text is
autoescaped. Every sentence a reader sees comes from wording.py, in the subscriber's language.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import css_inline
from jinja2 import Environment, PackageLoader, select_autoescape

from monitor.digest import wording
from monitor.items import Digest, DigestItem
from monitor.normalise import limit_title, shorten

__all__ = ["DigestLinks", "SharedDigest", "build_digest", "digest_subject", "shared_digest", "make_lead", "source_label", "web_link", "LEAD_CHARS", "MAX_ITEMS", "MAX_HTML_BYTES"]

LEAD_CHARS = 120
MAX_ITEMS = 50
MAX_HTML_BYTES = 100_000
OTHER_GROUP = wording.OTHER_GROUP
_NAME_CHARS = 100  # a source, author or post shown in a digest
_MAX_URL_CHARS = 2048  # longer is no link (nor one that browsers and mail clients keep whole)
_SENTENCE_END = re.compile(r"[。！？!?；;]")

_env = Environment(
    loader=PackageLoader("monitor.digest", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
)
_inliner = css_inline.CSSInliner(load_remote_stylesheets=False, keep_style_tags=False)


@dataclass(frozen=True, slots=True)
class DigestLinks:
    unsubscribe: str
    manage: str
    web: str
    archive: str


def make_lead(body: str, limit: int = LEAD_CHARS) -> str:
    """About `limit` characters of the body, cut at a sentence end when one is near."""
    text = " ".join(body.split())
    if len(text) <= limit:
        return text
    window = text[: limit + 20]
    ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() >= limit // 2]
    return window[: ends[-1]] if ends else text[:limit] + "…"


def source_label(url: str, title: str | None = None) -> str:
    """What a reader is shown as a source: its title when it has one, else the host of the page's URL
    (``www.`` dropped), never a bare number or a source's slug."""
    if title and title.strip():
        return _one_line(title, _NAME_CHARS)
    try:
        host = urlsplit(_one_line(url)).hostname or ""
    except ValueError:  # a malformed scraped URL (an unclosed IPv6 bracket)
        host = ""
    return host.removeprefix("www.") or _one_line(url, _NAME_CHARS)


def web_link(url: str) -> str | None:
    """A scraped URL as an href only when it is http(s): a javascript: or data: URL never becomes a link."""
    url = _one_line(url)
    return url if url.lower().startswith(("http://", "https://")) and len(url) <= _MAX_URL_CHARS else None


def _one_line(text: str, limit: int | None = None) -> str:
    """Scraped text as a single line: no CR/LF can reach a header or break the layout; at most `limit`
    characters."""
    line = " ".join(text.split())
    return shorten(line, limit) if limit is not None else line


def _group(items: list[DigestItem], by: str, other: str = OTHER_GROUP) -> list[tuple[str, list[DigestItem]]]:
    groups: dict[str, list[DigestItem]] = {}
    for item in items:
        names = item.topic_names if by == "topic" else item.zone_names
        groups.setdefault(names[0] if names else other, []).append(item)
    # Biggest groups first; 'other' last; items keep their newest-first order.
    return sorted(groups.items(), key=lambda kv: (kv[0] == other, -len(kv[1])))


def _render(context: dict[str, object]) -> tuple[str, str]:
    text = _env.get_template("digest.txt.j2").render(context)
    html = _inliner.inline(_env.get_template("digest.html.j2").render(context))
    return text, html


@dataclass(frozen=True, slots=True)
class _Link:
    url: str
    name: str


@dataclass(frozen=True, slots=True)
class _ItemView:
    """What the templates show of an item. Attributes, not a dict: Jinja tries ``getattr`` before ``[]``, and on
    a dict each of the ~15 lookups per item raised and caught an AttributeError (a fifth of rendering)."""

    title: str
    url: str | None
    source: str
    date: str | None
    author: str | None
    author_post: str | None
    tags: str
    lead: str
    people: str
    also: tuple[_Link, ...]
    related: tuple[tuple[str, str], ...]


@lru_cache(maxsize=8192)
def _item_view(item: DigestItem, tz: ZoneInfo, words: wording.DigestWording) -> _ItemView:
    """What the templates show of an item in a timezone; the same for every subscriber of a run, hence
    cached (the templates only read it)."""
    return _ItemView(
        title=limit_title(_one_line(item.title)), url=web_link(item.url),
        source=_one_line(item.source, _NAME_CHARS), date=words.local_date(item.published, tz),
        author=_one_line(item.author, _NAME_CHARS) if item.author else None,
        author_post=_one_line(item.author_post, _NAME_CHARS) if item.author_post else None,
        tags=words.separator.join((*item.zone_names, *item.topic_names)), lead=_one_line(item.lead, 2 * LEAD_CHARS),
        people=words.separator.join(_one_line(name, _NAME_CHARS) for name in item.people),
        also=tuple(_Link(link, name) for name, link in _named_links(item.also_by)) if item.also_by else
        tuple(_Link(link, source_label(link)) for link in map(web_link, item.also_published_by) if link),
        related=_named_links(item.related),
    )


def _named_links(pairs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """(shown name, href) of each http(s) link, the name bounded as a source's."""
    return tuple((_one_line(name, _NAME_CHARS), link) for name, url in pairs if (link := web_link(url)))


def build_digest(*, to_email: str, to_name: str | None, items: list[DigestItem], tz: ZoneInfo, links: DigestLinks,
                 group_by: str = "zone", language: str | None = None) -> Digest:
    """`language`: the subscriber's (zh-CN, the default, or en)."""
    subject, text, html, _shown = _compose(items, tz, group_by, language, to_email, to_name, links)
    return Digest(to_email=to_email, to_name=to_name, subject=subject, text=text, html=html,
                  article_ids=tuple(item.article_id for item in items))


def digest_subject(items: list[DigestItem], language: str | None = None) -> str:
    """A digest's subject: it depends on the items and the language only (known before rendering)."""
    zone_counts = Counter(name for item in items for name in item.zone_names[:1])
    return _one_line(wording.digest_wording(language).subject_line(len(items), [name for name, _ in zone_counts.most_common(2)]))


def _compose(items: list[DigestItem], tz: ZoneInfo, group_by: str, language: str | None, to_email: str,
             to_name: str | None, links: DigestLinks) -> tuple[str, str, str, int]:
    """(subject, text, HTML, items shown) of a digest."""
    words = wording.digest_wording(language)
    count = len(items)
    subject = digest_subject(items, language)
    shown = min(count, MAX_ITEMS)
    while True:
        chosen = items[:shown]
        groups = [
            {"name": name, "items": [_item_view(item, tz, words) for item in group_items]}
            for name, group_items in _group(chosen, group_by, words.other_group)
        ]
        context = {
            "subject": subject,
            "language": words.language, "greeting": words.greeting(_one_line(to_name) if to_name else None),
            "intro": words.summary_line(count), "people_label": words.people_label,
            "also_label": words.also_published, "related_label": words.related_reports,
            "more_label": words.more_line(count - shown), "footer": words.footer(to_email),
            "footer_links": words.footer_links, "separator": words.separator, "colon": words.colon,
            "link_separator": words.link_separator,
            "groups": groups, "more": count - shown, "to_email": to_email,
            "unsubscribe_url": links.unsubscribe, "manage_url": links.manage, "web_url": links.web,
            "archive_url": links.archive,
        }
        text, html = _render(context)
        if len(html.encode("utf-8")) <= MAX_HTML_BYTES or shown <= 1:
            return subject, text, html, shown
        shown = max(1, shown * 3 // 4)


# What stands for a subscriber's own values in a shared rendering: tokens no article text contains.
_MARK = {"email": "zm7q-recipient-email-x4", "name": "zm7q-recipient-name-x4", "unsubscribe": "zm7q-link-unsubscribe-x4",
         "manage": "zm7q-link-manage-x4", "web": "zm7q-link-web-x4"}
_NEEDS_ESCAPING = re.compile(r"[&<>\"'\x00-\x1f\x7f\xa0]")  # what Jinja's autoescape or the HTML serialiser changes


@dataclass(frozen=True, slots=True)
class SharedDigest:
    """One rendering of a list of items for every subscriber who gets that list (same language, timezone,
    grouping, and greeting with or without a name): the subscriber's address, name and links are put in
    afterwards. ``personal`` returns exactly what ``build_digest`` would, or None where it cannot be sure
    (a value that HTML escapes, a digest cut to fit MAX_HTML_BYTES): then the caller builds it whole."""

    items: tuple[DigestItem, ...]
    subject: str
    text: str
    html: str
    complete: bool  # every item MAX_ITEMS allows is shown (none left out to fit MAX_HTML_BYTES)
    article_ids: tuple[int, ...] = ()  # of the items: once per rendering, not per subscriber (up to thousands)

    def personal(self, to_email: str, to_name: str | None, links: DigestLinks) -> Digest | None:
        values = {"email": to_email, "name": _one_line(to_name) if to_name else "", "unsubscribe": links.unsubscribe,
                  "manage": links.manage, "web": links.web}
        if not self.complete or any(_NEEDS_ESCAPING.search(v) or "zm7q-" in v for v in values.values()):
            return None
        text, html = self.text, self.html
        for key, mark in _MARK.items():
            text, html = text.replace(mark, values[key]), html.replace(mark, values[key])
        if len(html.encode("utf-8")) > MAX_HTML_BYTES and len(self.items) > 1:
            return None
        return Digest(to_email=to_email, to_name=to_name, subject=self.subject, text=text, html=html,
                      article_ids=self.article_ids)


def shared_digest(*, items: list[DigestItem], tz: ZoneInfo, named: bool, archive: str, group_by: str = "zone",
                  language: str | None = None) -> SharedDigest:
    """`named`: whether the subscribers it is for have a name to be greeted by."""
    links = DigestLinks(unsubscribe=_MARK["unsubscribe"], manage=_MARK["manage"], web=_MARK["web"], archive=archive)
    subject, text, html, shown = _compose(items, tz, group_by, language, _MARK["email"], _MARK["name"] if named else None,
                                          links)
    return SharedDigest(tuple(items), subject, text, html, shown == min(len(items), MAX_ITEMS),
                        tuple(item.article_id for item in items))
