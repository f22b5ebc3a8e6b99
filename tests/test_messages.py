"""Every email the project sends is built by monitor/digest/messages.py: the same headers and encoding on the
digests, the web app's emails and the operators' alerts (issue 16: they were built in three places)."""

from __future__ import annotations

import ast
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from monitor.digest.alerts import alert_undelivered
from monitor.digest.build import DigestLinks, build_digest
from monitor.digest.delivery import Undelivered
from monitor.digest.messages import build_email, digest_email
from monitor.store.models import Subscriber
from monitor.web.app import send_confirmation

MONITOR = Path(__file__).resolve().parent.parent / "monitor"
_LINKS = DigestLinks(unsubscribe="https://m.example/u/t", manage="https://m.example/m/t", web="https://m.example/w/t",
                     archive="https://m.example/a")


def _read(path: Path) -> EmailMessage:
    return message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[return-value]


def _common_headers(message: EmailMessage) -> None:
    for header in ("From", "To", "Subject", "Date", "Message-ID"):
        assert message[header], header
    assert parsedate_to_datetime(str(message["Date"])).utcoffset() is not None  # a definite zone, not -0000
    assert str(message["Message-ID"]).startswith("<") and str(message["Message-ID"]).endswith(">")
    for part in message.walk():
        if part.get_content_maintype() == "text":
            assert part.get_content_charset() == "utf-8" and part["Content-Transfer-Encoding"] == "base64"


def test_every_sender_builds_its_email_with_the_one_builder(settings_for, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    settings = settings_for(f"sqlite:///{tmp_path / 'unused.db'}", alert_emails="ops@example.org, oncall@example.org")
    send_confirmation(settings, Subscriber(id=7, email="reader@example.com", name="读者"))
    [confirmation] = [_read(p) for p in Path(settings.outbox).glob("*.eml")]
    assert alert_undelivered(settings, [Undelivered("reader@example.com", "daily", "2026-12-06", "<1@x>", "SMTP 451")])
    [alert] = [m for m in (_read(p) for p in Path(settings.outbox).glob("*.eml")) if m["Message-ID"] != confirmation["Message-ID"]]
    digest = build_digest(to_email="reader@example.com", to_name="读者", items=[], tz=ZoneInfo("Asia/Shanghai"),
                          links=_LINKS)
    sent = digest_email(digest, sender=settings.mail_from, message_id="<d1@zone-monitor.invalid>",
                        unsubscribe_url=_LINKS.unsubscribe)
    for message in (confirmation, alert, sent):
        _common_headers(message)
    assert str(confirmation["To"]) == "读者 <reader@example.com>" and "/confirm/" in confirmation.get_content()
    assert str(alert["To"]) == "ops@example.org, oncall@example.org" and "SMTP 451" in alert.get_content()
    assert confirmation["List-Unsubscribe"] is None and alert["List-Id"] is None  # one-off emails are no list's
    assert sent["Message-ID"] == "<d1@zone-monitor.invalid>" and sent["List-Unsubscribe"] == f"<{_LINKS.unsubscribe}>"
    assert sent["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert [p.get_content_type() for p in sent.iter_parts()] == ["text/plain", "text/html"]


def test_a_new_message_id_unless_one_is_given() -> None:
    first, second = (build_email(sender="a@example.org", to="b@example.org", subject="s", text="t") for _ in range(2))
    assert first["Message-ID"] != second["Message-ID"]
    assert not first.is_multipart() and first.get_content() == "t\n"


def test_no_other_module_builds_an_email() -> None:
    """The rule has one owner: no module but messages.py creates an EmailMessage or sets its headers."""
    builders = []
    for path in MONITOR.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None)) == "EmailMessage":
                builders.append(str(path.relative_to(MONITOR)))
    assert builders == ["digest/messages.py"]
