"""Prometheus metrics, one registry per process (or per app in tests)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "forumkit_http_requests", "HTTP requests", ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "forumkit_http_request_seconds", "HTTP request latency", ["method", "route"],
            buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
            registry=self.registry,
        )
        self.events = Counter(
            "forumkit_events_ingested", "Events applied", ["result"], registry=self.registry
        )
        self.deliveries = Counter(
            "forumkit_outbox_deliveries", "Outbox delivery attempts", ["result"],
            registry=self.registry,
        )
        self.outbox_depth = Gauge(
            "forumkit_outbox_items", "Outbox rows by status", ["status"], registry=self.registry
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)
