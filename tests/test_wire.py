"""A digest run writes its emails by hand (monitor/digest/wire.py, issue 23): the bytes must be those the email
package and smtplib write for the same message, so a subscriber's email is unchanged. Each case builds the
digest both ways with one boundary and one clock, compares the bytes on the wire (through a real aiosmtpd server
on loopback) and in the outbox, and parses the hand-written bytes back with the stdlib parser."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiosmtpd.controller import Controller

from monitor.digest import messages
from monitor.digest.build import DigestLinks, build_digest
from monitor.digest.mailer import OutboxMailer, SmtpMailer
from monitor.digest.messages import digest_email, digest_wire_email
from monitor.digest.signer import flatten
from monitor.digest.wire import WireEmail, new_boundary
from monitor.errors import PermanentDeliveryError
from monitor.items import Digest, DigestItem, PublishDate
from tests.conftest import free_port

_LONG_LINK = "https://monitor.example.org/unsubscribe/" + "Zx9-" * 40
_ITEM = DigestItem(
    1,
    "包头稀土高新区举行“稀土+”产业发布会 <b>&amp;",
    "https://news.example.cn/a/1.html",
    "包头日报",
    PublishDate(datetime(2026, 12, 6, 2, 0, tzinfo=UTC), "minute"),
    "张三",
    "记者",
    ("包头稀土高新区",),
    "稀土新材料产业集群加快发展。" * 8,
    ("news.example.cn",),
    ("产业",),
)


def _digests() -> list[tuple[str, Digest, str]]:
    """(sender, digest, unsubscribe link): names, subjects and texts that the email package folds, encodes or
    rewrites in its own ways."""
    links = DigestLinks(
        unsubscribe=_LONG_LINK,
        manage="https://m.example/m/t",
        web="https://m.example/w/t",
        archive="https://m.example/a",
    )
    built = [
        build_digest(
            to_email=email,
            to_name=name,
            items=items,
            tz=ZoneInfo("Asia/Shanghai"),
            links=links,
            language=language,
        )
        for email, name, items, language in (
            ("reader@example.org", None, [_ITEM] * 3, None),
            ("li.wei+digest@example.org", '李伟 (Li, Wei) "老李"', [_ITEM], None),
            ("reader@xn--fsq.example", "读者" * 30, [_ITEM] * 60, "en"),
            ("a@b.example", "", [], None),
        )
    ]
    odd = Digest(
        to_email="o'neil@example.org",
        to_name="Ünïcode 名字 😀",
        subject="主题 " * 40 + "end",
        text="CR\rLF\nCRLF\r\n\r\nno final newline 😀",
        html="",
        article_ids=(),
    )
    return [("zone-monitor <digest@example.org>", d, _LONG_LINK) for d in built] + [
        ("高新区监测 <digest@example.org>", odd, "https://m.example/u/short"),
        (
            "digest@example.org",
            Digest(to_email="x@example.org", to_name=None, subject="", text="", html="x", article_ids=()),
            "https://m.example/u/s",
        ),
    ]


@pytest.fixture
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """One Date header for both writers (the clock, not the code under test)."""
    monkeypatch.setattr(messages, "utcnow", lambda: datetime(2026, 12, 7, 1, 0, 5, tzinfo=UTC))


def _both(sender: str, digest: Digest, link: str) -> tuple[EmailMessage, WireEmail]:
    boundary = new_boundary()
    message = digest_email(
        digest, sender=sender, message_id="<d7.x@zone-monitor.invalid>", unsubscribe_url=link
    )
    message.set_boundary(boundary)  # the generator keeps a boundary it is given
    wire = digest_wire_email(
        digest,
        sender=sender,
        message_id="<d7.x@zone-monitor.invalid>",
        unsubscribe_url=link,
        boundary=boundary,
    )
    return message, wire


@pytest.mark.usefixtures("fixed_clock")
@pytest.mark.parametrize("case", range(6))
def test_the_hand_written_email_is_byte_for_byte_the_email_packages(case: int) -> None:
    message, wire = _both(*_digests()[case])
    assert wire.data == flatten(message)
    parsed = message_from_bytes(wire.data, policy=policy.default)
    assert parsed.get_content_type() == "multipart/alternative" and not parsed.defects
    for name in ("From", "Date", "Message-ID", "List-Id", "List-Unsubscribe", "List-Unsubscribe-Post"):
        assert str(parsed[name]) == str(message[name]), name
    # a name or subject in many encoded words reads back with spaces between some words: the email
    # package's own round trip does the same
    assert parsed["To"].addresses[0].addr_spec == message["To"].addresses[0].addr_spec
    assert "".join(str(parsed["Subject"]).split()) == "".join(str(message["Subject"]).split())
    for got, want in zip(parsed.iter_parts(), message.iter_parts(), strict=True):  # type: ignore[attr-defined]
        assert got.get_content_type() == want.get_content_type() and not got.defects
        assert got.get_content() == want.get_content()
    assert wire.recipients == tuple(a.addr_spec for a in message["To"].addresses)
    assert wire.message_id == "<d7.x@zone-monitor.invalid>" and wire.sender == "digest@example.org"


@pytest.mark.usefixtures("fixed_clock")
def test_the_parsed_digest_reads_as_built() -> None:
    sender, digest, link = _digests()[1]
    parsed = digest_wire_email(
        digest, sender=sender, message_id="<1@x.invalid>", unsubscribe_url=link
    ).message()
    assert parsed["To"].addresses[0].display_name == '李伟 (Li, Wei) "老李"'
    assert str(parsed["Subject"]) == digest.subject and parsed["List-Unsubscribe"] == f"<{link}>"
    text, html = (part.get_content() for part in parsed.iter_parts())
    assert (
        text.removesuffix("\n") == digest.text.removesuffix("\n") and "包头稀土高新区" in text
    )  # a final newline added
    assert html.removesuffix("\n") == digest.html.removesuffix("\n")


class _RawSink:
    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes, list[str]]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.received.append(
            (
                envelope.mail_from,
                list(envelope.rcpt_tos),
                envelope.original_content,
                list(envelope.mail_options),
            )
        )
        return "250 OK"


@pytest.mark.usefixtures("fixed_clock")
def test_smtp_carries_the_same_bytes_and_envelope_for_both() -> None:
    sink = _RawSink()
    controller = Controller(sink, hostname="127.0.0.1", port=free_port(), enable_SMTPUTF8=True)
    controller.start()
    try:
        mailer = SmtpMailer(f"smtp://127.0.0.1:{controller.port}", timeout=10)
        for case in _digests():
            message, wire = _both(*case)
            mailer.send(message)
            mailer.send(wire)
        mailer.close()
    finally:
        controller.stop()
    assert len(sink.received) == 2 * len(_digests())
    for by_package, by_hand in zip(sink.received[::2], sink.received[1::2], strict=True):
        assert by_hand == by_package


@pytest.mark.usefixtures("fixed_clock")
def test_the_outbox_file_is_the_same(tmp_path: Path) -> None:
    for case in _digests():
        message, wire = _both(*case)
        OutboxMailer(tmp_path / "package").send(message)
        OutboxMailer(tmp_path / "hand").send(wire)
    package = sorted((tmp_path / "package").iterdir())
    assert [p.name for p in package] == [p.name for p in sorted((tmp_path / "hand").iterdir())]
    for path in package:
        assert (tmp_path / "hand" / path.name).read_bytes() == path.read_bytes()


def test_a_recipient_that_is_no_plain_address_is_refused_before_sending() -> None:
    digest = Digest(
        to_email="root(x@y.example)", to_name=None, subject="s", text="t", html="h", article_ids=()
    )
    with pytest.raises(PermanentDeliveryError):
        digest_wire_email(
            digest, sender="d@example.org", message_id="<1@x.invalid>", unsubscribe_url="https://u.example"
        )


def test_boundaries_have_the_generators_shape() -> None:
    boundaries = {new_boundary() for _ in range(50)}
    assert len(boundaries) == 50
    assert all(re.fullmatch(r"={15}\d{19}==", b) for b in boundaries)
