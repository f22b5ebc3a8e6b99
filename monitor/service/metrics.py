"""Prometheus metrics of one `monitor serve` process (prometheus-client, a registry per service)."""

from __future__ import annotations

import hmac
from collections.abc import Awaitable, Callable
from urllib.parse import urlsplit

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from starlette.requests import Request
from starlette.responses import Response

from monitor.pipeline import SourceRunResult
from monitor.settings import Settings

__all__ = ["ServiceMetrics", "metrics_allowed"]

_FORWARDING_HEADERS = ("forwarded", "x-forwarded-for", "x-real-ip")


def metrics_allowed(request: Request, settings: Settings, *, listener: bool) -> bool:
    """Whether this request may read /metrics (counts per source, what is being crawled: not for the public).

    With MONITOR_METRICS_TOKEN, a request carrying it as a bearer token may, from anywhere. Otherwise only a
    loopback client that came through no proxy (no forwarding header): on the metrics listener always, on the
    web app's port only while the app is not published (no metrics listener, MONITOR_BASE_URL loopback), since
    a reverse proxy on this machine that adds no forwarding header makes every visitor look like loopback."""
    from monitor.web.app import is_loopback_host

    token = settings.metrics_token
    if token and hmac.compare_digest(request.headers.get("authorization", "").encode(), f"Bearer {token}".encode()):
        return True
    if not is_loopback_host(request.client.host if request.client else None):
        return False
    if any(header in request.headers for header in _FORWARDING_HEADERS):
        return False
    return listener or (settings.metrics_port is None and is_loopback_host(urlsplit(settings.base_url).hostname))


class ServiceMetrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        labels = ["source"]
        self.runs = Counter("monitor_crawl_runs", "Crawl runs, by source and status (ok, failed, skipped).",
                            ["source", "status"], registry=self.registry)
        self.fetches = Counter("monitor_fetches", "Item pages fetched (200), by source.", labels, registry=self.registry)
        self.errors = Counter("monitor_errors", "Items that failed (fetch or parse), by source.", labels,
                              registry=self.registry)
        self.new_articles = Counter("monitor_new_articles", "New articles stored, by source.", labels,
                                    registry=self.registry)
        self.duplicates = Counter("monitor_duplicates", "Duplicates recorded, by source.", labels, registry=self.registry)
        self.digests_sent = Counter("monitor_digests_sent", "Digest emails sent.", registry=self.registry)
        self.digests_failed = Counter("monitor_digests_failed", "Digest sends that failed, and digests given up on "
                                      "(never sent again: see `monitor digest status`).", registry=self.registry)
        self.alerts_sent = Counter("monitor_alerts_sent", "Source-health alert and all-clear emails sent.",
                                   registry=self.registry)
        self.lateness = Histogram("monitor_job_lateness_seconds", "Delay between a job's scheduled and actual start.",
                                  buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60), registry=self.registry)
        self.budget_stops = Counter("monitor_crawl_budget_stops",
                                    "Crawl runs stopped early by the source's time budget, by source.", labels,
                                    registry=self.registry)
        self.sources = Gauge("monitor_sources_scheduled", "Sources with a scheduled job.", registry=self.registry)

    def record(self, result: SourceRunResult) -> None:
        self.runs.labels(result.name, "failed" if result.failed else "ok").inc()
        self.fetches.labels(result.name).inc(result.fetched)
        self.errors.labels(result.name).inc(result.errors)
        self.new_articles.labels(result.name).inc(result.new)
        self.duplicates.labels(result.name).inc(result.duplicates)
        if result.budget_exhausted:
            self.budget_stops.labels(result.name).inc()

    def endpoint(self, settings: Settings, *, listener: bool) -> Callable[[Request], Awaitable[Response]]:
        """The /metrics handler of the web app's port (listener False) or of the metrics listener."""

        async def metrics(request: Request) -> Response:
            if not metrics_allowed(request, settings, listener=listener):
                if settings.metrics_token:
                    return Response("a bearer token is needed\n", status_code=401, headers={"WWW-Authenticate": "Bearer"})
                return Response("not found\n", status_code=404)
            return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)

        return metrics
