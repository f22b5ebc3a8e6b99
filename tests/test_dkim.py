"""DKIM signing: digests and one-off emails sent through a real SMTP server on loopback (aiosmtpd) carry a
signature that dkimpy verifies against the public key; bad DKIM settings stop the start with exit 2."""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import dkim
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import ValidationError
from sqlmodel import Session

from monitor.digest.delivery import send_digests
from monitor.digest.mailer import OutboxMailer, mailer_for
from monitor.digest.messages import build_email, recipient
from monitor.digest.subscribers import SubscriptionFilters, add_subscriber
from monitor.settings import Settings
from monitor.store import db
from tests.conftest import free_port, run_cli
from tests.digest_helpers import serving, store_articles

SELECTOR, DOMAIN = "zm2026", "example.cn"
SENDER = "高新区动态 <digest@news.example.cn>"  # a subdomain of the signing domain: DMARC's relaxed alignment


@dataclass
class RawSink:
    """An SMTP server's handler that keeps each message's bytes exactly as received."""

    port: int
    received: list[bytes] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.received.append(envelope.original_content)
        return "250 OK"


def _key_pair(tmp_path: Path, bits: int = 2048) -> tuple[Path, bytes]:
    """A private key file (PKCS#1 PEM, as `openssl genrsa` writes) and the DNS TXT record of its public key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=bits)
    path = tmp_path / "dkim.pem"
    path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                                       serialization.NoEncryption()))
    public = key.public_key().public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return path, b"v=DKIM1; k=rsa; p=" + base64.b64encode(public)


def _dns(record: bytes) -> Callable[..., bytes | None]:
    """What DNS answers for the selector's TXT record, and for no other name."""
    def txt(name: bytes, timeout: int = 5) -> bytes | None:
        return record if name == f"{SELECTOR}._domainkey.{DOMAIN}.".encode() else None
    return txt


def _dkim_settings(settings_for: Callable[..., Settings], database_url: str, key_file: Path, **more: object) -> Settings:
    return settings_for(database_url, mail_from=SENDER, dkim_selector=SELECTOR, dkim_domain=DOMAIN,
                        dkim_private_key_file=key_file, **more)


def test_a_digest_sent_over_smtp_is_signed_and_verifies_against_the_public_key(
        migrated_url: str, settings_for, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    key_file, record = _key_pair(tmp_path)
    store_articles(migrated_url, [{"url": "https://www.zgc.gov.cn/1.html", "title": "中关村发布新政",
                                   "body": "中关村科技园区发布新一轮支持政策。" * 20, "zones": ["zhongguancun"]}])
    with serving(RawSink(free_port())) as sink:
        settings = _dkim_settings(settings_for, migrated_url, key_file, smtp_url=f"smtp://127.0.0.1:{sink.port}")
        engine = db.make_engine(migrated_url)
        with Session(engine) as session:
            add_subscriber(session, "reader@example.org", "王读者", "Asia/Shanghai", SubscriptionFilters())
        result = send_digests(engine, settings, mailer_for(settings), force=True)
        engine.dispose()
        mailer = mailer_for(settings)  # a one-off email (confirmation, alert) goes through the same signer
        mailer.send(build_email(sender=settings.mail_from, to=recipient("王读者", "reader@example.org"),
                                subject="确认订阅", text="请确认您的订阅。\n"))
        mailer.close()
    assert result.sent == 1 and len(sink.received) == 2
    for raw in sink.received:
        message = message_from_bytes(raw, policy=policy.default)
        signature = str(message["DKIM-Signature"])
        assert f"d={DOMAIN}" in signature and f"s={SELECTOR}" in signature
        assert dkim.verify(raw, dnsfunc=_dns(record)), raw[:400]
    digest = message_from_bytes(sink.received[0], policy=policy.default)
    assert digest.is_multipart() and "中关村发布新政" in digest.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    # the check can fail: a changed subject, or another key's record, no longer verifies
    tampered = sink.received[1].replace(base64.b64encode("确认订阅".encode()), base64.b64encode("中奖通知".encode()))
    assert tampered != sink.received[1] and not dkim.verify(tampered, dnsfunc=_dns(record))
    (tmp_path / "other").mkdir()
    _, other_record = _key_pair(tmp_path / "other", 1024)
    assert not dkim.verify(sink.received[0], dnsfunc=_dns(other_record))


def test_without_a_key_nothing_is_signed_and_the_outbox_keeps_signed_copies_when_one_is_set(
        settings_for, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    unsigned = settings_for("sqlite://", mail_from=SENDER)
    mailer = mailer_for(unsigned)
    assert isinstance(mailer, OutboxMailer) and mailer.signer is None
    email = build_email(sender=SENDER, to="reader@example.org", subject="提醒", text="正文\n")
    mailer.send(email)
    assert b"DKIM-Signature" not in mailer.path_for(email).read_bytes()

    key_file, record = _key_pair(tmp_path)
    signed = mailer_for(_dkim_settings(settings_for, "sqlite://", key_file))
    assert isinstance(signed, OutboxMailer)
    signed.send(email)
    assert dkim.verify(signed.path_for(email).read_bytes(), dnsfunc=_dns(record))


@pytest.mark.parametrize(("overrides", "message"), [
    ({"dkim_selector": SELECTOR}, "MONITOR_DKIM_DOMAIN, MONITOR_DKIM_PRIVATE_KEY_FILE missing"),
    ({"dkim_selector": SELECTOR, "dkim_domain": DOMAIN, "dkim_private_key_file": "/nonexistent/dkim.pem"}, "cannot be read"),
    ({"dkim_selector": "bad selector", "dkim_domain": DOMAIN, "dkim_private_key_file": "KEY"}, "must be a DNS name"),
    ({"dkim_selector": SELECTOR, "dkim_domain": "other.org", "dkim_private_key_file": "KEY"}, "is not the domain of MONITOR_MAIL_FROM"),
    ({"dkim_selector": SELECTOR, "dkim_domain": DOMAIN, "dkim_private_key_file": "NOTAKEY"}, "holds no PEM RSA private key"),
])
def test_bad_dkim_settings_are_refused_with_what_to_fix(overrides: dict[str, str], message: str, tmp_path: Path) -> None:
    key_file, _ = _key_pair(tmp_path)
    (tmp_path / "not-a-key.pem").write_text("-----BEGIN RSA PRIVATE KEY-----\nbm90IGEga2V5\n-----END RSA PRIVATE KEY-----\n")
    files = {"KEY": str(key_file), "NOTAKEY": str(tmp_path / "not-a-key.pem")}
    values = {k: files.get(v, v) for k, v in overrides.items()}
    with pytest.raises(ValidationError, match=message):
        Settings(_env_file=None, mail_from=SENDER, **values)  # type: ignore[arg-type]


def test_a_command_with_a_bad_dkim_key_exits_2_and_names_the_setting(tmp_path: Path) -> None:
    result = run_cli("digest", "send", "--dry-run", cwd=tmp_path, env={
        "MONITOR_MAIL_FROM": SENDER, "MONITOR_DKIM_SELECTOR": SELECTOR, "MONITOR_DKIM_DOMAIN": DOMAIN,
        "MONITOR_DKIM_PRIVATE_KEY_FILE": str(tmp_path / "missing.pem")})
    assert result.returncode == 2, result.stderr
    assert "MONITOR_DKIM_PRIVATE_KEY_FILE" in result.stderr and "cannot be read" in result.stderr
