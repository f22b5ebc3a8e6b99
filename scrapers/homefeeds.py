"""What a site's home page says about its own lists: its feed (``<link rel="alternate">``) and, in robots.txt, its sitemaps.

A source given only a site's home URL reads these first: a feed or sitemap lists the site's
articles, dated, with none of the guessing a list page needs. Pure functions; the fetching is
the html kind's (scrapers/html.py).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit, urlunsplit

from bs4 import BeautifulSoup

from monitor.fetch.urls import resolve

__all__ = ["feed_link", "is_home_url", "robots_url", "sitemaps_in_robots"]

_HOME_PATH = re.compile(r"^/?((index|default|home)\.(html?|shtml|php|jsp|aspx?))?$", re.I)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")
_COMMENT_FEED = re.compile(r"comment|评论", re.I)


def is_home_url(url: str) -> bool:
    """A site's root (``/``, ``/index.html`` ...), with no query: the URL of a whole site, not of one list."""
    parts = urlsplit(url)
    return not parts.query and bool(_HOME_PATH.match(parts.path))


def feed_link(soup: BeautifulSoup, page_url: str) -> str | None:
    """The page's first RSS/Atom feed link that is not a comments feed (WordPress announces both)."""
    for link in soup.find_all("link", href=True):
        rel = [r.lower() for r in link.get("rel") or ()]
        kind = str(link.get("type") or "").lower().split(";")[0].strip()
        if "alternate" in rel and kind in _FEED_TYPES and not _COMMENT_FEED.search(f"{link.get('title') or ''} {link['href']}"):
            url = resolve(page_url, str(link["href"]))
            if url:
                return url
    return None


def robots_url(url: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, "/robots.txt", "", ""))


def sitemaps_in_robots(text: str, robots: str) -> list[str]:
    """The ``Sitemap:`` lines of a robots.txt, resolved, in order (the field name is case-insensitive)."""
    found = []
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "sitemap" and value.strip():
            url = resolve(robots, value.strip())
            if url:
                found.append(url)
    return list(dict.fromkeys(found))
