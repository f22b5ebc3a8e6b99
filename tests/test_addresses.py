"""Email addresses: one plain addr-spec, one canonical spelling, and exactly that address in the SMTP envelope."""

from __future__ import annotations

from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.parser import HeaderParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlmodel import Session, select

from monitor.addresses import AddressError, canonical_address
from monitor.digest.mailer import SmtpMailer
from monitor.digest.messages import recipient
from monitor.errors import PermanentDeliveryError
from monitor.settings import Settings
from monitor.store import db
from monitor.store.models import Delivery, DigestRecord, Subscriber
from tests.conftest import run_cli
from tests.digest_helpers import smtp_sink, store_articles
from tests.test_digests import BAOTOU, _add, _send

# Each was accepted before issue 15, and became a subscriber of its own (or an envelope to somewhere else).
NOT_ADDRESSES = [
    "victim@example.com(1)",  # an RFC 5322 comment: (1), (2) ... all reach one inbox, each a new subscriber
    "victim@example.com (2)",
    "(c)victim@example.com",
    "root(x@y.z)",  # smtplib took the envelope recipient from the header: the local user 'root'
    "Victim <victim@example.com>",  # a display name
    "undisclosed: victim@example.com;",  # a group
    "victim@example.com, other@example.com",
    "victim@example.com.",  # a trailing dot
    "victim.@example.com",
    ".victim@example.com",
    "vic..tim@example.com",
    '"vic tim"@example.com',  # quoted local parts: judged unsafe (spaces, @ and quotes inside)
    '"victim@other.example"@example.com',
    "victim@example.com\x00",
    "vic\x01tim@example.com",
    "victim@exam ple.com",
    "vic\ttim@example.com",
    "victim@example.com\r\nBcc: all@example.com",
    "victim@[192.0.2.1]",  # address literals
    "victim@192.0.2.1",
    "victim%other.example@example.com",  # the percent hack: a route through the relay
    "host!victim@example.com",
    "root",
    "root@localhost",
    "victim@-example.com",
    "victim@example..com",
    "victim@@example.com",
    "用户@example.com",  # a non-ASCII local part needs SMTPUTF8 all the way: not accepted
    "a" * 65 + "@example.com",
    "",
]


@pytest.mark.parametrize("text", NOT_ADDRESSES)
def test_anything_but_one_plain_address_is_refused(text: str) -> None:
    with pytest.raises(AddressError, match="not an email address"):
        canonical_address(text)


@pytest.mark.parametrize(("text", "canonical"), [
    ("victim@example.com", "victim@example.com"),
    (" Victim@EXAMPLE.com\t", "Victim@example.com"),  # spaces around dropped, the domain lower-cased, the local part kept
    ("o'brien+digest@mail.example.cn", "o'brien+digest@mail.example.cn"),
    ("first.last@sub.example.co.uk", "first.last@sub.example.co.uk"),
    ("reader@例子.中国", "reader@xn--fsqu00a.xn--fiqs8s"),  # an internationalised domain in A-labels
])
def test_canonical_spelling(text: str, canonical: str) -> None:
    assert canonical_address(text) == canonical
    assert canonical_address(canonical) == canonical


@given(st.text(max_size=40) | st.from_regex(r"[a-zA-Z0-9.()<>\"!%@ ,;:\[\]\\-]{1,30}", fullmatch=True)
       | st.emails().map(lambda e: e))
def test_a_canonical_address_is_its_own_envelope(text: str) -> None:
    """Whatever is accepted is stable, and a To header made of it parses back to exactly it (the envelope)."""
    try:
        address = canonical_address(text)
    except AddressError:
        return
    assert canonical_address(address) == address
    header = HeaderParser(policy=policy.default).parsestr(f"To: {recipient('名 字', address)}\n\n")["To"]
    [parsed] = header.addresses  # type: ignore[attr-defined]
    assert isinstance(parsed, Address) and parsed.addr_spec == address and not header.defects  # type: ignore[attr-defined]


def test_the_cli_refuses_what_is_not_one_plain_address(tmp_path: Path) -> None:
    env = {"MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'm.db'}"}
    assert run_cli("db", "upgrade", env=env, cwd=tmp_path).returncode == 0
    for text in ("victim@example.com(1)", "root(x@y.z)", "Victim <victim@example.com>"):
        refused = run_cli("subscribers", "add", text, env=env, cwd=tmp_path)
        assert refused.returncode == 2 and "not an email address" in refused.stderr, refused.stderr
        assert "Traceback" not in refused.stderr
    added = run_cli("subscribers", "add", "Victim@EXAMPLE.com", env=env, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    listed = run_cli("subscribers", "list", "--json", env=env, cwd=tmp_path)
    assert '"email": "Victim@example.com"' in listed.stdout


def test_alert_addresses_are_checked_too() -> None:
    assert Settings(_env_file=None, alert_emails=" ops@Example.com, b@example.cn ").alert_emails == \
        "ops@example.com, b@example.cn"  # type: ignore[call-arg]
    with pytest.raises(ValueError, match="MONITOR_ALERT_EMAILS"):
        Settings(_env_file=None, alert_emails="ops@example.com, root(x@y.z)")  # type: ignore[call-arg]


def test_a_row_stored_before_the_check_is_never_sent_elsewhere(migrated_url: str, settings_for) -> None:  # type: ignore[no-untyped-def]
    """An address stored by an older version ('root(x@y.z)') bounces for good instead of going to 'root'; an older
    row with an upper-case domain still gets its digest, at its canonical address."""
    store_articles(migrated_url, [BAOTOU])
    _add(migrated_url, "good@example.com")
    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        for email in ("root(x@y.z)", "Old@EXAMPLE.com"):
            row = session.exec(select(Subscriber).where(Subscriber.email == "good@example.com")).one()
            session.add(Subscriber(email=email, timezone=row.timezone, confirmed=True, created_at=row.created_at))
        session.commit()
        from monitor.digest.subscribers import SubscriptionFilters, replace_subscriptions

        for subscriber in session.exec(select(Subscriber)).all():
            replace_subscriptions(session, subscriber, [SubscriptionFilters()])
    with smtp_sink() as sink:
        result = _send(migrated_url, settings_for(migrated_url), sink.port)
        assert sorted(rcpt for rcpts, _ in sink.messages for rcpt in rcpts) == ["Old@example.com", "good@example.com"]
        assert result.sent == 2
        message = EmailMessage()
        message["To"] = "root(x@y.z)"
        mailer = SmtpMailer(f"smtp://127.0.0.1:{sink.port}", timeout=5)
        with pytest.raises(PermanentDeliveryError, match="not an email address"):
            mailer.send(message)
        mailer.close()
        assert len(sink.messages) == 2
    with Session(engine) as session:
        states = {s.email: d.state for s, d in session.exec(
            select(Subscriber, Delivery).join(DigestRecord, DigestRecord.subscriber_id == Subscriber.id)  # type: ignore[arg-type]
            .join(Delivery, Delivery.digest_id == DigestRecord.id)).all()}  # type: ignore[arg-type]
    assert states == {"good@example.com": "sent", "Old@EXAMPLE.com": "sent", "root(x@y.z)": "bounced"}
    engine.dispose()
