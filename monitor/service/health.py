"""Source health after each crawl run, and the one alert (and one all-clear) that goes with it.

A source is unhealthy when any of these holds (thresholds are settings):
1. failed runs in a row (``Source.consecutive_failures``) >= MONITOR_ALERT_AFTER_FAILURES;
2. zero-yield runs in a row >= MONITOR_ALERT_AFTER_ZERO_YIELD, whether or not the source ever
   yielded: its list pages named no item URL, which is what a site redesign that broke the
   selectors, or a `links` selector that never matched, looks like. A 304 (list page unchanged)
   repeats the previous answer: it continues a streak, and does not start one;
3. parse failures over the last 10 runs >= MONITOR_ALERT_PARSE_FAILURE_RATE of the items
   fetched (at least 5 items).

The counters that the tables do not hold (zero-yield streak, "has yielded", "alert sent")
live in the source's SourceCheckpoint of kind ``health``, so a restart or another serve
process neither forgets an alert nor sends it twice. Callers hold the source's lock.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.digest.alerts import alert_message, alert_recipients, send_alert
from monitor.digest.mailer import Mailer, mailer_for
from monitor.pipeline import SourceRunResult
from monitor.settings import Settings
from monitor.store.models import CrawlRun, FetchLog, Source, SourceCheckpoint
from monitor.timefmt import utcnow

__all__ = ["HealthState", "HealthVerdict", "record_run", "load_states", "parse_failure_rate"]

log = logging.getLogger(__name__)
CHECKPOINT_KIND = "health"
RATE_WINDOW_RUNS = 10
RATE_MIN_ITEMS = 5


@dataclass(frozen=True, slots=True)
class HealthState:
    zero_yield_runs: int = 0
    has_yielded: bool = False
    alerted: bool = False

    def to_json(self) -> str:
        return json.dumps({"zero_yield_runs": self.zero_yield_runs, "has_yielded": self.has_yielded,
                           "alerted": self.alerted})

    @classmethod
    def from_json(cls, text: str | None) -> HealthState:
        data = json.loads(text or "{}")
        return cls(int(data.get("zero_yield_runs", 0)), bool(data.get("has_yielded", False)),
                   bool(data.get("alerted", False)))


@dataclass(frozen=True, slots=True)
class HealthVerdict:
    source: str
    health: str  # ok | failing | silent | parse-errors
    reasons: tuple[str, ...]
    alert_sent: bool = False
    all_clear_sent: bool = False


def _checkpoint(session: Session, source_id: int) -> SourceCheckpoint:
    row = session.exec(select(SourceCheckpoint).where(SourceCheckpoint.source_id == source_id,
                                                      SourceCheckpoint.kind == CHECKPOINT_KIND)).first()
    return row or SourceCheckpoint(source_id=source_id, kind=CHECKPOINT_KIND, value_json="{}", updated_at=utcnow())


def load_states(session: Session) -> dict[int, HealthState]:
    rows = session.exec(select(SourceCheckpoint).where(SourceCheckpoint.kind == CHECKPOINT_KIND)).all()
    return {row.source_id: HealthState.from_json(row.value_json) for row in rows}


def parse_failure_rate(session: Session, source_id: int) -> float | None:
    """Items that failed to parse / items fetched, over the last runs; None below RATE_MIN_ITEMS items."""
    runs = session.exec(select(CrawlRun).where(CrawlRun.source_id == source_id, CrawlRun.finished_at != None)  # noqa: E711
                        .order_by(col(CrawlRun.id).desc()).limit(RATE_WINDOW_RUNS)).all()
    fetched = sum(r.fetched for r in runs)
    if fetched < RATE_MIN_ITEMS:
        return None
    run_ids = [r.id for r in runs]
    # errors count failed fetches too; what FetchLog saw fail is not a parse failure
    failed_fetches = session.exec(select(func.count()).select_from(FetchLog).where(
        col(FetchLog.run_id).in_(run_ids), (col(FetchLog.status) == None) | (col(FetchLog.status) >= 400))).one()  # noqa: E711
    parse_failures = max(0, sum(r.errors for r in runs) - int(failed_fetches))
    return min(1.0, parse_failures / fetched)


def _listing_changed(session: Session, source_id: int) -> bool:
    """Did the latest run get a fresh (200) answer, i.e. a list page that is not a 304?"""
    run_id = session.exec(select(func.max(CrawlRun.id)).where(CrawlRun.source_id == source_id)).one()
    if run_id is None:
        return False
    hit = session.exec(select(FetchLog.id).where(FetchLog.run_id == run_id, FetchLog.status == 200,
                                                 col(FetchLog.from_cache).is_(False)).limit(1)).first()
    return hit is not None


def record_run(engine: Engine, settings: Settings, result: SourceRunResult,
               mailer_factory: Callable[[], Mailer] | None = None) -> HealthVerdict:
    """Update the health of the source of ``result`` (its run is already finished) and alert on a change."""
    make = mailer_factory or (lambda: mailer_for(settings))
    recipients = alert_recipients(settings)
    with Session(engine, expire_on_commit=False) as session:
        source = session.exec(select(Source).where(Source.name == result.name)).first()
        if source is None or source.id is None:
            return HealthVerdict(result.name, "unknown", ())
        checkpoint = _checkpoint(session, source.id)
        state = HealthState.from_json(checkpoint.value_json)
        zero, yielded = state.zero_yield_runs, state.has_yielded
        if not result.failed:
            if result.discovered:
                zero, yielded = 0, True
            elif zero or _listing_changed(session, source.id):
                zero += 1  # a list page naming no item, or unchanged (304) since it named none
        reasons: list[str] = []
        health = "ok" if not result.failed else "failing"
        if source.consecutive_failures >= settings.alert_after_failures:
            reasons.append(f"{source.consecutive_failures} failed runs in a row; last error: {source.last_error}")
        if zero >= settings.alert_after_zero_yield:
            health = "silent"
            reasons.append(f"{zero} runs in a row: its list pages named no item URL "
                           + ("(the site changed and the selectors probably no longer match)" if yielded else
                              "(it never listed any: check its url and `links` selector)"))
        rate = parse_failure_rate(session, source.id)
        if rate is not None and rate >= settings.alert_parse_failure_rate:
            health = "parse-errors" if health == "ok" else health
            reasons.append(f"{rate:.0%} of the items fetched in the last {RATE_WINDOW_RUNS} runs failed to parse")
        alerted, alert_sent, clear_sent = state.alerted, False, False
        if reasons and not alerted:
            body = (f"Source {source.name!r} looks broken:\n\n" + "\n".join(f"- {r}" for r in reasons)
                    + "\n\nCheck it with `monitor sources test " + source.name + "` and `monitor runs --source "
                    + source.name + "`. You get one all-clear email when it recovers.\n")
            alerted = alert_sent = (not recipients) or send_alert(
                settings, make, alert_message(settings, recipients, f"[zone-monitor] source {source.name} is unhealthy", body))
            alert_sent = alert_sent and bool(recipients)
        elif not reasons and alerted:
            body = f"Source {source.name!r} is healthy again: its last run succeeded and yielded items.\n"
            cleared = (not recipients) or send_alert(
                settings, make, alert_message(settings, recipients, f"[zone-monitor] source {source.name} recovered", body))
            alerted = not cleared
            clear_sent = cleared and bool(recipients)
        value = HealthState(zero, yielded, alerted).to_json()
        # most runs change nothing here: no write then (on SQLite every write waits for the one writer)
        if checkpoint.id is None or checkpoint.value_json != value or source.health != health:
            checkpoint.value_json, checkpoint.updated_at = value, utcnow()
            source.health = health
            session.add(checkpoint)
            session.add(source)
            session.commit()
    return HealthVerdict(result.name, health, tuple(reasons), alert_sent, clear_sent)
