"""The web form's sliding-window limit."""

from __future__ import annotations

from monitor.fetch.throttle import Throttle


def test_a_key_gets_its_limit_per_window_then_again_as_the_window_slides() -> None:
    now = [0.0]
    throttle = Throttle(2, 60, clock=lambda: now[0])
    assert throttle.allow("a") and throttle.allow("a")
    assert not throttle.allow("a")
    assert throttle.allow("b")  # keys are independent
    assert throttle.retry_after("a") == 61
    now[0] = 59.9
    assert not throttle.allow("a")
    now[0] = 60.0  # both events (at 0) left the window
    assert throttle.allow("a")
    now[0] = 70.0
    assert throttle.allow("a") and not throttle.allow("a")
    assert throttle.retry_after("a") == 51  # until the event at 60 leaves


def test_stale_keys_are_dropped_so_memory_stays_bounded() -> None:
    now = [0.0]
    throttle = Throttle(1, 10, clock=lambda: now[0])
    for i in range(10_001):
        throttle.allow(f"k{i}")
    now[0] = 11.0
    throttle.allow("fresh")
    throttle.allow("another")
    assert len(throttle._events) <= 2
