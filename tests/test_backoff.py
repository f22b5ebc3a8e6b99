"""The one backoff policy (monitor/backoff.py) gives each retry the waits and tries it had when each wrote its
own formula (issue 16: fetch, delivery, the URL queue and commit_retrying each had one)."""

from __future__ import annotations

import math
import random

import pytest

from monitor.backoff import COMMIT_RETRY, DELIVERY_RETRY, URL_RETRY, Backoff, fetch_backoff
from monitor.digest.delivery import MAX_ATTEMPTS as DELIVERY_ATTEMPTS
from monitor.settings import Settings
from monitor.store.queue import MAX_ATTEMPTS as URL_ATTEMPTS


def _same_as(policy: Backoff, formula, failures: range) -> None:  # type: ignore[no-untyped-def]
    """``policy.delay(n)`` draws the same jitter as ``formula(n)`` did: compared under one seed per n."""
    for n in failures:
        random.seed(n)
        expected = formula(n)
        random.seed(n)
        assert policy.delay(n) == pytest.approx(expected, rel=1e-12), n


def test_the_fetch_retries_keep_their_settings_and_waits() -> None:
    for backoff, max_wait, retries in ((1.0, 120.0, 3), (0.01, 2.0, 2), (7.0, 30.0, 10)):
        settings = Settings(_env_file=None, retry_backoff=backoff, retry_max_wait=max_wait, fetch_retries=retries)  # type: ignore[call-arg]
        policy = fetch_backoff(settings)
        assert policy.attempts == retries + 1
        # before: attempt a (0 = the first try) failed -> min(backoff * 2**a * uniform(0.5, 1.5), max_wait)
        _same_as(policy, lambda n, b=backoff, m=max_wait: min(b * 2 ** (n - 1) * random.uniform(0.5, 1.5), m), range(1, 12))
        assert all(policy.delay(n) <= max_wait for n in range(1, 40))  # MONITOR_RETRY_MAX_WAIT is the longest wait


def test_a_refused_digest_waits_as_before() -> None:
    assert DELIVERY_RETRY.attempts == DELIVERY_ATTEMPTS == 8
    # before: after `attempts` sends -> min(3600, 60 * 2**min(attempts, 6)) * uniform(0.8, 1.2)
    _same_as(DELIVERY_RETRY, lambda n: min(3600.0, 60.0 * 2 ** min(n, 6)) * random.uniform(0.8, 1.2), range(1, 30))
    spread = {round(DELIVERY_RETRY.delay(7)) for _ in range(50)}
    assert len(spread) > 1 and max(spread) > 3600  # at the cap the waits still spread


def test_a_failed_url_waits_as_before() -> None:
    assert URL_RETRY.attempts == URL_ATTEMPTS == 5
    # before: after `attempts` fetches -> 5 minutes * 2**min(attempts, 8), no jitter
    assert [URL_RETRY.delay(n) / 60 for n in range(1, 11)] == [5 * 2 ** min(n, 8) for n in range(1, 11)]


def test_a_commit_is_tried_twice_at_once() -> None:
    assert COMMIT_RETRY.attempts == 2 and COMMIT_RETRY.delay(1) == 0
    assert not COMMIT_RETRY.exhausted(1) and COMMIT_RETRY.exhausted(2)


def test_huge_failure_counts_stay_at_the_cap() -> None:
    assert URL_RETRY.delay(10_000) == URL_RETRY.cap
    assert Backoff(attempts=3, base=1.0).delay(10_000) == math.inf


@pytest.mark.parametrize("fields", [{"attempts": 0}, {"attempts": 2, "base": -1.0}, {"attempts": 2, "factor": 0.5},
                                    {"attempts": 2, "jitter": 1.5}])
def test_a_policy_that_makes_no_sense_is_refused(fields: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="not a backoff policy"):
        Backoff(**fields)  # type: ignore[arg-type]
