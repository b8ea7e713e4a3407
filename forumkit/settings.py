"""Service settings, read from FORUMKIT_* environment variables and an optional .env file."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="FORUMKIT_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///./var/forumkit.db",
        description="SQLAlchemy URL; sqlite:///path or postgresql+psycopg://user@host/db",
    )
    host: str = "127.0.0.1"
    port: int = 8000
    public_url: str = Field(
        default="http://127.0.0.1:8000", description="Where platforms and moderators reach us"
    )
    log_level: str = "INFO"
    max_body_bytes: int = Field(default=1_048_576, description="Largest request body accepted")
    max_batch_events: int = Field(default=500, description="Most events in one ingest batch")
    webhook_tolerance_seconds: int = Field(default=300, description="Allowed signature clock skew")
    run_scheduler: bool = Field(default=True, description="Run scheduled jobs inside `serve`")
    outbox_poll_seconds: float = 1.0
    outbox_batch_size: int = 50
    outbox_lease_seconds: int = Field(default=60, description="A claimed delivery is retried after")
    outbox_max_attempts: int = 8
    outbox_backoff_base_seconds: float = 2.0
    outbox_backoff_cap_seconds: float = 3600.0
    http_timeout_seconds: float = 10.0
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
    # Failed sign-ins on the pages, counted in each process's memory (forumkit/web/throttle.py).
    sign_in_failures_per_address: int = Field(
        default=10, ge=1, description="Failed sign-ins from one address before it must wait")
    sign_in_failures_overall: int = Field(
        default=100, ge=1, description="Failed sign-ins from all addresses before all must wait")
    sign_in_window_seconds: int = Field(
        default=900, ge=1, description="How long a failed sign-in counts")


@lru_cache
def get_settings() -> Settings:
    return Settings()
