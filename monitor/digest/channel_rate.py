"""A chat robot's rate limit, kept by every process that shares the database.

WeCom and DingTalk robots take 20 messages a minute (see their modules); a limit counted in one process let
`monitor serve`'s digest job and a manual `monitor digest send` a few seconds later post 20 each. So each
message takes a ``channel_send`` row first, in a transaction that sees every other process's: it goes when
fewer than ``per_minute`` rows of its robot are younger than the window, else it waits until the oldest one
that is in the way leaves the window. The robot is the SHA-256 of its URL, so channels that share one robot
share its limit, and no token is stored twice.

Serialisation: on PostgreSQL a transaction-level advisory lock per robot; on SQLite the row is inserted
first, which takes the database's one write lock until the commit, and then the others are counted.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from monitor.store.models import ChannelSend

__all__ = ["SharedRateLimiter", "robot_key", "WINDOW", "MARGIN"]

log = logging.getLogger(__name__)
WINDOW = 60.0  # seconds: the platforms count messages a minute
# Added to the window: the platform counts arrivals, which follow our clock's reading by the network's delay
# (and another host's clock, sharing a PostgreSQL database, may be a little off).
MARGIN = 1.0


def robot_key(url: str) -> str:
    return hashlib.sha256(url.encode("utf-8")).hexdigest()


def _advisory_key(robot: str) -> int:
    return int.from_bytes(bytes.fromhex(robot[:16]), "big", signed=True)


@dataclass
class SharedRateLimiter:
    """``wait(url, per_minute)`` returns when one more message may go to that robot (and counts it as gone)."""

    engine: Engine
    clock: Callable[[], float] = time.time  # the wall clock: the one all processes read alike
    sleep: Callable[[float], None] = time.sleep

    def wait(self, url: str, per_minute: int) -> None:
        robot = robot_key(url)
        while (pause := self._take(robot, per_minute)) is not None:
            log.info("a chat robot took %d messages in the last %.0f s: waiting %.1f s", per_minute, WINDOW, pause)
            self.sleep(pause)

    def _take(self, robot: str, per_minute: int) -> float | None:
        """Record a send now and return None, or record nothing and return the seconds to wait."""
        span = WINDOW + MARGIN
        table = ChannelSend.__table__  # type: ignore[attr-defined]
        with self.engine.connect() as connection:
            with connection.begin() as transaction:
                if self.engine.url.get_backend_name() == "postgresql":
                    connection.execute(sa.text("SELECT pg_advisory_xact_lock(:k)"), {"k": _advisory_key(robot)})
                now = self.clock()
                connection.execute(table.insert().values(robot=robot, sent_at=now))
                recent = connection.execute(
                    sa.select(table.c.sent_at).where(table.c.robot == robot, table.c.sent_at > now - span)
                    .order_by(table.c.sent_at)).scalars().all()
                others = sorted(recent)
                others.remove(now)
                if len(others) < per_minute:
                    connection.execute(table.delete().where(table.c.robot == robot, table.c.sent_at <= now - span))
                    return None
                transaction.rollback()
        # the send that frees a place: the per_minute-th youngest of the others leaves the window
        free_at = others[len(others) - per_minute] + span
        return min(max(free_at - now, 0.01), span)
