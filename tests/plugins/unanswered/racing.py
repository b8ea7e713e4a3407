"""A scheduler process for the race test: its own engine, the same frozen moment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from forumkit.clock import FrozenClock
from forumkit.plugin import JobContext
from forumkit.plugins.unanswered.jobs import fire_due_count
from forumkit.registry import Registry
from forumkit.services import Services
from forumkit.settings import Settings


def run_scheduler_process(url: str, now: datetime, start: Any, results: Any) -> None:
    services = Services.build(
        Settings(database_url=url, _env_file=None),  # type: ignore[call-arg]
        registry=Registry.discover(), clock=FrozenClock(now),
    )
    try:
        start.wait(timeout=30)
        handled = fire_due_count(JobContext(engine=services.engine, now=now, app=services))
        results.put(handled)
    finally:
        services.close()
