"""Which of an article's fields came from the source's CSS selectors and which fell back to detection, and why.

The extractor (extractor.py) uses a selector's match when it has one and detects the field otherwise,
silently; `monitor sources test` shows an operator this account of it, field by field.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import lxml.html
from lxml import etree

from monitor.extract.dates import parse_date
from monitor.items import FieldOrigin
from monitor.normalise import clean_text
from monitor.sourcesfile import Selectors
from monitor.timefmt import SHANGHAI

__all__ = ["field_origins"]

FIELDS = ("title", "date", "author", "body")


def _origin(root: lxml.html.HtmlElement, field: str, selector: str | None, tz: ZoneInfo) -> FieldOrigin:
    if not selector:
        return FieldOrigin(field, "detected", "no selector configured")
    found = root.cssselect(selector)
    if not found:
        return FieldOrigin(field, "fallback", f"selector {selector!r} matched nothing on the page; detected instead")
    text = clean_text(found[0].text_content())
    if not text:
        return FieldOrigin(field, "fallback", f"selector {selector!r} matched an empty element; detected instead")
    if field == "date" and parse_date(text, tz) is None:
        return FieldOrigin(field, "fallback", f"selector {selector!r} matched {text[:40]!r}, which holds no date; "
                                              "detected instead")
    return FieldOrigin(field, "selector", f"selector {selector!r}")


def field_origins(html: str, selectors: Selectors, tz: ZoneInfo = SHANGHAI) -> tuple[FieldOrigin, ...]:
    """Pure: for title, date, author and body, where the extractor takes it from on this page."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return tuple(FieldOrigin(f, "detected", "not an HTML page") for f in FIELDS)
    return tuple(_origin(root, field, getattr(selectors, field), tz) for field in FIELDS)
