"""Helpers for digest tests: a corpus stored through the real storage stage, and an SMTP sink."""

from __future__ import annotations

import asyncio
import errno
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any, Protocol, TypeVar

from aiosmtpd.controller import Controller
from sqlmodel import Session

from monitor.items import ExtractedArticle, New, PersonTag, PublishDate, TagSet, TopicTag, ZoneTag
from monitor.normalise import content_hash
from monitor.store import Articles, Sources, db
from monitor.tag.gazetteer import load_gazetteer
from monitor.timefmt import SHANGHAI, utcnow
from tests.conftest import free_port


def store_articles(database_url: str, specs: list[dict[str, Any]], source: str = "zone-news") -> list[int]:
    """specs: url, title, body, zones (subject ids), optional published (datetime), topics (ids), people (names),
    content_type."""
    gazetteer = load_gazetteer()
    engine = db.make_engine(database_url)
    ids = []
    with Session(engine, expire_on_commit=False) as session:
        articles = Articles(session)
        row = Sources(session).row(source, "html")
        for spec in specs:
            published = spec.get("published", datetime(2022, 11, 14, 9, 30, tzinfo=SHANGHAI))
            article = ExtractedArticle(url=spec["url"], title=spec["title"], body=spec["body"],
                                       published=PublishDate(published, "minute"), author=spec.get("author"))
            tags = TagSet(zones=tuple(ZoneTag(z, gazetteer.get(z).full_name, "subject", 1.0) for z in spec.get("zones", ())),  # type: ignore[union-attr]
                          topics=tuple(TopicTag(t, t, 1.0) for t in spec.get("topics", ())),
                          people=tuple(PersonTag(p, None, None) for p in spec.get("people", ())),
                          content_type=spec.get("content_type", "news"))
            result = articles.store_article(article, New(content_hash(article.body)), tags, row, utcnow())
            session.commit()
            ids.append(result.article_id)
    engine.dispose()
    return ids


@dataclass
class SmtpSink:
    port: int
    messages: list[tuple[list[str], EmailMessage]] = field(default_factory=list)
    mode: str = "accept"  # accept | hang | reject-550
    data_started: asyncio.Event | None = None
    seen_data: int = 0

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: Any) -> str:  # noqa: N802
        if self.mode == "reject-550" and address.startswith("bounce"):
            return "550 5.1.1 no such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.seen_data += 1
        if self.mode == "hang":
            await asyncio.sleep(3600)
        message = message_from_bytes(envelope.original_content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))  # type: ignore[arg-type]
        return "250 OK"


class _Sink(Protocol):
    port: int


SinkT = TypeVar("SinkT", bound=_Sink)


@contextmanager
def serving(sink: SinkT) -> Iterator[SinkT]:
    """An aiosmtpd server on 127.0.0.1 at the sink's port, handled by the sink. A port found free by `free_port` can be
    taken by another test process before the server binds it (seen under pytest-xdist: EADDRINUSE): the sink then
    moves to another free port, so a test reads ``sink.port`` once the server is up."""
    for attempt in range(5):
        controller = Controller(sink, hostname="127.0.0.1", port=sink.port)
        try:
            controller.start()
            break
        except OSError as error:
            if error.errno != errno.EADDRINUSE or attempt == 4:
                raise
            sink.port = free_port()
    try:
        yield sink
    finally:
        controller.stop()


def smtp_sink(port: int | None = None) -> AbstractContextManager[SmtpSink]:
    return serving(SmtpSink(port or free_port()))
