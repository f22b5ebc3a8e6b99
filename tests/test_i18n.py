"""The one translation catalogue (monitor/i18n.py, monitor/locale): every marked string of the templates and the
code is translated in both languages, the compiled catalogues are those of the .po files, readers' dates, and a
subscriber's language chosen from the CLI reaching their emails."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from babel.support import Translations

from monitor.i18n import format_datetime, format_published_date, locale_dir, translator
from monitor.items import PublishDate
from tests.conftest import run_cli

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ("zh_CN", "en")


def _extracted() -> set[str]:
    """Every message id `make locale` extracts with babel.cfg (templates and Python code)."""
    with (ROOT / "babel.cfg").open() as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(str(ROOT), method_map, options_map):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _singular(message_id: str | tuple[str, ...]) -> str:
    """A message's id; a plural message (ngettext) by its singular form, as extraction names it."""
    return message_id if isinstance(message_id, str) else message_id[0]


def _forms(translation: str | tuple[str, ...]) -> tuple[str, ...]:
    return (translation,) if isinstance(translation, str) else tuple(translation)


def _catalogue(locale: str):  # type: ignore[no-untyped-def]
    with (Path(locale_dir()) / locale / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=locale)


def test_every_marked_string_is_translated_in_both_catalogues() -> None:
    extracted = _extracted()
    assert len(extracted) > 100  # the pages, the forms and the emails
    for locale in LOCALES:
        catalogue = _catalogue(locale)
        translated = {_singular(m.id): _forms(m.string) for m in catalogue if m.id}
        missing = sorted(extracted - set(translated))
        assert not missing, f"{locale}: not in the catalogue (run `make locale`): {missing}"
        empty = sorted(i for i in extracted if not all(translated[i]))
        assert not empty, f"{locale}: no translation: {empty}"
    chinese = {_singular(m.id): " ".join(_forms(m.string)) for m in _catalogue("zh_CN") if m.id}
    # a Chinese entry that still reads as English was copied, not translated
    untranslated = sorted(i for i, text in chinese.items() if re.search(r"[A-Za-z]{4,}", re.sub(r"%\(\w+\)[sd]|Asia/Shanghai", "", text)))
    assert not untranslated, untranslated


def test_the_compiled_catalogues_are_those_of_the_po_files() -> None:
    """The .mo files are committed (no build step at install): they must say what the .po files say."""
    for locale in LOCALES:
        with (Path(locale_dir()) / locale / "LC_MESSAGES" / "messages.mo").open("rb") as handle:
            compiled = Translations(handle)
        for message in _catalogue(locale):
            if message.id and isinstance(message.id, tuple):  # plural: each form, for a number that picks it
                forms = _forms(message.string)
                assert compiled.ngettext(message.id[0], message.id[1], 1) == forms[0], (locale, message.id)
                assert compiled.ngettext(message.id[0], message.id[1], 2) == forms[-1], (locale, message.id)
            elif message.id:
                assert compiled.gettext(message.id) == message.string, (locale, message.id)


def test_chinese_by_default_english_on_request() -> None:
    assert translator(None).gettext("Subscribe") == translator("zh-CN").gettext("Subscribe") == "订阅"
    assert translator("en").gettext("Subscribe") == "Subscribe"
    assert translator("fr").gettext("Subscribe") == "订阅"


def test_dates_as_readers_write_them_in_their_timezone() -> None:
    moment = datetime(2022, 11, 14, 1, 30, tzinfo=UTC)
    assert format_datetime(moment, "zh-CN") == "2022年11月14日 09:30"  # Asia/Shanghai unless told
    assert format_datetime(moment, "zh-CN", "Europe/Berlin") == "2022年11月14日 02:30"
    assert format_datetime(moment, "en", "Asia/Shanghai") == "14 Nov 2022 09:30"
    assert format_datetime(None, "zh-CN") == ""
    day = PublishDate(datetime(2022, 11, 13, 16, 0, tzinfo=UTC), "day")  # midnight of the 14th in Shanghai
    assert format_published_date(day, "zh-CN") == "2022年11月14日"
    assert format_published_date(PublishDate(day.value, "month"), "zh-CN") == "2022年11月"
    assert format_published_date(PublishDate(day.value, "year"), "en") == "2022"


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_subscribers_language_from_the_cli_reaches_their_confirmation_email(migrated_url: str, tmp_path: Path) -> None:
    env = {"MONITOR_DATABASE_URL": migrated_url, "MONITOR_OUTBOX": str(tmp_path / "outbox")}
    for email, language in (("en@example.com", "en"), ("zh@example.com", None)):
        args = ["subscribers", "add", email, "--require-confirmation", *(["--language", language] if language else [])]
        assert run_cli(*args, env=env).returncode == 0
    refused = run_cli("subscribers", "add", "x@example.com", "--language", "fr", env=env)
    assert refused.returncode == 2 and "zh-CN, en" in refused.stderr
    from sqlmodel import Session, select

    from monitor.store import db
    from monitor.store.models import Subscriber

    engine = db.make_engine(migrated_url)
    with Session(engine) as session:
        stored = {row.email: row.language for row in session.exec(select(Subscriber)).all()}
    engine.dispose()
    assert stored == {"en@example.com": "en", "zh@example.com": "zh-CN"}
    subjects = {}
    for path in (tmp_path / "outbox").glob("*.eml"):
        mail = message_from_bytes(path.read_bytes(), policy=policy.default)
        subjects[str(mail["To"])] = (str(mail["Subject"]), mail.get_body(("plain",)).get_content())  # type: ignore[union-attr]
    assert subjects["en@example.com"][0] == "Confirm your zone-monitor subscription"
    assert subjects["zh@example.com"][0] == "请确认您的国家高新区动态订阅"
    assert "请点击以下链接" in subjects["zh@example.com"][1] and "Please" not in subjects["zh@example.com"][1]
