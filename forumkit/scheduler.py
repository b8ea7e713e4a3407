"""The scheduler: core jobs (outbox delivery, clean-up) and the jobs plugins declare.

Every job is safe to run in several processes at once: the database decides who does
what (claims with leases, SKIP LOCKED on PostgreSQL, unique keys), never this process.

The outbox has a dispatcher of its own (forumkit.outbox.worker): the job only asks it to
claim what is due, and its threads send. Shutting the scheduler down stops the dispatcher
first, which cuts sends in flight short and hands their rows back for the next worker.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from apscheduler.schedulers.background import BackgroundScheduler
from sqlmodel import col, delete

from forumkit.db import session_scope
from forumkit.ingest.models import IngestedEvent, WebhookReceipt
from forumkit.outbox.worker import Dispatcher, deliver_due
from forumkit.plugin import JobContext, JobSpec
from forumkit.services import Services

log = logging.getLogger(__name__)
EVENT_IDS_KEPT = timedelta(days=30)  # longer than any platform retries a webhook


def core_jobs(app: Services, dispatcher: Dispatcher | None = None) -> list[JobSpec]:
    def deliver(ctx: JobContext) -> None:
        if dispatcher is not None:
            dispatcher.fill()
        else:
            _drain(ctx.app)

    return [
        JobSpec("outbox.deliver", deliver, app.settings.outbox_poll_seconds),
        JobSpec("core.retention", lambda ctx: forget_old_receipts(ctx.app), 3600),
    ]


def _drain(app: Services) -> None:
    # Without a dispatcher (a job run by hand): one pass after another while full batches
    # come back, so a backlog is not held to one batch a run.
    while deliver_due(app) >= app.settings.outbox_batch_size:
        pass


def forget_old_receipts(app: Services) -> None:
    now = app.clock.now()
    webhook_cutoff = now - timedelta(seconds=2 * app.settings.webhook_tolerance_seconds)
    with session_scope(app.jobs) as session:
        session.execute(
            delete(WebhookReceipt).where(col(WebhookReceipt.received_at) < webhook_cutoff)
        )
        session.execute(
            delete(IngestedEvent).where(col(IngestedEvent.received_at) < now - EVENT_IDS_KEPT)
        )


def all_jobs(app: Services, dispatcher: Dispatcher | None = None) -> list[JobSpec]:
    jobs = core_jobs(app, dispatcher)
    for plugin in app.registry.plugins.values():
        jobs.extend(replace(spec, plugin=plugin.name) for spec in plugin.jobs())
    return jobs


def run_job(app: Services, spec: JobSpec) -> None:
    try:
        spec.func(JobContext(engine=app.jobs, now=app.clock.now(), app=app,
                             plugin=spec.plugin))
    except Exception:
        log.exception("job failed", extra={"job": spec.name})


def _runner(app: Services, spec: JobSpec) -> Callable[[], None]:
    return lambda: run_job(app, spec)


class Runner(BackgroundScheduler):
    """APScheduler's background scheduler, with the outbox dispatcher stopped first on
    shutdown: sends in flight are cut short and their rows handed back, so the process ends
    within seconds however slow the receivers are."""

    def __init__(self, dispatcher: Dispatcher, stop_seconds: float) -> None:
        super().__init__(timezone="UTC")
        self.dispatcher = dispatcher
        self.stop_seconds = stop_seconds

    def shutdown(self, wait: bool = True) -> None:
        self.dispatcher.stop(self.stop_seconds)
        super().shutdown(wait=wait)


def start(app: Services) -> BackgroundScheduler:
    dispatcher = Dispatcher(app)
    scheduler = Runner(dispatcher, app.settings.outbox_stop_seconds)
    jobs = all_jobs(app, dispatcher)
    for spec in jobs:
        scheduler.add_job(
            _runner(app, spec), "interval", seconds=spec.seconds, id=spec.name,
            max_instances=1, coalesce=True, misfire_grace_time=None, **spec.options,
        )
    scheduler.start()
    log.info("scheduler started", extra={"jobs": [j.name for j in jobs]})
    return scheduler
