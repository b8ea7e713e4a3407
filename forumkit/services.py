"""The long-lived pieces a process shares: settings, database, registry, clock, HTTP client,
and the outbound address policy every outbound call passes."""

from __future__ import annotations

from dataclasses import dataclass, field

import httpx
from sqlalchemy.engine import Engine

from forumkit.access import AccessCache
from forumkit.clock import Clock, SystemClock
from forumkit.db import make_engine, read_engine, statement_engine
from forumkit.metrics import Metrics
from forumkit.outbound import OutboundPolicy, client
from forumkit.ratelimit import RateLimiter
from forumkit.registry import Registry
from forumkit.settings import Settings


@dataclass
class Services:
    settings: Settings
    engine: Engine  # requests' connections
    registry: Registry
    clock: Clock = field(default_factory=SystemClock)
    http: httpx.Client | None = None
    metrics: Metrics = field(default_factory=Metrics)
    jobs_engine: Engine | None = None  # scheduled jobs' own connections (None: `engine`)
    outbound: OutboundPolicy = field(init=False)
    limiter: RateLimiter = field(init=False)
    access: AccessCache = field(init=False)  # the read path's keys and forums (forumkit.access)
    reader: Engine = field(init=False)  # `engine`'s pool, for transactions that only read
    statement_reader: Engine = field(init=False)  # the same pool, reads with no transaction

    def __post_init__(self) -> None:
        self.outbound = OutboundPolicy.from_allowances(self.settings.outbound_allow)
        self.registry.outbound = self.outbound
        self.limiter = RateLimiter(self.clock, self.settings.rate_per_second,
                                   self.settings.rate_burst)
        self.access = AccessCache(self.clock, self.settings.access_cache_seconds)
        self.reader = read_engine(self.engine)
        self.statement_reader = statement_engine(self.engine)
        # Channels take the service-wide settings they need (SMTP) and the clock once, here,
        # so the outbox worker hands each of them only the delivery.
        for channel in self.registry.channels.values():
            channel.configure(self.settings, self.clock)

    @property
    def jobs(self) -> Engine:
        """The scheduled jobs' engine: a pool apart from the requests', so alerts never wait
        behind a busy read path."""
        return self.jobs_engine or self.engine

    def http_client(self) -> httpx.Client:
        if self.http is None:
            self.http = client(self.outbound, self.settings.http_timeout_seconds)
        return self.http

    @classmethod
    def build(
        cls,
        settings: Settings,
        *,
        registry: Registry | None = None,
        clock: Clock | None = None,
        http: httpx.Client | None = None,
    ) -> Services:
        return cls(
            settings=settings,
            engine=make_engine(settings.database_url, pool_size=settings.db_pool_size,
                               overflow=settings.db_pool_overflow,
                               pool_timeout=settings.db_pool_timeout_seconds),
            jobs_engine=make_engine(settings.database_url, pool_size=5, overflow=5),
            registry=registry if registry is not None else Registry.discover(),
            clock=clock or SystemClock(),
            http=http,
        )

    def close(self) -> None:
        if self.http is not None:
            self.http.close()
        self.engine.dispose()
        if self.jobs_engine is not None:
            self.jobs_engine.dispose()
