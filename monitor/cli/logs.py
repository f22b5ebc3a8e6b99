"""Log lines of every `monitor` command, `serve` above all: one line per event on stderr with its time (UTC),
level and logger, never wrapped to the terminal's width; ``MONITOR_LOG_FORMAT=json`` writes one JSON object per
line for log collectors (time, level, logger, message, and exception when there is one)."""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

__all__ = ["configure_logging"]

# Libraries that log each request or job at INFO: their normal life is not ours.
QUIET = ("httpx", "httpcore", "apscheduler", "asyncio", "hpack", "charset_normalizer")


def _time(record: logging.LogRecord) -> str:
    return datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


class OneLineFormatter(logging.Formatter):
    """'2026-05-20T07:00:01.123Z INFO monitor.service.scheduler: message'; a multi-line message or a traceback
    is joined with ' | ', so that one event stays one line."""

    def format(self, record: logging.LogRecord) -> str:
        text = f"{_time(record)} {record.levelname} {record.name}: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return " | ".join(line.strip() for line in text.splitlines() if line.strip())


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        event: dict[str, Any] = {"time": _time(record), "level": record.levelname, "logger": record.name,
                                 "message": record.getMessage()}
        if record.exc_info:
            event["exception"] = self.formatException(record.exc_info)
        return json.dumps(event, ensure_ascii=False)


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever sys.stderr is at the time (tests swap it), not the one of when it was made."""

    @property  # type: ignore[override]
    def stream(self) -> Any:
        return sys.stderr

    @stream.setter
    def stream(self, _value: Any) -> None:
        pass


def configure_logging(log_format: str = "text", level: str = "INFO") -> None:
    """Install (or replace) the command's log handler on the root logger; handlers others added stay."""
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _StderrHandler)]:
        root.removeHandler(handler)
    handler = _StderrHandler()
    handler.setFormatter(JsonFormatter() if log_format == "json" else OneLineFormatter())
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
