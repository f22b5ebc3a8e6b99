"""The one translation catalogue: every string a reader sees (web pages, subscriber emails, digests) is
written in English in the source, marked for gettext, and shown from `monitor/locale/<lang>/LC_MESSAGES/
messages.mo` (Chinese by default, English available). Catalogues are kept with Babel:

    make locale   # extract (babel.cfg) -> update the .po files -> compile the .mo files

Python code asks ``translator(language)`` for an object with ``gettext`` / ``ngettext``; templates use
Jinja2's i18n extension (``{% trans %}``, ``_()``) through ``template_environment``. Dates a reader sees
go through ``format_datetime`` / ``format_published_date`` (2022年11月14日 09:30 in the reader's timezone).
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel.support import NullTranslations, Translations
from jinja2 import Environment, PackageLoader, select_autoescape

from monitor.items import PublishDate

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "LANGUAGE_NAMES", "language_or_default", "translator",
           "template_environment", "format_datetime", "format_published_date", "locale_dir"]

LANGUAGES = ("zh-CN", "en")
DEFAULT_LANGUAGE = "zh-CN"
# Each language named in itself: a reader who cannot read the page can still find their own.
LANGUAGE_NAMES = {"zh-CN": "中文", "en": "English"}
_LOCALE = {"zh-CN": "zh_CN", "en": "en"}
_SHANGHAI = ZoneInfo("Asia/Shanghai")


def language_or_default(value: str | None) -> str:
    """A supported language code from what a form, a link or a stored row says (zh, zh-cn, EN ...); Chinese
    for anything else."""
    text = (value or "").strip().lower().replace("_", "-")
    if text in ("en", "en-us", "en-gb") or text.startswith("en-"):
        return "en"
    return DEFAULT_LANGUAGE


def locale_dir() -> str:
    return str(resources.files("monitor").joinpath("locale"))


@lru_cache(maxsize=len(LANGUAGES))
def translator(language: str | None) -> NullTranslations:
    """The catalogue of ``language`` (gettext, ngettext, pgettext); Chinese when the language is unknown."""
    locale = _LOCALE[language_or_default(language)]
    return Translations.load(locale_dir(), [locale], domain="messages")


@lru_cache(maxsize=16)
def _environment(loader_key: tuple[str, str], language: str) -> Environment:
    env = Environment(loader=PackageLoader(*loader_key), autoescape=select_autoescape(enabled_extensions=("j2",)),
                      extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(translator(language), newstyle=True)  # type: ignore[attr-defined]
    env.globals["language"] = language
    env.filters["datetime"] = lambda value, tz=None: format_datetime(value, language, tz)
    return env


def template_environment(package: str, folder: str, language: str | None) -> Environment:
    """A Jinja2 environment for the templates in ``package/folder`` that speaks ``language``: one per language,
    built once (installing translations on a shared environment per request would race across threads)."""
    return _environment((package, folder), language_or_default(language))


def _zone(tz: str | ZoneInfo | None) -> ZoneInfo:
    if isinstance(tz, ZoneInfo):
        return tz
    try:
        return ZoneInfo(tz) if tz else _SHANGHAI
    except (ZoneInfoNotFoundError, ValueError):
        return _SHANGHAI


def format_datetime(value: datetime | None, language: str | None, tz: str | ZoneInfo | None = None) -> str:
    """A moment as a reader writes it, in their timezone: 2022年11月14日 09:30, or 14 Nov 2022 09:30."""
    if value is None:
        return ""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(_zone(tz))
    if language_or_default(language) == "en":
        return f"{local.day} {local:%b %Y %H:%M}"
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"


def format_published_date(published: PublishDate | None, language: str | None, tz: str | ZoneInfo | None = None) -> str:
    """A publish date only as precise as it is known (2022年 / 2022年11月 / 2022年11月14日 / with the time)."""
    if published is None:
        return ""
    if published.precision not in ("year", "month", "day"):
        return format_datetime(published.value, language, tz)
    local = published.value.astimezone(_zone(tz)) if published.value.tzinfo else published.value
    english = language_or_default(language) == "en"
    if published.precision == "year":
        return f"{local.year}" if english else f"{local.year}年"
    if published.precision == "month":
        return f"{local:%b %Y}" if english else f"{local.year}年{local.month}月"
    return f"{local.day} {local:%b %Y}" if english else f"{local.year}年{local.month}月{local.day}日"



def fill_english_catalogue() -> int:
    """``make locale``: the English catalogue says each message as written in the source (its msgid), so that
    every message is in both catalogues. Returns how many entries were filled."""
    from pathlib import Path

    from babel.messages.pofile import read_po, write_po

    path = Path(locale_dir()) / "en" / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale="en")
    filled = 0
    for message in catalogue:
        empty = not all(message.string) if isinstance(message.id, tuple) else not message.string
        if message.id and empty:  # a plural message: its singular and plural forms as written
            message.string, filled = message.id, filled + 1
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=120)
    return filled


if __name__ == "__main__":
    print(f"English catalogue: {fill_english_catalogue()} message(s) filled")
