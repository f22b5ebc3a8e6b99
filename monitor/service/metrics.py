"""Prometheus metrics of one `monitor serve` process (prometheus-client, a registry per service)."""

from __future__ import annotations

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

__all__ = ["ServiceMetrics"]


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
        self.alerts_sent = Counter("monitor_alerts_sent", "Source-health alert and all-clear emails sent.",
                                   registry=self.registry)
        self.lateness = Histogram("monitor_job_lateness_seconds", "Delay between a job's scheduled and actual start.",
                                  buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60), registry=self.registry)
        self.sources = Gauge("monitor_sources_scheduled", "Sources with a scheduled job.", registry=self.registry)

    def record(self, result: SourceRunResult) -> None:
        self.runs.labels(result.name, "failed" if result.failed else "ok").inc()
        self.fetches.labels(result.name).inc(result.fetched)
        self.errors.labels(result.name).inc(result.errors)
        self.new_articles.labels(result.name).inc(result.new)
        self.duplicates.labels(result.name).inc(result.duplicates)

    async def endpoint(self, _request: Request) -> Response:
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)
