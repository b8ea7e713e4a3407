"""Service settings, read from FORUMKIT_* environment variables and an optional .env file."""

from __future__ import annotations

import os
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from forumkit.outbound import parse_allowance


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FORUMKIT_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///./var/forumkit.db",
        description="SQLAlchemy URL; sqlite:///path or postgresql+psycopg://user@host/db",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str = Field(
        default="",
        description="Where platforms and moderators reach us; unset: http://HOST:PORT",
    )
    log_level: str = "INFO"
    max_body_bytes: int = Field(default=1_048_576, description="Largest request body accepted")
    max_batch_events: int = Field(default=500, description="Most events in one ingest batch, "
                                  "native or webhook")
    rate_per_second: float = Field(default=500.0, ge=0, description="Requests a second each "
                                   "API key (and each forum's webhook) may make; 0: no limit")
    rate_burst: int = Field(default=1000, ge=1, description="Requests a key may make at once "
                            "above that rate")
    db_pool_size: int = Field(default=10, ge=1, le=500, description="Database connections "
                              "the API keeps open (PostgreSQL); jobs have their own")
    db_pool_overflow: int = Field(default=10, ge=0, le=500, description="Connections opened "
                                  "above db_pool_size at busy times")
    db_pool_timeout_seconds: float = Field(default=2.0, gt=0, le=60, description="A request "
                                           "waiting longer for a connection is answered 503")
    max_requests_in_flight: int | None = Field(
        default=None, ge=1, description="Requests served at once; the rest wait their turn. "
        "Unset: as many as the requests' database connections (db_pool_size + "
        "db_pool_overflow), so a request that starts always finds one; on SQLite at most "
        "two a core")
    request_queue_seconds: float = Field(
        default=0.5, ge=0, le=30, description="How long a request waits for its turn before "
        "it is answered 503 with Retry-After")
    access_cache_seconds: float = Field(
        default=5.0, ge=0, le=300, description="How long the read path keeps a key's grant and "
        "its forum's plugins, settings and wording in memory; another process's change (a "
        "revoked key, a plugin switched off) applies here within this time; 0: not kept")
    metrics_token: str = Field(default="", description="When set, /metrics asks for "
                               "`Authorization: Bearer <token>` (FORUMKIT_METRICS_TOKEN)")
    webhook_tolerance_seconds: int = Field(default=300, description="Allowed signature clock skew")
    run_scheduler: bool = Field(default=True, description="Run scheduled jobs inside `serve`")
    outbox_poll_seconds: float = 1.0
    outbox_batch_size: int = 50
    outbox_lease_seconds: int = Field(default=60, description="A claimed delivery is retried after")
    outbox_max_attempts: int = 8
    outbox_backoff_base_seconds: float = 2.0
    outbox_backoff_cap_seconds: float = 3600.0
    outbox_concurrency: int = Field(
        default=8, ge=1, description="Deliveries in flight at once in one process")
    outbox_per_destination: int = Field(
        default=4, ge=1, description="Deliveries in flight at once to one alert target, in "
        "one process (a forum's platform gets one at a time, in order)")
    outbox_breaker_failures: int = Field(
        default=5, ge=1, description="Failures in a row after which a destination is paused")
    outbox_breaker_pause_seconds: float = Field(
        default=60.0, gt=0, description="First pause of a failing destination; doubles "
        "with each failed probe, up to the backoff cap")
    outbox_stop_seconds: float = Field(
        default=5.0, ge=0, description="How long a stopping worker waits for deliveries it "
        "cannot cut short (e-mail) before handing them back")
    http_timeout_seconds: float = Field(
        default=10.0, gt=0, description="Total time for one outbound HTTP request: "
        "connecting, sending and reading the answer together")
    # Forum admins choose where webhooks, Slack alerts and adapter calls go; private and
    # loopback addresses are refused unless listed here (forumkit.outbound).
    outbound_allow: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Comma-separated hosts, IPs or CIDRs that may be called although private "
        "or loopback, e.g. 10.0.5.0/24,forum.internal",
    )
    # The e-mail alert channel sends through this server; without smtp_host and smtp_from,
    # e-mail alerts fail with a clear error.
    smtp_host: str | None = Field(default=None, description="SMTP server for e-mail alerts")
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_from: str | None = Field(default=None, description="From address of alert e-mails")
    smtp_username: str | None = Field(default=None, description="Log in when set")
    smtp_password: SecretStr | None = None
    smtp_security: Literal["starttls", "ssl", "none"] = Field(
        default="starttls", description="starttls (port 587), ssl (port 465) or none"
    )
    smtp_timeout_seconds: float = Field(default=10.0, gt=0)
    demo_keys_file: str = Field(
        default="./var/demo-keys.json",
        description="Where `forumkit demo` keeps the demo forum's keys (mode 0600), so a "
        "restart prints the same keys",
    )

    # Failed sign-ins on the pages, counted in each process's memory (forumkit/web/throttle.py).
    sign_in_failures_per_address: int = Field(
        default=10, ge=1, description="Failed sign-ins from one address before it must wait")
    sign_in_failures_overall: int = Field(
        default=100, ge=1, description="Failed sign-ins from all addresses before all must wait")
    sign_in_window_seconds: int = Field(
        default=900, ge=1, description="How long a failed sign-in counts")

    @field_validator("outbound_allow", mode="before")
    @classmethod
    def _allowances(cls, value: Any) -> list[str]:
        if value is None:
            return []
        items = value.split(",") if isinstance(value, str) else list(value)
        return [parse_allowance(str(item)) for item in items if str(item).strip()]

    @model_validator(mode="after")
    def _public_url_follows_address(self) -> Settings:
        # Unless set, the public URL is where `serve` listens, so a changed port shows in
        # every printed URL; a wildcard address is reached on this machine as 127.0.0.1.
        if not self.public_url:
            self.public_url = local_url(self.host, self.port)
        return self

    @property
    def requests_at_once(self) -> int:
        """Requests served at once: `max_requests_in_flight`, else the connections requests
        may hold, and on SQLite at most two a core this process may run on. SQLite works
        inside the process, so its requests are all work for one interpreter, which more
        threads only take turns on: two a core keep it busy (bench/README.md#in-flight)."""
        if self.max_requests_in_flight is not None:
            return self.max_requests_in_flight
        connections = self.db_pool_size + self.db_pool_overflow
        if self.database_url.startswith("sqlite"):
            return min(connections, 2 * usable_cores())
        return connections

    def serving_at(self, host: str | None, port: int | None) -> Settings:
        """These settings for `serve --host/--port`; a derived public URL follows them."""
        host, port = host or self.host, port or self.port
        update: dict[str, object] = {"host": host, "port": port}
        if self.public_url == local_url(self.host, self.port):
            update["public_url"] = local_url(host, port)
        return self.model_copy(update=update)


def local_url(host: str, port: int) -> str:
    """http://host:port, with 127.0.0.1 for an address that means every interface."""
    if host in ("", "0.0.0.0", "::"):
        host = "127.0.0.1"
    if ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def usable_cores() -> int:
    """The cores this process may run on (fewer than the machine's when pinned)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@lru_cache
def get_settings() -> Settings:
    return Settings()
