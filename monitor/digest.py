"""The digest builder: a pure function from a subscriber's items to a Digest (subject, text, HTML)."""

from __future__ import annotations

import re
from collections import Counter
from zoneinfo import ZoneInfo

from jinja2 import Environment, PackageLoader, select_autoescape

from .items import Digest, DigestItem
from .timefmt import format_published

__all__ = ["build_digest", "make_lead", "LEAD_CHARS"]

LEAD_CHARS = 120
_SENTENCE_END = re.compile(r"[。！？!?；;]")

_env = Environment(
    loader=PackageLoader("monitor", "templates"),
    autoescape=select_autoescape(enabled_extensions=("html.j2",), default_for_string=False),
    trim_blocks=False,
    lstrip_blocks=False,
)


def make_lead(body: str, limit: int = LEAD_CHARS) -> str:
    """About `limit` characters of the body, cut at a sentence end when one is near."""
    text = " ".join(body.split())
    if len(text) <= limit:
        return text
    window = text[: limit + 20]
    ends = [m.end() for m in _SENTENCE_END.finditer(window) if m.end() >= limit // 2]
    return window[: ends[-1]] if ends else text[:limit] + "…"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def build_digest(*, to_email: str, to_name: str | None, items: list[DigestItem], tz: ZoneInfo,
                 unsubscribe_url: str) -> Digest:
    zone_counts = Counter(name for item in items for name in item.zone_names)
    top = "、".join(name for name, _ in zone_counts.most_common(2))
    subject = _one_line(f"[zone-monitor] {len(items)} new article{'s' if len(items) != 1 else ''}" + (f": {top}" if top else ""))
    rows = [
        {
            "title": _one_line(item.title),
            "url": item.url,
            "source": item.source,
            "date": format_published(item.published, tz),
            "author": item.author,
            "author_post": item.author_post,
            "zones": list(item.zone_names),
            "lead": item.lead,
            "also": list(item.also_published_by),
        }
        for item in items
    ]
    context = {
        "subject": subject,
        "greeting": f"{to_name}，您好：" if to_name else "您好：",
        "intro": f"{len(items)} new article(s) about national high-tech zones match your subscription.",
        "items": rows,
        "to_email": to_email,
        "unsubscribe_url": unsubscribe_url,
    }
    text = _env.get_template("digest.txt.j2").render(context)
    html = _env.get_template("digest.html.j2").render(context)
    return Digest(to_email=to_email, to_name=to_name, subject=subject, text=text, html=html,
                  article_ids=tuple(item.article_id for item in items))
