"""Service settings, read from FORUMKIT_* environment variables and an optional .env file."""

from __future__ import annotations

from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator
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

    @field_validator("outbound_allow", mode="before")
    @classmethod
    def _allowances(cls, value: Any) -> list[str]:
        if value is None:
            return []
        items = value.split(",") if isinstance(value, str) else list(value)
        return [parse_allowance(str(item)) for item in items if str(item).strip()]


@lru_cache
def get_settings() -> Settings:
    return Settings()
